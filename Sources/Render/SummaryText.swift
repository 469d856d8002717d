import AmplsimEngine

/// `--summary`: the short form of `simulate`, `what-if`, `replay` and `audit` for a terminal. The
/// causes first (one line each, with counts), then one line per network or step; networks whose
/// rows are alike (the same resources, endpoints, statuses, answers, endpoints that hold them and
/// reasons, the network's own name aside) and that follow each other are one line
/// ("spoke-01 … spoke-12 (12 networks alike)").
package enum SummaryText {
    /// One network's rows, gathered a row at a time (rows come network by network).
    package struct Networks: Sendable {
        struct Entry: Sendable {
            var name: NetworkID
            var counts = [Int](repeating: 0, count: Status.count)
            var signature = Hasher()
            var rows = 0
        }
        private var entries: [Entry] = []

        package init() {}

        /// Counts `row` for its network.
        package mutating func add(_ row: Row) {
            if entries.last?.name != row.network { entries.append(Entry(name: row.network)) }
            entries[entries.count - 1].counts[row.status.ordinal] += 1
            entries[entries.count - 1].rows += 1
            entries[entries.count - 1].signature.combine(row.resource)
            entries[entries.count - 1].signature.combine(row.endpoint)
            entries[entries.count - 1].signature.combine(row.status)
            entries[entries.count - 1].signature.combine(row.answer)
            entries[entries.count - 1].signature.combine(row.via)
            // The reason too, the network's own name set aside: a hub and its spokes answer alike
            // but reach the endpoint differently ("same network", "through peering").
            entries[entries.count - 1].signature.combine(row.detail.replacingOccurrences(of: row.network.name, with: "\u{0}"))
        }

        /// A line per run of alike networks: "vnet1: 3 ok, 17 failed (unroutable 17)".
        func lines(style: TerminalStyle) -> [String] {
            var out: [String] = []
            var index = 0
            while index < entries.count {
                let first = entries[index]
                let key = first.signature.finalize()
                var last = index
                while last + 1 < entries.count, entries[last + 1].counts == first.counts,
                      entries[last + 1].signature.finalize() == key {
                    last += 1
                }
                let names = last == index ? first.name.name
                    : "\(first.name) … \(entries[last].name) (\(last - index + 1) networks alike)"
                out.append("  \(names): " + SummaryText.counts(first.counts, style: style))
                index = last + 1
            }
            return out
        }

        /// How many networks were counted.
        package var count: Int { entries.count }
    }

    /// "3 ok, 17 failed (unroutable 17)", the failures coloured on a terminal.
    static func counts(_ counts: [Int], style: TerminalStyle) -> String {
        var ok = 0, failed = 0
        var failures: [String] = []
        for status in Status.allCases {
            let n = counts[status.ordinal]
            guard n > 0 else { continue }
            if status.succeeds { ok += n } else {
                failed += n
                failures.append("\(status.rawValue) \(n)")
            }
        }
        var text = "\(ok) ok, " + (failed > 0 ? style.paint("\(failed) failed", succeeds: false) : "0 failed")
        if !failures.isEmpty { text += " (" + failures.joined(separator: ", ") + ")" }
        return text
    }

    /// `simulate --summary`: the causes, a line per network (alike ones together), the totals.
    package static func simulate(causes: [CauseGroup], networks: Networks, summary: Summary, byStatus: [Status: Int],
                                world: World, style: TerminalStyle = .plain) -> String {
        var out = CauseText.tableBlock(causes, world: world, style: style)
        out += style.bold("== networks (\(networks.count))") + "\n"
        for line in networks.lines(style: style) { out += line + "\n" }
        return out + "\n" + MatrixTable.footer(summary, counts: byStatus)
    }

    /// `replay --summary`: a line per step, then the totals.
    package static func replay(_ reports: [StepReport]) -> String {
        var out = ""
        for report in reports { out += TimelineReport.stepHeader(report) + changeCounts(report.changes) + "\n" }
        let refused = reports.filter { $0.refusal != nil }.count
        let changed = reports.reduce(0) { $0 + $1.changes.count }
        out += "\nsummary: \(reports.count) step\(reports.count == 1 ? "" : "s"), \(refused) refused, "
            + "\(changed) row change\(changed == 1 ? "" : "s")\n"
        return out
    }

    /// " (2 breaks, 1 heal)" for a step's changes; empty when none breaks or heals.
    static func changeCounts(_ changes: [RowChange]) -> String {
        let breaks = changes.filter(\.breaks).count, heals = changes.filter(\.heals).count
        guard breaks + heals > 0 else { return "" }
        return " (\(breaks) break\(breaks == 1 ? "" : "s"), \(heals) heal\(heals == 1 ? "" : "s"))"
    }

    /// `what-if --summary`: the causes of the breaks (grouped as `simulate` groups failing rows),
    /// the steps, a line per network that changed (networks that follow each other with the same
    /// resources' rows changed the same way together), the totals.
    package static func whatIf(_ reports: [StepReport], breaks: [TimelineReport.Break], heals: [RowChange],
                              others: [RowChange], stillBroken: [RowChange], networks: [NetworkID], world: World,
                              style: TerminalStyle = .plain) -> String {
        var out = "what-if: \(reports.count) hypothetical step\(reports.count == 1 ? "" : "s")\n"
        for report in reports { out += TimelineReport.stepHeader(report) + "\n" }
        let causes = TimelineReport.breakCauses(breaks, world: world)
        if !causes.isEmpty { out += "\n" + CauseText.tableBlock(causes, world: world, style: style).replacingOccurrences(
            of: "== causes (", with: "== causes of the breaks (") }
        var lines: [(name: NetworkID, text: String)] = []
        var tally: [NetworkID: (breaks: Int, heals: Int, still: Int, others: Int)] = [:]
        for item in breaks { tally[item.change.key.network, default: (0, 0, 0, 0)].breaks += 1 }
        for change in heals { tally[change.key.network, default: (0, 0, 0, 0)].heals += 1 }
        for change in stillBroken { tally[change.key.network, default: (0, 0, 0, 0)].still += 1 }
        for change in others { tally[change.key.network, default: (0, 0, 0, 0)].others += 1 }
        // What changed in each network, its own name aside: networks are alike when the same
        // resources' rows change the same way, not merely as many of them.
        var changed: [NetworkID: [String]] = [:]
        for change in breaks.map(\.change) + heals + stillBroken + others {
            let key = change.key
            changed[key.network, default: []].append("\(key.resource) \(key.endpoint.rawValue) "
                + "\(change.before?.status.rawValue ?? "-")>\(change.after?.status.rawValue ?? "-") \(change.after?.via?.name ?? "-")")
        }
        for network in networks {
            guard let t = tally[network] else { continue }
            var text = (t.breaks > 0 ? style.paint("\(t.breaks) break\(t.breaks == 1 ? "" : "s")", succeeds: false)
                                     : "0 breaks") + ", \(t.heals) heal\(t.heals == 1 ? "" : "s")"
            if t.still > 0 { text += ", \(t.still) still broken" }
            if t.others > 0 { text += ", \(t.others) other change\(t.others == 1 ? "" : "s")" }
            lines.append((network, text + "\u{0}" + (changed[network] ?? []).sorted().joined(separator: "\u{1}")))
        }
        if !lines.isEmpty {
            out += "\n" + style.bold("== networks that change (\(lines.count))") + "\n"
            var index = 0
            while index < lines.count {
                var last = index
                while last + 1 < lines.count, lines[last + 1].text == lines[index].text { last += 1 }
                let names = last == index ? lines[index].name.name
                    : "\(lines[index].name) … \(lines[last].name) (\(last - index + 1) networks alike)"
                out += "  \(names): \(lines[index].text.prefix { $0 != "\u{0}" })\n"
                index = last + 1
            }
        }
        out += "\nsummary: \(breaks.count) break\(breaks.count == 1 ? "" : "s"), \(heals.count) heal\(heals.count == 1 ? "" : "s"), "
        out += stillBroken.isEmpty ? "" : "\(stillBroken.count) still broken (failing before and after, for another reason), "
        out += "\(others.count) other change\(others.count == 1 ? "" : "s")\n"
        return out
    }

    /// `audit --summary`: a line per finding code (its severity, how many findings, in which
    /// zones and for how many networks), then the totals.
    package static func audit(_ findings: [Finding], style: TerminalStyle = .plain) -> String {
        if findings.isEmpty { return "no findings: every network reaches what its DNS answers\n" }
        var out = ""
        for severity in Severity.allCases {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += style.bold("== \(severity.rawValue)s (\(group.count))") + "\n"
            var order: [FindingCode] = []
            var byCode: [FindingCode: [Finding]] = [:]
            for f in group {
                if byCode[f.code] == nil { order.append(f.code) }
                byCode[f.code, default: []].append(f)
            }
            for code in order {
                let list = byCode[code] ?? []
                var zones: [ZoneID] = [], seenZones: Set<ZoneID> = []
                var networks: Set<NetworkID> = []
                for f in list {
                    if let zone = f.zone, seenZones.insert(zone).inserted { zones.append(zone) }
                    networks.formUnion(f.networks)
                }
                let label = severity == .error ? "ERROR" : severity == .warning ? "WARN " : "INFO "
                var line = "  \(severity == .info ? label : style.paint(label, succeeds: false)) \(code.rawValue): "
                    + "\(list.count) finding\(list.count == 1 ? "" : "s")"
                if !zones.isEmpty {
                    line += " in zone\(zones.count == 1 ? "" : "s") " + zones.prefix(5).map(\.name).joined(separator: ", ")
                        + (zones.count > 5 ? " and \(zones.count - 5) more" : "")
                }
                if !networks.isEmpty { line += ", \(networks.count) network\(networks.count == 1 ? "" : "s")" }
                out += line + "\n"
            }
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        return out + "\nsummary: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
    }
}
