import AmplsimEngine

/// `check`: each intent, whether it holds, and for a violated one its failing rows, their cause
/// and the best single fix; `what-if`'s section on the intents a scenario breaks; `fix`'s
/// scenario file.
package enum IntentReport {
    /// The most failing rows shown per intent in a table (JSON lists them all).
    static let rowsShown = 5

    /// "intent 2 "spokes to prod" (spoke-* → law-prod: private)".
    package static func name(_ result: IntentResult) -> String {
        let label = result.intent.label.map { " \"\($0)\"" } ?? ""
        return "intent \(result.index + 1)\(label) (\(result.intent.summary))"
    }

    /// "4 of 8 rows fail (unroutable 4)", or "no row: its resources no longer exist".
    package static func failing(_ result: IntentResult) -> String {
        if result.covered == 0 {
            return "covers no row (its networks or resources no longer exist)"
        }
        if result.violations.isEmpty { return "all \(result.covered) row\(result.covered == 1 ? "" : "s") as expected" }
        return "\(result.violations.count) of \(result.covered) row\(result.covered == 1 ? "" : "s") miss \(result.intent.expect.rawValue) (\(result.countsText))"
    }

    /// One row per distinct status: the first row of that status, as the cause.
    package static func causes(_ result: IntentResult) -> [Row] {
        var seen = Set<Status>()
        return result.violations.filter { seen.insert($0.status).inserted }
    }

    /// What a fix does besides healing: "makes every intent hold; breaks no row that works now".
    package static func effect(_ outcome: FixOutcome, for index: Int? = nil, intents: Int) -> String {
        var parts: [String] = []
        if outcome.holdsAll {
            parts.append(intents == 1 ? "makes the intent hold" : "makes all \(intents) intents hold")
        } else {
            let left = outcome.unsatisfied
            parts.append("\(left) intent\(left == 1 ? "" : "s") still fail\(left == 1 ? "s" : "")")
        }
        if !outcome.brokenIntents.isEmpty {
            parts.append("breaks intent\(outcome.brokenIntents.count == 1 ? "" : "s") \(outcome.brokenIntents.map { String($0 + 1) }.joined(separator: ", ")), which hold\(outcome.brokenIntents.count == 1 ? "s" : "") now")
        }
        switch outcome.brokenRows {
        case 0?: parts.append("breaks no row that works now")
        case let n?: parts.append("breaks \(n) row\(n == 1 ? "" : "s") that work\(n == 1 ? "s" : "") now")
        case nil: parts.append("rows it breaks not counted")
        }
        for change in outcome.changes { if let weakens = change.weakens { parts.append(weakens) } }
        if !outcome.isSteps { parts.append("not a step: it needs an edit of the topology (new zones or hosts entries)") }
        return parts.joined(separator: "; ")
    }

    // MARK: check, table

    package static func checkTable(_ results: [IntentResult], fixes: [Int: FixOutcome], tried: [Int: Int] = [:]) -> String {
        let violated = results.filter { !$0.holds }
        var out = "check: \(results.count) intent\(results.count == 1 ? "" : "s"), \(violated.count) violated\n"
        for result in results {
            let place = result.intent.source.map { "  [\($0)]" } ?? ""
            out += "\n\(result.holds ? "PASS" : "FAIL")  \(name(result))\(place)\n"
            out += "      \(failing(result))\n"
            guard !result.holds else { continue }
            for row in result.violations.prefix(rowsShown) {
                var line = "      \(MatrixTable.pad(row.network, 10)) \(MatrixTable.pad(row.resource, 14)) \(MatrixTable.pad(row.endpoint.rawValue, 15)) \(row.status.rawValue)"
                if let answer = row.answer { line += "  \(answer)" }
                if let via = row.via { line += " via \(via)" }
                out += line + "\n"
            }
            if result.violations.count > rowsShown {
                out += "      ... and \(result.violations.count - rowsShown) more (--format json lists them all)\n"
            }
            for row in causes(result) {
                out += "      cause (\(row.status.rawValue)): \(row.network) \(row.resource) \(row.endpoint.rawValue): \(row.detail)\n"
            }
            if let fix = fixes[result.index] {
                out += "      best fix: \(fix.changes.map(\.text).joined(separator: ", then "))\n"
                out += "                \(effect(fix, intents: results.count))\n"
                for change in fix.changes where change.isStep {
                    for step in change.steps { out += "                - \(StepText.line(step))\n" }
                }
            } else {
                if tried[result.index] == 0 {
                    out += "      best fix: none found: no candidate change applies to its rows; it needs a design change\n"
                } else {
                    let count = tried[result.index].map { "none of the \($0) single changes tried" } ?? "no single change"
                    out += "      best fix: \(count) makes it hold, nor does a pair or triple of them\n"
                }
            }
        }
        out += "\nsummary: \(results.count - violated.count) of \(results.count) intent\(results.count == 1 ? "" : "s") hold, \(violated.count) violated\n"
        return out
    }

    // MARK: check, JSON

    package static func checkJSON(_ results: [IntentResult], fixes: [Int: FixOutcome]) -> String {
        var json = JSONText()
        json.beginObject()
        json.field("version", 1)
        json.key("intents")
        json.beginArray()
        for result in results {
            writeIntent(result, into: &json) { json in
                json.key("bestFix")
                if let fix = fixes[result.index] { writeFix(fix, intents: results.count, into: &json) } else { json.null() }
            }
        }
        json.endArray()
        json.key("summary")
        json.beginObject()
        json.field("intents", results.count)
        json.field("hold", results.filter(\.holds).count)
        json.field("violated", results.filter { !$0.holds }.count)
        json.endObject()
        json.endObject()
        return json.text + "\n"
    }

    static func writeIntent(_ result: IntentResult, into json: inout JSONText, extra: (inout JSONText) -> Void = { _ in }) {
        let intent = result.intent
        json.beginObject()
        json.field("index", result.index + 1)
        json.field("label", intent.label)
        json.key("networks")
        json.strings(intent.networks.map(\.text))
        json.key("resources")
        json.strings(intent.resources.map(\.text))
        json.key("endpoints")
        if let endpoints = intent.endpoints { json.strings(endpoints.map(\.rawValue)) } else { json.null() }
        json.field("expect", intent.expect.rawValue)
        json.field("source", intent.source?.description)
        json.field("holds", result.holds)
        json.field("rows", result.covered)
        json.field("failing", result.violations.count)
        json.key("counts")
        json.beginObject()
        for status in Status.allCases { if let n = result.counts[status] { json.field(status.rawValue, n) } }
        json.endObject()
        json.key("violations")
        json.beginArray()
        for row in result.violations {
            json.beginObject()
            json.field("network", row.network)
            json.field("resource", row.resource)
            json.field("endpoint", row.endpoint.rawValue)
            json.field("fqdn", row.fqdn.text)
            json.field("status", row.status.rawValue)
            json.field("answer", row.answer?.description)
            json.field("via", row.via)
            json.field("detail", row.detail)
            json.endObject()
        }
        json.endArray()
        extra(&json)
        json.endObject()
    }

    static func writeFix(_ fix: FixOutcome, intents: Int, into json: inout JSONText) {
        json.beginObject()
        json.key("changes")
        json.beginArray()
        for change in fix.changes {
            json.beginObject()
            json.field("text", change.text)
            json.field("reason", change.reason)
            json.field("weakensIsolation", change.weakens)
            json.key("steps")
            if change.isStep {
                json.beginArray()
                for step in change.steps { StepText.write(step, into: &json) }
                json.endArray()
            } else {
                json.null()
            }
            json.endObject()
        }
        json.endArray()
        json.field("satisfiesAll", fix.holdsAll)
        json.field("intentsStillFailing", fix.unsatisfied == Int.max ? 0 : fix.unsatisfied)
        json.key("breaksIntents")
        json.beginArray()
        for i in fix.brokenIntents { json.int(i + 1) }
        json.endArray()
        json.key("breaksRows")
        if let n = fix.brokenRows { json.int(n) } else { json.null() }
        json.field("weakensIsolation", fix.weakensIsolation)
        json.field("isSteps", fix.isSteps)
        json.field("effect", effect(fix, intents: intents))
        json.endObject()
    }

    // MARK: check, Markdown

    package static func checkMarkdown(_ results: [IntentResult], fixes: [Int: FixOutcome], title: String) -> String {
        let violated = results.filter { !$0.holds }
        var out = "## amplsim check \(MarkdownText.code(title))\n\n"
        out += violated.isEmpty
            ? "✅ **Every intent holds** (\(MarkdownText.count(results.count, "intent"))).\n"
            : "❌ **\(MarkdownText.count(violated.count, "intent")) violated** of \(results.count).\n"
        out += "\n" + MarkdownText.table(
            room: MarkdownText.room(after: out),
            header: ["", "intent", "expect", "rows", "failing"],
            lines: results.map { r in
                [r.holds ? "✅" : "❌", MarkdownText.cell("\(r.index + 1)" + (r.intent.label.map { " \($0)" } ?? "")
                    + ": " + r.intent.networks.map(\.text).joined(separator: ", ") + " → " + r.intent.resources.map(\.text).joined(separator: ", ")
                    + (r.intent.endpoints.map { " (" + $0.map(\.rawValue).joined(separator: ", ") + ")" } ?? "")),
                 MarkdownText.code(r.intent.expect.rawValue), "\(r.covered)",
                 r.violations.isEmpty ? "–" : MarkdownText.cell("\(r.violations.count): \(r.countsText)")]
            }, noun: "intent", rest: "run `amplsim check --format json` for all of them")
        for result in violated {
            out += "\n### ❌ \(MarkdownText.cell(name(result)))\n\n"
            for row in causes(result) {
                out += "- \(MarkdownText.code(row.status.rawValue)) \(MarkdownText.cell("\(row.network) \(row.resource) \(row.endpoint.rawValue): \(row.detail)"))\n"
            }
            out += "\n"
            if let fix = fixes[result.index] {
                out += "**Best fix:** \(MarkdownText.cell(fix.changes.map(\.text).joined(separator: ", then "))) (\(MarkdownText.cell(effect(fix, intents: results.count))))\n"
                let steps = fix.changes.filter(\.isStep).flatMap(\.steps)
                if !steps.isEmpty {
                    out += "\n" + steps.map { "- " + MarkdownText.code(StepText.line($0)) }.joined(separator: "\n") + "\n"
                }
            } else {
                out += "**Best fix:** no single change makes it hold; run `amplsim fix` for pairs and triples.\n"
            }
        }
        return MarkdownText.capped(out, rest: "run `amplsim check --format json` for all of it")
    }

    // MARK: what-if

    /// The intents that held before the scenario and fail after it.
    package static func broken(before: [IntentResult], after: [IntentResult]) -> [IntentResult] {
        zip(before, after).filter { $0.holds && !$1.holds }.map(\.1)
    }

    /// The table section: how many intents were checked and which the scenario breaks.
    package static func whatIfTable(checked: Int, broken: [IntentResult]) -> String {
        var out = "\nintents: \(checked) checked, \(broken.count) broken by the scenario\n"
        for result in broken {
            out += "  BROKEN \(name(result)): \(failing(result))\n"
            for row in causes(result) {
                out += "         \(row.network) \(row.resource) \(row.endpoint.rawValue): \(row.detail)\n"
            }
        }
        return out
    }

    /// The JSON member: `"intents": {"checked": N, "broken": [...]}`.
    package static func writeWhatIf(checked: Int, broken: [IntentResult], into json: inout JSONText) {
        json.key("intents")
        json.beginObject()
        json.field("checked", checked)
        json.key("broken")
        json.beginArray()
        for result in broken { writeIntent(result, into: &json) }
        json.endArray()
        json.endObject()
    }

    /// The Markdown section.
    package static func whatIfMarkdown(checked: Int, broken: [IntentResult]) -> String {
        var out = "\n### Intents\n\n"
        if broken.isEmpty { return out + "✅ \(MarkdownText.count(checked, "intent")) checked, none broken by the scenario.\n" }
        out += "❌ \(MarkdownText.count(broken.count, "intent")) of \(checked) broken by the scenario:\n\n"
        // What-if's comment keeps `MarkdownText.appendix` bytes for this section: lines stop there.
        var left = broken.count
        for result in broken {
            var entry = "- \(MarkdownText.cell(name(result))): \(MarkdownText.cell(failing(result)))\n"
            for row in causes(result) {
                entry += "  - \(MarkdownText.code(row.status.rawValue)) \(MarkdownText.cell("\(row.network) \(row.resource) \(row.endpoint.rawValue): \(row.detail)"))\n"
            }
            if out.utf8.count + entry.utf8.count > MarkdownText.appendix - 200 { break }
            out += entry
            left -= 1
        }
        if left > 0 { out += "\n_\(MarkdownText.count(left, "broken intent")) not shown: run `amplsim what-if --format json` for all of them._\n" }
        return out
    }

    // MARK: fix

    /// The scenario file `fix` prints: comments saying what the change set does and how the
    /// search went, then `steps:` with each step labelled with its reason.
    package static func fixScenario(_ search: FixSearch, before: [IntentResult], title: String) -> String {
        var out = ""
        func comment(_ text: String) { out += "# \(text)\n" }
        let count = before.count
        let searched = zip(["single changes", "pairs", "triples"], search.evaluated).filter { $0.1 > 0 }
            .map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        if let fix = search.fix {
            if fix.changes.isEmpty {
                comment("amplsim fix \(title): every intent holds (\(count)); nothing to change")
                return out + "steps: []\n"
            }
            let steps = fix.changes.reduce(0) { $0 + $1.steps.count }
            comment("amplsim fix \(title): \(fix.changes.count) change\(fix.changes.count == 1 ? "" : "s") (\(steps) step\(steps == 1 ? "" : "s")) make\(fix.changes.count == 1 ? "s" : "") every intent hold")
            for result in before {
                comment("  \(name(result)): \(result.holds ? "holds now, holds after" : "fails now (\(result.violations.count) row\(result.violations.count == 1 ? "" : "s")), holds after")")
            }
            comment(effect(fix, intents: count))
        } else {
            comment("amplsim fix \(title): no set of up to three changes makes every intent hold")
            for result in before where !result.holds { comment("  \(name(result)): \(failing(result))") }
            if let closest = search.closest {
                comment("closest single change: \(closest.changes.map(\.text).joined(separator: ", ")): \(effect(closest, intents: count))")
            }
        }
        comment("searched \(searched.isEmpty ? "nothing" : searched) (of \(search.candidates) candidate changes)")
        for cut in search.cuts { comment("search bounded: \(cut)") }
        guard let fix = search.fix else { return out + "steps: []\n" }
        out += "steps:\n"
        for change in fix.changes {
            for (i, step) in change.steps.enumerated() {
                let part = change.steps.count > 1 ? " (step \(i + 1) of \(change.steps.count))" : ""
                let weakens = change.weakens.map { "; \($0)" } ?? ""
                let why = change.notes.flatMap { i < $0.count ? $0[i] : nil } ?? change.reason
                var json = JSONText()
                StepText.write(step, label: "\(change.text)\(part): \(why)\(weakens)", into: &json)
                out += "  - \(json.text)\n"
            }
        }
        return out
    }
}
