import AmplsimEngine

extension HTMLReport {
    /// The what-if page: the verdict, the steps, the diagram of the change (and, folded, the
    /// diagrams before and after), the breaks with
    /// their ways out, the heals and other changes as one filterable table, and the matrix after.
    package static func whatIf(title: String, command: String, reports: [StepReport], breaks: [TimelineReport.Break],
                              heals: [RowChange], others: [RowChange], change: Drawing, before: Drawing, after: Drawing,
                              afterRows: [Row], world: World? = nil, version: String) -> String {
        var body = "<header>\n<h1>amplsim what-if: \(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"command\"><code>\(HTMLText.escape(command))</code></p>\n</header>\n<main>\n"
        body += "<section id=\"summary\">\n<h2>Summary</h2>\n"
        var networks: [NetworkID] = []
        for item in breaks where !networks.contains(item.change.key.network) { networks.append(item.change.key.network) }
        if breaks.isEmpty {
            body += "<p class=\"verdict good\">Nothing breaks.</p>\n"
        } else {
            body += "<p class=\"verdict bad\">\(breaks.count) row\(breaks.count == 1 ? "" : "s") break, in "
                + networks.map { "<b>\(HTMLText.escape($0))</b>" }.joined(separator: ", ") + ".</p>\n"
        }
        if let world {
            body += causesList(TimelineReport.breakCauses(breaks, world: world), heading: "Causes of the breaks", world: world)
        }
        body += timelineSteps(reports, heading: "Hypothetical steps", breaks: breaks.count, heals: heals.count,
                              others: others.count, counts: false)
        body += "</section>\n"

        body += "<section id=\"change\">\n<h2>What changes</h2>\n"
        body += figure(change, idPrefix: "change-", caption: "The state after the steps: arrows whose rows break are red, "
            + "those whose rows heal green, the others grey (dashed when they failed before too).")
        body += "</section>\n"
        body += "<section id=\"diagrams\">\n<details>\n<summary>Before and after</summary>\n<div class=\"diagrams two\">\n"
        body += "<div><h3>Before</h3>\n" + figure(before, idPrefix: "before-", caption: "The topology's final state, before the steps.") + "</div>\n"
        body += "<div><h3>After</h3>\n" + figure(after, idPrefix: "after-", caption: "After the hypothetical steps.") + "</div>\n"
        body += "</div>\n</details>\n</section>\n"

        if !breaks.isEmpty {
            body += "<section id=\"breaks\">\n<h2>Breaks</h2>\n"
            let ways = WaysOutTally.of(breaks)
            if !ways.isEmpty {
                body += "<h3>Ways out, over every break</h3>\n<ul class=\"ways\">\n"
                for way in ways {
                    let css = way.heals > 0 ? "heals" : way.unchecked == way.suggested ? "" : "nothealed"
                    body += "<li>\(HTMLText.escape(way.text)): <span class=\"\(css)\">\(HTMLText.escape(way.verdict))</span></li>\n"
                }
                body += "</ul>\n"
            }
            for network in networks {
                let mine = breaks.filter { $0.change.key.network == network }
                body += "<h3>\(HTMLText.escape(network)): \(mine.count) break\(mine.count == 1 ? "" : "s")</h3>\n<table>\n"
                body += "<thead><tr><th>resource</th><th>endpoint</th><th>name</th><th>before → after</th><th>answer</th><th>via</th>"
                body += "<th>detail</th><th>ways out</th></tr></thead>\n<tbody>\n"
                for item in mine {
                    let change = item.change
                    body += "<tr class=\"fail\"><td>\(HTMLText.escape(change.key.resource))</td><td>\(change.key.endpoint.rawValue)</td>"
                    body += "<td>\(HTMLText.escape((change.after ?? change.before)?.fqdn.text ?? ""))</td>"
                    body += "<td class=\"status\">\(change.before?.status.rawValue ?? "(none)") → \(change.after?.status.rawValue ?? "(removed)")</td>"
                    body += "<td>\(change.after?.answer?.description ?? "")</td><td>\(HTMLText.escape(change.after?.via?.name ?? ""))</td>"
                    body += "<td class=\"detail\">\(HTMLText.escape(change.after?.detail ?? ""))</td><td><ul class=\"ways\">"
                    for way in item.waysOut {
                        let verdict = way.heals.map { $0 ? "<span class=\"heals\">heals</span>" : "<span class=\"nothealed\">does not heal</span>" } ?? "not checked"
                        body += "<li>\(HTMLText.escape(way.text)): \(verdict)</li>"
                    }
                    body += "</ul></td></tr>\n"
                }
                body += "</tbody>\n</table>\n"
            }
            body += "</section>\n"
        }

        body += changes(breaks.map(\.change), heals, others)
        body += matrix(afterRows, heading: "Matrix after the steps", id: "matrix", collapsed: true)
        body += "</main>\n"
        return page(title: "amplsim what-if: \(title)", body: body, version: version)
    }

    /// Every changed row as one filterable table, its kind (break, heal, change) in the first column.
    static func changes(_ breaks: [RowChange], _ heals: [RowChange], _ others: [RowChange]) -> String {
        changesTable(breaks.map { ("break", $0) } + heals.map { ("heal", $0) } + others.map { ("change", $0) }, first: "kind")
    }

    /// Changed rows as one filterable table, each with a first cell headed `first` (what-if's
    /// kind of change, replay's step).
    static func changesTable(_ all: [(String, RowChange)], first: String) -> String {
        var networks: [NetworkID] = []
        for (_, change) in all where !networks.contains(change.key.network) { networks.append(change.key.network) }
        var out = "<section class=\"filterable\" id=\"changes\">\n<h2>Every changed row</h2>\n"
        out += filters(networks: networks, statuses: Set(all.compactMap { $0.1.after?.status }), idPrefix: "changes")
        out += "<table class=\"matrix\">\n<thead><tr><th>\(first)</th><th>network</th><th>resource</th><th>endpoint</th><th>name</th><th>before</th>"
        out += "<th>after</th><th>answer</th><th>via</th><th>detail</th></tr></thead>\n<tbody>\n"
        for (kind, change) in all {
            let ok = change.after?.status.succeeds ?? false
            out += "<tr class=\"\(ok ? "ok" : "fail")\" data-network=\"\(HTMLText.escape(change.key.network))\""
            out += " data-status=\"\(change.after?.status.rawValue ?? "removed")\"><td>\(kind)</td>"
            out += "<td>\(HTMLText.escape(change.key.network))</td><td>\(HTMLText.escape(change.key.resource))</td>"
            out += "<td>\(change.key.endpoint.rawValue)</td><td>\(HTMLText.escape((change.after ?? change.before)?.fqdn.text ?? ""))</td>"
            out += "<td>\(change.before?.status.rawValue ?? "(none)")</td>"
            out += "<td class=\"status\">\(change.after?.status.rawValue ?? "(removed)")</td>"
            out += "<td>\(change.after?.answer?.description ?? "")</td><td>\(HTMLText.escape(change.after?.via?.name ?? ""))</td>"
            out += "<td class=\"detail\">\(HTMLText.escape(change.after?.detail ?? change.before.map { "removed: \($0.detail)" } ?? ""))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
