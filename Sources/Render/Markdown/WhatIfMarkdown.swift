import AmplsimEngine

/// `what-if --format markdown`: a pull-request comment for a planned change. The verdict first,
/// then the steps, the breaks (their tail folded), the ways out counted over every break, and
/// the heals and other changes folded away.
package enum WhatIfMarkdown {
    /// The comment for a what-if run; `title` names the topology (a file name).
    package static func render(_ reports: [StepReport], breaks: [TimelineReport.Break], heals: [RowChange],
                              others: [RowChange], stillBroken: [RowChange] = [], title: String,
                              world: World? = nil) -> String {
        var out = "## amplsim what-if \(MarkdownText.code(title))\n\n"
        let tail = "\(MarkdownText.count(heals.count, "heal")), "
            + (stillBroken.isEmpty ? "" : "\(stillBroken.count) still broken, ")
            + "\(MarkdownText.count(others.count, "other change"))"
            + " after \(MarkdownText.count(reports.count, "hypothetical step"))"
        out += breaks.isEmpty ? "✅ **Nothing breaks**: \(tail).\n" : "❌ **\(MarkdownText.count(breaks.count, "break"))**, \(tail).\n"
        if !breaks.isEmpty {
            var names: [NetworkID] = []
            var seen: Set<NetworkID> = []
            for item in breaks where seen.insert(item.change.key.network).inserted { names.append(item.change.key.network) }
            let listed = names.prefix(MarkdownText.listedNames).map { MarkdownText.cell($0.name) }.joined(separator: ", ")
            let more = names.count > MarkdownText.listedNames ? " and \(names.count - MarkdownText.listedNames) more" : ""
            out += "\nNetworks that lose paths: \(listed)\(more).\n"
        }

        if let world {
            let causes = TimelineReport.breakCauses(breaks, world: world)
            if !causes.isEmpty {
                out += "\n### Causes of the breaks\n\n" + MarkdownText.table(
                    room: MarkdownText.room(after: out),
                    header: ["cause", "rows", "networks", "statuses"], alignRight: [1, 2],
                    lines: causes.lazy.map { group in
                        [MarkdownText.cell(CauseText.what(group, world: world)), "\(group.rows.count)", "\(group.networks.count)",
                         group.byStatus.map { "\($0.rows) `\($0.status.rawValue)`" }.joined(separator: ", ")]
                    }, noun: "cause", rest: "run `amplsim what-if --format json` for all of them")
            }
        }

        out += "\n"
        for report in reports {
            let label = report.step.label.map { " \"\(MarkdownText.cell($0))\"" } ?? ""
            out += "\(report.index). \(MarkdownText.code(StepText.line(report.step.step)))\(label): "
            if let refusal = report.refusal {
                out += "⚠️ **refused** [\(refusal.rule.rawValue)] \(MarkdownText.cell(refusal.message))\n"
            } else {
                out += "applied, \(MarkdownText.count(report.changes.count, "row")) changed\n"
            }
        }

        let header = ["network", "resource", "endpoint", "before → after", "answer", "via", "why"]
        if !breaks.isEmpty {
            out += "\n### Breaks\n\n" + MarkdownText.table(room: MarkdownText.room(after: out), header: header, lines: breaks.lazy.map { line($0.change) },
                                                         noun: "break", rest: "run `amplsim what-if --format table` for all of them")
            let ways = WaysOutTally.of(breaks)
            if !ways.isEmpty {
                out += "\n### Ways out\n\n" + MarkdownText.table(
                    room: MarkdownText.room(after: out),
                    header: ["way out", "when applied"],
                    lines: ways.map { [MarkdownText.cell($0.text), ($0.heals > 0 ? "✅ " : $0.unchecked == $0.suggested ? "" : "❌ ") + $0.verdict] },
                    noun: "way out", rest: "run `amplsim what-if --format json` for all of them")
            }
        }
        if !stillBroken.isEmpty {
            out += "\n### Still broken (failing before and after, for another reason)\n\n"
                + MarkdownText.table(room: MarkdownText.room(after: out), header: header, lines: stillBroken.lazy.map(line), noun: "row",
                                     rest: "run `amplsim what-if --format table` for all of them")
        }
        for (title, changes) in [("Heals", heals), ("Other changes", others)] where !changes.isEmpty {
            out += "\n<details><summary>\(title) (\(changes.count))</summary>\n\n"
            out += MarkdownText.table(room: MarkdownText.room(after: out), header: header, lines: changes.lazy.map(line), noun: "change",
                                      rest: "run `amplsim what-if --format table` for all of them")
            out += "\n</details>\n"
        }
        // The intents section (IntentReport.whatIfMarkdown) may follow: room is kept for it.
        return MarkdownText.capped(out, rest: "run `amplsim what-if --format html` for all of it",
                                   limit: MarkdownText.hardLimit - MarkdownText.appendix)
    }

    static func line(_ change: RowChange) -> [String] {
        let key = change.key
        let before = change.before?.status.rawValue ?? "(none)"
        let after = change.after?.status.rawValue ?? "(removed)"
        let detail = change.after?.detail ?? change.before.map { "removed: \($0.detail)" } ?? ""
        return [MarkdownText.cell(key.network.name), MarkdownText.cell(key.resource.name), key.endpoint.rawValue,
                "`\(before)` → `\(after)`", change.after?.answer?.description ?? "–",
                MarkdownText.cell(change.after?.via?.name ?? "–"), MarkdownText.cell(detail)]
    }
}
