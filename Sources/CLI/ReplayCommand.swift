import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import ArgumentParser

/// `amplsim replay`: the timeline step by step, and what each step changed.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay the timeline step by step and show the rows whose status each step changed.",
        discussion: """
        Starts from the topology before any private endpoint exists, applies its privateEndpoints \
        (as creation steps), then its steps, then the steps of --scenario FILE. For each step: its \
        label, whether it was refused (and by which rule), and every row whose status changed, \
        before -> after, with the reason. Each step re-evaluates only what it can affect.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown, html
    }

    @OptionGroup var input: TopologyArgument

    @Option(help: "A scenario file: a list of steps replayed after the topology's own.")
    var scenario: String?

    @Option(help: "Output format: table, json, markdown (a pull-request comment) or html (a self-contained page).")
    var format: Format = .table

    @OptionGroup var measurement: IncrementalFlag

    @OptionGroup var table: TableOptions

    func validate() throws { try table.check(tableFormat: format == .table, format: format.rawValue) }

    func run() throws {
        let loaded = try Evaluated.loadTopology(input.topology)
        let steps = try ScenarioSteps.replay(loaded, scenario: scenario)
        let reports = Replay.run(steps, from: World(loaded), incremental: !measurement.noIncremental).reports
        switch format {
        case .table: write(table.summary ? SummaryText.replay(reports) : TimelineReport.replayTable(reports, style: table.style))
        case .json: write(TimelineReport.replayJSON(reports))
        case .markdown: write(ReplayMarkdown.render(reports, title: topologyTitle(input.topology)))
        case .html:
            let title = topologyTitle(input.topology)
            var command = "amplsim replay \(title)"
            if let scenario { command += " --scenario \(fileName(scenario))" }
            write(HTMLReport.replay(title: title, command: command + " --format html", reports: reports, version: BuildInfo.version))
        }
    }
}
