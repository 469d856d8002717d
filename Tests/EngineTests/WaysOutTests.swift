import Testing
@testable import AmplsimEngine

/// Ways out are checked on copies of the world that share the evaluation after the steps
/// (`WayOutChecks`); each must give exactly what a copy simulated from scratch gives: whether it
/// heals, the row's status, and the rows it breaks elsewhere (counted on two full simulations).
@Suite("Ways out") struct WaysOutTests {
    /// A random base (12 steps on the incremental tests' topology), and the evaluation after 6
    /// random hypothetical steps on it.
    static func scenario(seed: Int) -> (base: World, after: IncrementalSimulation) {
        var rng = SplitMix(state: UInt64(seed) &* 7919)
        var counter = 0
        var world = World(IncrementalTests.topology())
        for _ in 0..<12 {
            var next = world
            if next.apply(IncrementalTests.randomStep(&rng, &counter, world)) == nil { world = next }
        }
        var evaluation = IncrementalSimulation(world: world)
        for _ in 0..<6 { _ = evaluation.apply(IncrementalTests.randomStep(&rng, &counter, evaluation.world)) }
        return (world, evaluation)
    }

    @Test(arguments: 1...48)
    func sharedCopiesJudgeAsFreshOnes(seed: Int) {
        let (base, after) = Self.scenario(seed: seed)
        var shared = WaysOut(before: base, after: after)
        var fresh = WaysOut(before: base, after: after, sharing: false)
        for change in after.changesSinceStart where change.breaks {
            #expect(shared.suggest(for: change) == fresh.suggest(for: change), "seed \(seed), \(change.key)")
        }
    }

    /// The comparison above means something only if the timelines break rows with ways out to check.
    @Test func theTimelinesCheckWaysOut() {
        var checked = 0, healing = 0, counted = 0
        for seed in 1...48 {
            let (base, after) = Self.scenario(seed: seed)
            var ways = WaysOut(before: base, after: after)
            for change in after.changesSinceStart where change.breaks {
                let suggested = ways.suggest(for: change)
                checked += suggested.filter { $0.heals != nil }.count
                healing += suggested.filter { $0.heals == true }.count
                counted += suggested.filter { $0.breaksOthers != nil }.count
            }
        }
        #expect(checked > 100 && healing > 20 && counted > 10,
                "the random timelines checked \(checked) ways out, \(healing) healing, \(counted) with the rows they break counted")
    }
}
