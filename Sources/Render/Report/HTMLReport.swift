import AmplsimEngine

/// `simulate --format html` and `what-if --format html`: one self-contained page (inline style,
/// inline SVG, a small inline script, no request of any kind) with the diagram, a summary and the
/// matrix as a table filtered by network, status and text.
package enum HTMLReport {
    /// A diagram as the page shows it: Graphviz's SVG, or, when there is none, a note saying why
    /// and the DOT source to draw it elsewhere.
    package enum Drawing: Sendable {
        case svg(String)
        case unavailable(reason: String, dot: String)
    }

    /// The simulate page; with `failuresOnly` the matrix keeps the failing rows (the summary counts all).
    package static func simulate(title: String, command: String, world: World, rows: [Row], failuresOnly: Bool = false,
                                drawing: Drawing, version: String) -> String {
        String(decoding: simulateBytes(title: title, command: command, world: world, rows: rows, failuresOnly: failuresOnly,
                                       drawing: drawing, version: version), as: UTF8.self)
    }

    /// The simulate page as UTF-8 bytes: the matrix of a big estate is hundreds of megabytes, and
    /// it is written once, not copied through strings.
    package static func simulateBytes(title: String, command: String, world: World, rows: [Row], failuresOnly: Bool = false,
                                     drawing: Drawing, version: String) -> [UInt8] {
        let summary = Summary(rows: rows)
        var body = "<header>\n<h1>amplsim simulate: \(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"command\"><code>\(HTMLText.escape(command))</code></p>\n</header>\n<main>\n"
        body += "<section id=\"summary\">\n<h2>Summary</h2>\n" + verdict(summary, rows) + cards(summary, rows)
        body += causesList(CauseCollector.group(rows, in: world), heading: "Causes", world: world)
        body += networkTable(rows, world: world) + "</section>\n"
        body += "<section id=\"diagram\">\n<h2>Diagram</h2>\n"
        body += figure(drawing, idPrefix: "d-", caption: "Each arrow leaves a network's clients for where its names resolve: "
            + "green when the connection succeeds (dashed when public), red and labelled with the status when it fails.")
        body += "</section>\n"
        return page(title: "amplsim simulate: \(title)", version: version) { out in
            HTMLText.append(body, to: &out)
            matrix(failuresOnly ? rows.filter { !$0.status.succeeds } : rows,
                   heading: failuresOnly ? "Matrix: failing rows" : "Matrix", id: "matrix", into: &out)
            HTMLText.append("</main>\n", to: &out)
        }
    }

    // MARK: Pieces shared with what-if

    /// "<h3>Causes</h3>" and a line per cause with its counts; nothing without causes.
    static func causesList(_ causes: [CauseGroup], heading: String, world: World) -> String {
        guard !causes.isEmpty else { return "" }
        var out = "<h3 id=\"causes\">\(HTMLText.escape(heading))</h3>\n<ul class=\"causes\">\n"
        for group in causes {
            out += "<li>\(HTMLText.escape(CauseText.what(group, world: world))): "
                + "<span class=\"nothealed\">\(HTMLText.escape(CauseText.counts(group)))</span></li>\n"
        }
        return out + "</ul>\n"
    }

    /// The cards of a timeline (breaks, heals, other changes), then its steps as a numbered list,
    /// each applied (with its counts when `counts`) or refused with the rule.
    static func timelineSteps(_ reports: [StepReport], heading: String, breaks: Int, heals: Int, others: Int,
                              counts: Bool) -> String {
        var out = "<div class=\"cards\">\n<div class=\"card fail\"><b>\(breaks)</b>breaks</div>\n"
        out += "<div class=\"card ok\"><b>\(heals)</b>heals</div>\n"
        out += "<div class=\"card\"><b>\(others)</b>other changes</div>\n</div>\n"
        out += "<h3>\(HTMLText.escape(heading))</h3>\n<ol class=\"steps\">\n"
        for report in reports {
            let label = report.step.label.map { " <i>\(HTMLText.escape($0))</i>" } ?? ""
            out += "<li value=\"\(report.index)\"><code>\(HTMLText.escape(StepText.line(report.step.step)))</code>\(label): "
            if let refusal = report.refusal {
                out += "<b class=\"nothealed\">refused</b> [\(refusal.rule.rawValue)] \(HTMLText.escape(refusal.message))</li>\n"
            } else {
                out += "applied, \(report.changes.count) row\(report.changes.count == 1 ? "" : "s") changed"
                    + (counts ? HTMLText.escape(SummaryText.changeCounts(report.changes)) : "") + "</li>\n"
            }
        }
        return out + "</ol>\n"
    }

    static func page(title: String, body: String, version: String) -> String {
        String(decoding: page(title: title, version: version) { HTMLText.append(body, to: &$0) }, as: UTF8.self)
    }

    /// The page around what `body` writes.
    static func page(title: String, version: String, body: (inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        HTMLText.append(pageHead(title: title), to: &out)
        body(&out)
        HTMLText.append(pageTail(version: version), to: &out)
        return out
    }

    static func pageHead(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(ReportAssets.contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(ReportAssets.css)
        </style>
        </head>
        <body>

        """
    }

    static func pageTail(version: String) -> String {
        """
        <footer>Written by amplsim \(HTMLText.escape(version)). This page is self-contained: it loads nothing.</footer>
        <script>
        \(ReportAssets.script)
        </script>
        </body>
        </html>

        """
    }

    static func verdict(_ summary: Summary, _ rows: [Row]) -> String {
        let failing = tally(rows).filter { !$0.failures.isEmpty }.map(\.network)
        if summary.failed == 0 {
            return "<p class=\"verdict good\">Every network reaches every endpoint (\(rows.count) rows).</p>\n"
        }
        let names = failing.prefix(8).map { "<b>\(HTMLText.escape($0))</b>" }.joined(separator: ", ")
            + (failing.count > 8 ? " and \(failing.count - 8) more" : "")
        return "<p class=\"verdict bad\">\(summary.failed) of \(rows.count) rows fail, in \(failing.count) network\(failing.count == 1 ? "" : "s"): \(names).</p>\n"
    }

    static func cards(_ summary: Summary, _ rows: [Row]) -> String {
        var out = "<div class=\"cards\">\n"
        out += "<div class=\"card ok\"><b>\(summary.private)</b>private</div>\n"
        out += "<div class=\"card ok\"><b>\(summary.public)</b>public</div>\n"
        out += "<div class=\"card fail\"><b>\(summary.failed)</b>failed</div>\n"
        let counts = Summary.byStatus(rows)
        for status in Status.allCases where !status.succeeds {
            guard let n = counts[status] else { continue }
            out += "<div class=\"card fail\"><b>\(n)</b>\(status.rawValue)</div>\n"
        }
        return out + "</div>\n"
    }

    static func networkTable(_ rows: [Row], world: World) -> String {
        var out = "<table class=\"networks\">\n<thead><tr><th>network</th><th>kind</th><th>address space</th><th>DNS</th>"
        out += "<th class=\"num\">ok</th><th class=\"num\">failed</th><th>failures</th></tr></thead>\n<tbody>\n"
        for entry in tally(rows) {
            let name = entry.network
            let failed = entry.failures.values.reduce(0, +)
            let counts = entry.failures.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }
            let network = world.network(name)
            let dns: String
            switch network?.dns {
            case .server(let s): dns = "DNS server \(s)"
            case .address(let address): dns = address == .azureDNS ? "Azure DNS" : "DNS at \(address)"
            default: dns = "Azure DNS"
            }
            out += "<tr class=\"\(failed == 0 ? "ok" : "fail")\"><td>\(HTMLText.escape(name))</td>"
            out += "<td>\(network?.kind == .onprem ? "on-premises" : "VNet")</td>"
            out += "<td>\(HTMLText.escape(network?.addressSpace.map(\.description).joined(separator: ", ") ?? ""))</td>"
            out += "<td>\(HTMLText.escape(dns))</td><td class=\"num\">\(entry.rows - failed)</td>"
            out += "<td class=\"num\">\(failed)</td><td class=\"status\">\(HTMLText.escape(counts.joined(separator: ", ")))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func figure(_ drawing: Drawing, idPrefix: String, caption: String) -> String {
        switch drawing {
        case .svg(let svg):
            return "<figure>\n" + HTMLText.inlineSVG(svg, idPrefix: idPrefix)
                + "<figcaption>\(HTMLText.escape(caption))</figcaption>\n</figure>\n"
        case .unavailable(let reason, let dot):
            return "<div class=\"note\"><p>No diagram: \(HTMLText.escape(reason)). The DOT source below draws it with "
                + "<code>dot -Tsvg</code>.</p>\n<details><summary>DOT source</summary>\n<pre>\(HTMLText.escape(dot))</pre>\n</details></div>\n"
        }
    }

    /// A filterable table of rows: network, resource, endpoint, name asked, status, answer, via, detail.
    static func matrix(_ rows: [Row], heading: String, id: String, collapsed: Bool = false) -> String {
        var out: [UInt8] = []
        matrix(rows, heading: heading, id: id, collapsed: collapsed, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, appended to `bytes`.
    static func matrix(_ rows: [Row], heading: String, id: String, collapsed: Bool = false, into bytes: inout [UInt8]) {
        var out = "<section class=\"filterable\" id=\"\(id)\">\n"
        out += collapsed ? "<details>\n<summary>\(HTMLText.escape(heading)) (\(rows.count) rows)</summary>\n"
                         : "<h2>\(HTMLText.escape(heading))</h2>\n"
        out += filters(networks: orderedNetworks(rows), statuses: Set(rows.map(\.status)), idPrefix: id)
        out += "<table class=\"matrix\">\n<thead><tr><th>network</th><th>resource</th><th>endpoint</th><th>name</th><th>status</th><th>answer</th>"
        out += "<th>via</th><th>detail</th></tr></thead>\n<tbody>\n"
        HTMLText.append(out, to: &bytes)
        matrixRows(rows, into: &bytes)
        HTMLText.append("</tbody>\n</table>\n" + (collapsed ? "</details>\n" : "") + "</section>\n", to: &bytes)
    }

    /// The matrix's `<tr>` lines, written as bytes: a row costs a few appends, and the cells that
    /// repeat (a network's name, the status) are escaped once.
    static func matrixRows(_ rows: [Row], into out: inout [UInt8]) {
        out.reserveCapacity(out.count + rows.count * 400)
        var network: NetworkID?, escapedNetwork: [UInt8] = []
        for row in rows {
            if row.network != network {
                network = row.network
                escapedNetwork.removeAll(keepingCapacity: true)
                HTMLText.appendEscaped(row.network.name, to: &escapedNetwork)
            }
            HTMLText.append(row.status.succeeds ? "<tr class=\"ok\" data-network=\"" : "<tr class=\"fail\" data-network=\"", to: &out)
            out.append(contentsOf: escapedNetwork)
            HTMLText.append("\" data-status=\"", to: &out)
            HTMLText.append(row.status.rawValue, to: &out)
            HTMLText.append("\"><td>", to: &out)
            out.append(contentsOf: escapedNetwork)
            HTMLText.append("</td><td>", to: &out)
            HTMLText.appendEscaped(row.resource.name, to: &out)
            HTMLText.append("</td><td>", to: &out)
            HTMLText.append(row.endpoint.rawValue, to: &out)
            HTMLText.append("</td><td>", to: &out)
            HTMLText.appendEscaped(row.fqdn.text, to: &out)
            HTMLText.append("</td><td class=\"status\">", to: &out)
            HTMLText.append(row.status.rawValue, to: &out)
            HTMLText.append("</td><td>", to: &out)
            if let answer = row.answer { HTMLText.append(answer.description, to: &out) }
            HTMLText.append("</td><td>", to: &out)
            if let via = row.via { HTMLText.appendEscaped(via.name, to: &out) }
            HTMLText.append("</td><td class=\"detail\">", to: &out)
            HTMLText.appendEscaped(row.detail, to: &out)
            HTMLText.append("</td></tr>\n", to: &out)
        }
    }

    /// The filter controls of one table: network, status (any, failed, succeeded, each), text.
    static func filters(networks: [NetworkID], statuses: Set<Status>, idPrefix: String) -> String {
        filters(networks: networks, idPrefix: idPrefix, statusLabel: "status",
                statusOptions: ["<option value=\"\">any status</option><option value=\"failed\">failed</option><option value=\"succeeded\">succeeded</option>"]
                    + Status.allCases.filter { statuses.contains($0) }.map { "<option>\($0.rawValue)</option>" })
    }

    /// The same controls with other choices in the second list (an audit's severities).
    static func filters(networks: [NetworkID], idPrefix: String, statusLabel: String, statusOptions: [String]) -> String {
        var out = "<form class=\"filters\" onsubmit=\"return false\">\n"
        out += "<label for=\"\(idPrefix)-network\">network</label> <select name=\"network\" id=\"\(idPrefix)-network\">"
        out += "<option value=\"\">all networks</option>"
        for network in networks { out += "<option>\(HTMLText.escape(network))</option>" }
        out += "</select>\n<label for=\"\(idPrefix)-status\">\(statusLabel)</label> <select name=\"status\" id=\"\(idPrefix)-status\">"
        out += statusOptions.joined()
        out += "</select>\n<label for=\"\(idPrefix)-text\">text</label> <input name=\"text\" id=\"\(idPrefix)-text\" type=\"search\" placeholder=\"resource, name, address...\">\n"
        return out + "<span class=\"shown\"></span>\n</form>\n"
    }

    /// Per network, in the order rows come: how many rows, and the failing ones by status.
    static func tally(_ rows: [Row]) -> [(network: NetworkID, rows: Int, failures: [Status: Int])] {
        var out: [(network: NetworkID, rows: Int, failures: [Status: Int])] = []
        for row in rows {
            if out.last?.network != row.network { out.append((row.network, 0, [:])) }
            out[out.count - 1].rows += 1
            if !row.status.succeeds { out[out.count - 1].failures[row.status, default: 0] += 1 }
        }
        return out
    }

    /// Networks in the order their rows come.
    static func orderedNetworks(_ rows: [Row]) -> [NetworkID] {
        var out: [NetworkID] = []
        for row in rows where out.last != row.network { out.append(row.network) }
        return out
    }
}
