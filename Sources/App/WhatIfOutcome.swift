import AmplsimEngine
import AmplsimHost
import AmplsimRender

/// Hypothetical steps applied to an evaluated base: what breaks, heals and stays broken, the
/// seed's ways out of each break (Docs/scenarios.md#what-if), and the intents that held before and
/// fail after.
package struct WhatIfOutcome {
    package var base: World
    package var replay: ReplayResult
    package var breaks: [TimelineReport.Break]
    package var heals: [RowChange]
    package var stillBroken: [RowChange]
    package var others: [RowChange]
    /// The intents checked (the topology's, or those of `--intents FILE`).
    package var intents: [Intent]
    package var brokenIntents: [IntentResult]

    /// Applies `hypothetical` to `evaluated`'s final state. With `stepTimes`, the time the steps
    /// took goes to standard error (for the benchmarks).
    package init(_ evaluated: Evaluated, _ hypothetical: [TimelineStep], intentsFile: String?, incremental: Bool,
                 stepTimes: Bool) throws(CommandFailure) {
        base = evaluated.world
        let evaluator = IncrementalSimulation(world: base, incremental: incremental)
        let started = StepClock()
        replay = Replay.run(hypothetical, evaluating: evaluator, startingAt: evaluated.outcomes.count + 1)
        if stepTimes {
            printError("amplsim: steps took \(started.elapsed()); rows judged \(replay.rowsJudged) of \(replay.initialRowCount)")
        }
        let changes = replay.changes
        var ways = WaysOut(before: base, after: replay.evaluation)
        breaks = changes.filter(\.breaks).map { TimelineReport.Break(change: $0, waysOut: ways.suggest(for: $0)) }
        heals = changes.filter(\.heals)
        stillBroken = changes.filter(\.stillBroken)
        others = changes.filter { !$0.breaks && !$0.heals && !$0.stillBroken }
        intents = try evaluated.intents(file: intentsFile)
        brokenIntents = intents.isEmpty ? []
            : IntentReport.broken(before: IntentCheck.evaluate(intents, in: base), after: IntentCheck.evaluate(intents, in: replay.world))
    }

    /// True when a row breaks or an intent that held fails: what-if exits 1.
    package var breaksAnything: Bool { !breaks.isEmpty || !brokenIntents.isEmpty }
}
