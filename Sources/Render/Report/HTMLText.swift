import Foundation

/// HTML text: escaping, and the SVG that Graphviz writes made fit to sit inside a page.
package enum HTMLText {
    /// `s` with `&`, `<`, `>`, `"` and `'` escaped: safe as element text and as a quoted attribute.
    package static func escape(_ s: String) -> String {
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

    /// Appends `s` to `out` escaped as `escape` does, byte by byte: the matrix of a big estate has
    /// millions of cells.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() {
                let entity: StaticString
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                entity.withUTF8Buffer { out.append(contentsOf: $0) }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Appends text that needs no escaping (markup, statuses, addresses).
    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends markup known at compile time.
    static func append(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// The `<svg>` element of a standalone SVG document (without its XML declaration, doctype and
    /// comments), with every `id` prefixed so that two drawings on one page do not clash.
    static func inlineSVG(_ document: String, idPrefix: String) -> String {
        guard let start = document.range(of: "<svg") else { return "" }
        // Graphviz writes a comment per node and edge; they add bytes and nothing a reader sees.
        // One pass: each comment is skipped where it stands (removing them one by one from the
        // front costs the square of the drawing's size).
        var svg = ""
        var rest = document[start.lowerBound...]
        while let open = rest.range(of: "<!--") {
            guard let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) else { break }
            svg += rest[..<open.lowerBound]
            rest = rest[close.upperBound...]
        }
        svg += rest
        svg = svg.replacingOccurrences(of: " id=\"", with: " id=\"\(idPrefix)")
        while svg.hasSuffix("\n") { svg.removeLast() }
        return svg + "\n"
    }
}
