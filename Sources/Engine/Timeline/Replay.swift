/// A row that changed status across a step: what it was and what it became.
package struct RowChange: Hashable, Sendable {
    package var before: Row?
    package var after: Row?

    /// The row's identity, from whichever side exists (a change has a row before it, after it,
    /// or both).
    package var key: Row.Key {
        guard let row = after ?? before else { preconditionFailure("a row change without a row") }
        return row.key
    }

    /// Success → failure.
    package var breaks: Bool { before?.status.succeeds == true && after.map { !$0.status.succeeds } ?? true }
    /// Failure → success.
    package var heals: Bool { before.map { !$0.status.succeeds } ?? false && after?.status.succeeds == true }
    /// Failure → another failure ("still broken, was not-in-scope, now nxdomain").
    package var stillBroken: Bool {
        guard let before, let after else { return false }
        return !before.status.succeeds && !after.status.succeeds && before.status != after.status
    }
}

extension Row {
    /// A row's identity: one network, resource and endpoint.
    package struct Key: Hashable, Sendable {
        package var network: NetworkID
        package var resource: ResourceID
        package var endpoint: EndpointKind
    }

    package var key: Key { Key(network: network, resource: resource, endpoint: endpoint) }
}

/// What one step did: refused or applied, and the rows whose status changed.
package struct StepReport: Hashable, Sendable {
    package var index: Int
    package var step: TimelineStep
    package var refusal: Refusal?
    package var changes: [RowChange]
}

/// What a replay produced: a report per step, and the rows before the first and after the last.
package struct ReplayResult {
    package var reports: [StepReport]
    package var world: World
    /// The rows before the first step (made on each call from the evaluation's compact base:
    /// every row of the tenant).
    package var initialRows: [Row] { evaluator.initialRows }
    /// How many rows the first state has.
    package var initialRowCount: Int { evaluator.initialRowCount }
    /// The rows whose status differs between the first and the last state (as
    /// `Replay.diff(initialRows, finalRows)` gives them).
    package var changes: [RowChange]
    private let evaluator: IncrementalSimulation

    /// The evaluation after the last step (what ways out are checked against).
    package var evaluation: IncrementalSimulation { evaluator }

    /// How many rows the steps judged again, and how many rows the first state has.
    package var rowsJudged: Int { evaluator.rowsJudged }

    /// The rows after the last step (built on demand: an incremental replay keeps only the rows
    /// its steps re-judged).
    package var finalRows: [Row] { evaluator.rows }

    init(reports: [StepReport], evaluator: IncrementalSimulation) {
        self.reports = reports
        self.world = evaluator.world
        self.changes = evaluator.changesSinceStart
        self.evaluator = evaluator
    }
}

/// Replays steps one by one, evaluating the world after each.
package enum Replay {
    /// Applies `steps` to `world`, reporting after each the rows whose status changed. With
    /// `incremental: false` every step is evaluated in full (for comparison and measurement).
    package static func run(_ steps: [TimelineStep], from world: World, startingAt first: Int = 1,
                           incremental: Bool = true) -> ReplayResult {
        run(steps, evaluating: IncrementalSimulation(world: world, incremental: incremental), startingAt: first)
    }

    /// Applies `steps` to an evaluation already made of the world they start from.
    package static func run(_ steps: [TimelineStep], evaluating start: IncrementalSimulation,
                           startingAt first: Int = 1) -> ReplayResult {
        var evaluator = start
        var reports: [StepReport] = []
        for (offset, step) in steps.enumerated() {
            let refusal = evaluator.apply(step.step)
            let changes = refusal == nil ? evaluator.lastChanges : []
            reports.append(StepReport(index: first + offset, step: step, refusal: refusal, changes: changes))
        }
        return ReplayResult(reports: reports, evaluator: evaluator)
    }

    /// The rows whose status differs between two evaluations, in the order of `after`
    /// (rows that disappeared follow, in the order of `before`).
    package static func diff(_ before: [Row], _ after: [Row]) -> [RowChange] {
        // The usual case: the same rows in the same order, compared index by index.
        if before.count == after.count {
            var changes: [RowChange] = []
            var aligned = true
            for (old, new) in zip(before, after) {
                guard old.endpoint == new.endpoint, old.resource == new.resource, old.network == new.network else {
                    aligned = false
                    break
                }
                if old.status != new.status { changes.append(RowChange(before: old, after: new)) }
            }
            if aligned { return changes }
        }
        let old = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<Row.Key>()
        var changes: [RowChange] = []
        for row in after {
            seen.insert(row.key)
            let previous = old[row.key]
            if previous?.status != row.status { changes.append(RowChange(before: previous, after: row)) }
        }
        for row in before where !seen.contains(row.key) { changes.append(RowChange(before: row, after: nil)) }
        return changes
    }
}
