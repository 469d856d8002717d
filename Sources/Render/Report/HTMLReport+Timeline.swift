import AmplsimEngine

extension HTMLReport {
    /// The audit page: the verdict, counts by severity and code, and every finding in a table
    /// filtered by network, severity and text.
    package static func audit(title: String, command: String, findings: [Finding], version: String) -> String {
        var body = "<header>\n<h1>amplsim audit: \(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"command\"><code>\(HTMLText.escape(command))</code></p>\n</header>\n<main>\n"
        body += "<section id=\"summary\">\n<h2>Summary</h2>\n"
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.count - errors - warnings
        if findings.isEmpty {
            body += "<p class=\"verdict good\">No findings: every network reaches what its DNS answers.</p>\n"
        } else {
            body += "<p class=\"verdict \(errors > 0 ? "bad" : "good")\">\(errors) error\(errors == 1 ? "" : "s"), "
                + "\(warnings) warning\(warnings == 1 ? "" : "s"), \(notes) note\(notes == 1 ? "" : "s").</p>\n"
        }
        body += "<div class=\"cards\">\n"
        var order: [FindingCode] = []
        var counts: [FindingCode: Int] = [:]
        for f in findings {
            if counts[f.code] == nil { order.append(f.code) }
            counts[f.code, default: 0] += 1
        }
        for code in order {
            body += "<div class=\"card \(code.severity == .info ? "" : "fail")\"><b>\(counts[code] ?? 0)</b>\(code.rawValue)</div>\n"
        }
        body += "</div>\n</section>\n"
        var networks: [NetworkID] = []
        var seen: Set<NetworkID> = []
        for f in findings { for n in f.networks where seen.insert(n).inserted { networks.append(n) } }
        body += "<section class=\"filterable\" id=\"findings\">\n<h2>Findings</h2>\n"
        body += filters(networks: networks, idPrefix: "findings", statusLabel: "severity",
                        statusOptions: ["<option value=\"\">any severity</option>"]
                            + Severity.allCases.map { "<option>\($0.rawValue)</option>" })
        body += "<table class=\"matrix\">\n<thead><tr><th>severity</th><th>code</th><th>where</th><th>networks</th>"
        body += "<th>finding</th><th>fix</th></tr></thead>\n<tbody>\n"
        for f in findings {
            var place: [String] = []
            if let zone = f.zone { place.append("zone \(zone)") }
            if let name = f.name { place.append(name.absolute) }
            if let resource = f.resource { place.append("resource \(resource)") }
            if let location = f.location { place.append("\(location)") }
            body += "<tr class=\"\(f.severity == .info ? "ok" : "fail")\" data-network=\"\(HTMLText.escape(f.networks.map(\.name).joined(separator: " ")))\""
            body += " data-status=\"\(f.severity.rawValue)\"><td class=\"status\">\(f.severity.rawValue)</td>"
            body += "<td>\(f.code.rawValue)</td><td>\(HTMLText.escape(place.joined(separator: ", ")))</td>"
            body += "<td>\(HTMLText.escape(f.networks.map(\.name).joined(separator: ", ")))</td>"
            body += "<td class=\"detail\">\(HTMLText.escape(f.message))</td><td class=\"detail\">\(HTMLText.escape(f.fix))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n</section>\n</main>\n"
        return page(title: "amplsim audit: \(title)", body: body, version: version)
    }

    /// The replay page: each step (applied or refused, with its counts), then every changed row of
    /// every step in one table filtered by network, status after and text.
    package static func replay(title: String, command: String, reports: [StepReport], version: String) -> String {
        var body = "<header>\n<h1>amplsim replay: \(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"command\"><code>\(HTMLText.escape(command))</code></p>\n</header>\n<main>\n"
        let refused = reports.filter { $0.refusal != nil }.count
        let changes = reports.flatMap(\.changes)
        let breaks = changes.filter(\.breaks).count, heals = changes.filter(\.heals).count
        body += "<section id=\"summary\">\n<h2>Summary</h2>\n"
        body += "<p class=\"verdict \(refused > 0 ? "bad" : "good")\">\(reports.count) step\(reports.count == 1 ? "" : "s"), "
            + "\(refused) refused, \(changes.count) row change\(changes.count == 1 ? "" : "s").</p>\n"
        body += timelineSteps(reports, heading: "Steps", breaks: breaks, heals: heals, others: changes.count - breaks - heals,
                              counts: true)
        body += "</section>\n"
        body += changesTable(reports.flatMap { report in report.changes.map { ("\(report.index)", $0) } }, first: "step")
        body += "</main>\n"
        return page(title: "amplsim replay: \(title)", body: body, version: version)
    }
}
