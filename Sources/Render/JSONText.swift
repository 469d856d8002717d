import AmplsimEngine

/// A small JSON writer: keys in the order written, strings escaped per RFC 8259, output that is
/// the same bytes for the same input. It writes UTF-8 bytes, since reports run to hundreds of
/// megabytes.
package struct JSONText {
    /// The UTF-8 text so far.
    package private(set) var bytes: [UInt8] = []
    /// Whether the value written next in the innermost object or array follows another (kept
    /// apart from the outer levels', so that a row of a long array reads no array).
    private var needsComma = false
    /// The same, for each outer level.
    private var outer: [Bool] = []

    package init() {}

    /// The text so far.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func open(_ byte: UInt8) {
        separate()
        bytes.append(byte)
        outer.append(needsComma)
        needsComma = false
    }

    private mutating func close(_ byte: UInt8) {
        needsComma = outer.removeLast()
        bytes.append(byte)
    }

    package mutating func beginObject() { open(UInt8(ascii: "{")) }
    package mutating func endObject() { close(UInt8(ascii: "}")) }
    package mutating func beginArray() { open(UInt8(ascii: "[")) }
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"key":` inside an object; the value written next belongs to it.
    package mutating func key(_ name: String) {
        separate()
        JSONText.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    package mutating func string(_ value: String?) {
        separate()
        if let value { JSONText.appendQuoted(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    package mutating func int(_ value: Int) { separate(); JSONText.appendDigits(value, to: &bytes) }

    /// An array of whole numbers, written in one go (a cause's row list holds up to millions).
    package mutating func ints(_ values: [Int]) {
        separate()
        // Written through a pointer into room for the longest numbers (cause row lists hold
        // millions: an `append` per digit, with its checks, cost ten times as much).
        let room = values.count * 21 + 2
        let out = [UInt8](unsafeUninitializedCapacity: room) { buffer, written in
            var at = 0
            buffer[at] = UInt8(ascii: "["); at += 1
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
            withUnsafeMutableBytes(of: &digits) { digits in
                for (i, value) in values.enumerated() {
                    if i > 0 { buffer[at] = UInt8(ascii: ","); at += 1 }
                    if value < 0 { buffer[at] = UInt8(ascii: "-"); at += 1 }
                    var magnitude = value.magnitude
                    var count = 0
                    repeat {
                        digits[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                        magnitude /= 10
                        count += 1
                    } while magnitude > 0
                    while count > 0 { count -= 1; buffer[at] = digits[count]; at += 1 }
                }
            }
            buffer[at] = UInt8(ascii: "]"); at += 1
            written = at
        }
        bytes.append(contentsOf: out)
    }

    /// A whole number's decimal digits, without building a String (cause row lists hold millions).
    static func appendDigits(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }
    package mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    package mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    package mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    package mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    package mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }

    /// Writes one value made of two runs of bytes already encoded (a matrix row: its network's
    /// part and the rest), without a closure.
    package mutating func value(_ head: [UInt8], _ tail: [UInt8]) {
        separate()
        bytes.append(contentsOf: head)
        bytes.append(contentsOf: tail)
    }

    /// Writes one value whose bytes `body` appends itself (for hot paths that know their shape).
    package mutating func value(_ body: (inout [UInt8]) -> Void) {
        separate()
        body(&bytes)
    }

    /// Appends an IPv4 address as a JSON string, without making a Swift string first.
    static func appendQuoted(_ address: IPv4Address, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendDotted(address, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends an IPv4 address's dotted quad (its `description`), without quotes.
    static func appendDotted(_ address: IPv4Address, to out: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) {
            let octet = UInt8(truncatingIfNeeded: address.value >> UInt32(shift))
            if octet >= 100 { out.append(UInt8(ascii: "0") + octet / 100) }
            if octet >= 10 { out.append(UInt8(ascii: "0") + octet / 10 % 10) }
            out.append(UInt8(ascii: "0") + octet % 10)
            if shift > 0 { out.append(UInt8(ascii: ".")) }
        }
    }

    /// Hands the text so far to `body` and forgets it, keeping the room it took (for answers
    /// written in pieces); what is open stays open.
    package mutating func drain(_ body: ([UInt8]) -> Void) {
        body(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Ends the text with a newline, as whole answers do.
    package mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// Makes room for `count` more bytes.
    package mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// A list of strings as one array value.
    package mutating func strings(_ values: [String]) {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    /// Appends `s` as a JSON string: quotes, and escapes for `"`, `\` and control characters.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(s, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `s` as the inside of a JSON string (escaped, without the quotes), for strings
    /// written in parts.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        // The common case, nothing to escape: one copy of the whole string (`withUTF8` also
        // serves small strings, which are stored inline and have no contiguous UTF-8 view).
        var s = s
        let copied = s.withUTF8 { buffer in
            if needsEscaping(buffer) { return false }
            out.append(contentsOf: buffer)
            return true
        }
        if copied { return }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
    }

    /// True when `bytes` hold a `"`, a `\` or a control character. Eight bytes at a time (the
    /// classic "has a byte less than n / equal to c" word tricks): most strings written are names
    /// and sentences with nothing to escape, and this check runs over every byte of the output.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let control = (word &- ones &* 0x20) & ~word
            let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | control
            if found & highs != 0 { return true }
            i += 8
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            i += 1
        }
        return false
    }
}
