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
        let only = networks.isEmpty ? nil : Set(networks)
        var summary = Summary()
        var byStatus: [Status: Int] = [:]
        var output = BufferedOutput()
        switch format {
        case .json:
            // Streamed: a tenant of thousands of networks never holds its rows in memory.
            output.write(MatrixJSON.header)
            var json = JSONText()
            simulation.forEachRow(networks: only) { row in
                summary.count(row.status)
                guard !failuresOnly || !row.status.succeeds else { return }
                MatrixJSON.append(row, to: &json)
                if json.bytes.count >= 1 << 20 { json.drain { output.write(bytes: $0) } }
            }
            json.drain { output.write(bytes: $0) }
            output.write(MatrixJSON.footer(summary))
        case .table:
            // Streamed a network at a time (a block's header counts its rows).
            var block: [Row] = []
            func flushBlock() {
                let shown = failuresOnly ? block.filter { !$0.status.succeeds } : block
                output.write(MatrixTable.block(shown[...], world: evaluated.world))
                block.removeAll(keepingCapacity: true)
            }
            simulation.forEachRow(networks: only) { row in
                summary.count(row.status)
                byStatus[row.status, default: 0] += 1
                if let last = block.last, last.network != row.network { flushBlock() }
                block.append(row)
            }
            flushBlock()
            output.write(MatrixTable.footer(summary, counts: byStatus))
        case .markdown:
            let all = simulation.rows(networks: only)
            summary = Summary(rows: all)
            output.write(MatrixMarkdown.render(failuresOnly ? all.filter { !$0.status.succeeds } : all, summary: summary))
        }
        output.flush()
        if failOnBroken && summary.failed > 0 { throw Exit.failures }
    }
}
