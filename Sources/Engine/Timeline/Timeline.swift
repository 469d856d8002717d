/// What became of one creation or step of a timeline.
package struct StepOutcome: Hashable, Sendable {
    /// 1-based position in the timeline (the topology's endpoints first, then its steps).
    package var index: Int
    package var step: TimelineStep
    /// Set when the step was refused; a refused step changed nothing.
    package var refusal: Refusal?
}

/// Runs a topology's timeline: its private endpoints in order, then its steps.
package enum Timeline {
    /// The topology's `privateEndpoints` as creation steps, followed by its `steps`.
    package static func steps(of topology: Topology) -> [TimelineStep] {
        topology.privateEndpoints.map { TimelineStep(.createEndpoint($0), source: $0.source) } + topology.steps
    }

    /// Applies `steps` to `world` in order; refused steps are skipped and reported.
    package static func run(_ steps: [TimelineStep], on world: inout World, startingAt first: Int = 1) -> [StepOutcome] {
        var outcomes: [StepOutcome] = []
        outcomes.reserveCapacity(steps.count)
        for (offset, step) in steps.enumerated() {
            let refusal = world.apply(step.step)
            outcomes.append(StepOutcome(index: first + offset, step: step, refusal: refusal))
        }
        return outcomes
    }

    /// The world after the topology's whole timeline, and what became of each step.
    package static func finalWorld(of topology: Topology) -> (world: World, outcomes: [StepOutcome]) {
        var world = World(topology)
        let outcomes = run(steps(of: topology), on: &world)
        return (world, outcomes)
    }
}
