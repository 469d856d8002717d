/// One of the seed's ways out of a broken path, and whether applying it heals the row.
public struct WayOut: Hashable, Sendable {
    /// What to do, in a few words ("peer vnet1 with vnet2").
    public var text: String
    /// True or false when the engine applied it and judged the row again; nil when it cannot be
    /// checked by applying it (it needs a design choice: a hub, a connection string).
    public var heals: Bool?
    /// The row's status once applied, when checked.
    public var result: Status?

    public init(text: String, heals: Bool?, result: Status? = nil) {
        self.text = text
        self.heals = heals
        self.result = result
    }
}

/// The seed's ways out of a break caused by an override: peer the networks, put the endpoint in
/// a hub, give the network its own DNS zones, a custom zone with `endpointSuffix`, a hosts file;
/// and for a scope that lacks the resource, add it or open the scope.
public struct WaysOut {
    public let before: World
    public let after: World
    private var checked: [String: Simulation] = [:]

    public init(before: World, after: World) {
        self.before = before
        self.after = after
    }

    /// The ways out of one break (success before, failure after); empty when the failure is not
    /// one an override causes (SERVFAIL, egress, public access).
    public mutating func suggest(for change: RowChange) -> [WayOut] {
        guard let row = change.after, let old = change.before else { return [] }
        var ways: [WayOut] = []
        let isComponent = row.resourceKind == .component
        let endpoint = row.via.flatMap { after.endpoint($0) }
        switch row.status {
        case .unroutable:
            if let home = endpoint?.spec.network {
                ways.append(check("peer \(row.network) with \(home)", row) { $0.apply(.peer(row.network, home)) == nil })
            }
            ways.append(WayOut(text: "put the private endpoint in a hub network that \(row.network) is peered with", heals: nil))
        case .notInScope:
            if let scope = endpoint?.spec.scope {
                ways.append(check("add \(row.resource) to scope \(scope)", row) {
                    $0.apply(.linkResource(scope: scope, resource: row.resource)) == nil
                })
                if !row.endpoint.isResourceSpecific(of: row.resourceKind) {
                    let category = row.endpoint.category
                    ways.append(check("set scope \(scope)'s \(category.rawValue) access mode to Open", row) {
                        $0.apply(.setScopeAccess(scope: scope, ingestionAccessMode: category == .ingestion ? .open : nil,
                                                 queryAccessMode: category == .query ? .open : nil)) == nil
                    })
                }
            }
        case .nxdomain, .dangling:
            break
        default:
            return []
        }
        // The endpoints that should serve the network: its own, else the one that served it before.
        let own = after.endpoints.filter { $0.spec.network == row.network }.map(\.name)
        let serving = own.isEmpty ? [old.via].compactMap { $0 }.filter { after.endpoint($0) != nil } : own
        let base = before
        ways.append(check("give \(row.network) its own private DNS zones", row) { world in
            world.giveOwnZones(to: row.network, from: base, writing: serving)
        })
        if isComponent && !row.endpoint.isResourceSpecific(of: row.resourceKind) && row.endpoint != .query {
            ways.append(WayOut(text: "a custom zone for \(row.resource) with EndpointSuffix in its connection string", heals: nil))
        }
        if let address = hostsAddress(old, serving) {
            ways.append(check("a hosts-file entry \(row.fqdn.text) \(address) on \(row.network)'s machines", row) {
                $0.setHostsEntry(network: row.network, name: row.fqdn, address: address)
                return true
            })
        }
        return ways
    }

    /// The address a hosts entry should give: the serving endpoint's address for the name the
    /// chain ended in, else the answer before, if its holder still exists (or it is public).
    private func hostsAddress(_ old: Row, _ serving: [String]) -> IPv4Address? {
        if let last = old.resolution.chain.last {
            for name in serving { if let address = after.endpoint(name)?.addresses[last] { return address } }
        }
        guard let address = old.answer else { return nil }
        if let holder = before.owner(of: address)?.name, after.endpoint(holder) == nil { return nil }
        return address
    }

    /// Applies `change` to a copy of the world after the steps and judges the row again.
    private mutating func check(_ text: String, _ row: Row, _ change: (inout World) -> Bool) -> WayOut {
        let simulation: Simulation
        if let known = checked[text] {
            simulation = known
        } else {
            var world = after
            guard change(&world) else { return WayOut(text: text, heals: false) }
            simulation = Simulation(world: world)
            checked[text] = simulation
        }
        guard let network = simulation.world.network(row.network), let resource = simulation.world.resource(row.resource) else {
            return WayOut(text: text, heals: false)
        }
        let status = simulation.row(network, resource, row.endpoint, row.fqdn).status
        return WayOut(text: text, heals: status.succeeds, result: status)
    }
}

extension World {
    /// Adds a hosts-file entry to a network (a hypothetical, for ways out).
    mutating func setHostsEntry(network: String, name: DNSName, address: IPv4Address) {
        updateNetwork(network) { $0.hosts[name] = address }
    }

    /// Gives `network` its own copy of every AMPLS zone it links: the records it saw in `base`,
    /// then the records of the `serving` endpoints written again, so that no other endpoint's
    /// writes reach it. Returns false when the network links no such zone.
    mutating func giveOwnZones(to network: String, from base: World, writing serving: [String]) -> Bool {
        let linked = zones.filter { zone in AMPLSZone.all.contains(zone.name) && zone.links.contains { $0.network == network } }
        guard !linked.isEmpty else { return false }
        let endpoints = serving.compactMap { endpoint($0) }
        for zone in linked {
            var copy = base.contents[zone.id] ?? ZoneContents(apex: zone.name)
            for served in endpoints {
                for name in served.names where AMPLSZone.zone(of: name) == zone.name {
                    if let address = served.addresses[name] {
                        copy.write([Record(name: name, ttl: 10, value: .a(address))], by: .endpoint(served.name))
                    }
                }
            }
            let id = "\(zone.id)+own-\(network)"
            updateZone(zone.id) { $0.links.removeAll { $0.network == network } }
            addZone(Zone(id: id, name: zone.name, links: [ZoneLink(network: network)]), contents: copy)
        }
        return true
    }
}
