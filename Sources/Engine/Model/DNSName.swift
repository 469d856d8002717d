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
        // By bytes: `firstIndex(of: Character)` walks grapheme clusters (thousands of
        // instructions a name, and the resolver asks for the parents of every name it resolves).
        let bytes = text.utf8
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return DNSName(canonical: "") }
        return DNSName(canonical: String(text[bytes.index(after: dot)...]))
    }

    /// True when this name is `other` or lies below it.
    package func isInside(_ other: DNSName) -> Bool {
        if other.text.isEmpty { return true }
        // Canonical names are ASCII: a name inside another has at least its bytes.
        let count = text.utf8.count, suffix = other.text.utf8.count
        if count < suffix { return false }
        if count == suffix { return text == other.text }
        // In place: a dot, then the other's bytes, end this name's (a zone's audit asks this of
        // every owner, against every routing key inside the zone).
        let inside = text.utf8.withContiguousStorageIfAvailable { own in
            other.text.utf8.withContiguousStorageIfAvailable { tail in
                own[count - suffix - 1] == UInt8(ascii: ".") && DNSName.bytesEqual(own, from: count - suffix, tail)
            }
        }
        if let inside = inside ?? nil { return inside }
        return text.hasSuffix(other.text) && text.utf8.dropLast(suffix).last == UInt8(ascii: ".")
    }

    /// True when this name is one label below `parent`: `parent` follows its first dot. Compares
    /// bytes in place, for loops over many names that would otherwise make each one's parent.
    func isChild(of parent: DNSName) -> Bool {
        // In place, the dot found in the bytes too (a zone's build asks this of every owner).
        let fast = text.utf8.withContiguousStorageIfAvailable { own -> Bool? in
            guard let dot = own.firstIndex(of: UInt8(ascii: ".")) else { return nil }
            return parent.text.utf8.withContiguousStorageIfAvailable { other in
                own.count - dot - 1 == other.count && DNSName.bytesEqual(own, from: dot + 1, other)
            }
        }
        if let fast = fast ?? nil { return fast }
        let bytes = text.utf8
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return parent.text.isEmpty && !text.isEmpty }
        let start = bytes.distance(from: bytes.startIndex, to: dot) + 1
        // In place: one comparison of the bytes after the dot with the parent's.
        let same = bytes.withContiguousStorageIfAvailable { own in
            parent.text.utf8.withContiguousStorageIfAvailable { other in
                own.count - start == other.count && DNSName.bytesEqual(own, from: start, other)
            }
        }
        if let same = same ?? nil { return same }
        return bytes[bytes.index(after: dot)...].elementsEqual(parent.text.utf8)
    }

    /// True when `bytes` from `start` to its end are `tail`'s bytes (`tail.count` of them must be
    /// there), compared eight at a time (the generic `elementsEqual` walked them one by one
    /// through iterators).
    private static func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ tail: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = tail.count
        guard count > 0 else { return true }
        guard let own = bytes.baseAddress, let other = tail.baseAddress else { return false }
        let a = UnsafeRawPointer(own + start), b = UnsafeRawPointer(other)
        var i = 0
        while i + 8 <= count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// A hash of the name's bytes, eight at a time, seeded once per process (as `Hasher` is, so
    /// that no zone file can be made to collide): for the tables that index a zone's owners by
    /// name, where `Hasher`'s SipHash cost several hundred instructions a name.
    var bytesHash: Int {
        var text = text
        return text.withUTF8 { DNSName.hash(of: $0) }
    }

    /// `bytesHash` of a name's bytes.
    private static func hash(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = DNSName.hashSeed ^ UInt64(bytes.count)
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= bytes.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
                h ^= h >> 29
                i += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* multiplier
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The seed of `bytesHash`, drawn once per process.
    private static let hashSeed = UInt64.random(in: .min ... .max)

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

    /// Sorts many names into the order of `<`, with fewer string comparisons: the first sixteen
    /// bytes of each name, read once as two numbers (`SortKey`), decide most comparisons, and only
    /// names that share them are compared whole. For ASCII text (every valid name's) the bytes
    /// order names as `<` does; a name of other text makes this an ordinary sort.
    static func sortByText(_ names: inout [DNSName]) { sortByText(&names) { $0 } }

    /// Sorts `items` by their names (`name` of each), as `sortByText(_:)` sorts names
    /// (`textOrder`).
    static func sortByText<Item>(_ items: inout [Item], name: (Item) -> DNSName) {
        guard items.count > 1 else { return }
        var keys: [SortKey] = []
        keys.reserveCapacity(items.count)
        for item in items {
            guard let key = name(item).sortKey else {
                items.sort { name($0) < name($1) }
                return
            }
            keys.append(key)
        }
        let order = textOrder(keys) { name(items[$0]) }
        items = order.map { items[Int($0)] }
    }

    /// The first sixteen bytes of an ASCII name as two numbers that order as those bytes do
    /// (zeros past the name's end): what `textOrder` sorts by before it compares whole names.
    struct SortKey {
        var first: UInt64
        var second: UInt64
    }

    /// The positions `0..<keys.count` in the order of their names' text (`<`), given each name's
    /// sort key (the names all ASCII): a radix sort of the first eight bytes (four passes of 16
    /// bits, no comparison), runs that share them ordered by the next eight, and only names that
    /// share sixteen compared whole (`name` of a position). A large zone's owners share a first
    /// label's first bytes by the dozen (`h1000.z000…`, `h1000.z001…`).
    static func textOrder(_ keys: [SortKey], name: (Int) -> DNSName) -> [Int32] {
        let count = keys.count
        func before(_ a: Int32, _ b: Int32) -> Bool {
            let (x, y) = (keys[Int(a)], keys[Int(b)])
            if x.first != y.first { return x.first < y.first }
            if x.second != y.second { return x.second < y.second }
            return name(Int(a)).text < name(Int(b)).text
        }
        var order = (0..<count).map { Int32($0) }
        // A few names: compared (the radix passes cost a fixed 4 × 65,536 counters).
        if count < 4096 {
            order.sort(by: before)
            return order
        }
        var scratch = order
        var digits = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(16 * pass)
            for i in digits.indices { digits[i] = 0 }
            for key in keys { digits[Int(truncatingIfNeeded: key.first >> shift) & 0xFFFF] += 1 }
            var total = 0
            for i in digits.indices { (digits[i], total) = (total, total + digits[i]) }
            for position in order {
                let digit = Int(truncatingIfNeeded: keys[Int(position)].first >> shift) & 0xFFFF
                scratch[digits[digit]] = position
                digits[digit] += 1
            }
            swap(&order, &scratch)
        }
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && keys[Int(order[end])].first == keys[Int(order[start])].first { end += 1 }
            if end - start > 1 { order[start..<end].sort(by: before) }
            start = end
        }
        return order
    }

    /// The name's sort key (`SortKey`); nil when the name is not all ASCII.
    var sortKey: SortKey? {
        var text = text
        return text.withUTF8 { DNSName.sortKey(of: $0) }
    }

    /// `bytesHash` and `sortKey`, from one pass over the name's bytes.
    var hashAndSortKey: (hash: Int, key: SortKey?) {
        var text = text
        return text.withUTF8 { (DNSName.hash(of: $0), DNSName.sortKey(of: $0)) }
    }

    /// The sort key of ASCII bytes; nil when they are not all ASCII. Eight bytes at a time, in place.
    private static func sortKey(of bytes: UnsafeBufferPointer<UInt8>) -> SortKey? {
        guard ASCIIBytes.allASCII(bytes) else { return nil }
        guard let base = bytes.baseAddress else { return SortKey(first: 0, second: 0) }
        let raw = UnsafeRawPointer(base)
        func key(from offset: Int) -> UInt64 {
            if offset + 8 <= bytes.count { return UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            var key: UInt64 = 0
            for i in offset..<offset + 8 { key = key << 8 | (i < bytes.count ? UInt64(bytes[i]) : 0) }
            return key
        }
        return SortKey(first: key(from: 0), second: key(from: 8))
    }

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
