import AmplsimEngine

/// `replay --format markdown`: a pull-request comment for a history of steps. The verdict first,
/// then each step with its counts, then the changed rows of every step (their tail folded).
package enum ReplayMarkdown {
    /// The comment for a replay; `title` names the topology (a file name).
    package static func render(_ reports: [StepReport], title: String) -> String {
        var out = "## amplsim replay \(MarkdownText.code(title))\n\n"
        let refused = reports.filter { $0.refusal != nil }.count
        let changes = reports.flatMap { report in report.changes.map { (report.index, $0) } }
        let breaks = changes.filter(\.1.breaks).count, heals = changes.filter(\.1.heals).count
        out += refused > 0 ? "⚠️ " : ""
        out += "**\(MarkdownText.count(reports.count, "step"))**, \(refused) refused: "
            + "\(MarkdownText.count(changes.count, "row change")) (\(MarkdownText.count(breaks, "break")), "
            + "\(MarkdownText.count(heals, "heal"))).\n\n"
        var steps = ""
        for report in reports {
            let label = report.step.label.map { " \"\(MarkdownText.cell($0))\"" } ?? ""
            steps += "\(report.index). \(MarkdownText.code(StepText.line(report.step.step)))\(label): "
            if let refusal = report.refusal {
                steps += "⚠️ **refused** [\(refusal.rule.rawValue)] \(MarkdownText.cell(refusal.message))\n"
            } else {
                steps += "applied, \(MarkdownText.count(report.changes.count, "row")) changed\(SummaryText.changeCounts(report.changes))\n"
            }
        }
        out += steps
        if !changes.isEmpty {
            out += "\n### Changed rows\n\n" + MarkdownText.table(
                room: MarkdownText.room(after: out),
                header: ["step", "network", "resource", "endpoint", "before → after", "answer", "via", "why"],
                lines: changes.lazy.map { index, change in ["\(index)"] + WhatIfMarkdown.line(change) },
                noun: "changed row", rest: "run `amplsim replay --format html` for all of them")
        }
        return MarkdownText.capped(out, rest: "run `amplsim replay --format html` for all of it")
    }
}
