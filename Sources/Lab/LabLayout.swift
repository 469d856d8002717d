import AmplsimEngine

/// Who answers a name that a view hands on: where a BIND forwarder points.
package enum LabDestination: Hashable, Sendable {
    /// The internet server (the simulated public DNS).
    case internet
    /// Azure DNS of a network (a view of the lab server, chosen by the source address 127.0.2.N).
    case azure(network: NetworkID)
    /// A custom DNS server's own named.
    case server(ServerID)
    /// Nothing can be reached: the "nowhere" server refuses every query, so the asking view
    /// answers SERVFAIL. The text says why.
    case nowhere(String)
}

/// The lab's addresses and routes for one world: which loopback address stands for which network, and where
/// each view sends what it does not hold (Docs/model.md#resolving-a-name-from-a-network). Pure: no I/O.
package struct LabLayout {
    /// A network of the topology as the lab presents it.
    package struct NetworkEntry: Hashable, Sendable {
        package var name: NetworkID
        /// 1-based position in the topology.
        package var index: Int
        package var kind: NetworkKind
        package var dns: DNSSetting
        /// The source address that makes the lab server answer as this network's clients' resolver.
        package var clientAddress: String { "127.0.1.\(index)" }
        /// The source address that makes the lab server answer as Azure DNS of this network.
        var azureAddress: String { "127.0.2.\(index)" }
    }

    package let world: World
    package let networks: [NetworkEntry]
    /// The custom DNS servers, in topology order.
    package let servers: [DNSServer]
    private let reachability: Reachability

    /// The most networks the per-network loopback addresses (127.0.1.1 to 127.0.1.254) can hold.
    static let maxNetworks = 254

    /// Why a world cannot become a lab.
    package struct TooLarge: Error, CustomStringConvertible, Sendable {
        package var networks: Int
        package var description: String {
            "the lab gives each network one loopback address (127.0.1.1 to 127.0.1.\(LabLayout.maxNetworks)); this topology has \(networks) networks"
        }
    }

    package init(world: World) throws(TooLarge) {
        if world.networks.count > LabLayout.maxNetworks { throw TooLarge(networks: world.networks.count) }
        self.world = world
        self.networks = world.networks.enumerated().map {
            NetworkEntry(name: $1.name, index: $0 + 1, kind: $1.kind, dns: $1.dns)
        }
        self.servers = world.servers
        self.reachability = Reachability(world: world)
    }

    package func network(_ name: NetworkID) -> NetworkEntry? { networks.first { $0.name == name } }

    /// The zones linked to a network, in topology order, with each link's fallback flag.
    func linkedZones(_ network: NetworkID) -> [(zone: Zone, fallback: Bool)] {
        world.zones.compactMap { zone in
            zone.links.first { $0.network == network }.map { (zone, $0.fallbackToInternet) }
        }
    }

    /// Where a client of `network` sends every name: its own Azure DNS view (nil), or a destination.
    func clientRoute(_ entry: NetworkEntry) -> LabDestination? {
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
            return addressRoute(address, from: entry.name, asker: entry.name.name)
        }
    }

    /// Where a name sent to `address` from network `from` goes: the server or inbound endpoint
    /// that holds it, if `from` reaches it.
    func addressRoute(_ address: IPv4Address, from: NetworkID, asker: String) -> LabDestination {
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
    func azureRoute(_ entry: NetworkEntry) -> LabDestination {
        entry.kind == .onprem ? .nowhere("Azure DNS serves only Azure networks: \(entry.name) is on-premises") : .internet
    }

    /// Where server `server` sends the names of a forwarder (or of its default) to `target`.
    package func serverRoute(_ server: DNSServer, _ target: ForwardTarget) -> LabDestination {
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

    /// A server's default route: its forwarder for "." when it has one, else its `default`
    /// (the engine's `Routing.ServerTable`).
    package func defaultTarget(_ server: DNSServer) -> ForwardTarget {
        Routing.ServerTable(server, in: world).forwarders[DNSName(canonical: "")] ?? server.defaultTarget
    }

    /// The hosted zones of a server, in the order it lists them.
    func hostedZones(_ server: DNSServer) -> [Zone] { server.zones.compactMap { world.zone($0) } }

    // MARK: DNS servers as named writes them

    /// How a DNS server routes a name, in the terms of its named: a hosted zone (by id), or a
    /// forwarder entry by domain (the root: its default, the view's forwarders).
    package enum ServerRoute: Hashable, Sendable {
        case zone(ZoneID)
        case forward(DNSName)
    }

    /// One forwarder entry of a server: its default (domain `.`) first, then its conditional
    /// forwarders in order; `hostedBy` names the hosted zone that holds the domain (such an entry
    /// is never used: the zone answers every name in it).
    package struct ServerForwarder: Sendable {
        package var domain: DNSName
        package var target: ForwardTarget
        package var route: LabDestination
        package var hostedBy: Zone?
    }

    /// The forwarder entries of a server as its named writes them.
    package func forwarders(_ server: DNSServer) -> [ServerForwarder] {
        let hosted = hostedZones(server)
        let target = defaultTarget(server)
        var entries = [ServerForwarder(domain: DNSName(canonical: ""), target: target, route: serverRoute(server, target), hostedBy: nil)]
        for forwarder in server.forwarders where !forwarder.domain.isRoot {
            let zone = hosted.first { forwarder.domain.isInside($0.name) }
            entries.append(ServerForwarder(domain: forwarder.domain, target: forwarder.target,
                                           route: serverRoute(server, forwarder.target), hostedBy: zone))
        }
        return entries
    }

    /// The route a server's named takes for `name`: the longest hosted zone that holds it, else the forwarder
    /// with the longest matching domain, else its default (Docs/model.md#resolving-a-name-from-a-network).
    package func serverRoute(_ server: DNSServer, for name: DNSName) -> ServerRoute {
        switch Routing.serverRoute(name, Routing.ServerTable(server, in: world)) {
        case .zone(let id): return .zone(id)
        case .forward(let domain, _): return .forward(domain)
        }
    }

    /// The network whose Azure DNS a server's named asks (its `query-source` 127.0.2.N): the
    /// first its written routes need. A named has one query source, so a route to Azure DNS of
    /// another network cannot be written (`unsupported`).
    func azureSource(_ server: DNSServer) -> NetworkID? {
        LabLayout.firstAzure(forwarders(server).filter { $0.hostedBy == nil }.map(\.route))
    }

    /// Why `server` cannot ask Azure DNS of `network` when it asks as `source`.
    package func unsupported(server: ServerID, source: NetworkID, network: NetworkID) -> String {
        "DNS server \(server) forwards to Azure DNS of \(source) and of \(network): a named asks the lab server from one source address"
    }

    /// The route a server's named writes for a forwarder entry: a route to Azure DNS of a network
    /// other than its query source goes nowhere.
    package func written(_ entry: ServerForwarder, of server: DNSServer) -> LabDestination {
        if case .azure(let network) = entry.route, let source = azureSource(server), network != source {
            return .nowhere(unsupported(server: server.name, source: source, network: network))
        }
        return entry.route
    }

    // MARK: Forwarding rulesets in Azure DNS views

    /// How the Azure DNS view of a network routes a name, in BIND's terms: a linked zone (by
    /// id), the forward zone of a rule (the root rule: the view's forwarders), a reserved domain's
    /// forward zone back to the internet server (written when a `.` rule applies), or the view's
    /// default forwarders (public DNS).
    package enum AzureRoute: Hashable, Sendable {
        case zone(ZoneID)
        case rule(DNSName)
        case reserved(DNSName)
        case publicDNS
    }

    /// An enabled rule that the Azure DNS view of a network applies.
    package struct AzureRule: Sendable {
        package var ruleset: RulesetID
        package var rule: ForwardingRule
        /// Where its names go (Docs/model.md#resolving-a-name-from-a-network): the first target held by a DNS
        /// server or an inbound endpoint that the ruleset's resolver network reaches; nowhere when none is,
        /// and when that target is Azure DNS of the view's own network (a loop).
        var destination: LabDestination
        /// The linked zone that holds the rule's domain: Azure DNS answers those names from the
        /// zone, so the rule is not written.
        package var zone: Zone?
    }

    /// The enabled rules of the rulesets linked to `network`, rulesets in topology order, one
    /// rule per domain (the first; two enabled rules of a domain are an input error).
    package func azureRules(_ network: NetworkID) -> [AzureRule] {
        guard let entry = world.network(network), entry.kind == .vnet else { return [] }
        let zones = linkedZones(network).map(\.zone)
        return Routing.appliedRules(world.rulesets(linkedTo: network)).map { applied in
            let rule = applied.rule
            let zone = rule.domain.isRoot ? nil : zones.first { rule.domain.isInside($0.name) }
            return AzureRule(ruleset: applied.ruleset.name, rule: rule,
                             destination: ruleDestination(applied.ruleset, rule, in: network), zone: zone)
        }
    }

    /// Where a rule of `ruleset`, applied by Azure DNS of `network`, sends its names.
    func ruleDestination(_ ruleset: ForwardingRuleset, _ rule: ForwardingRule, in network: NetworkID) -> LabDestination {
        let from = Routing.forwardingNetwork(of: ruleset, in: world)
        switch Routing.ruleTarget(rule, from: from, world: world, reachability: reachability) {
        case .server(let name, _)?:
            return .server(name)
        case .inbound(let resolver, let home, let target)?:
            if home == network {
                return .nowhere("a loop: \(resolver)'s inbound endpoint \(target) is Azure DNS of \(network) itself")
            }
            return .azure(network: home)
        case nil:
            break
        }
        let targets = rule.targets.map(\.description).joined(separator: ", ")
        return .nowhere("no target (\(targets)) is held by a DNS server or inbound endpoint that \(from?.name ?? ""), where \(ruleset.resolver) forwards from, reaches")
    }

    /// The network whose Azure DNS the Azure DNS view of `network` asks (its `query-source`
    /// 127.0.2.N): the first its written rules need.
    func azureSource(network: NetworkID) -> NetworkID? {
        LabLayout.firstAzure(azureRules(network).filter { $0.zone == nil }.map(\.destination))
    }

    /// Why the Azure DNS view of `view` cannot ask Azure DNS of `network` when it asks as `source`.
    package func unsupported(view: NetworkID, source: NetworkID, network: NetworkID) -> String {
        "Azure DNS of \(view) forwards rules to Azure DNS of \(source) and of \(network): a view asks the lab server from one source address"
    }

    /// The route the Azure DNS view of `network` writes for a rule.
    package func written(_ rule: AzureRule, in network: NetworkID) -> LabDestination {
        if case .azure(let other) = rule.destination, let source = azureSource(network: network), other != source {
            return .nowhere(unsupported(view: network, source: source, network: other))
        }
        return rule.destination
    }

    /// How the Azure DNS view of `network` routes `name` in BIND: the longest linked zone, else
    /// the deepest forward zone (a rule's, or a reserved domain's when a `.` rule applies), else
    /// the `.` rule, else public DNS.
    func azureRoute(_ network: NetworkID, for name: DNSName) -> AzureRoute {
        let zones = linkedZones(network).map(\.zone).filter { name.isInside($0.name) }
        if let zone = zones.max(by: { $0.name.text.count < $1.name.text.count }) { return .zone(zone.id) }
        let rules = azureRules(network).filter { $0.zone == nil }
        let hasRoot = rules.contains { $0.rule.domain.isRoot }
        var best: AzureRoute?
        var depth = -1
        for rule in rules where !rule.rule.domain.isRoot && name.isInside(rule.rule.domain) && rule.rule.domain.text.count > depth {
            best = .rule(rule.rule.domain)
            depth = rule.rule.domain.text.count
        }
        if hasRoot {
            for domain in ForwardingRuleset.reservedDomains where name.isInside(domain) && domain.text.count > depth {
                best = .reserved(domain)
                depth = domain.text.count
            }
        }
        return best ?? (hasRoot ? .rule(DNSName(canonical: "")) : .publicDNS)
    }

    private static func firstAzure(_ routes: [LabDestination]) -> NetworkID? {
        for route in routes { if case .azure(let network) = route { return network } }
        return nil
    }

    // MARK: Views

    /// True when some view needs a separate "Azure DNS of this network" view: the network's
    /// clients use a custom DNS server (otherwise the client view is Azure DNS itself).
    func needsSeparateAzureView(_ entry: NetworkEntry) -> Bool {
        switch entry.dns {
        case .azure: return false
        case .server: return true
        case .address(let address): return address != .azureDNS
        }
    }
}
