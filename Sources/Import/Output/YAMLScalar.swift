import AmplsimEngine

/// Scalars as the topology YAML writes them: plain where YAML reads them back as the same
/// string, double-quoted otherwise (booleans, nulls, numbers, indicators, spaces, anything else).
enum YAMLScalar {
    static let special: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    static func text(_ s: String) -> String { needsQuotes(s) ? quoted(s) : s }

    static func needsQuotes(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return true }
        if first == "-" || first == "." || first == "/" { return true }
        for scalar in s.unicodeScalars {
            let ok = CharacterSetASCII.isAlnum(scalar) || scalar == "." || scalar == "_" || scalar == "-" || scalar == "/"
            if !ok { return true }
        }
        if special.contains(s.lowercased()) { return true }
        if Int(s) != nil || Double(s) != nil { return true }
        if s.allSatisfy({ $0.isNumber || $0 == "_" }) { return true }
        if s.lowercased().hasPrefix("0x") || s.lowercased().hasPrefix("0o") { return true }
        // YAML 1.1 timestamps (2001-12-14) and base-60 numbers.
        let digitsAndDashes = s.allSatisfy { $0.isNumber || $0 == "-" }
        if digitsAndDashes && s.contains("-") && s.first?.isNumber == true && s.count <= 10 { return true }
        return false
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A flow list: `[a, b]`.
    static func list(_ items: [String]) -> String { "[" + items.map(text).joined(separator: ", ") + "]" }

    /// An identity as its name.
    static func text<Tag>(_ id: Identifier<Tag>) -> String { text(id.name) }
    static func list<Tag>(_ ids: [Identifier<Tag>]) -> String { list(ids.map(\.name)) }

    /// A flow mapping of already rendered values: `{a: 1, b: [x]}`.
    static func map(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// A comment line's text: one line, whatever it holds.
    static func comment(_ s: String) -> String {
        s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
