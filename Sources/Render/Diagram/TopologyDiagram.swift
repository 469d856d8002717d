import AmplsimEngine

/// What a topology diagram shows, before it is written as DOT: the networks with their private
/// endpoints and DNS servers, the zones and which networks see them, the scopes, and for each
/// network one flow per (target, status) saying where its names resolve.
///
/// Everything is in a fixed order (topology order, then by name), so the same world and rows
/// always give the same diagram.
public struct TopologyDiagram: Hashable, Sendable {
    /// Where a network's names end up.
    public enum Target: Hashable, Sendable, Comparable {
        /// A private endpoint: the one that holds the answered address (a row's `via`).
        case endpoint(String)
        /// A public address: Azure Monitor's public endpoints.
        case publicInternet
        /// No address anyone serves: NXDOMAIN, SERVFAIL, or a private address nobody holds.
        case failure(Status)
    }

    /// A network: an Azure VNet or an on-premises site.
    public struct NetworkBox: Hashable, Sendable {
        public var name: NetworkID
        public var kind: NetworkKind
        public var addressSpace: [String]
        /// "Azure DNS", "DNS server NAME", "DNS resolver NAME (ADDRESS)" or "DNS at ADDRESS".
        public var dns: String
        /// The server or resolver box its clients ask, when one is drawn by that name.
        public var asks: String?
        public var transit: Bool
        public var internetEgress: Bool
        public var hostsEntries: Int
        /// False for a network drawn only because a focused network's names or DNS lead to it.
        public var focused: Bool
        /// Rows of this network that succeed and that fail (zero for context networks); for a
        /// box that stands for alike networks, of all of them.
        public var succeeded: Int
        public var failed: Int
        /// The other networks this box stands for (`mergingAlikeNetworks`), in topology order.
        public var alike: [NetworkID] = []
    }

    /// A private endpoint, drawn inside its network.
    public struct EndpointBox: Hashable, Sendable {
        public var name: String
        public var network: NetworkID
        public var scope: String
        public var subnet: String
        /// The addresses it holds, as ranges ("10.0.1.4-10.0.1.13").
        public var addresses: [String]
        public var addressCount: Int
        /// Its zone group (zone ids); empty for manual DNS.
        public var zoneGroup: [String]
    }

    /// A custom DNS server or a DNS Private Resolver, drawn inside the network it runs in.
    public struct ServerBox: Hashable, Sendable {
        public var name: String
        public var network: NetworkID
        /// "DNS server", "DNS server, windows" or "DNS Private Resolver".
        public var kind: String = "DNS server"
        /// A resolver's inbound endpoint addresses.
        public var inbound: [String] = []
        /// Zone ids it hosts.
        public var zones: [String]
        /// Its conditional forwarders grouped by target, targets in first-use order.
        public var forwarders: [Forwarding]
        public var defaultTarget: String
    }

    /// The domains a server forwards to one target.
    public struct Forwarding: Hashable, Sendable {
        public var target: String
        public var domains: [String]
    }

    /// Zones that the same networks link (with the same fallback) and the same servers host:
    /// one box, so that five zones shared by thirty spokes draw thirty lines, not a hundred and fifty.
    public struct ZoneGroup: Hashable, Sendable {
        /// Stable within one diagram: "zones1", "zones2", ... in the order of each group's first zone.
        public var id: String
        public var zones: [ZoneRef]
        /// Linked networks (of those drawn), in topology order, with their fallback flag.
        public var links: [ZoneLink]
        /// Servers (of those drawn) that host these zones.
        public var hostedBy: [String]
    }

    /// A zone by id and name.
    public struct ZoneRef: Hashable, Sendable {
        public var id: String
        public var name: String
    }

    /// An AMPLS and its members.
    public struct ScopeBox: Hashable, Sendable {
        public var name: String
        public var resources: [String]
        public var ingestionAccessMode: AccessMode
        public var queryAccessMode: AccessMode
    }

    /// A peering or a connection between two drawn networks.
    public struct Join: Hashable, Sendable {
        public var a: NetworkID
        public var b: NetworkID
        public var kind: LinkKind
    }

    /// A forwarder from one drawn server to another.
    public struct Forward: Hashable, Sendable {
        public var from: String
        public var to: String
        public var domains: [String]
    }

    /// Where some of a network's rows resolve, and with which status.
    public struct Flow: Hashable, Sendable {
        public var network: NetworkID
        public var target: Target
        public var status: Status
        /// How many rows (resource, endpoint) take this path.
        public var rows: Int
        /// The distinct names asked, sorted.
        public var names: [String]
        /// How many of `names` are shared by every resource (api, dc, live, ...); the rest are
        /// workspaces' own names (ods, oms, agentsvc).
        public var sharedNames: Int
        /// The resources whose rows these are, in topology order.
        public var resources: [String]
        /// In a diagram of a change (`markingChanges`): how many of these rows succeeded before
        /// and fail now, and failed before and succeed now.
        public var broke = 0
        public var healed = 0
        /// Rows that failed before and fail now for another reason.
        public var stillBroken = 0
    }

    /// The networks drawn, in topology order.
    public var networks: [NetworkBox]
    /// The private endpoints of the networks drawn, in creation order.
    public var endpoints: [EndpointBox]
    /// The DNS servers running in the networks drawn, in topology order.
    public var servers: [ServerBox]
    /// The zones, grouped by what they are attached to, in the order of each group's first zone.
    public var zoneGroups: [ZoneGroup]
    /// The scopes of the endpoints drawn, in topology order.
    public var scopes: [ScopeBox]
    /// Peerings and connections between networks drawn.
    public var joins: [Join]
    /// Forwarders between servers drawn.
    public var forwards: [Forward]
    /// Flows by network (topology order), then target, then status.
    public var flows: [Flow]
    /// Every row drawn, counted.
    public var summary: Summary
    /// True for a diagram of a change: arrows are coloured by what changed (`markingChanges`).
    public var showsChange = false

    /// The flow from `network` to `target` with `status`, if the diagram has one.
    public func flow(_ network: NetworkID, _ target: Target, _ status: Status) -> Flow? {
        flows.first { $0.network == network && $0.target == target && $0.status == status }
    }
}

extension TopologyDiagram {
    /// The diagram of a change: each flow counts the rows of `breaks` (success before, failure
    /// after), `heals` (the other way) and `stillBroken` (failing before and after, for another
    /// reason) that now take it; `DiagramDOT` draws arrows with breaks
    /// red, with heals green, and the others grey. The diagram should be the one after the change.
    public func markingChanges(breaks: [RowChange], heals: [RowChange], stillBroken: [RowChange] = []) -> TopologyDiagram {
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
