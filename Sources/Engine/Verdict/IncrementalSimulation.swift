/// A simulation that follows a timeline step by step, re-resolving only the (resolver view,
/// name) pairs and re-judging only the rows that a step can affect.
public struct IncrementalSimulation {
    public private(set) var world: World
    public private(set) var simulation: Simulation
    /// The rows of the current world, in FORMAT.md's order.
    public private(set) var rows: [Row]
    /// False: every step is evaluated in full (the reference the incremental path is tested against).
    public let incremental: Bool

    public init(world: World, incremental: Bool = true) {
        self.world = world
        self.simulation = Simulation(world: world)
        self.rows = simulation.rows()
        self.incremental = incremental
    }

    /// Applies a step; on refusal nothing changes.
    public mutating func apply(_ step: Step) -> Refusal? {
        var next = world
        if let refusal = next.apply(step) { return refusal }
        advance(to: next)
        return nil
    }

    /// Moves to `next`, recomputing what the difference can reach.
    public mutating func advance(to next: World) {
        guard incremental else {
            world = next
            simulation = Simulation(world: next)
            rows = simulation.rows()
            return
        }
        let diff = WorldDiff(from: world, to: next)
        let updated = Simulation(world: next, resolver: Resolver(world: next, reusing: simulation.resolver, diff: diff))
        var result: [Row] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            if diff.resources.contains(row.resource), next.resource(row.resource) == nil { continue }
            if affected(row, by: diff), let network = next.network(row.network), let resource = next.resource(row.resource) {
                result.append(updated.row(network, resource, row.endpoint, row.fqdn))
            } else {
                result.append(row)
            }
        }
        world = next
        simulation = updated
        rows = result
    }

    private func affected(_ row: Row, by diff: WorldDiff) -> Bool {
        if diff.networks.contains(row.network) || diff.reach.contains(row.network) || diff.resources.contains(row.resource) {
            return true
        }
        if let answer = row.answer, diff.owners.contains(answer) { return true }
        if let via = row.via, let scope = world.endpoint(via)?.spec.scope, diff.scopes.contains(scope) { return true }
        return diff.touches(row.resolution)
    }
}
