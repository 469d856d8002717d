/// A simulation that follows a timeline step by step, re-resolving only the (resolver view,
/// name) pairs and re-judging only the rows that a step can affect.
///
/// The rows of the first world are kept as they are (`initialRows`); a step records only the
/// rows it re-judged, by index. Finding them costs one check per (network, distinct name), and
/// one per (resolver view, name) for the networks that share an Azure DNS view, never one per
/// row: a step that touches nothing costs next to nothing, whatever the size of the tenant.
public struct IncrementalSimulation {
    public private(set) var world: World
    public private(set) var simulation: Simulation
    /// False: every step is evaluated in full (the reference the incremental path is tested against).
    public let incremental: Bool
    /// The rows of the first world, in the row order of Docs/topology.md.
    public let initialRows: [Row]
    /// The rows whose status changed in the last step, in row order, then the rows that
    /// disappeared (their resource was deleted).
    public private(set) var lastChanges: [RowChange] = []
    /// How many rows the steps so far judged again (every row, for a step evaluated in full).
    public private(set) var rowsJudged = 0

    /// Incremental: the rows re-judged since the first world. `changed[i]` is the place in
    /// `changedRows` of row i, or -1; a changed row of nil was deleted with its resource.
    /// (Arrays, not a dictionary: a step may re-judge hundreds of thousands of rows.)
    private var changed: [Int32] = []
    private var changedRows: [Row?] = []
    private var changedIndices: [Int] = []
    /// Full evaluation: the current rows.
    private var fullRows: [Row]?
    /// The layout of `initialRows`: per network, the same cells in the same order.
    private let cells: [Cell]
    /// Per distinct name, the cells that ask it; per resource, its cells.
    private let cellsOfName: [[Int]]
    private let cellsOfResource: [ResourceID: [Int]]
    private let names: [DNSName]
    /// The first world's live resources, in layout order.
    private let resourceNames: [ResourceID]

    private struct Cell {
        /// The resource's index in the first world's layout.
        var r: Int
        var kind: EndpointKind
        var fqdn: DNSName
        var name: Int
    }

    public init(world: World, incremental: Bool = true) {
        self.world = world
        self.simulation = Simulation(world: world)
        self.incremental = incremental
        self.initialRows = simulation.rows()
        let layout = simulation.layout
        var cells: [Cell] = []
        var cellsOfName = [[Int]](repeating: [], count: layout.names.count)
        var cellsOfResource: [ResourceID: [Int]] = [:]
        for (r, (resource, row)) in zip(layout.resources, layout.cells).enumerated() {
            for cell in row {
                cellsOfName[cell.name].append(cells.count)
                cellsOfResource[resource.name, default: []].append(cells.count)
                cells.append(Cell(r: r, kind: cell.kind, fqdn: cell.fqdn, name: cell.name))
            }
        }
        self.cells = cells
        self.cellsOfName = cellsOfName
        self.cellsOfResource = cellsOfResource
        self.names = layout.names
        self.resourceNames = layout.resources.map(\.name)
    }

    /// The rows of the current world, in the row order of Docs/topology.md.
    public var rows: [Row] {
        if let fullRows { return fullRows }
        if changedRows.isEmpty { return initialRows }
        var result: [Row] = []
        result.reserveCapacity(initialRows.count)
        for (i, row) in initialRows.enumerated() {
            let place = changed[i]
            if place < 0 {
                result.append(row)
            } else if let now = changedRows[Int(place)] {
                result.append(now)
            }
        }
        return result
    }

    /// The rows whose status differs between the first world and the current one: in row order,
    /// then the rows that disappeared (as `Replay.diff(initialRows, rows)` gives them).
    public var changesSinceStart: [RowChange] {
        if let fullRows { return Replay.diff(initialRows, fullRows) }
        var changes: [RowChange] = []
        var gone: [RowChange] = []
        for i in changedIndices.sorted() {
            let before = initialRows[i]
            guard let after = changedRows[Int(changed[i])] else {
                gone.append(RowChange(before: before, after: nil))
                continue
            }
            if after.status != before.status { changes.append(RowChange(before: before, after: after)) }
        }
        return changes + gone
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
        // Rows of a new network, and answers that go through forwarding rules (which read rules,
        // links and reachability from the resolver's network), are not tracked row by row: such
        // steps, and every step after one, are evaluated in full.
        guard incremental, fullRows == nil, next.networks.count == world.networks.count,
              next.rulesets.isEmpty, next.resolvers.isEmpty else {
            let before = rows
            world = next
            simulation = Simulation(world: next)
            fullRows = simulation.rows()
            rowsJudged += fullRows!.count
            lastChanges = Replay.diff(before, fullRows!)
            return
        }
        let diff = WorldDiff(from: world, to: next)
        let updated = Simulation(world: next, resolver: Resolver(world: next, reusing: simulation.resolver, diff: diff))
        var changes: [RowChange] = []
        var gone: [RowChange] = []
        if !diff.isEmpty {
            rejudge(diff, next, updated, &changes, &gone)
        }
        world = next
        simulation = updated
        lastChanges = changes + gone
    }

