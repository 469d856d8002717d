/// How one intent fares in one world: the rows it covers and those that miss its expectation.
package struct IntentResult: Sendable {
    /// The intent's place in the list (0-based).
    package var index: Int
    package var intent: Intent
    /// How many rows it covers.
    package var covered: Int
    /// The covered rows that miss the expectation, in the row order of Docs/topology.md.
    package var violations: [Row]

    /// True when every covered row meets the expectation. An intent that covers no row (its
    /// resources were deleted by a step) holds only when it expects failure: nothing can connect
    /// to a resource that is gone.
    package var holds: Bool { violations.isEmpty && (covered > 0 || intent.expect == .failure) }

    /// The violating rows by status.
    package var counts: [Status: Int] {
        var counts: [Status: Int] = [:]
        for row in violations { counts[row.status, default: 0] += 1 }
        return counts
    }
}

/// The rows intents cover in one world, resolved once, and their evaluation on a simulation of
/// that world or of any world with the same networks and resources (a candidate fix).
///
/// Only the covered rows are judged: per network, each name once, through the network's shared
/// Azure DNS view when it has one; a network whose intents cover most resources is judged whole
/// (`Simulation.forEachRow(of:)`), which shares more work.
package struct IntentCheck: Sendable {
    package let intents: [Intent]

    /// One resource's cells: its endpoints with their client names.
    struct Cells: Sendable {
        var resource: ResourceID
        /// The resource's place in `world.liveResources`.
        var order: Int
        var endpoints: [(kind: EndpointKind, fqdn: DNSName)]
    }

    /// Per intent: the networks it covers (world order) and the resources with the endpoints it
    /// covers (world order).
    struct Plan: Sendable {
        var networks: [NetworkID]
        var resources: [Cells]
    }

    let plans: [Plan]
    /// The networks any intent covers, in world order, with the intents that cover each.
    let networks: [(name: NetworkID, intents: [Int])]
    /// How many live resources the world has (to choose between judging a network whole or
    /// row by row).
    let resourceCount: Int

    /// The coverage of `intents` in `world`.
    package init(_ intents: [Intent], world: World) {
        self.intents = intents
        let live = world.liveResources
        var plans: [Plan] = []
        var byNetwork: [NetworkID: [Int]] = [:]
        for (i, intent) in intents.enumerated() {
            let networks = world.networks.map(\.name).filter(intent.covers(network:))
            var resources: [Cells] = []
            for (order, resource) in live.enumerated() where intent.covers(resource: resource.name) {
                let endpoints = resource.endpoints.filter { intent.covers(endpoint: $0.kind) }
                if !endpoints.isEmpty { resources.append(Cells(resource: resource.name, order: order, endpoints: endpoints)) }
            }
            plans.append(Plan(networks: networks, resources: resources))
            for network in networks { byNetwork[network, default: []].append(i) }
        }
        self.plans = plans
        self.networks = world.networks.compactMap { network in byNetwork[network.name].map { (network.name, $0) } }
        self.resourceCount = live.count
    }

    /// The rows each intent covers, for counting (networks × endpoints).
    func coveredCount(_ index: Int) -> Int {
        plans[index].networks.count * plans[index].resources.reduce(0) { $0 + $1.endpoints.count }
    }

    /// Evaluates every intent in `simulation`'s world.
    package func evaluate(_ simulation: Simulation) -> [IntentResult] {
        var violations = [[Row]](repeating: [], count: intents.count)
        for (name, covering) in networks {
            guard let network = simulation.world.network(name) else { continue }
            judge(network, covering, simulation) { i, row in
                if !intents[i].expect.accepts(row.status) { violations[i].append(row) }
                return true
            }
        }
        return intents.indices.map { i in
            IntentResult(index: i, intent: intents[i], covered: coveredCount(i), violations: violations[i])
        }
    }

    /// True when every intent holds in `simulation`'s world; stops at the first row that misses
    /// its intent. `probes` (row keys) are judged first: rows likely to fail still.
    package func allHold(_ simulation: Simulation, probes: [Row.Key] = []) -> Bool {
        for i in intents.indices where coveredCount(i) == 0 && intents[i].expect != .failure { return false }
        let world = simulation.world
        for key in probes {
            guard let network = world.network(key.network), let resource = world.resource(key.resource),
                  let fqdn = resource.endpoints.first(where: { $0.kind == key.endpoint })?.fqdn else { continue }
            let status = simulation.row(network, resource, key.endpoint, fqdn).status
            for (i, intent) in intents.enumerated() where intent.covers(network: key.network) && intent.covers(resource: key.resource)
                && intent.covers(endpoint: key.endpoint) && !plans[i].networks.isEmpty {
                if !intent.expect.accepts(status) { return false }
            }
        }
        for (name, covering) in networks {
            guard let network = world.network(name) else { continue }
            var ok = true
            judge(network, covering, simulation) { i, row in
                if !intents[i].expect.accepts(row.status) { ok = false }
                return ok
            }
            if !ok { return false }
        }
        return true
    }

    /// Judges the rows of one network that the intents `covering` cover, handing each to `body`
    /// with the intent's index, in row order per intent; `body` returns false to stop.
    private func judge(_ network: Network, _ covering: [Int], _ simulation: Simulation, _ body: (Int, Row) -> Bool) {
        let world = simulation.world
        let wanted = Set(covering.flatMap { plans[$0].resources.map(\.order) })
        if wanted.count * 2 >= resourceCount {
            // Most resources: the whole network, each name resolved and explained once.
            var rows: [ResourceID: [EndpointKind: Row]] = [:]
            simulation.forEachRow(of: network) { row in rows[row.resource, default: [:]][row.endpoint] = row }
            for i in covering {
                for cells in plans[i].resources {
                    for (kind, _) in cells.endpoints {
                        guard let row = rows[cells.resource]?[kind] else { continue }
                        if !body(i, row) { return }
                    }
                }
            }
            return
        }
        let view = simulation.sharedView(of: network)
        var answers: [DNSName: Simulation.Answer] = [:]
        var paths = Simulation.Paths()
        var judged: [Int: [EndpointKind: Row]] = [:]
        for i in covering {
            for cells in plans[i].resources {
                guard let resource = world.resource(cells.resource) else { continue }
                for (kind, fqdn) in cells.endpoints {
                    let row: Row
                    if let known = judged[cells.order]?[kind] {
                        row = known
                    } else {
                        let answer: Simulation.Answer
                        if let known = answers[fqdn] {
                            answer = known
                        } else {
                            answer = simulation.answer(fqdn, view: view, from: network, paths: &paths)
                            answers[fqdn] = answer
                        }
                        row = simulation.row(network, resource, kind, fqdn, answer)
                        judged[cells.order, default: [:]][kind] = row
                    }
                    if !body(i, row) { return }
                }
            }
        }
    }
}

extension IntentCheck {
    /// Evaluates `intents` in `world` (one simulation, covered rows only).
    package static func evaluate(_ intents: [Intent], in world: World) -> [IntentResult] {
        IntentCheck(intents, world: world).evaluate(Simulation(world: world))
    }
}
