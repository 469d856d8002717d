import AmplsimEngine
import AmplsimRender
import ArgumentParser
import Foundation

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown, dot, svg, png, html
    }

    @Argument(help: "The topology file (YAML or JSON; - reads standard input).")
    var topology: String

    @Option(help: "Output format: table, json, markdown, dot, svg, png or html.")
    var format: Format = .table

    @Option(name: .customLong("network"), help: "Keep only the rows of this network (repeatable).")
    var networks: [String] = []

    @Flag(help: "Keep only the failing rows (the summary still counts all).")
    var failuresOnly = false

    @Flag(help: "Exit 1 when any row fails.")
    var failOnBroken = false

    /// The topology's file name, naming the drawing and the page.
    private var title: String { topologyTitle(topology) }

    /// The command as a report shows it (file name only, so that a report is the same anywhere).
    private var command: String {
        var words = ["amplsim", "simulate", title]
        for network in networks { words += ["--network", network] }
        if failuresOnly { words.append("--failures-only") }
        return words.joined(separator: " ") + " --format \(format.rawValue)"
    }

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
            // Networks are evaluated and written on every core, and joined in topology order.
            output.write(MatrixJSON.header)
            let failuresOnly = self.failuresOnly
            let chosen = evaluated.world.networks.filter { only?.contains($0.name) ?? true }
            var first = true
            let slots = simulation.nameSlots
            let reserve = simulation.rowsPerNetwork * 512
            ParallelRows<(bytes: [UInt8], summary: Summary), MatrixJSON.RowWriter>(world: evaluated.world).run(chosen) {
                MatrixJSON.RowWriter(slots: slots)
            } render: { simulation, writer, network in
                var json = JSONText()
                json.reserveCapacity(reserve)
                var counted = Summary()
                simulation.forEachRow(of: network) { row, slot in
                    counted.count(row.status)
                    guard !failuresOnly || !row.status.succeeds else { return }
                    writer.append(row, slot: slot, to: &json)
                }
                return (json.bytes, counted)
            } sink: { chunk in
                summary.add(chunk.summary)
                guard !chunk.bytes.isEmpty else { return }
                if !first { output.write(",") }
                first = false
                output.write(bytes: chunk.bytes)
            }
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
            output.write(MatrixMarkdown.render(all, failuresOnly: failuresOnly, title: title, world: evaluated.world))
        case .dot, .svg, .png, .html:
            let all = simulation.rows(networks: only)
            summary = Summary(rows: all)
            var diagram = TopologyDiagram(world: evaluated.world, rows: all, focus: only)
            if failuresOnly { diagram.flows.removeAll { $0.status.succeeds } }
            let dot = DiagramDOT.render(diagram, title: "amplsim simulate \(title)")
            switch format {
            case .dot:
                output.write(dot)
            case .svg, .png:
                FileHandle.standardOutput.write(try Graphviz.draw(dot, format: format.rawValue))
            default:
                output.write(HTMLReport.simulate(title: title, command: command, world: evaluated.world, rows: all,
                                                 failuresOnly: failuresOnly, drawing: Graphviz.drawing(dot),
                                                 version: BuildInfo.version))
            }
        }
        output.flush()
        if failOnBroken && summary.failed > 0 { throw Exit.failures }
    }
}
