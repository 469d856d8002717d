import AmplsimEngine

/// What a topology diagram shows, before it is written as DOT: the networks with their private
/// endpoints and DNS servers, the zones and which networks see them, the scopes, and for each
/// network one flow per (target, status) saying where its names resolve.
///
/// Everything is in a fixed order (topology order, then by name), so the same world and rows
/// always give the same diagram.
package struct TopologyDiagram: Hashable, Sendable {
    /// Where a network's names end up.
    package enum Target: Hashable, Sendable, Comparable {
        /// A private endpoint: the one that holds the answered address (a row's `via`).
        case endpoint(String)
        /// A public address: Azure Monitor's public endpoints.
        case publicInternet
        /// No address anyone serves: NXDOMAIN, SERVFAIL, or a private address nobody holds.
        case failure(Status)
    }

    /// A network: an Azure VNet or an on-premises site.
    package struct NetworkBox: Hashable, Sendable {
        package var name: NetworkID
        package var kind: NetworkKind
        package var addressSpace: [String]
        /// "Azure DNS", "DNS server NAME", "DNS resolver NAME (ADDRESS)" or "DNS at ADDRESS".
        package var dns: String
        /// The server or resolver box its clients ask, when one is drawn by that name.
        package var asks: String?
        package var transit: Bool
        package var internetEgress: Bool
        var hostsEntries: Int
        /// False for a network drawn only because a focused network's names or DNS lead to it.
        package var focused: Bool
        /// Rows of this network that succeed and that fail (zero for context networks); for a
        /// box that stands for alike networks, of all of them.
        package var succeeded: Int
        package var failed: Int
        /// The other networks this box stands for (`mergingAlikeNetworks`), in topology order.
        package var alike: [NetworkID] = []
    }

    /// A private endpoint, drawn inside its network.
    package struct EndpointBox: Hashable, Sendable {
        package var name: String
        package var network: NetworkID
        package var scope: String
        package var subnet: String
        /// The addresses it holds, as ranges ("10.0.1.4-10.0.1.13").
        package var addresses: [String]
        var addressCount: Int
        /// Its zone group (zone ids); empty for manual DNS.
        package var zoneGroup: [String]
    }

    /// A custom DNS server or a DNS Private Resolver, drawn inside the network it runs in.
    package struct ServerBox: Hashable, Sendable {
        package var name: String
        package var network: NetworkID
        /// "DNS server", "DNS server, windows" or "DNS Private Resolver".
        package var kind: String = "DNS server"
        /// A resolver's inbound endpoint addresses.
        package var inbound: [String] = []
        /// Zone ids it hosts.
        package var zones: [String]
        /// Its conditional forwarders grouped by target, targets in first-use order.
        package var forwarders: [Forwarding]
        package var defaultTarget: String
    }

    /// The domains a server forwards to one target.
    package struct Forwarding: Hashable, Sendable {
        package var target: String
        package var domains: [String]
    }

    /// Zones that the same networks link (with the same fallback) and the same servers host:
    /// one box, so that five zones shared by thirty spokes draw thirty lines, not a hundred and fifty.
    package struct ZoneGroup: Hashable, Sendable {
        /// Stable within one diagram: "zones1", "zones2", ... in the order of each group's first zone.
        package var id: String
        package var zones: [ZoneRef]
        /// Linked networks (of those drawn), in topology order, with their fallback flag.
        package var links: [ZoneLink]
        /// Servers (of those drawn) that host these zones.
        package var hostedBy: [String]
    }

    /// A zone by id and name.
    package struct ZoneRef: Hashable, Sendable {
        package var id: String
        package var name: String
    }

    /// An AMPLS and its members.
    package struct ScopeBox: Hashable, Sendable {
        package var name: String
        package var resources: [String]
        package var ingestionAccessMode: AccessMode
        package var queryAccessMode: AccessMode
    }

    /// A peering or a connection between two drawn networks.
    package struct Join: Hashable, Sendable {
        package var a: NetworkID
        package var b: NetworkID
        package var kind: LinkKind
    }

    /// A forwarder from one drawn server to another.
    package struct Forward: Hashable, Sendable {
        package var from: String
        package var to: String
        package var domains: [String]
    }

    /// Where some of a network's rows resolve, and with which status.
    package struct Flow: Hashable, Sendable {
        package var network: NetworkID
        package var target: Target
        package var status: Status
        /// How many rows (resource, endpoint) take this path.
        package var rows: Int
        /// The distinct names asked, sorted.
        package var names: [String]
        /// How many of `names` are shared by every resource (api, dc, live, ...); the rest are
        /// workspaces' own names (ods, oms, agentsvc).
        package var sharedNames: Int
        /// The resources whose rows these are, in topology order.
        package var resources: [String]
        /// In a diagram of a change (`markingChanges`): how many of these rows succeeded before
        /// and fail now, and failed before and succeed now.
        package var broke = 0
        package var healed = 0
        /// Rows that failed before and fail now for another reason.
        package var stillBroken = 0
    }

    /// The networks drawn, in topology order.
    package var networks: [NetworkBox]
    /// The private endpoints of the networks drawn, in creation order.
    package var endpoints: [EndpointBox]
    /// The DNS servers running in the networks drawn, in topology order.
    package var servers: [ServerBox]
    /// The zones, grouped by what they are attached to, in the order of each group's first zone.
    package var zoneGroups: [ZoneGroup]
    /// The scopes of the endpoints drawn, in topology order.
    package var scopes: [ScopeBox]
    /// Peerings and connections between networks drawn.
    package var joins: [Join]
    /// Forwarders between servers drawn.
    package var forwards: [Forward]
    /// Flows by network (topology order), then target, then status.
    package var flows: [Flow]
    /// Every row drawn, counted.
    package var summary: Summary
    /// True for a diagram of a change: arrows are coloured by what changed (`markingChanges`).
    var showsChange = false

    /// The flow from `network` to `target` with `status`, if the diagram has one.
    package func flow(_ network: NetworkID, _ target: Target, _ status: Status) -> Flow? {
        flows.first { $0.network == network && $0.target == target && $0.status == status }
    }
}

extension TopologyDiagram {
    /// The diagram of a change: each flow counts the rows of `breaks` (success before, failure
    /// after), `heals` (the other way) and `stillBroken` (failing before and after, for another
    /// reason) that now take it; `DiagramDOT` draws arrows with breaks
    /// red, with heals green, and the others grey. The diagram should be the one after the change.
    package func markingChanges(breaks: [RowChange], heals: [RowChange], stillBroken: [RowChange] = []) -> TopologyDiagram {
        struct Key: Hashable { var network: NetworkID; var target: Target; var status: Status }
        var broke: [Key: Int] = [:], healed: [Key: Int] = [:], still: [Key: Int] = [:]
        for change in stillBroken { if let row = change.after { still[Key(network: row.network, target: Self.target(of: row), status: row.status), default: 0] += 1 } }
        for change in breaks { if let row = change.after { broke[Key(network: row.network, target: Self.target(of: row), status: row.status), default: 0] += 1 } }
        for change in heals { if let row = change.after { healed[Key(network: row.network, target: Self.target(of: row), status: row.status), default: 0] += 1 } }
        var marked = self
        marked.showsChange = true
        for i in marked.flows.indices {
            let flow = marked.flows[i]
            let key = Key(network: flow.network, target: flow.target, status: flow.status)
            marked.flows[i].broke = broke[key] ?? 0
            marked.flows[i].healed = healed[key] ?? 0
            marked.flows[i].stillBroken = still[key] ?? 0
        }
        return marked
    }
}
