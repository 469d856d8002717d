/// GitHub-flavoured Markdown pieces for pull-request comments: escaped table cells, tables that
/// fold their tail into a `<details>` block, and plurals.
enum MarkdownText {
    /// GitHub refuses comments longer than 65,536 characters; reports stay well below by capping
    /// their tables.
    static let visibleRows = 25
    /// Rows folded into `<details>` after the visible ones; past that a line says how many remain.
    static let foldedRows = 200

    /// Text safe inside a table cell: pipes and Markdown punctuation escaped, HTML neutralised,
    /// line breaks turned into spaces.
    static func cell(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "|", "\\", "*", "_", "`", "[", "]", "#", "~": out += "\\"; out.unicodeScalars.append(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A code span, safe for names: backticks cannot occur in them, but are dropped if they do.
    static func code(_ s: String) -> String {
        "`" + s.filter { $0 != "`" && $0 != "\n" && $0 != "\r" } + "`"
    }

    /// "1 row", "2 rows".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// A table: a header, the first `visibleRows` lines, the next `foldedRows` inside a
    /// `<details>` block, then a line naming how many were left out and how to see them.
    static func table(header: [String], alignRight: Set<Int> = [], lines: [[String]], noun: String, rest: String) -> String {
        func head() -> String {
            "| " + header.joined(separator: " | ") + " |\n|"
                + header.indices.map { alignRight.contains($0) ? "--:|" : "---|" }.joined() + "\n"
        }
        func body(_ slice: ArraySlice<[String]>) -> String { slice.map { "| " + $0.joined(separator: " | ") + " |\n" }.joined() }
        var out = head() + body(lines.prefix(visibleRows))
        let folded = lines.dropFirst(visibleRows).prefix(foldedRows)
        if !folded.isEmpty {
            out += "\n<details><summary>\(count(folded.count, "more " + noun, "more " + noun + "s"))</summary>\n\n"
            out += head() + body(folded) + "\n</details>\n"
        }
        let left = lines.count - visibleRows - folded.count
        if left > 0 { out += "\n_\(count(left, noun)) not shown: \(rest)._\n" }
        return out
    }
}
