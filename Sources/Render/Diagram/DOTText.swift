/// Graphviz DOT text: quoted identifiers and attribute lists, escaped so that any text is safe.
///
/// Every identifier and value is written as a DOT double-quoted string. Inside one, `"` and `\`
/// are escaped with a backslash; Graphviz reads the remaining backslash sequences of labels as
/// line breaks, so a line break becomes `\n` (centred) or `\l` (left-justified, see `lines`), and
/// other control characters become spaces. A literal backslash therefore stays one backslash in
/// the drawing.
package enum DOTText {
    /// `s` as a DOT double-quoted string.
    package static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// An attribute value: text (quoted and escaped) or lines of a left-justified label.
    package enum Value: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
        case text(String)
        /// Each line escaped and ended by `\l`, Graphviz's left-justified line break.
        case leftLines([String])

        /// A literal is text.
        package init(stringLiteral value: String) { self = .text(value) }

        var dot: String {
            switch self {
            case .text(let s): return DOTText.quote(s)
            case .leftLines(let lines): return "\"" + lines.map { String(DOTText.quote($0).dropFirst().dropLast()) + "\\l" }.joined() + "\""
            }
        }
    }

    /// `[key="value", ...]`, in the order given.
    package static func attributes(_ pairs: KeyValuePairs<String, Value>) -> String {
        attributes(Array(pairs).map { ($0.key, $0.value) })
    }

    /// `[key="value", ...]`, in the order given.
    package static func attributes(_ pairs: [(String, Value)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return " [" + pairs.map { "\($0.0)=\($0.1.dot)" }.joined(separator: ", ") + "]"
    }
}
