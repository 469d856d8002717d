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
        let only = networks.isEmpty ? nil : Set(networks.map { NetworkID($0) })
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
            ParallelRows<(bytes: [UInt8], summary: Summary, failing: [NetworkCauses.Failing], written: Int, network: NetworkID),
                         (writer: MatrixJSON.RowWriter, grouper: NetworkCauses)>(
                world: evaluated.world
            ).run(chosen) {
                (MatrixJSON.RowWriter(slots: slots), NetworkCauses(slots: slots))
            } render: { simulation, state, network in
                var json = JSONText()
                json.reserveCapacity(reserve)
                var counted = Summary()
                state.grouper.begin(network, in: simulation)
                var local = 0
                // The rows' parts, not `Row` values: the writer copies only what changed, and a
                // failing row is made whole only when its cause is not known yet (`NetworkCauses`).
                let name = network.name
                simulation.forEachRow(of: network) { resource, kind, endpoint, fqdn, slot, answer, status, via, reason in
                    counted.count(status)
                    guard !failuresOnly || !status.succeeds else { return }
                    if !status.succeeds, !state.grouper.addKnown(status, via: via, slot: slot, index: local, answer: answer) {
                        let row = Row(network: name, resource: resource, resourceKind: kind, endpoint: endpoint, fqdn: fqdn,
                                      resolution: answer.resolution, status: status, via: via, reason: reason)
                        state.grouper.add(row, slot: slot, index: local, in: simulation.world)
                    }
                    state.writer.append(network: name, resource, endpoint, fqdn, slot, answer, status, via, reason, to: &json)
                    local += 1
                }
                return (json.bytes, counted, state.grouper.finish(), local, network.name)
            } sink: { chunk in
                summary.add(chunk.summary)
                for group in chunk.failing {
                    causes.add(group.cause, zones: group.zones, network: chunk.network, statuses: group.statuses,
                               indexes: group.indexes, offset: written)
                }
                written += chunk.written
                guard !chunk.bytes.isEmpty else { return }
                if !first { output.write(",") }
                first = false
                output.write(bytes: chunk.bytes)
            }
            output.write(bytes: MatrixJSON.footer(summary, causes: causes.groupsByWeight, world: evaluated.world))
        case .table where !summaryOnly:
            // Every network's block rendered on a worker, as JSON's rows are, its failing rows
            // grouped by cause on the way. The causes lead the table, so the blocks wait until
            // every network is done: kept as the rows that differ from the worker's block before
            // (`TableBlocks`), in memory, then in a temporary file past a size.
            let style = self.style
            let failuresOnly = self.failuresOnly
            let world = evaluated.world
            let chosen = world.networks.filter { only?.contains($0.name) ?? true }
            let slots = simulation.nameSlots
            var causes = CauseCollector()
            var written = 0
            var counts = [Int](repeating: 0, count: Status.count)
            var blocks = TableBlocks()
            ParallelRows<(block: TableBlocks.Encoded, summary: Summary, counts: [Int], failing: [NetworkCauses.Failing],
                          written: Int, network: NetworkID), (writer: MatrixTable.BlockWriter, grouper: NetworkCauses)>(
                world: world
            ).run(chosen) {
                (MatrixTable.BlockWriter(style: style), NetworkCauses(slots: slots))
            } indexed: { simulation, state, index, network in
                var counted = Summary()
                var byStatus = [Int](repeating: 0, count: Status.count)
                state.grouper.begin(network, in: simulation)
                var rows = 0
                // The rows' parts, as for JSON: a failing row is made whole only when its cause is
                // not known yet.
                let name = network.name
                simulation.forEachRow(of: network) { resource, kind, endpoint, fqdn, slot, answer, status, via, reason in
                    counted.count(status)
                    byStatus[status.ordinal] += 1
                    if !status.succeeds, !state.grouper.addKnown(status, via: via, slot: slot, index: rows, answer: answer) {
                        let row = Row(network: name, resource: resource, resourceKind: kind, endpoint: endpoint, fqdn: fqdn,
                                      resolution: answer.resolution, status: status, via: via, reason: reason)
                        state.grouper.add(row, slot: slot, index: rows, in: simulation.world)
                    }
                    rows += 1
                    if !failuresOnly || !status.succeeds {
                        state.writer.add(network: name, resource, endpoint, fqdn, answer.address, status, via, reason)
                    }
                }
                let block = state.writer.finish(world: simulation.world, counts: (counted.private + counted.public, counted.failed),
                                          index: index)
                return (block, counted, byStatus, state.grouper.finish(), rows, network.name)
            } sink: { chunk in
                summary.add(chunk.summary)
                for (i, n) in chunk.counts.enumerated() { counts[i] += n }
                for group in chunk.failing {
                    causes.add(group.cause, zones: group.zones, network: chunk.network, statuses: group.statuses,
                               indexes: group.indexes, offset: written)
                }
                written += chunk.written
                blocks.append(chunk.block)
            }
            output.write(CauseText.tableBlock(causes.groupsByWeight, world: world, style: style))
            blocks.drain { output.write(bytes: $0) }
            for status in Status.allCases where counts[status.ordinal] > 0 { byStatus[status] = counts[status.ordinal] }
            output.write(MatrixTable.footer(summary, counts: byStatus))
        case .table:
            // --summary: the causes, then a line per network.
            let style = self.style
            var causes = CauseCollector()
            var index = 0
            simulation.forEachRow(networks: only) { row in
                if !row.status.succeeds { causes.add(row, index: index, in: evaluated.world) }
                index += 1
            }
            var networks = SummaryText.Networks()
            simulation.forEachRow(networks: only) { row in
                summary.count(row.status)
                byStatus[row.status, default: 0] += 1
                networks.add(row)
            }
            output.write(SummaryText.simulate(causes: causes.groupsByWeight, networks: networks, summary: summary,
                                              byStatus: byStatus, world: evaluated.world, style: style))
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
                let failing = all.filter { !$0.status.succeeds }
                let causes = CauseCollector.group(failing, in: evaluated.world)
                guard cause >= 1, cause <= causes.count else {
                    throw CommandFailure.usage("--cause \(cause): the rows asked for have \(causes.count) cause\(causes.count == 1 ? "" : "s")"
                        + (causes.isEmpty ? "" : " (1 to \(causes.count), as `amplsim simulate --summary` lists them)"))
                }
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