    /// The current row at an index (nil: deleted).
    private func current(_ index: Int) -> Row? {
        if changed.isEmpty { return initialRows[index] }
        let place = changed[index]
        return place < 0 ? initialRows[index] : changedRows[Int(place)]
    }

    /// Records the current row at an index.
    private mutating func record(_ row: Row?, at index: Int) {
        if changed.isEmpty { changed = [Int32](repeating: -1, count: initialRows.count) }
        let place = changed[index]
        if place >= 0 {
            changedRows[Int(place)] = row
        } else {
            changed[index] = Int32(changedRows.count)
            changedRows.append(row)
            changedIndices.append(index)
        }
    }

    private mutating func rejudge(_ diff: WorldDiff, _ next: World, _ updated: Simulation,
                                  _ changes: inout [RowChange], _ gone: inout [RowChange]) {
        let perNetwork = cells.count
        let deleted = next.deletedResources.subtracting(world.deletedResources)
        // The first world's resources as they are now (nil: deleted).
        let resourceNow = resourceNames.map { next.resource($0) }
        let live = cells.map { resourceNow[$0.r] != nil }
        // Cells of the resources the step changed (flags, memberships), in every network.
        var resourceCells: [Int] = []
        for name in diff.resources where !deleted.contains(name) { resourceCells += cellsOfResource[name] ?? [] }
        let deletedCells = deleted.flatMap { cellsOfResource[$0] ?? [] }.sorted()
        // Per shared view and name: 0 not yet known, 1 unaffected, 2 affected.
        var viewState: [Int: [UInt8]] = [:]
        var marked = [Bool](repeating: false, count: perNetwork)

        for (n, network) in world.networks.enumerated() {
            let base = n * perNetwork
            for c in deletedCells where current(base + c) != nil {
                gone.append(RowChange(before: current(base + c), after: nil))
                record(nil, at: base + c)
            }
            var any = false
            if diff.networks.contains(network.name) || diff.reach.contains(network.name) {
                for c in 0..<perNetwork where live[c] { marked[c] = true }
                any = true
            } else {
                for c in resourceCells { marked[c] = true; any = true }
                let view = simulation.sharedView(of: network)
                // The view's states, taken out of the dictionary while they are updated.
                var states = view.flatMap { viewState.removeValue(forKey: $0) } ?? []
                if view != nil && states.isEmpty { states = [UInt8](repeating: 0, count: names.count) }
                for name in names.indices {
                    let affected: Bool
                    if view != nil, states[name] != 0 {
                        affected = states[name] == 2
                    } else {
                        guard let representative = cellsOfName[name].first(where: { live[$0] }) else { continue }
                        affected = current(base + representative).map { reads($0, diff) } ?? false
                        if view != nil { states[name] = affected ? 2 : 1 }
                    }
                    guard affected else { continue }
                    for c in cellsOfName[name] where live[c] { marked[c] = true }
                    any = true
                }
                if let view { viewState[view] = states }
            }
            guard any, let now = next.network(network.name) else { continue }
            // Re-judge the marked rows, each name answered once.
            let view = updated.sharedView(of: now)
            var paths: [NetworkID: NetworkPath?] = [:]
            var answers = [Simulation.Answer?](repeating: nil, count: names.count)
            for c in 0..<perNetwork where marked[c] {
                marked[c] = false
                let cell = cells[c]
                guard let resource = resourceNow[cell.r], let old = current(base + c) else { continue }
                let answer: Simulation.Answer
                if let known = answers[cell.name] {
                    answer = known
                } else {
                    answer = updated.answer(cell.fqdn, view: view, from: now, paths: &paths)
                    answers[cell.name] = answer
                }
                let row = updated.row(now, resource, cell.kind, cell.fqdn, answer)
                rowsJudged += 1
                record(row, at: base + c)
                if row.status != old.status { changes.append(RowChange(before: old, after: row)) }
            }
        }
    }

    /// True when a row's answer may read something the step changed: a zone or public name on
    /// its resolution, its address's owner, or the scope of the endpoint that holds it.
    private func reads(_ row: Row, _ diff: WorldDiff) -> Bool {
        if let answer = row.answer, diff.owners.contains(answer) { return true }
        if let via = row.via, let scope = world.endpoint(via)?.spec.scope, diff.scopes.contains(scope) { return true }
        return diff.touches(row.resolution, asking: row.network)
    }
}
