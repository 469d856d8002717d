import AmplsimEngine

extension TopologyDiagram {
    /// The diagram of `world` with the flows of `rows`.
    ///
    /// `focus` names the networks asked for (`--network`); `rows` should be theirs. Besides them the
    /// diagram draws, as context, the networks holding the endpoints their names resolve to and the
    /// networks running the DNS servers they ask (following forwarders). Without `focus`, every
    /// network is drawn and focused.
    package init(world: World, rows: [Row], focus: Set<NetworkID>? = nil) {
        let order = Dictionary(world.networks.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })

        // Which networks to draw.
        var shown = focus ?? Set(world.networks.map(\.name))
        if focus != nil {
            for row in rows { if let via = row.via, let home = world.endpoint(via)?.spec.network { shown.insert(home) } }
            var servers: [ServerID] = world.networks.filter { shown.contains($0.name) }.compactMap {
                if case .server(let name) = $0.dns { return name }
                return nil
            }
            var seen = Set<ServerID>()
            while let name = servers.popLast() {
                guard seen.insert(name).inserted, let server = world.server(name) else { continue }
                shown.insert(server.network)
                for target in server.forwarders.map(\.target) + [server.defaultTarget] {
                    if case .server(let next) = target { servers.append(next) }
                }
            }
        }

