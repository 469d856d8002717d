/// Ways out applied to copies of the world after the steps, each evaluated once for every break
/// it is suggested for.
///
/// A copy is not simulated from scratch: it shares with the evaluation after the steps what the
/// change leaves valid (public DNS, reachability or the one peering it adds, the Azure DNS views,
/// the rows' layout, and the resolver's answers that read nothing the change touched), so that
/// checking a hosts entry costs a few resolutions, not a tenant's. A way out that only changes
/// what one network reaches or sees is kept while the breaks of that network are judged (breaks
/// come network by network); one that can reach every network is kept to the end.
struct WayOutChecks {
    let before: World
    /// The evaluation after the steps.
    let after: IncrementalSimulation
    /// False: every copy is simulated from scratch (the reference the sharing is tested against).
    let sharing: Bool
    /// Per way out applied: the simulation of its copy, nil when the change does not apply.
    private var wide: [WayOut.Kind: Simulation?] = [:]
    private var narrow: [WayOut.Kind: Simulation?] = [:]
    /// The network whose narrow ways out `narrow` holds.
    private var narrowNetwork: NetworkID?
    /// Per wide way out that heals: rows that succeed after the steps and fail once it is applied.
    private var collateral: [WayOut.Kind: Int?] = [:]
    private var counted = 0

    /// The most ways out whose effect on every other row is counted (each costs an incremental
    /// evaluation of the world); later ones say nothing about other rows.
    static let collateralBudget = 16

    init(before: World, after: IncrementalSimulation, sharing: Bool = true) {
        self.before = before
        self.after = after
        self.sharing = sharing
    }

    /// Applies `kind` to a copy of the world after the steps (once) and judges the row there.
    mutating func check(_ kind: WayOut.Kind, _ row: Row) -> WayOut {
        let way = WayOut(kind, heals: nil)
        guard let simulation = simulation(of: way) else { return WayOut(kind, heals: false) }
        guard let network = simulation.world.network(row.network), let resource = simulation.world.resource(row.resource) else {
            return WayOut(kind, heals: false)
        }
        let status = simulation.row(network, resource, row.endpoint, row.fqdn).status
        return WayOut(kind, heals: status.succeeds, result: status,
                      breaksOthers: status.succeeds && way.isWide ? collateral(of: kind, simulation.world) : nil)
    }

    /// The simulation of the copy `way` makes (nil: it does not apply), made on first use.
    private mutating func simulation(of way: WayOut) -> Simulation? {
        if way.isWide {
            if let known = wide[way.kind] { return known }
            let made = make(way.kind)
            wide[way.kind] = made
            return made
        }
        let network = way.network
        if network != narrowNetwork {
            narrow.removeAll(keepingCapacity: true)
            narrowNetwork = network
        }
        if let known = narrow[way.kind] { return known }
        let made = make(way.kind)
        narrow[way.kind] = made
        return made
    }

    private func make(_ kind: WayOut.Kind) -> Simulation? {
        var world = after.world
        guard apply(kind, to: &world) else { return nil }
        // A resource linked and records written again change names, scopes and zones at once:
        // that copy is simulated afresh (it is offered only for a name gone with no endpoint of
        // the resource's scope left, which is rare), not through a diff of the evaluation.
        if case .addToScopeAndRewrite = kind { return Simulation(world: world) }
        return sharing ? simulate(world, after: kind) : Simulation(world: world)
    }

    /// Applies a way out to `world`; false when it does not apply (a step refused, no zone to
    /// copy, a way out that needs a design choice).
    private func apply(_ kind: WayOut.Kind, to world: inout World) -> Bool {
        switch kind {
        case .peer(let network, let home):
            return world.apply(.peer(network, home)) == nil
        case .ownZones(let network, let serving):
            return world.giveOwnZones(to: network, from: before, writing: serving)
        case .rewriteRecords(let endpoint):
            return world.rewriteRecords(of: endpoint)
        case .hostsEntry(let network, let name, let address):
            world.setHostsEntry(network: network, name: name, address: address)
            return true
        case .addToScope(let resource, let scope, _, _):
            return world.apply(.linkResource(scope: scope, resource: resource)) == nil
        case .addToScopeAndRewrite(let resource, let scope, _, let endpoint):
            return world.apply(.linkResource(scope: scope, resource: resource)) == nil && world.rewriteRecords(of: endpoint)
        case .openScope(let scope, let category):
            return world.apply(.setScopeAccess(scope: scope, ingestionAccessMode: category == .ingestion ? .open : nil,
                                               queryAccessMode: category == .query ? .open : nil)) == nil
        case .hub, .customZone:
            return false
        }
    }

