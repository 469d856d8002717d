/// A simulation that follows a timeline step by step, re-resolving only the (resolver view,
/// name) pairs and re-judging only the rows that a step can affect.
///
/// The rows of the first world are kept as compact records (`BaseRows`,
/// Docs/performance.md#the-what-if-base), made into `Row` values only where a step reports them
/// or a caller asks for them; a step records only the rows it re-judged, by index, as records of
/// the same tables. Finding them
/// costs one check per (network, distinct name), and one per (resolver view, name) for the
/// networks that share an Azure DNS view, never one per row: a step that touches nothing costs
/// next to nothing, whatever the size of the tenant.
package struct IncrementalSimulation {
    package private(set) var world: World
    package private(set) var simulation: Simulation
    /// False: every step is evaluated in full (the reference the incremental path is tested against).
    package let incremental: Bool
    /// The rows of the first world, in the row order of Docs/topology.md (made from the compact
    /// base on each call: every row of the tenant).
    package var initialRows: [Row] { base.rows }
    /// How many rows the first world has.
    package var initialRowCount: Int { base.count }
    /// The first world's rows, as records (and the tables of the rows re-judged since).
    private(set) var base: BaseRows
    /// The rows whose status changed in the last step, in row order, then the rows that
    /// disappeared (their resource was deleted).
    package private(set) var lastChanges: [RowChange] = []
    /// How many rows the steps so far judged again (every row, for a step evaluated in full).
    package private(set) var rowsJudged = 0

    /// Incremental: the rows re-judged since the first world. `changed[i]` is the place in
    /// `changedRows` of row i, or -1; a changed row of `Record.deleted` was deleted with its
    /// resource. (Arrays, not a dictionary: a step may re-judge hundreds of thousands of rows.)
    private var changed: [Int32] = []
    private var changedRows: [BaseRows.Record] = []
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

    package init(world: World, incremental: Bool = true) {
        self.world = world
        self.simulation = Simulation(world: world)
        self.incremental = incremental
        self.base = BaseRows(simulation)
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
    package var rows: [Row] {
        if let fullRows { return fullRows }
        if changedRows.isEmpty { return base.rows }
        var result: [Row] = []
        result.reserveCapacity(base.count)
        for i in 0..<base.count {
            let place = changed[i]
            if place < 0 {
                result.append(base[i])
            } else if changedRows[Int(place)].exists {
                result.append(base.row(i, changedRows[Int(place)]))
            }
        }
        return result
    }

    /// The rows whose status differs between the first world and the current one: in row order,
    /// then the rows that disappeared (as `Replay.diff(initialRows, rows)` gives them).
    package var changesSinceStart: [RowChange] {
        if let fullRows { return base.changes(to: fullRows) ?? Replay.diff(base.rows, fullRows) }
        var changes: [RowChange] = []
        var gone: [RowChange] = []
        for i in changedIndices.sorted() {
            let after = changedRows[Int(changed[i])]
            guard after.exists else {
                gone.append(RowChange(before: base[i], after: nil))
                continue
            }
            if base.status(of: after) != base.status(i) {
                changes.append(RowChange(before: base[i], after: base.row(i, after)))
            }
        }
        return changes + gone
    }

    /// Applies a step; on refusal nothing changes.
    package mutating func apply(_ step: Step) -> Refusal? {
        var next = world
        if let refusal = next.apply(step) { return refusal }
        advance(to: next)
        return nil
    }

    /// Moves to `next`, recomputing what the difference can reach.
    mutating func advance(to next: World) {
        // Rows of a new network, and answers that go through forwarding rules (which read rules,
        // links and reachability from the resolver's network), are not tracked row by row: such
        // steps, and every step after one, are evaluated in full.
        guard incremental, fullRows == nil, next.networks.count == world.networks.count,
              next.rulesets.isEmpty, next.resolvers.isEmpty else {
            let evaluated = Simulation(world: next)
            let after = evaluated.rows()
            lastChanges = changes(to: after)
            world = next
            simulation = evaluated
            fullRows = after
            rowsJudged += after.count
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

    /// The rows whose status differs between the current rows and `after` (as
    /// `Replay.diff(rows, after)` gives them). While the current rows are the first world's, in
    /// the same order as `after`, a base row is made only where its status changed, not every
    /// row of the tenant.
    private func changes(to after: [Row]) -> [RowChange] {
        if fullRows == nil, changedRows.isEmpty, let changes = base.changes(to: after) { return changes }
        return Replay.diff(rows, after)
    }

    /// The current row at an index (nil: deleted).
    private func current(_ index: Int) -> Row? {
        if changed.isEmpty { return base[index] }
        let place = changed[index]
        if place < 0 { return base[index] }
        let record = changedRows[Int(place)]
        return record.exists ? base.row(index, record) : nil
    }

    /// The current row's status at an index (nil: deleted), without making the row.
    private func currentStatus(_ index: Int) -> Status? {
        if changed.isEmpty { return base.status(index) }
        let place = changed[index]
        if place < 0 { return base.status(index) }
        let record = changedRows[Int(place)]
        return record.exists ? base.status(of: record) : nil
    }

    /// Records the current row at an index (nil: deleted), the slot of its name given.
    private mutating func record(_ row: Row?, at index: Int, slot: Int = 0) {
        let row = row.map { base.record($0, at: index, slot: slot) } ?? .deleted
        if changed.isEmpty { changed = [Int32](repeating: -1, count: base.count) }
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
            let first = n * perNetwork
            for c in deletedCells where currentStatus(first + c) != nil {
                gone.append(RowChange(before: current(first + c), after: nil))
                record(nil, at: first + c)
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
                        affected = reads(first + representative, diff)
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
            var paths = Simulation.Paths()
            var answers = [Simulation.Answer?](repeating: nil, count: names.count)
            for c in 0..<perNetwork where marked[c] {
                marked[c] = false
                let cell = cells[c]
                guard let resource = resourceNow[cell.r], let old = currentStatus(first + c) else { continue }
                let answer: Simulation.Answer
                if let known = answers[cell.name] {
                    answer = known
                } else {
                    answer = updated.answer(cell.fqdn, view: view, from: now, paths: &paths)
                    answers[cell.name] = answer
                }
                let row = updated.row(now, resource, cell.kind, cell.fqdn, answer)
                rowsJudged += 1
                if row.status != old { changes.append(RowChange(before: current(first + c), after: row)) }
                record(row, at: first + c, slot: cell.name)
            }
        }
    }

    /// True when the current row at an index (not deleted) may read something the step changed:
    /// a zone or public name on its resolution, its address's owner, or the scope of the
    /// endpoint that holds it. A row of the base is read from its record, not made.
    private func reads(_ index: Int, _ diff: WorldDiff) -> Bool {
        let place = changed.isEmpty ? -1 : changed[index]
        if place >= 0 {
            let record = changedRows[Int(place)]
            guard record.exists else { return false }
            return reads(base.resolution(of: record), base.via(of: record), base.network(index), diff)
        }
        return reads(base.resolution(index), base.via(index), base.network(index), diff)
    }

    private func reads(_ resolution: Resolution, _ via: EndpointID?, _ network: NetworkID, _ diff: WorldDiff) -> Bool {
        if let answer = resolution.outcome.address, diff.owners.contains(answer) { return true }
        if let via, let scope = world.endpoint(via)?.spec.scope, diff.scopes.contains(scope) { return true }
        return diff.touches(resolution, asking: network)
    }
}
