import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import ArgumentParser

/// `amplsim what-if`: what a planned change would break or heal, before making it.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "Apply hypothetical steps to the topology's final state and report what breaks and heals.",
        discussion: """
        The base is the state after the topology's whole timeline. The hypothetical steps come from \
        --scenario FILE (a list of steps) and --step YAML (one step, e.g. \
        --step '{createEndpoint: {name: pe2, network: vnet2, subnet: 10.0.2.0/27, scope: ampls2, dnsZones: [monitor]}}'), \
        applied in the order given on the command line. The report groups by network the rows \
        that go from success to failure (breaks) and back (heals); for a break caused by an \
        override it names the seed's ways out (peer the networks, put the endpoint in a hub, give \
        the network its own DNS zones, a custom zone with EndpointSuffix, a hosts file) and says, \
        where the engine can apply one, whether it heals the break. Exits 1 when anything breaks.

        --terraform PLAN.json takes both from a Terraform plan (`terraform show -json PLAN`): the \
        prior state is the topology and the planned changes are the steps, each labelled with its \
        Terraform address (see `amplsim import terraform`); the import's notes go to standard error.

        --format markdown fits a pull-request comment; --format html writes one self-contained page \
        with the diagram of the change and the diagrams before and after (drawn by Graphviz's dot \
        when it is on PATH), the breaks with their ways out, and every changed row as a filterable \
        table. --format dot draws the change alone: the state after the steps, with the arrows \
        whose rows break in red, heal in green and the unchanged ones grey; svg and png run it \
        through dot.

        When the topology has intents (or --intents FILE gives them), the report ends with the \
        intents that held before the steps and fail after them (table, json and markdown), and \
        such an intent exits 1 too.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown, html, dot, svg, png
    }

    @Argument(help: "The topology file (YAML or JSON; - reads standard input); not with --terraform.")
    var topology: String?

    @Option(help: "A Terraform plan as JSON (terraform show -json PLAN): its prior state and its changes.")
    var terraform: String?

    @Option(name: .customLong("scenario"), help: "A scenario file of steps (repeatable).")
    var scenarios: [String] = []

    @Option(name: .customLong("step"), help: "One step as YAML (repeatable).")
    var steps: [String] = []

    @Option(help: "Output format: table, json, markdown, html, or the diagram of the change as dot, svg or png.")
    var format: Format = .table

    @OptionGroup var intents: IntentsOption<WhatIfIntents>

    @OptionGroup var measurement: IncrementalFlag

    @OptionGroup var table: TableOptions

    @Flag(help: ArgumentHelp("Print the time the steps took, base evaluation excluded, on standard error (for measurement).",
                             visibility: .hidden))
    var stepTimes = false

    /// The arguments after `amplsim`, as `Amplsim.main` received them: the only record of how
    /// --scenario and --step interleave (the parser keeps each option's values apart). Empty
    /// when the command is built some other way; the sources then follow in declaration order.
    var commandLine: [String] = []

    /// The parsed properties: `commandLine` is not an argument, so it is not decoded.
    enum CodingKeys: CodingKey {
        case topology, terraform, scenarios, steps, format, intents, measurement, table, stepTimes
    }

    func validate() throws {
        if terraform != nil {
            if topology != nil { throw ValidationError("give a topology or --terraform PLAN.json, not both") }
            if !scenarios.isEmpty || !steps.isEmpty { throw ValidationError("--terraform takes its steps from the plan: no --scenario or --step") }
            try table.check(tableFormat: format == .table, format: format.rawValue)
            return
        }
        if topology == nil { throw ValidationError("give a topology file, or --terraform PLAN.json") }
        if scenarios.isEmpty && steps.isEmpty { throw ValidationError("give at least one --scenario FILE or --step YAML") }
        try table.check(tableFormat: format == .table, format: format.rawValue)
    }

    /// The --scenario and --step values in command-line order (the parser keeps each option's
    /// values apart, so their order is read off `commandLine`).
    private func orderedSources() -> [ScenarioSource] {
        var remainingFiles = scenarios[...], remainingSteps = steps[...]
        var ordered: [ScenarioSource] = []
        var arguments = commandLine[...]
        while let argument = arguments.popFirst() {
            for (flag, isFile) in [("--scenario", true), ("--step", false)] {
                var value: String?
                if argument == flag { value = arguments.popFirst() }
                else if argument.hasPrefix(flag + "=") { value = String(argument.dropFirst(flag.count + 1)) }
                guard let value else { continue }
                if isFile, remainingFiles.first == value { ordered.append(.file(value)); remainingFiles = remainingFiles.dropFirst() }
                if !isFile, remainingSteps.first == value { ordered.append(.step(value)); remainingSteps = remainingSteps.dropFirst() }
            }
        }
        // Whatever the scan did not place (an unusual spelling) follows in declaration order.
        return ordered + remainingFiles.map { .file($0) } + remainingSteps.map { .step($0) }
    }

    /// The topology's file name, naming the page and the comment.
    private var title: String { terraform.map(fileName) ?? topologyTitle(topology ?? "") }

    /// The command as a report shows it (file names only, so that a report is the same anywhere).
    private var command: String {
        if terraform != nil { return "amplsim what-if --terraform \(title) --format \(format.rawValue)" }
        var words = ["amplsim", "what-if", title]
        for source in orderedSources() {
            switch source {
            case .file(let path): words += ["--scenario", fileName(path)]
            case .step(let text): words += ["--step", "'\(text)'"]
            }
        }
        return words.joined(separator: " ") + " --format \(format.rawValue)"
    }

    /// The diagram of the change: the state after the steps, arrows coloured by what broke and healed.
    private func changeDOT(_ outcome: WhatIfOutcome) -> String {
        let diagram = TopologyDiagram(world: outcome.replay.world, rows: outcome.replay.finalRows)
            .markingChanges(breaks: outcome.breaks.map(\.change), heals: outcome.heals, stillBroken: outcome.stillBroken)
        return DiagramDOT.render(diagram, title: "\(title), what changes")
    }

    func run() throws {
        let (evaluated, hypothetical): (Evaluated, [TimelineStep])
        if let terraform {
            (evaluated, hypothetical) = try ScenarioSteps.planned(terraform, title: title)
        } else {
            evaluated = try Evaluated.load(topology ?? "")
            hypothetical = try ScenarioSteps.hypothetical(orderedSources(), after: evaluated)
        }
        let outcome = try WhatIfOutcome(evaluated, hypothetical, intentsFile: intents.intents,
                                        incremental: !measurement.noIncremental, stepTimes: stepTimes)
        let (reports, final) = (outcome.replay.reports, outcome.replay.world)
        let (breaks, heals, others, stillBroken) = (outcome.breaks, outcome.heals, outcome.others, outcome.stillBroken)
        let (list, brokenIntents) = (outcome.intents, outcome.brokenIntents)
        switch format {
        case .table:
            let networks = final.networks.map(\.name)
            write(table.summary
                ? SummaryText.whatIf(reports, breaks: breaks, heals: heals, others: others, stillBroken: stillBroken,
                                     networks: networks, world: final, style: table.style)
                : TimelineReport.whatIfTable(reports, breaks: breaks, heals: heals, others: others, stillBroken: stillBroken,
                                             networks: networks, style: table.style, world: final))
            if !list.isEmpty { write(IntentReport.whatIfTable(checked: list.count, broken: brokenIntents)) }
        case .json:
            write(TimelineReport.whatIfJSON(reports, breaks: breaks, heals: heals, others: others, stillBroken: stillBroken,
                                            world: final) { json in
                if !list.isEmpty { IntentReport.writeWhatIf(checked: list.count, broken: brokenIntents, into: &json) }
            })
        case .markdown:
            write(WhatIfMarkdown.render(reports, breaks: breaks, heals: heals, others: others, stillBroken: stillBroken, title: title,
                                        world: final))
            if !list.isEmpty { write(IntentReport.whatIfMarkdown(checked: list.count, broken: brokenIntents)) }
        case .html:
            func drawing(_ world: World, _ rows: [Row], _ when: String) -> HTMLReport.Drawing {
                GraphvizDrawing.page(DiagramDOT.render(TopologyDiagram(world: world, rows: rows), title: "\(title), \(when)"))
            }
            write(HTMLReport.whatIf(title: title, command: command, reports: reports, breaks: breaks, heals: heals,
                                    others: stillBroken + others,
                                    change: GraphvizDrawing.page(changeDOT(outcome)),
                                    before: drawing(outcome.base, outcome.replay.initialRows, "before"),
                                    after: drawing(final, outcome.replay.finalRows, "after"),
                                    afterRows: outcome.replay.finalRows, world: final, version: BuildInfo.version))
        case .dot:
            write(changeDOT(outcome))
        case .svg, .png:
            write(data: try GraphvizDrawing.draw(changeDOT(outcome), format: format.rawValue))
        }
        if outcome.breaksAnything { throw CommandFailure.failures(nil) }
    }
}