        // Rows counted per network, and grouped into flows.
        var counts: [NetworkID: (ok: Int, failed: Int)] = [:]
        struct FlowKey: Hashable { var network: NetworkID; var target: Target; var status: Status }
        var grouped: [FlowKey: (rows: Int, names: Set<String>, shared: Set<String>, resources: [String])] = [:]
        var summary = Summary()
        for row in rows {
            summary.count(row.status)
            counts[row.network, default: (0, 0)].ok += row.status.succeeds ? 1 : 0
            counts[row.network, default: (0, 0)].failed += row.status.succeeds ? 0 : 1
            let key = FlowKey(network: row.network, target: Self.target(of: row), status: row.status)
            // Changed in place: a copy of the entry would copy its sets at every row.
            let shared = !row.endpoint.isResourceSpecific(of: row.resourceKind)
            let name = row.fqdn.text
            update(&grouped[key, default: (0, [], [], [])]) { entry in
                entry.rows += 1
                entry.names.insert(name)
                if shared { entry.shared.insert(name) }
                if entry.resources.last != row.resource.name { entry.resources.append(row.resource.name) }
            }
        }
        let endpointOrder = Dictionary(world.endpoints.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        func rank(_ target: Target) -> (Int, String) {
            switch target {
            case .endpoint(let name): return (endpointOrder[EndpointID(name)] ?? Int.max / 2, name)
            case .publicInternet: return (Int.max - 20, "")
            case .failure(let status): return (Int.max - 10, status.rawValue)
            }
        }
        flows = grouped.map { key, value in
            Flow(network: key.network, target: key.target, status: key.status, rows: value.rows,
                 names: value.names.sorted(), sharedNames: value.shared.count, resources: value.resources)
        }.sorted { a, b in
            let (na, nb) = (order[a.network] ?? 0, order[b.network] ?? 0)
            if na != nb { return na < nb }
            let (ta, tb) = (rank(a.target), rank(b.target))
            if ta != tb { return ta < tb }
            return a.status < b.status
        }
        self.summary = summary

        networks = world.networks.filter { shown.contains($0.name) }.map { network in
            let dns: String
            var asks: String?
            switch network.dns {
            case .azure: dns = "Azure DNS"
            case .server(let name): dns = "DNS server \(name)"; asks = name.name
            case .address(let address):
                switch world.holder(of: address) {
                case .server(let name)?: dns = "DNS server \(name) (\(address))"; asks = name.name
                case .inbound(let resolver, _)?: dns = "DNS resolver \(resolver) (\(address))"; asks = resolver.name
                case nil: dns = address == .azureDNS ? "Azure DNS" : "DNS at \(address)"
                }
            }
            let count = counts[network.name] ?? (0, 0)
            return NetworkBox(name: network.name, kind: network.kind, addressSpace: network.addressSpace.map(\.description),
                              dns: dns, asks: asks, transit: network.transit, internetEgress: network.internetEgress,
                              hostsEntries: network.hosts.count, focused: focus?.contains(network.name) ?? true,
                              succeeded: count.ok, failed: count.failed)
        }

        endpoints = world.endpoints.filter { shown.contains($0.spec.network) }.map { endpoint in
            let addresses = endpoint.addresses.values.sorted()
            return EndpointBox(name: endpoint.name.name, network: endpoint.spec.network, scope: endpoint.spec.scope.name,
                               subnet: endpoint.spec.subnet.description, addresses: Self.ranges(addresses),
                               addressCount: addresses.count, zoneGroup: endpoint.spec.dnsZones.map(\.name))
        }

        servers = world.servers.filter { shown.contains($0.network) }.map { server in
            var forwarders: [Forwarding] = []
            for forwarder in server.forwarders {
                let target = forwarder.target.description
                if let i = forwarders.firstIndex(where: { $0.target == target }) {
                    forwarders[i].domains.append(forwarder.domain.description)
                } else {
                    forwarders.append(Forwarding(target: target, domains: [forwarder.domain.description]))
                }
            }
            return ServerBox(name: server.name.name, network: server.network,
                             kind: server.flavor == .windows ? "DNS server, windows" : "DNS server",
                             inbound: server.address.map { [$0.description] } ?? [],
                             zones: server.zones.map(\.name), forwarders: forwarders, defaultTarget: server.defaultTarget.description)
        }
        // DNS Private Resolvers: their inbound endpoints, and their rulesets' enabled rules.
        servers += world.resolvers.filter { shown.contains($0.network) }.map { resolver in
            var forwarders: [Forwarding] = []
            for ruleset in world.rulesets where ruleset.resolver == resolver.name {
                for rule in ruleset.rules where rule.enabled {
                    let target = "\(rule.targets.map(\.description).joined(separator: ", ")) (\(ruleset.name))"
                    if let i = forwarders.firstIndex(where: { $0.target == target }) {
                        forwarders[i].domains.append(rule.domain.description)
                    } else {
                        forwarders.append(Forwarding(target: target, domains: [rule.domain.description]))
                    }
                }
            }
            return ServerBox(name: resolver.name.name, network: resolver.network, kind: "DNS Private Resolver",
                             inbound: resolver.inbound.map(\.description), zones: [], forwarders: forwarders, defaultTarget: "")
        }
        let drawnServers = Set(servers.map(\.name))
        forwards = servers.flatMap { server -> [Forward] in
            var out = server.forwarders.filter { drawnServers.contains($0.target) }
                .map { Forward(from: server.name, to: $0.target, domains: $0.domains) }
            if drawnServers.contains(server.defaultTarget) {
                if let i = out.firstIndex(where: { $0.to == server.defaultTarget }) {
                    out[i].domains.append("(default)")
                } else {
                    out.append(Forward(from: server.name, to: server.defaultTarget, domains: ["(default)"]))
                }
            }
            return out
        }

        // Zones grouped by what they are attached to (among what is drawn).
        struct Attachment: Hashable { var links: [ZoneLink]; var hostedBy: [String] }
        var groups: [(Attachment, [ZoneRef])] = []
        for zone in world.zones {
            let links = zone.links.filter { shown.contains($0.network) }.sorted { (order[$0.network] ?? 0) < (order[$1.network] ?? 0) }
            let hosts = servers.filter { $0.zones.contains(zone.id.name) }.map(\.name)
            guard !links.isEmpty || !hosts.isEmpty || focus == nil else { continue }
            let attachment = Attachment(links: links, hostedBy: hosts)
            let ref = ZoneRef(id: zone.id.name, name: zone.name.description)
            if let i = groups.firstIndex(where: { $0.0 == attachment }) { groups[i].1.append(ref) } else { groups.append((attachment, [ref])) }
        }
        zoneGroups = groups.enumerated().map { i, group in
            ZoneGroup(id: "zones\(i + 1)", zones: group.1, links: group.0.links, hostedBy: group.0.hostedBy)
        }

        let usedScopes = Set(endpoints.map(\.scope))
        scopes = world.scopes.filter { usedScopes.contains($0.name.name) }.map {
            ScopeBox(name: $0.name.name, resources: $0.resources.filter { world.resource($0) != nil }.map(\.name),
                     ingestionAccessMode: $0.ingestionAccessMode, queryAccessMode: $0.queryAccessMode)
        }

        joins = world.adjacency.filter { shown.contains($0.key.a) && shown.contains($0.key.b) }
            .map { Join(a: $0.key.a, b: $0.key.b, kind: $0.value) }
            .sorted { ((order[$0.a] ?? 0), (order[$0.b] ?? 0)) < ((order[$1.a] ?? 0), (order[$1.b] ?? 0)) }
    }

    /// Where a row's names end: the endpoint holding the answer, the internet, or a failure.
    package static func target(of row: Row) -> Target {
        if let via = row.via { return .endpoint(via.name) }
        switch row.status {
        case .public, .publicDenied, .egressBlocked: return .publicInternet
        default: return .failure(row.status)
        }
    }

    /// Sorted addresses as ranges of consecutive ones: "10.0.1.4-10.0.1.13", "10.0.1.20".
    static func ranges(_ addresses: [IPv4Address]) -> [String] {
        var out: [String] = []
        var start: IPv4Address?
        var end: IPv4Address?
        for address in addresses {
            if let last = end, last.value &+ 1 == address.value {
                end = address
                continue
            }
            if let first = start, let last = end { out.append(first == last ? "\(first)" : "\(first)-\(last)") }
            start = address
            end = address
        }
        if let first = start, let last = end { out.append(first == last ? "\(first)" : "\(first)-\(last)") }
        return out
    }
}

/// Applies `change` to `value` in place (through a dictionary's `default:` subscript, without a copy).
private func update<T>(_ value: inout T, _ change: (inout T) -> Void) { change(&value) }
