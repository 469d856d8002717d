/// A domain name in canonical form: lower-cased ASCII, absolute, stored without the final dot.
///
/// Names compare case-insensitively (RFC 4343), so the canonical form is what every table keys on.
/// The root is the empty string.
package struct DNSName: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The labels joined by dots, lower-cased, without the final dot.
    package let text: String

    /// Makes a name from text with or without its final dot; `nil` when it is not a valid name.
    package init?(_ raw: String) {
        var s = raw
        if s.hasSuffix(".") { s.removeLast() }
        if s.isEmpty { self.text = ""; return }
        let lowered = s.lowercased()
        guard DNSName.isValid(lowered) else { return nil }
        self.text = lowered
    }

    /// Makes a name from text already in canonical form (trusted callers only).
    package init(canonical: String) { self.text = canonical }

    package init(stringLiteral value: String) {
        var s = value.lowercased()
        if s.hasSuffix(".") { s.removeLast() }
        self.text = s
    }

    package var description: String { text.isEmpty ? "." : text }

    /// The name with its final dot, as zone files and dig print it.
    package var absolute: String { text + "." }

    /// The labels, leftmost first.
    package var labels: [Substring] { text.isEmpty ? [] : text.split(separator: ".", omittingEmptySubsequences: false) }

    /// The leftmost label.
    var firstLabel: Substring { text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" }

    /// True for the root (`.`).
    package var isRoot: Bool { text.isEmpty }

    /// The name one label up; the root's parent is nil.
    package var parent: DNSName? {
        if text.isEmpty { return nil }
        guard let dot = text.firstIndex(of: ".") else { return DNSName(canonical: "") }
        return DNSName(canonical: String(text[text.index(after: dot)...]))
    }

    /// True when this name is `other` or lies below it.
    package func isInside(_ other: DNSName) -> Bool {
        if other.text.isEmpty { return true }
        // Canonical names are ASCII: a name inside another has at least its bytes.
        if text.utf8.count < other.text.utf8.count { return false }
        if text == other.text { return true }
        return text.hasSuffix(other.text) && text.utf8.dropLast(other.text.utf8.count).last == UInt8(ascii: ".")
    }

    /// True when this name is one label below `parent`: `parent` follows its first dot. Compares
    /// bytes in place, for loops over many names that would otherwise make each one's parent.
    func isChild(of parent: DNSName) -> Bool {
        let bytes = text.utf8
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return parent.text.isEmpty && !text.isEmpty }
        let start = bytes.distance(from: bytes.startIndex, to: dot) + 1
        // In place: one comparison of the bytes after the dot with the parent's.
        let same = bytes.withContiguousStorageIfAvailable { own in
            parent.text.utf8.withContiguousStorageIfAvailable { other in
                own.count - start == other.count && own[start...].elementsEqual(other)
            }
        }
        if let same = same ?? nil { return same }
        return bytes[bytes.index(after: dot)...].elementsEqual(parent.text.utf8)
    }

    /// This name with `label` prepended.
    func prepending(_ label: String) -> DNSName {
        DNSName(canonical: text.isEmpty ? label.lowercased() : label.lowercased() + "." + text)
    }

    /// The part of this name below `zone`, or "@" for the apex.
    package func relative(to zone: DNSName) -> String {
        if self == zone { return "@" }
        if zone.text.isEmpty { return text }
        guard isInside(zone) else { return absolute }
        return String(text.dropLast(zone.text.count + 1))
    }

    package static func < (lhs: DNSName, rhs: DNSName) -> Bool { lhs.text < rhs.text }

    /// Checks RFC 1035 lengths (labels of 1...63 octets, at most 253 characters of text) and the
    /// characters a hostname-like name may hold (letters, digits, hyphen, underscore, `*`).
    static func isValid(_ s: String) -> Bool {
        if s.utf8.count > 253 { return false }
        var labelLength = 0
        for byte in s.utf8 {
            if byte == UInt8(ascii: ".") {
                if labelLength == 0 { return false }
                labelLength = 0
                continue
            }
            labelLength += 1
            if labelLength > 63 { return false }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                continue
            default:
                return false
            }
        }
        return labelLength > 0
    }
}
