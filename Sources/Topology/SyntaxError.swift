import Yams

/// The language a topology or scenario file is written in, as its messages name it.
enum InputLanguage: String {
    case yaml = "YAML"
    case json = "JSON"

    /// JSON for a `.json` file; YAML for a `.yaml` or `.yml` file; otherwise (standard input,
    /// `--step`) JSON when the text opens like a JSON document: `{` or `[` followed by a quoted
    /// key or value (a YAML flow mapping such as `{createEndpoint: …}` has a plain key).
    init(file: String, text: String) {
        let lowered = file.lowercased()
        if lowered.hasSuffix(".json") { self = .json; return }
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") { self = .yaml; return }
        var opened = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{FEFF}": continue
            case "{", "[": opened = true; continue
            case "\"", "}", "]": self = opened ? .json : .yaml; return
            default: self = .yaml; return
            }
        }
        self = .yaml
    }
}

/// A YAML or JSON syntax error as a compiler would print it: the line and column, the offending
/// line with a caret under the column, and a hint in plain words.
enum SyntaxError {
    /// The error libyaml (through Yams) reported for `text`.
    static func inputError(_ error: YamlError, text: String, file: String) -> InputError {
        let language = InputLanguage(file: file, text: text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var position: (line: Int, column: Int)?
        var problem = "\(error)"
        var context: YamlError.Context?
        switch error {
        case .scanner(let c, let p, let mark, _), .parser(let c, let p, let mark, _), .composer(let c, let p, let mark, _):
            problem = p
            context = c
            position = (mark.line, mark.column)
            // A problem found at the end of the stream (an unclosed quote) is where it began.
            let atEnd = mark.line > lines.count || (mark.line == lines.count && lines[mark.line - 1].isEmpty)
            if atEnd, let c, c.mark.line < mark.line {
                position = (c.mark.line, c.mark.column)
                problem += " " + (c.text.hasPrefix("while ") ? c.text : "while \(c.text)") + " that begins here"
                context = nil
            }
            // A context at the problem's own place says nothing more.
            if let c = context, c.mark.line == mark.line, c.mark.column == mark.column { context = nil }
        case .reader(let p, let offset, _, _):
            problem = p
            if let offset { position = place(ofByte: offset, in: text) }
        default:
            break
        }
        var message = "\(language.rawValue) syntax: \(problem)"
        if let context { message += " " + describe(context, language) }
        var notes: [String] = []
        if let position, position.line >= 1, position.line <= lines.count {
            notes += excerpt(String(lines[position.line - 1]), column: position.column)
        }
        let offending = position.flatMap { $0.line >= 1 && $0.line <= lines.count ? String(lines[$0.line - 1]) : nil } ?? ""
        if let hint = hint(problem, language, line: offending, column: position?.column ?? 0) { notes.append("hint: \(hint)") }
        return InputError(file: file, line: position?.line ?? 0, column: position?.column ?? 0, message: message, notes: notes)
    }

    /// Line and column (1-based, the column in Unicode scalars) of the byte at `offset`.
    static func place(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1, consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// libyaml's context ("while parsing a flow sequence") in the file's own terms, with where
    /// it began.
    private static func describe(_ context: YamlError.Context, _ language: InputLanguage) -> String {
        let at = "line \(context.mark.line), column \(context.mark.column)"
        switch (context.text, language) {
        case ("while parsing a flow sequence", .yaml): return "in the list opened at \(at)"
        case ("while parsing a flow sequence", .json): return "in the array opened at \(at)"
        case ("while parsing a flow mapping", .yaml): return "in the mapping opened at \(at)"
        case ("while parsing a flow mapping", .json): return "in the object opened at \(at)"
        case ("while parsing a block mapping", _): return "in the mapping that starts at \(at)"
        case ("while parsing a block collection", _): return "in the list that starts at \(at)"
        default: return "(\(context.text) at \(at))"
        }
    }

    /// The longest part of a line shown.
    static let excerptWidth = 100

    /// The line (a window of it around the column when it is long) and a caret under the column.
    /// Tabs before the column are kept in the caret line, so that the caret lines up; control
    /// characters are shown as `?`.
    static func excerpt(_ line: String, column: Int) -> [String] {
        var scalars = Array(line.unicodeScalars)
        if scalars.last == "\r" { scalars.removeLast() }
        var caret = max(1, column)
        var prefix: [Unicode.Scalar] = [], suffix: [Unicode.Scalar] = []
        if scalars.count > excerptWidth {
            let start = max(0, min(caret - 1 - excerptWidth / 2, scalars.count - excerptWidth))
            let end = start + excerptWidth
            if start > 0 { prefix = Array("...".unicodeScalars) }
            if end < scalars.count { suffix = Array("...".unicodeScalars) }
            scalars = prefix + scalars[start..<end] + suffix
            caret += prefix.count - start
        }
        let shown = scalars.map { $0 != "\t" && ($0.value < 0x20 || $0.value == 0x7F) ? "?" : $0 }
        var padding = scalars.prefix(max(0, caret - 1)).map { $0 == "\t" ? "\t" as Unicode.Scalar : " " }
        padding += Array(repeating: " ", count: max(0, caret - 1 - padding.count))
        return [String(String.UnicodeScalarView(shown)), String(String.UnicodeScalarView(padding)) + "^"]
    }

    /// What the problem usually means, in plain words.
    static func hint(_ problem: String, _ language: InputLanguage, line: String, column: Int) -> String? {
        let json = language == .json
        if problem.contains("did not find expected ',' or ']'") {
            return json ? "an array opened with '[' is not closed with ']', or two of its values lack a ',' between them"
                        : "a list opened with '[' is not closed with ']', or two of its items lack a ',' between them"
        }
        if problem.contains("did not find expected ',' or '}'") {
            return json ? "an object opened with '{' is not closed with '}', or two of its members lack a ',' between them"
                        : "a mapping opened with '{' is not closed with '}', or two of its entries lack a ',' between them"
        }
        if problem.contains("cannot start any token") || problem.contains("tab") {
            let scalars = Array(line.unicodeScalars)
            if line.contains("\t") && (problem.contains("tab") || column < 1 || column > scalars.count || scalars[column - 1] == "\t"
                                       || scalars.prefix(column - 1).allSatisfy { $0 == " " || $0 == "\t" }) {
                return "a tab: YAML indents with spaces only; replace the tabs with spaces"
            }
            return json ? "this character cannot start a JSON value: put strings in double quotes"
                        : "this character cannot start a plain value (like @, ` or %): put the value in quotes"
        }
        if problem.contains("mapping values are not allowed") {
            return json ? "a ':' where none belongs: check the commas and quotes before it"
                        : "a ':' where no key may start: indent this key like the keys above it, or quote a value that holds ': '"
        }
        if problem.contains("quoted scalar") {
            return "a quoted string is not closed: add the closing quote"
        }
        if problem.contains("undefined alias") {
            return "'*' starts a reference to an anchor ('&name') defined earlier; quote the value if the '*' is meant as text"
        }
        if problem.contains("did not find expected key") {
            return "this line is indented differently from the keys around it: the keys of one mapping start in the same column"
        }
        if problem.contains("did not find expected node content") {
            return json ? "a value is missing here (after a ',', a ':' or a '[')" : "a value is missing here (after a '-', a ',' or a ':')"
        }
        if problem.contains("could not find expected ':'") {
            return json ? "a member's name is not followed by ':'" : "a key is not followed by ': ', or a quoted value goes on over several lines"
        }
        if problem.contains("block sequence entries are not allowed") {
            return "a '- ' item where a value was expected: start the list on the next line, indented below its key"
        }
        if problem.contains("control characters are not allowed") {
            return "the file holds an invisible control character (shown as '?'): delete it"
        }
        if problem.contains("did not find expected <document start>") {
            return json ? "text follows the end of the document: one JSON value per file"
                        : "a line is indented less than the document's first key, or text follows the end of the document"
        }
        if problem.contains("did not find expected '-' indicator") {
            return "a list item is not indented like the items above it"
        }
        return nil
    }
}
