import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import ArgumentParser

/// `amplsim audit`: find the broken mappings of an existing setup.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Import zone files and find the broken mappings: who is hurt, why, and the fix.",
        discussion: """
        Zone contents come from each zone's `file` (BIND master files, as `az network private-dns \
        zone export` writes them) or from --zone-file ZONE_ID=PATH, which replaces that zone's file. \
        Private endpoints usually give fixed `addresses` and `dnsZones: []`: the exports are the DNS \
        truth, the endpoints say who owns which address. Every failing row of `simulate` is \
        explained by at least one finding. Exits 1 when any finding is an error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, sarif, markdown, html
    }

    @OptionGroup var input: TopologyArgument

    @Option(name: .customLong("zone-file"), help: ArgumentHelp("A zone file for a zone: ZONE_ID=PATH (repeatable).", valueName: "ZONE_ID=PATH"))
    var zoneFiles: [ZoneFileAssignment] = []

    @Option(help: "Output format: table, json, sarif, markdown (a pull-request comment) or html (a self-contained page).")
    var format: Format = .table

    @OptionGroup var table: TableOptions

    func validate() throws {
        for entry in zoneFiles where entry.assignment == nil {
            throw ValidationError("--zone-file takes ZONE_ID=PATH, not '\(entry.text)'")
        }
        try table.check(tableFormat: format == .table, format: format.rawValue)
    }

    func run() throws {
        var overrides: [String: String] = [:]
        for case let (zone, path)? in zoneFiles.map(\.assignment) { overrides[zone] = path }
        let evaluated = try Evaluated.load(input.topology, zoneFiles: overrides)
        let audit = Audit(simulation: Simulation(world: evaluated.world), outcomes: evaluated.outcomes)
        let findings = audit.findings()
        // The process ends once the answer is written: the zones' index, the resolver's answers
        // and the findings are never freed (freeing them one by one costs a large zone's audit
        // more than some of its checks).
        defer { keepUntilExit(evaluated, audit, findings) }
        switch format {
        case .table:
            if table.summary {
                write(SummaryText.audit(findings, style: table.style))
            } else {
                var out = BufferedOutput()
                AuditReport.tableBytes(findings, style: table.style) { out.write(bytes: $0) }
                out.flush()
            }
        case .json:
            var out = BufferedOutput()
            AuditReport.json(findings) { out.write(bytes: $0) }
            out.flush()
        case .sarif: write(AuditReport.sarif(findings, topology: input.topology, version: BuildInfo.version))
        case .markdown: write(AuditMarkdown.render(findings, title: topologyTitle(input.topology)))
        case .html:
            let title = topologyTitle(input.topology)
            write(HTMLReport.audit(title: title, command: "amplsim audit \(title) --format html", findings: findings,
                                   version: BuildInfo.version))
        }
        if findings.contains(where: { $0.severity == .error }) { throw CommandFailure.failures(nil) }
    }
}

/// Keeps `values` alive until the process exits: they are never freed.
private func keepUntilExit(_ values: Any...) {
    _ = Unmanaged.passRetained(Kept(values))
}

private final class Kept {
    let values: [Any]
    init(_ values: [Any]) { self.values = values }
}
