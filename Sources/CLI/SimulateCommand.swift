import AmplsimEngine
import AmplsimRender
import ArgumentParser

/// `amplsim simulate`: the matrix of every network × resource × endpoint.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Resolve every Azure Monitor endpoint from every network and judge the connection.",
        discussion: """
        Evaluates the state after the topology's whole timeline (privateEndpoints, then steps).
        Each row says what the name resolves to, through which DNS path, and whether the
        connection succeeds (private, public) or fails (nxdomain, servfail, dangling, unroutable,
        not-in-scope, public-denied, egress-blocked) and why.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown
    }

    @Argument(help: "The topology file (YAML or JSON).")
    var topology: String

    @Option(help: "Output format: table, json or markdown.")
    var format: Format = .table

    @Option(name: .customLong("network"), help: "Keep only the rows of this network (repeatable).")
    var networks: [String] = []

    @Flag(help: "Keep only the failing rows (the summary still counts all).")
    var failuresOnly = false

    @Flag(help: "Exit 1 when any row fails.")
    var failOnBroken = false

    func run() throws {
        let evaluated = try Evaluated.load(topology)
        try evaluated.checkNetworks(networks)
        let simulation = Simulation(world: evaluated.world)
        let all = simulation.rows(networks: networks.isEmpty ? nil : Set(networks))
        let summary = Summary(rows: all)
        let shown = failuresOnly ? all.filter { !$0.status.succeeds } : all
        switch format {
        case .table: write(MatrixTable.render(shown, summary: summary, world: evaluated.world))
        case .json: write(MatrixJSON.render(shown, summary: summary))
        case .markdown: write(MatrixMarkdown.render(shown, summary: summary))
        }
        if failOnBroken && summary.failed > 0 { throw Exit.failures }
    }
}
