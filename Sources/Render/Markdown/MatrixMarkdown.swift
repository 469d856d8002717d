import AmplsimEngine

/// `simulate --format markdown`: a pull-request comment. The verdict and counts come first, then
/// one line per network, where each network's names resolve (the diagram as a table), the failing
/// rows, and every row folded away in `<details>`. Long tables fold their tail, so that a
/// tenant of thousands of rows still fits in one comment.
package enum MatrixMarkdown {
    /// The comment for `rows` (every row of the networks asked for); with `failuresOnly` the
    /// closing list of every row is left out. `title` names the topology (a file name).
    package static func render(_ rows: [Row], failuresOnly: Bool = false, title: String, world: World) -> String {
        let summary = Summary(rows: rows)
        let tally = HTMLReport.tally(rows)
        let failing = tally.filter { !$0.failures.isEmpty }
        var out = "## amplsim simulate \(MarkdownText.code(title))\n\n"
        let counts = "\(summary.private) private, \(summary.public) public, \(summary.failed) failed"
        if summary.failed == 0 {
            out += "✅ **Every row succeeds**: \(MarkdownText.count(rows.count, "row")) in "
                + "\(MarkdownText.count(tally.count, "network")) (\(counts)).\n"
        } else {
            let byStatus = Summary.byStatus(rows).filter { !$0.key.succeeds }.sorted { $0.key < $1.key }
                .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
            out += "❌ **\(summary.failed) of \(rows.count) rows fail** in "
                + "\(MarkdownText.count(failing.count, "network")) of \(tally.count): \(counts) (\(byStatus)).\n"
        }

        let causes = CauseCollector.group(rows, in: world)
        if !causes.isEmpty {
            out += "\n### Causes\n\n" + MarkdownText.table(
                room: MarkdownText.room(after: out),
                header: ["cause", "rows", "networks", "statuses"], alignRight: [1, 2],
                lines: causes.map { group in
                    [MarkdownText.cell(CauseText.what(group, world: world)), "\(group.rows.count)", "\(group.networks.count)",
                     group.byStatus.map { "\($0.rows) `\($0.status.rawValue)`" }.joined(separator: ", ")]
                }, noun: "cause", rest: "run `amplsim simulate --format json` for all of them")
        }

        out += "\n" + MarkdownText.table(
            room: MarkdownText.room(after: out),
            header: ["network", "ok", "failed", "failures"], alignRight: [1, 2],
            lines: tally.map { entry in
                let failed = entry.failures.values.reduce(0, +)
                let statuses = entry.failures.sorted { $0.key < $1.key }.map { "\($0.value) `\($0.key.rawValue)`" }
                return [MarkdownText.cell(entry.network.name), "\(entry.rows - failed)", "\(failed)", statuses.joined(separator: ", ")]
            }, noun: "network", rest: "narrow the comment with `--network`")

        let diagram = TopologyDiagram(world: world, rows: rows)
        out += "\n### Where each network's names resolve\n\n" + MarkdownText.table(
            room: MarkdownText.room(after: out),
            header: ["network", "", "target", "status", "rows", "resources"], alignRight: [4],
            lines: diagram.flows.map { flow in
                [MarkdownText.cell(flow.network.name), flow.status.succeeds ? "✅" : "❌",
                 MarkdownText.cell(target(flow.target)), "`\(flow.status.rawValue)`", "\(flow.rows)",
                 MarkdownText.cell(flow.resources.count <= 4 ? flow.resources.joined(separator: ", ")
                                                             : "\(flow.resources.count) resources")]
            }, noun: "path", rest: "see `--format html` for the whole diagram")

        let failures = rows.filter { !$0.status.succeeds }
        if !failures.isEmpty {
            out += "\n### Failing rows\n\n" + MarkdownText.table(
                room: MarkdownText.room(after: out),
                header: ["network", "resource", "endpoint", "status", "answer", "via", "why"],
                lines: failures.lazy.map(line), noun: "failing row", rest: "run `amplsim simulate --failures-only` for all of them")
        }

        if !failuresOnly {
            out += "\n<details><summary>Every row (\(rows.count))</summary>\n\n"
            out += MarkdownText.table(room: MarkdownText.room(after: out), header: ["", "network", "resource", "endpoint", "status", "answer", "via", "why"],
                                      lines: rows.lazy.map { [$0.status.succeeds ? "✅" : "❌"] + line($0) },
                                      noun: "row", rest: "run `amplsim simulate --format table` for all of them")
            out += "\n</details>\n"
        }
        return MarkdownText.capped(out, rest: "run `amplsim simulate --format html` for all of it")
    }

    /// One row as table cells: network, resource, endpoint, status, answer, via, detail.
    static func line(_ row: Row) -> [String] {
        [MarkdownText.cell(row.network.name), MarkdownText.cell(row.resource.name), row.endpoint.rawValue, "`\(row.status.rawValue)`",
         row.answer?.description ?? "–", MarkdownText.cell(row.via?.name ?? "–"), MarkdownText.cell(row.detail)]
    }

    /// A flow's target in words: "pe2 (private endpoint)", "public endpoints", "NXDOMAIN".
    static func target(_ target: TopologyDiagram.Target) -> String {
        switch target {
        case .endpoint(let name): return "\(name) (private endpoint)"
        case .publicInternet: return "public endpoints"
        case .failure(let status): return status == .dangling ? "nobody (dangling address)" : status.rawValue.uppercased()
        }
    }
}
