import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import ArgumentParser

/// `amplsim fix`: the smallest set of changes that makes every intent hold, as a scenario file.
struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Search the smallest set of changes that makes every intent hold, and print it as a scenario file.",
        discussion: """
        The intents (the topology's `intents:`, or --intents FILE instead) are checked on the state \
        after the topology's timeline. Candidate changes are read off the failing rows: peer a \
        network with the endpoint's; add the resource to the scope that serves the network, or \
        open that scope; write an endpoint's records again; link a zone that holds the right \
        record; unlink the zone that answers, or relink it with fallback to internet; delete the \
        endpoint whose address answers; set a network's DNS to a server or inbound endpoint it \
        reaches; for rows that must fail, deny public access, close a scope, unpeer or unlink. \
        Each is applied to a copy of the world and every intent checked again.

        Single changes first; when none makes every intent hold, pairs and then triples of the \
        best-scoring ones (at most 30, so at most 4,060 triples; the output says where the search \
        was bounded). A set that breaks an intent that holds now never wins. Among the sets that \
        make every intent hold: those that weaken isolation (a resource of another scope added to \
        a scope, a scope opened) come last, then those that break rows that work now; then the \
        fewest changes and steps. While every set found weakens isolation or breaks rows, the \
        search goes on to larger sets.

        Standard output is a scenario file (steps as a topology's `steps:` holds them, each with a `label:` saying why; what \
        it does and how the search went as comments), ready for `amplsim what-if --scenario`. \
        Ways out that no step can express (a network's own new zones, hosts entries) are left to \
        `amplsim check`.

        Exit status: 0 the changes make every intent hold (or they already do); 1 no set of up to \
        three changes does (said on standard error too); 2 bad input, or no intents.
        """
    )

    @OptionGroup var input: IntentArguments<SatisfyIntents>

    func run() throws {
        let evaluated = try Evaluated.load(input.topology)
        let list = try input.intents(evaluated)
        let fix = IntentFix(world: evaluated.world, intents: list)
        let search = fix.search()
        write(IntentReport.fixScenario(search, before: fix.before, title: topologyTitle(input.topology)))
        if search.fix == nil {
            throw CommandFailure.failures("amplsim fix: no set of up to three changes makes every intent hold"
                + (search.closest == nil ? " (no candidate change applies)" : "; the closest is named in the comments"))
        }
    }
}
