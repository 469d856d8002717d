import AmplsimApp
import AmplsimRender
import ArgumentParser

/// `amplsim simulate`: the matrix of every network × resource × endpoint.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Resolve every Azure Monitor endpoint from every network and judge the connection.",
        discussion: """
        Evaluates the state after the topology's whole timeline (privateEndpoints, then steps). \
        Each row says what the name resolves to, through which DNS path, and whether the \
        connection succeeds (private, public) or fails (nxdomain, servfail, dangling, unroutable, \
        not-in-scope, public-denied, egress-blocked) and why.

        --format dot draws the topology as Graphviz DOT: networks with their private endpoints and \
        DNS servers, the zones they see, and from each network one arrow per target and status to \
        where its names resolve (green succeeds, red fails, labelled). svg and png run it through \
        Graphviz's dot (exit 3 when dot is not on PATH); html writes one self-contained page with \
        the diagram, a summary and the matrix as a filterable table (without dot, the page says so \
        in place of the diagram). --network narrows the diagram to those networks and what they use.
        """
    )

    @OptionGroup var input: TopologyArgument

    @Option(help: "Output format: table, json, markdown, dot, svg, png or html.")
    var format: SimulateFormat = .table

    @Option(name: .customLong("network"), help: "Keep only the rows of this network (repeatable).")
    var networks: [String] = []

    @Flag(help: "Keep only the failing rows (the summary still counts all).")
    var failuresOnly = false

    @Flag(help: "Exit 1 when any row fails.")
    var failOnBroken = false

    @Option(help: ArgumentHelp("Draw only the rows of the Nth cause (1 is the first that --summary lists) and the networks they fail in (dot, svg, png, html).",
                               valueName: "N"))
    var cause: Int?

    @OptionGroup var table: TableOptions

    func validate() throws {
        try table.check(tableFormat: format == .table, format: format.rawValue)
        if cause != nil && ![.dot, .svg, .png, .html].contains(format) {
            throw ValidationError("--cause focuses a diagram; it applies to --format dot, svg, png or html, not \(format.rawValue)")
        }
    }

    /// The command as a report shows it (file name only, so that a report is the same anywhere).
    private var command: String {
        var words = ["amplsim", "simulate", topologyTitle(input.topology)]
        for network in networks { words += ["--network", network] }
        if failuresOnly { words.append("--failures-only") }
        if let cause { words += ["--cause", "\(cause)"] }
        return words.joined(separator: " ") + " --format \(format.rawValue)"
    }

    func run() throws {
        let evaluated = try Evaluated.load(input.topology)
        try evaluated.checkNetworks(networks)
        var run = SimulateRun(evaluated: evaluated, networks: networks, failuresOnly: failuresOnly,
                              title: topologyTitle(input.topology), command: command, version: BuildInfo.version)
        run.style = table.style
        run.summaryOnly = table.summary
        run.cause = cause
        let summary = try run.run(format)
        if failOnBroken && summary.failed > 0 { throw CommandFailure.failures(nil) }
    }
}
