/// One of the seed's ways out of a broken path, and whether applying it heals the row.
public struct WayOut: Hashable, Sendable {
    /// What to do, in a few words ("peer vnet1 with vnet2").
    public var text: String
    /// True or false when the engine applied it and judged the row again; nil when it cannot be
    /// checked by applying it (it needs a design choice: a hub, a connection string).
    public var heals: Bool?
    /// The row's status once applied, when checked.
    public var result: Status?
    /// When checked: how many rows that succeed after the steps fail once this is applied (a way
    /// out that heals one network by breaking another is no way out).
    public var breaksOthers: Int?

    public init(text: String, heals: Bool?, result: Status? = nil, breaksOthers: Int? = nil) {
        self.text = text
        self.heals = heals
        self.result = result
        self.breaksOthers = breaksOthers
    }
}

/// The seed's ways out of a break caused by an override: peer the networks, put the endpoint in
/// a hub, give the network its own DNS zones, a custom zone with `endpointSuffix`, a hosts file;
/// and for a scope that lacks the resource, add it or open the scope.
public struct WaysOut {
    public let before: World
    public let after: World
    private var checked: [String: Simulation] = [:]
    /// Per checked way out: rows that succeed after the steps and fail once it is applied.
    private var collateral: [String: Int] = [:]
    /// The rows after the steps, by identity (computed once, when a way out is first checked).
    private var afterStatus: [Row.Key: Status]?
    /// Who reaches whom after the steps (for hosts entries and endpoints to write again).
    private let reach: Reachability

    public init(before: World, after: World) {
        self.before = before
        self.after = after
        self.reach = Reachability(world: after)
    }

    /// The ways out of one break (success before, failure after); empty when the failure is not
    /// one an override causes (SERVFAIL, egress, public access).
    public mutating func suggest(for change: RowChange) -> [WayOut] {
        guard let row = change.after, let old = change.before else { return [] }
        var ways: [WayOut] = []
        var weakening: [WayOut] = []
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
                // Adding a resource that already belongs to another scope routes one team's
                // resources through another team's scope; opening a scope lets every resource
                // through it. Both are offered last, and say so.
                let homes = after.scopes(of: row.resource).map(\.name).filter { $0 != scope }
                let through = homes.isEmpty ? "" : " (weakens isolation: \(row.resource) belongs to \(homes.joined(separator: ", ")), and its traffic would go through \(scope) and \(endpoint?.name ?? scope))"
                weakening.append(check("add \(row.resource) to scope \(scope)\(through)", row, wide: true) {
                    $0.apply(.linkResource(scope: scope, resource: row.resource)) == nil
                })
                if !row.endpoint.isResourceSpecific(of: row.resourceKind) {
                    let category = row.endpoint.category
                    weakening.append(check("set scope \(scope)'s \(category.rawValue) access mode to Open (weakens isolation: every resource's \(category.rawValue) then passes \(scope)'s endpoints)", row, wide: true) {
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
        // Write again the records of an endpoint of the resource's own scope that the network
        // reaches (recreate its zone group): what heals a shared name a later endpoint took over,
        // or one a deleted endpoint took with it.
        for candidate in after.endpoints where !candidate.spec.dnsZones.isEmpty {
            guard let scope = after.scope(candidate.spec.scope), scope.resources.contains(row.resource),
                  reach.reaches(row.network, candidate.spec.network), candidate.name != row.via || row.status != .notInScope else { continue }
            let name = candidate.name
            ways.append(check("write \(name)'s records again (recreate its zone group)", row, wide: true) { $0.rewriteRecords(of: name) })
        }
        if let address = hostsAddress(old, serving, from: row.network) {
            ways.append(check("a hosts-file entry \(row.fqdn.text) \(address) on \(row.network)'s machines", row) {
                $0.setHostsEntry(network: row.network, name: row.fqdn, address: address)
                return true
            })
        }
        return ways + weakening
    }

    /// The address a hosts entry should give: the serving endpoint's address for the name the
    /// chain ended in, else the answer before. Only ever a private endpoint's address, of an
    /// endpoint that still exists and that `network` reaches: a hosts file never pins a public
    /// address (public addresses change without notice).
    private func hostsAddress(_ old: Row, _ serving: [String], from network: String) -> IPv4Address? {
        func usable(_ address: IPv4Address) -> Bool {
            guard let holder = after.owner(of: address) else { return false }
            return reach.reaches(network, holder.spec.network)
        }
        if let last = old.resolution.chain.last {
            for name in serving {
                if let address = after.endpoint(name)?.addresses[last], usable(address) { return address }
            }
        }
        guard let address = old.answer, usable(address) else { return nil }
        return address
    }

    /// Applies `change` to a copy of the world after the steps and judges the row again.
    /// `wide`: the change can reach other networks' rows (records written again, a scope's members
    /// or modes), so the rows it breaks are counted; a peering, a network's own zones or a hosts
    /// entry cannot break a row that works.
    private mutating func check(_ text: String, _ row: Row, wide: Bool = false, _ change: (inout World) -> Bool) -> WayOut {
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
        return WayOut(text: text, heals: status.succeeds, result: status,
                      breaksOthers: status.succeeds && wide ? collateral(of: text, simulation) : nil)
    }

    /// The most ways out whose effect on every other row is counted (each costs a simulation of
    /// the whole world); later ones say nothing about other rows.
    static let collateralBudget = 16

    /// How many rows that succeed after the steps fail in `simulation`'s world (once per way out).
    private mutating func collateral(of text: String, _ simulation: Simulation) -> Int? {
        if let known = collateral[text] { return known }
        guard collateral.count < WaysOut.collateralBudget else { return nil }
        if afterStatus == nil {
            var statuses: [Row.Key: Status] = [:]
            Simulation(world: after).forEachRow { statuses[$0.key] = $0.status }
            afterStatus = statuses
        }
        var broken = 0
        simulation.forEachRow { row in
            if afterStatus?[row.key]?.succeeds == true && !row.status.succeeds { broken += 1 }
        }
        collateral[text] = broken
        return broken
    }
}

extension World {
    /// Writes an endpoint's A record sets again through its zone group, as recreating the zone
    /// group does (a hypothetical, for ways out). False when the endpoint does not exist.
    mutating func rewriteRecords(of name: String) -> Bool {
        guard var state = endpoint(name) else { return false }
        for id in state.spec.dnsZones {
            guard let zone = zone(id) else { continue }
            for record in state.names where AMPLSZone.zone(of: record) == zone.name {
                guard let address = state.addresses[record] else { continue }
                updateContents(id) { $0.write([Record(name: record, ttl: 10, value: .a(address))], by: .endpoint(name)) }
                if !state.written.contains(.init(zone: id, name: record)) { state.written.append(.init(zone: id, name: record)) }
            }
        }
        replaceEndpoint(state)
        return true
    }

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
