import AmplsimEngine

/// `replay` and `what-if`: each step and the rows whose status it changed; for what-if, what
/// breaks and heals overall, grouped by network, with the ways out of each break.
package enum TimelineReport {
    /// A break and the ways out found for it.
    package struct Break: Sendable {
        package var change: RowChange
        package var waysOut: [WayOut]

        package init(change: RowChange, waysOut: [WayOut]) {
            self.change = change
            self.waysOut = waysOut
        }
    }

    // MARK: Table

    package static func replayTable(_ reports: [StepReport], style: TerminalStyle = .plain) -> String {
        var out = ""
        for report in reports {
            out += stepHeader(report) + "\n"
            for change in report.changes { out += changeLines(change, style: style) }
        }
        let refused = reports.filter { $0.refusal != nil }.count
        let changed = reports.reduce(0) { $0 + $1.changes.count }
        out += "\nsummary: \(reports.count) step\(reports.count == 1 ? "" : "s"), \(refused) refused, \(changed) row change\(changed == 1 ? "" : "s")\n"
        return out
    }

    package static func whatIfTable(_ reports: [StepReport], breaks: [Break], heals: [RowChange], others: [RowChange],
                                   stillBroken: [RowChange] = [], networks: [NetworkID], style: TerminalStyle = .plain,
                                   world: World? = nil) -> String {
        var out = "what-if: \(reports.count) hypothetical step\(reports.count == 1 ? "" : "s")\n"
        for report in reports { out += stepHeader(report) + "\n" }
        if let world { out += causesOfBreaks(breaks, world: world, style: style) }
        // Each list grouped by network once (in its own order), so the blocks cost one pass.
        let breaksOf = Dictionary(grouping: breaks, by: \.change.key.network)
        let healsOf = Dictionary(grouping: heals, by: \.key.network)
        let othersOf = Dictionary(grouping: others, by: \.key.network)
        let stillOf = Dictionary(grouping: stillBroken, by: \.key.network)
        for network in networks {
            let b = breaksOf[network] ?? []
            let h = healsOf[network] ?? []
            let o = othersOf[network] ?? []
            let s = stillOf[network] ?? []
            guard !b.isEmpty || !h.isEmpty || !o.isEmpty || !s.isEmpty else { continue }
            out += "\n== \(network): \(b.count) break\(b.count == 1 ? "" : "s"), \(h.count) heal\(h.count == 1 ? "" : "s")"
            out += s.isEmpty ? "" : ", \(s.count) still broken"
            out += o.isEmpty ? "\n" : ", \(o.count) other change\(o.count == 1 ? "" : "s")\n"
            var listed = BreakListing(world: world)
            for item in b {
                guard listed.lists(item) else { continue }
                out += changeLines(item.change, style: style, mark: "BREAK")
                if !item.waysOut.isEmpty {
                    out += "         ways out:\n"
                    for way in item.waysOut {
                        let result = way.result.map { " (\($0.rawValue))" } ?? ""
                        let cost = (way.breaksOthers ?? 0) > 0 ? ", but breaks \(way.breaksOthers!) row\(way.breaksOthers == 1 ? "" : "s") that work now" : ""
                        let verdict = way.heals.map { $0 ? "heals\(result)\(cost)" : "does not heal\(result)" } ?? "not checked"
                        out += style.wrap("- \(way.text): \(verdict)", indent: "           ")
                    }
                }
            }
            out += listed.moreLines(style: style)
            for change in h { out += changeLines(change, style: style, mark: "HEAL ") }
            // A row that stays failed for a new reason is still broken, not merely changed.
            for change in s { out += changeLines(change, style: style, mark: "STILL") }
            for change in o { out += changeLines(change, style: style, mark: "     ") }
        }
        out += "\nsummary: \(breaks.count) break\(breaks.count == 1 ? "" : "s"), \(heals.count) heal\(heals.count == 1 ? "" : "s"), "
        out += stillBroken.isEmpty ? "" : "\(stillBroken.count) still broken (failing before and after, for another reason), "
        out += "\(others.count) other change\(others.count == 1 ? "" : "s")\n"
        return out
    }

    /// The causes of the breaks, grouped as `simulate` groups failing rows (the rows after the
    /// steps), led by an empty line: "== causes of the breaks (1)".
    static func causesOfBreaks(_ breaks: [Break], world: World, style: TerminalStyle) -> String {
        let causes = breakCauses(breaks, world: world)
        guard !causes.isEmpty else { return "" }
        return "\n" + CauseText.tableBlock(causes, world: world, style: style)
            .replacingOccurrences(of: "== causes (", with: "== causes of the breaks (")
            .dropLast()   // the block's closing empty line: the networks follow with their own
    }

    /// The breaks' rows after the steps grouped by cause; a group's `rows` index `breaks`.
    static func breakCauses(_ breaks: [Break], world: World) -> [CauseGroup] {
        CauseCollector.group(breaks.compactMap(\.change.after), in: world)
    }

    static func stepHeader(_ report: StepReport) -> String {
        let label = report.step.label.map { " \"\($0)\"" } ?? ""
        let head = "step \(report.index) \(StepText.line(report.step.step))\(label)"
        if let refusal = report.refusal { return "\(head): REFUSED [\(refusal.rule.rawValue)] \(refusal.message)" }
        return "\(head): applied, \(report.changes.count) row\(report.changes.count == 1 ? "" : "s") changed"
    }

    /// A changed row: its key, the statuses before and after (coloured by the one after), the
    /// answer, the endpoint and the name; then the reason, wrapped to the style's width.
    static func changeLines(_ change: RowChange, style: TerminalStyle, mark: String? = nil) -> String {
        let key = change.key
        let before = change.before?.status.rawValue ?? "(none)"
        let after = change.after?.status.rawValue ?? "(removed)"
        let succeeds = change.after?.status.succeeds ?? false
        let lead = mark.map { "  \(style.paint($0, succeeds: succeeds)) " } ?? "    "
        var line = "\(lead)\(MatrixTable.pad(key.network, 10)) \(MatrixTable.pad(key.resource, 14)) \(MatrixTable.pad(key.endpoint.rawValue, 15)) \(before) -> \(style.paint(after, succeeds: succeeds))"
        if let answer = change.after?.answer { line += "  \(answer)" }
        if let via = change.after?.via { line += " via \(via)" }
        if let name = (change.after ?? change.before)?.fqdn { line += "  \(name.absolute)" }
        var out = line + "\n"
        if let detail = change.after?.detail ?? change.before.map({ "removed: \($0.detail)" }) {
            out += style.wrap(detail, indent: "         ")
        }
        return out
    }

    // MARK: JSON

    package static func replayJSON(_ reports: [StepReport]) -> String {
        var json = JSONText()
        json.beginObject()
        json.field("version", 1)
        writeSteps(reports, into: &json)
        json.endObject()
        return json.text + "\n"
    }

    /// `extra` writes members after `summary` (the intents a scenario breaks).
    package static func whatIfJSON(_ reports: [StepReport], breaks: [Break], heals: [RowChange], others: [RowChange],
                                  stillBroken: [RowChange] = [], world: World? = nil,
                                  extra: (inout JSONText) -> Void = { _ in }) -> String {
        var json = JSONText()
        json.beginObject()
        json.field("version", 1)
        writeSteps(reports, into: &json)
        // The causes of the breaks first, their `rows` indexing `breaks` (a break whose row is
        // removed by a step has no cause).
        if let world { CauseText.writeJSON(breakCauses(breaks, world: world), world: world, into: &json) }
        json.key("breaks")
        json.beginArray()
        for item in breaks {
            write(item.change, into: &json) { json in
                json.key("waysOut")
                json.beginArray()
                for way in item.waysOut {
                    json.beginObject()
                    json.field("text", way.text)
                    json.key("heals")
                    if let heals = way.heals { json.bool(heals) } else { json.null() }
                    json.field("result", way.result?.rawValue)
                    json.key("breaksOthers")
                    if let n = way.breaksOthers { json.int(n) } else { json.null() }
                    json.endObject()
                }
                json.endArray()
            }
        }
        json.endArray()
        json.key("heals")
        json.beginArray()
        for change in heals { write(change, into: &json) }
        json.endArray()
        json.key("stillBroken")
        json.beginArray()
        for change in stillBroken { write(change, into: &json) }
        json.endArray()
        json.key("otherChanges")
        json.beginArray()
        for change in others { write(change, into: &json) }
        json.endArray()
        json.key("summary")
        json.beginObject()
        json.field("breaks", breaks.count)
        json.field("heals", heals.count)
        json.field("stillBroken", stillBroken.count)
        json.field("otherChanges", others.count)
        json.endObject()
        extra(&json)
        json.endObject()
        return json.text + "\n"
    }

    static func writeSteps(_ reports: [StepReport], into json: inout JSONText) {
        json.key("steps")
        json.beginArray()
        for report in reports {
            json.beginObject()
            json.field("index", report.index)
            json.key("step")
            StepText.write(report.step.step, into: &json)
            json.field("label", report.step.label)
            json.field("error", report.refusal?.message)
            json.field("rule", report.refusal?.rule.rawValue)
            json.key("changes")
            json.beginArray()
            for change in report.changes { write(change, into: &json) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }

    static func write(_ change: RowChange, into json: inout JSONText, extra: (inout JSONText) -> Void = { _ in }) {
        let key = change.key
        json.beginObject()
        json.field("network", key.network)
        json.field("resource", key.resource)
        json.field("endpoint", key.endpoint.rawValue)
        json.field("fqdn", (change.after ?? change.before)?.fqdn.text)
        json.field("before", change.before?.status.rawValue)
        json.field("after", change.after?.status.rawValue)
        json.field("beforeAnswer", change.before?.answer?.description)
        json.field("afterAnswer", change.after?.answer?.description)
        json.field("via", change.after?.via)
        json.field("detail", change.after?.detail ?? change.before?.detail)
        extra(&json)
        json.endObject()
    }
}
