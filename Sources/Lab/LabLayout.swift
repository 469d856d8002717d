import AmplsimEngine

/// Who answers a name that a view hands on: where a BIND forwarder points.
public enum LabDestination: Hashable, Sendable {
    /// The internet server (the simulated public DNS).
    case internet
    /// Azure DNS of a network (a view of the lab server, chosen by the source address 127.0.2.N).
    case azure(network: String)
    /// A custom DNS server's own named.
    case server(String)
    /// Nothing can be reached: the "nowhere" server refuses every query, so the asking view
    /// answers SERVFAIL. The text says why.
    case nowhere(String)
}

/// The lab's addresses and routes for one world: which loopback address stands for which
/// network, and where each view sends what it does not hold (MODEL.md section 4). Pure: no I/O.
public struct LabLayout {
    /// A network of the topology as the lab presents it.
    public struct NetworkEntry: Hashable, Sendable {
        public var name: String
        /// 1-based position in the topology.
        public var index: Int
        public var kind: NetworkKind
        public var dns: DNSSetting
        /// The source address that makes the lab server answer as this network's clients' resolver.
        public var clientAddress: String { "127.0.1.\(index)" }
        /// The source address that makes the lab server answer as Azure DNS of this network.
        public var azureAddress: String { "127.0.2.\(index)" }
    }

    public let world: World
    public let networks: [NetworkEntry]
    /// The custom DNS servers, in topology order.
    public let servers: [DNSServer]
    private let reachability: Reachability

    /// The most networks the per-network loopback addresses (127.0.1.1 to 127.0.1.254) can hold.
    public static let maxNetworks = 254

    /// Why a world cannot become a lab.
    public struct TooLarge: Error, CustomStringConvertible, Sendable {
        public var networks: Int
        public var description: String {
            "the lab gives each network one loopback address (127.0.1.1 to 127.0.1.\(LabLayout.maxNetworks)); this topology has \(networks) networks"
        }
    }

    public init(world: World) throws(TooLarge) {
        if world.networks.count > LabLayout.maxNetworks { throw TooLarge(networks: world.networks.count) }
        self.world = world
        self.networks = world.networks.enumerated().map {
            NetworkEntry(name: $1.name, index: $0 + 1, kind: $1.kind, dns: $1.dns)
        }
        self.servers = world.servers
        self.reachability = Reachability(world: world)
    }

    public func network(_ name: String) -> NetworkEntry? { networks.first { $0.name == name } }

    /// The zones linked to a network, in topology order, with each link's fallback flag.
    public func linkedZones(_ network: String) -> [(zone: Zone, fallback: Bool)] {
        world.zones.compactMap { zone in
            zone.links.first { $0.network == network }.map { (zone, $0.fallbackToInternet) }
        }
    }

    /// Where a client of `network` sends every name: its own Azure DNS view (nil), or a destination.
    public func clientRoute(_ entry: NetworkEntry) -> LabDestination? {
        switch entry.dns {
        case .azure:
            if entry.kind == .onprem {
                return .nowhere("Azure DNS serves only Azure networks: \(entry.name) is on-premises")
            }
            return nil
        case .server(let name):
            guard let server = world.server(name) else { return .nowhere("no DNS server named \(name)") }
            if !reachability.reaches(entry.name, server.network) {
                return .nowhere("\(name) runs in \(server.network), which \(entry.name) cannot reach")
            }
            return .server(name)
        case .address(let address):
            if address == .azureDNS { return clientRoute(NetworkEntry(name: entry.name, index: entry.index, kind: entry.kind, dns: .azure)) }
            return addressRoute(address, from: entry.name, asker: entry.name)
        }
    }

    /// Where a name sent to `address` from network `from` goes: the server or inbound endpoint
    /// that holds it, if `from` reaches it.
    public func addressRoute(_ address: IPv4Address, from: String, asker: String) -> LabDestination {
        switch world.holder(of: address) {
        case .server(let name)?:
            guard let other = world.server(name) else { return .nowhere("no DNS server named \(name)") }
            if !reachability.reaches(from, other.network) {
                return .nowhere("\(name) (\(address)) runs in \(other.network), which \(asker) cannot reach")
            }
            return .server(name)
        case .inbound(let resolver, let home)?:
            if !reachability.reaches(from, home) {
                return .nowhere("\(resolver)'s inbound endpoint \(address) is in \(home), which \(asker) cannot reach")
            }
            return .azure(network: home)
        case nil:
            return .nowhere("no DNS server or resolver inbound endpoint holds \(address)")
        }
    }

    /// Where Azure DNS of `network` sends the names its linked zones do not hold.
    public func azureRoute(_ entry: NetworkEntry) -> LabDestination {
        entry.kind == .onprem ? .nowhere("Azure DNS serves only Azure networks: \(entry.name) is on-premises") : .internet
    }

    /// Where server `server` sends the names of a forwarder (or of its default) to `target`.
    public func serverRoute(_ server: DNSServer, _ target: ForwardTarget) -> LabDestination {
        switch target {
        case .internet:
            guard let home = world.network(server.network), home.internetEgress else {
                return .nowhere("\(server.network), where \(server.name) runs, has no internet egress")
            }
            return .internet
        case .azure:
            guard let home = world.network(server.network), home.kind == .vnet else {
                return .nowhere("Azure DNS serves only Azure networks: \(server.name) runs on-premises in \(server.network)")
            }
            return .azure(network: home.name)
        case .server(let name):
            guard let other = world.server(name) else { return .nowhere("no DNS server named \(name)") }
            if !reachability.reaches(server.network, other.network) {
                return .nowhere("\(name) runs in \(other.network), which \(server.network) (\(server.name)) cannot reach")
            }
            return .server(name)
        case .address(let address):
            if address == .azureDNS { return serverRoute(server, .azure) }
            return addressRoute(address, from: server.network, asker: "\(server.network) (\(server.name))")
        }
    }

    /// A server's default route: its forwarder for "." when it has one, else its `default`.
    public func defaultTarget(_ server: DNSServer) -> ForwardTarget {
        server.forwarders.first { $0.domain.text.isEmpty }?.target ?? server.defaultTarget
    }

    /// The hosted zones of a server, in the order it lists them.
    public func hostedZones(_ server: DNSServer) -> [Zone] { server.zones.compactMap { world.zone($0) } }

    /// True when some view needs a separate "Azure DNS of this network" view: the network's
    /// clients use a custom DNS server (otherwise the client view is Azure DNS itself).
    public func needsSeparateAzureView(_ entry: NetworkEntry) -> Bool {
        switch entry.dns {
        case .azure: return false
        case .server: return true
        case .address(let address): return address != .azureDNS
        }
    }
}
