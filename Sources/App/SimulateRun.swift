import AmplsimEngine
import AmplsimHost
import AmplsimRender
import Foundation

/// What `simulate` writes: the matrix of every network × resource × endpoint.
package enum SimulateFormat: String, CaseIterable, Sendable {
    case table, json, markdown, dot, svg, png, html
}

/// One `simulate` run over an evaluated topology.
package struct SimulateRun {
    package var evaluated: Evaluated
    /// The networks whose rows are kept (all when empty).
    package var networks: [String]
    /// Keep only the failing rows (the summary still counts all).
    package var failuresOnly: Bool
    /// The topology's file name, naming the drawing and the page.
    package var title: String
    /// The command as a report shows it.
    package var command: String
    /// The release number reports name.
    package var version: String
    /// How the table goes to the terminal (wrapping, colour).
    package var style: TerminalStyle = .plain
    /// `--summary`: the table's short form.
    package var summaryOnly = false
    /// `--cause N`: the diagram of the rows of the Nth cause only (1 is the first listed).
    package var cause: Int?

    package init(evaluated: Evaluated, networks: [String], failuresOnly: Bool, title: String, command: String, version: String) {
        self.evaluated = evaluated
        self.networks = networks
        self.failuresOnly = failuresOnly
        self.title = title
        self.command = command
        self.version = version
    }

    /// Writes the matrix as `format` to standard output and returns the summary of every row.
    package func run(_ format: SimulateFormat) throws(CommandFailure) -> Summary {
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
            var causes = CauseCollector()
            var written = 0
            /// One network's failing rows of one cause (the worker groups them: a row costs an
            /// array look-up, not a hash of its cause).
            struct Failing: Sendable {
                var cause: Cause
                var zones: [String] = []
                var statuses: [Status] = []
                var indexes: [Int] = []
            }
            ParallelRows<(bytes: [UInt8], summary: Summary, failing: [Failing], written: Int, network: String), MatrixJSON.RowWriter>(
                world: evaluated.world
            ).run(chosen) {
                MatrixJSON.RowWriter(slots: slots)
            } render: { simulation, writer, network in
                var json = JSONText()
                json.reserveCapacity(reserve)
                var counted = Summary()
                var failing: [Failing] = []
                var groupOf: [Cause: Int] = [:]
                // Per name slot and status: the group of the rows whose cause depends on the
                // answer only (every kind but public-denied without an endpoint and egress).
                var bySlot = [Int](repeating: -1, count: slots * Status.count)
                var byAddress: [UInt32: Int] = [:]
                var local = 0
                simulation.forEachRow(of: network) { row, slot in
                    counted.count(row.status)
                    guard !failuresOnly || !row.status.succeeds else { return }
                    if !row.status.succeeds {
                        let key = slot * Status.count + row.status.ordinal
                        let answerOnly = row.status != .egressBlocked && !(row.status == .publicDenied && row.via == nil)
                        var g = answerOnly ? bySlot[key] : -1
                        // Rows answered with one endpoint's address share its cause: looked up by
                        // the address (workspaces of a region share theirs), not worked out again
                        // for each workspace's own names.
                        if g < 0, answerOnly, row.via != nil, let address = row.answer?.value, let known = byAddress[address] {
                            g = known
                            bySlot[key] = g
                            if let zone = CauseCollector.zone(of: row), !failing[g].zones.contains(zone) { failing[g].zones.append(zone) }
                        }
                        if g < 0, let cause = CauseCollector.cause(of: row, in: simulation.world) {
                            if let known = groupOf[cause] {
                                g = known
                            } else {
                                g = failing.count
                                groupOf[cause] = g
                                failing.append(Failing(cause: cause))
                            }
                            if answerOnly { bySlot[key] = g }
                            if answerOnly, let address = row.answer?.value, case .endpoint = cause { byAddress[address] = g }
                            if let zone = CauseCollector.zone(of: row), !failing[g].zones.contains(zone) { failing[g].zones.append(zone) }
                        }
                        if g >= 0 {
                            failing[g].statuses.append(row.status)
                            failing[g].indexes.append(local)
                        }
                    }
                    writer.append(row, slot: slot, to: &json)
                    local += 1
                }
                return (json.bytes, counted, failing, local, network.name)
            } sink: { chunk in
                summary.add(chunk.summary)
                for group in chunk.failing {
                    causes.add(group.cause, zones: group.zones, network: chunk.network, statuses: group.statuses,
                               indexes: group.indexes.map { $0 + written })
                }
                written += chunk.written
                guard !chunk.bytes.isEmpty else { return }
                if !first { output.write(",") }
                first = false
                output.write(bytes: chunk.bytes)
            }
            output.write(bytes: MatrixJSON.footer(summary, causes: causes.groupsByWeight, world: evaluated.world))
        case .table:
            // Streamed a network at a time (a block's header counts every row of its network,
            // those that --failures-only leaves out too).
            var block: [Row] = []
            let style = self.style
            func flushBlock() {
                guard !block.isEmpty else { return }
                let failed = block.reduce(0) { $0 + ($1.status.succeeds ? 0 : 1) }
                let shown = failuresOnly ? block.filter { !$0.status.succeeds } : block
                if !shown.isEmpty {
                    output.write(MatrixTable.block(shown[...], world: evaluated.world, style: style,
                                                   counts: (block.count - failed, failed)))
                }
                block.removeAll(keepingCapacity: true)
            }
            // The causes lead: a first pass over the rows (the answers it resolves are kept for
            // the second) groups the failing ones.
            var causes = CauseCollector()
            var index = 0
            simulation.forEachRow(networks: only) { row in
                if !row.status.succeeds { causes.add(row, index: index, in: evaluated.world) }
                index += 1
            }
            if summaryOnly {
                var networks = SummaryText.Networks()
                simulation.forEachRow(networks: only) { row in
                    summary.count(row.status)
                    byStatus[row.status, default: 0] += 1
                    networks.add(row)
                }
                output.write(SummaryText.simulate(causes: causes.groupsByWeight, networks: networks, summary: summary,
                                                  byStatus: byStatus, world: evaluated.world, style: style))
                break
            }
            output.write(CauseText.tableBlock(causes.groupsByWeight, world: evaluated.world, style: style))
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
            var drawn = all
            var focus = only
            if let cause {
                // The rows of one cause, and the networks they fail in (the others drawn as context).
                let causes = CauseCollector.group(all.filter { !$0.status.succeeds }, in: evaluated.world)
                guard cause >= 1, cause <= causes.count else {
                    throw CommandFailure.usage("--cause \(cause): the rows asked for have \(causes.count) cause\(causes.count == 1 ? "" : "s")"
                        + (causes.isEmpty ? "" : " (1 to \(causes.count), as `amplsim simulate --summary` lists them)"))
                }
                let failing = all.filter { !$0.status.succeeds }
                drawn = causes[cause - 1].rows.map { failing[$0] }
                focus = Set(causes[cause - 1].networks)
            }
            var diagram = TopologyDiagram(world: evaluated.world, rows: drawn, focus: focus)
            if failuresOnly { diagram.flows.removeAll { $0.status.succeeds } }
            let dot = DiagramDOT.render(diagram, title: "amplsim simulate \(title)")
            switch format {
            case .dot:
                output.write(dot)
            case .svg, .png:
                write(data: try GraphvizDrawing.draw(dot, format: format.rawValue))
            default:
                output.write(bytes: HTMLReport.simulateBytes(title: title, command: command, world: evaluated.world, rows: all,
                                                             failuresOnly: failuresOnly, drawing: GraphvizDrawing.page(dot),
                                                             version: version))
            }
        }
        output.flush()
        return summary
    }
}
