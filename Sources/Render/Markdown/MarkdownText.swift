/// GitHub-flavoured Markdown pieces for pull-request comments: escaped table cells, tables that
/// fold their tail into a `<details>` block, and plurals.
enum MarkdownText {
    /// GitHub refuses comments longer than 65,536 characters. Comments are measured in UTF-8
    /// bytes, which are never fewer than the characters GitHub counts, and kept to `limit`: tables
    /// stop adding rows when the next one would pass it, leaving `reserve` bytes for the sections
    /// that follow, and `capped` cuts whatever still passes `hardLimit` (a list of thousands of
    /// steps, say) at a line break.
    static let limit = 60_000
    static let reserve = 4_000
    static let hardLimit = 64_000
    /// What a section appended after a capped comment may add (what-if's intents).
    static let appendix = 3_500
    /// The longest cell, in characters; a longer text is cut with "…".
    static let longestCell = 2_000
    /// Names listed in a sentence before "and N more".
    static let listedNames = 30
    static let visibleRows = 25
    /// Rows folded into `<details>` after the visible ones; past that a line says how many remain.
    static let foldedRows = 200

    /// The bytes a table may take after `written`, keeping `reserve` for what follows.
    static func room(after written: String) -> Int { limit - reserve - written.utf8.count }

    /// `text`, cut at a line break below `hardLimit` bytes with a line saying how to see the rest,
    /// when it is longer.
    static func capped(_ text: String, rest: String, limit: Int = hardLimit) -> String {
        guard text.utf8.count > limit else { return text }
        let note = "\n\n_The comment is cut here to stay below GitHub's 65,536 characters: \(rest)._\n"
        var bytes = Array(text.utf8.prefix(limit - note.utf8.count))
        if let lastBreak = bytes.lastIndex(of: UInt8(ascii: "\n")) { bytes.removeSubrange((lastBreak + 1)...) }
        return String(decoding: bytes, as: UTF8.self) + note
    }

    /// Text safe inside a table cell: pipes and Markdown punctuation escaped, HTML neutralised,
    /// line breaks turned into spaces.
    static func cell(_ text: String) -> String {
        var out = ""
        var s = Substring(text)
        if text.utf8.count > longestCell, case let head = text.prefix(longestCell), head.endIndex < text.endIndex {
            s = head + "…"
        }
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
    /// `<details>` block, then a line naming how many were left out and how to see them. Within
    /// `room` bytes: rows stop where the next would pass it, and the line counts them too.
    /// `lines` may be lazy (`rows.lazy.map(line)`): only the lines shown are made.
    static func table<Lines: Collection>(room: Int = .max, header: [String], alignRight: Set<Int> = [], lines: Lines,
                                         noun: String, rest: String) -> String where Lines.Element == [String] {
        let head = "| " + header.joined(separator: " | ") + " |\n|"
            + header.indices.map { alignRight.contains($0) ? "--:|" : "---|" }.joined() + "\n"
        // The longest "not shown" line and `<details>` frame, kept free while rows are added.
        let frame = 160 + noun.utf8.count * 2 + rest.utf8.count + head.utf8.count
        var used = head.utf8.count
        var shown = 0
        func body(_ slice: Lines.SubSequence) -> String {
            var text = ""
            for line in slice {
                let row = "| " + line.joined(separator: " | ") + " |\n"
                if used + row.utf8.count + frame > room { break }
                used += row.utf8.count
                text += row
                shown += 1
            }
            return text
        }
        var out = head + body(lines.prefix(visibleRows))
        if shown == min(lines.count, visibleRows) {
            let folded = body(lines.dropFirst(visibleRows).prefix(foldedRows))
            let foldedCount = shown - min(lines.count, visibleRows)
            if foldedCount > 0 {
                out += "\n<details><summary>\(count(foldedCount, "more " + noun, "more " + noun + "s"))</summary>\n\n"
                out += head + folded + "\n</details>\n"
            }
        }
        let left = lines.count - shown
        if left > 0 { out += "\n_\(count(left, noun)) not shown: \(rest)._\n" }
        return out
    }
}
