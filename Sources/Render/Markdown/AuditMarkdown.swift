import AmplsimEngine

/// `audit --format markdown`: a pull-request comment. The verdict first, then the errors and
/// warnings as one table (its tail folded), then the informational findings folded away.
package enum AuditMarkdown {
    /// The comment for `findings`; `title` names the topology (a file name).
    package static func render(_ findings: [Finding], title: String) -> String {
        var out = "## amplsim audit \(MarkdownText.code(title))\n\n"
        let errors = findings.filter { $0.severity == .error }
        let warnings = findings.filter { $0.severity == .warning }
        let infos = findings.filter { $0.severity == .info }
        if findings.isEmpty {
            return out + "✅ **No findings**: every network reaches what its DNS answers.\n"
        }
        out += errors.isEmpty ? "⚠️ " : "❌ "
        out += "**\(MarkdownText.count(errors.count, "error")), \(MarkdownText.count(warnings.count, "warning"))**"
        if !infos.isEmpty { out += ", \(MarkdownText.count(infos.count, "note"))" }
        let codes = Dictionary(grouping: errors + warnings, by: \.code).sorted { $0.key < $1.key }
            .map { "\($0.value.count) `\($0.key.rawValue)`" }
        out += codes.isEmpty ? ".\n" : ": \(codes.joined(separator: ", ")).\n"

        let header = ["", "code", "where", "networks", "finding", "fix"]
        let serious = errors + warnings
        if !serious.isEmpty {
            out += "\n" + MarkdownText.table(room: MarkdownText.room(after: out), header: header, lines: serious.lazy.map(line), noun: "finding",
                                             rest: "run `amplsim audit --format table` for all of them")
        }
        if !infos.isEmpty {
            out += "\n<details><summary>\(MarkdownText.count(infos.count, "note"))</summary>\n\n"
            out += MarkdownText.table(room: MarkdownText.room(after: out), header: header, lines: infos.lazy.map(line), noun: "note",
                                      rest: "run `amplsim audit --format table` for all of them")
            out += "\n</details>\n"
        }
        return MarkdownText.capped(out, rest: "run `amplsim audit --format table` for all of it")
    }

    static func line(_ f: Finding) -> [String] {
        let mark: String
        switch f.severity {
        case .error: mark = "❌"
        case .warning: mark = "⚠️"
        case .info: mark = "ℹ️"
        }
        var place: [String] = []
        if let zone = f.zone { place.append("zone \(MarkdownText.code(zone.name))") }
        if let name = f.name { place.append(MarkdownText.code(name.absolute)) }
        if let resource = f.resource { place.append("resource \(MarkdownText.code(resource.name))") }
        if let location = f.location { place.append(MarkdownText.cell("\(location)")) }
        let networks = f.networks.count <= 4 ? f.networks.map(\.name).joined(separator: ", ")
            : f.networks.prefix(3).map(\.name).joined(separator: ", ") + " and \(f.networks.count - 3) more"
        return [mark, "`\(f.code.rawValue)`", place.joined(separator: "<br>"), MarkdownText.cell(networks),
                MarkdownText.cell(f.message), MarkdownText.cell(f.fix)]
    }
}