    /// A simulation of `changed`, which `kind` made from the world after the steps, sharing what
    /// the change leaves valid of that world's evaluation. Only the answers the change can
    /// reach are computed again.
    private func simulate(_ changed: World, after kind: WayOut.Kind) -> Simulation {
        let base = after.simulation
        var keepPublic = true
        var reach: Reachability?
        var views = Resolver.ViewReuse.keep
        var networks = Set<NetworkID>()
        switch kind {
        case .peer(let network, let home):
            let pair = NetworkPair(network, home)
            let current = base.resolver.reachability
            reach = current.knows(pair) ? Reachability(current, setting: pair, to: changed.adjacency[pair])
                : Reachability(world: changed)
            networks = [network, home]
        case .ownZones(let network, _):
            views = .update([network])
            networks = [network]
        case .hostsEntry(let network, _, _):
            networks = [network]
        case .addToScope, .addToScopeAndRewrite:
            // Linking a resource publishes its names and writes its records through the scope's
            // endpoints.
            keepPublic = false
        case .rewriteRecords, .openScope, .hub, .customZone:
            break
        }
        // Rules and inbound endpoints read reachability in ways a diff does not follow: a changed
        // path in a world that has them keeps no answer.
        var diff: WorldDiff?
        if reach == nil || (changed.rulesets.isEmpty && changed.resolvers.isEmpty) {
            diff = WorldDiff(resolutionsFrom: base.world, to: changed, networks: networks,
                             reach: reach == nil ? [] : networks, publicNames: !keepPublic)
        }
        let resolver = Resolver(world: changed, sharing: base.resolver, publicDNS: keepPublic, reachability: reach,
                                views: views, diff: diff)
        return Simulation(world: changed, resolver: resolver, base: base)
    }

    /// How many rows that succeed after the steps fail in `world` (once per way out, for at most
    /// `collateralBudget` of them): the evaluation after the steps, advanced to `world`, judges
    /// again only the rows the change can reach.
    private mutating func collateral(of kind: WayOut.Kind, _ world: World) -> Int? {
        if let known = collateral[kind] { return known }
        guard counted < WayOutChecks.collateralBudget else { return nil }
        counted += 1
        guard sharing else {
            // The reference counts each way out once too, so that both spend the budget alike.
            let broken = collateralInFull(world)
            collateral[kind] = broken
            return broken
        }
        var evaluation = after
        evaluation.advance(to: world)
        let broken = evaluation.lastChanges.filter { change in
            change.before?.status.succeeds == true && change.after.map { !$0.status.succeeds } == true
        }.count
        collateral[kind] = broken
        return broken
    }

    /// The same count from two simulations of the whole world, before and after the change.
    private func collateralInFull(_ world: World) -> Int {
        var statuses: [Row.Key: Status] = [:]
        Simulation(world: after.world).forEachRow { statuses[$0.key] = $0.status }
        var broken = 0
        Simulation(world: world).forEachRow { row in
            if statuses[row.key]?.succeeds == true && !row.status.succeeds { broken += 1 }
        }
        return broken
    }
}

extension WayOut {
    /// The network whose rows a narrow way out changes.
    var network: NetworkID? {
        switch kind {
        case .peer(let network, _), .hub(let network), .ownZones(let network, _), .hostsEntry(let network, _, _):
            return network
        case .customZone, .rewriteRecords, .addToScope, .addToScopeAndRewrite, .openScope:
            return nil
        }
    }
}
