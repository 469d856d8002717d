import Foundation

/// HTML text: escaping, and the SVG that Graphviz writes made fit to sit inside a page.
public enum HTMLText {
    /// `s` with `&`, `<`, `>`, `"` and `'` escaped: safe as element text and as a quoted attribute.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The `<svg>` element of a standalone SVG document (without its XML declaration, doctype and
    /// comments), with every `id` prefixed so that two drawings on one page do not clash.
    public static func inlineSVG(_ document: String, idPrefix: String) -> String {
        guard let start = document.range(of: "<svg") else { return "" }
        var svg = String(document[start.lowerBound...])
        // Graphviz writes a comment per node and edge; they add bytes and nothing a reader sees.
        while let open = svg.range(of: "<!--"), let close = svg.range(of: "-->", range: open.upperBound..<svg.endIndex) {
            svg.removeSubrange(open.lowerBound..<close.upperBound)
        }
        svg = svg.replacingOccurrences(of: " id=\"", with: " id=\"\(idPrefix)")
        while svg.hasSuffix("\n") { svg.removeLast() }
        return svg + "\n"
    }
}
