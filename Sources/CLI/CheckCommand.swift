import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import ArgumentParser

/// `amplsim check`: a gate for CI. Every intent is checked on the state after the topology's
/// timeline; a violated one is printed with its failing rows, their cause and the best fix.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the topology's intents; exit 1 when one is violated, with its cause and best fix.",
        discussion: """
        An intent says which networks must reach which resources how, for example \
        `intents: [{networks: [spoke-*], resources: [law-prod], expect: private}]` \
        (names or patterns, * matching any run of characters; optional endpoints: [query, ods]; \
        expect: private | public | success (private or public) | failure). Intents come from the \
        topology's `intents:`, or from --intents FILE (a list of intents, or a mapping with \
        `intents:`), which replaces them. They are checked on the state after the topology's whole \
        timeline, on the rows they cover only.

        For each violated intent: its failing rows, one cause per failing status, and the best \
        single change, each candidate applied to a copy of the world and every intent checked \
        again: first one that makes every intent hold, breaks no intent that holds now, keeps each \
        scope's resources behind their own scope (adding a resource that belongs to another scope \
        to a scope, or opening a scope, is labelled "weakens isolation" and ranked last), and \
        breaks no row that works now; then the fewest steps. When the best single change is not \
        clean, the set `amplsim fix` finds (pairs and triples too) is shown instead if it ranks \
        better; `amplsim fix` prints it as a scenario file.

        Exit status: 0 every intent holds; 1 an intent is violated; 2 bad input, or no intents.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown
    }

    @OptionGroup var input: IntentArguments<CheckIntents>

    @Option(help: "Output format: table, json or markdown (a pull-request comment).")
    var format: Format = .table

    func run() throws {
        let evaluated = try Evaluated.load(input.topology)
        let list = try input.intents(evaluated)
        let fix = IntentFix(world: evaluated.world, intents: list)
        let (fixes, tried, _) = fix.bestFixes()
        switch format {
        case .table: write(IntentReport.checkTable(fix.before, fixes: fixes, tried: tried))
        case .json: write(IntentReport.checkJSON(fix.before, fixes: fixes))
        case .markdown: write(IntentReport.checkMarkdown(fix.before, fixes: fixes, title: topologyTitle(input.topology)))
        }
        if !fix.allHold { throw CommandFailure.failures(nil) }
    }
}
