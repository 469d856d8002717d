import AmplsimEngine

/// Output bytes appended through a pointer, handed on in pieces: for writers that append
/// millions of short runs (a large zone's audit writes some ten pieces per finding, hundreds of
/// thousands of findings), where `Array.append(contentsOf:)`, its checks and its lazily made
/// constants cost more than the copies themselves. Its JSON helpers write the bytes `JSONText`'s
/// do.
final class ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes are held.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `more` bytes.
    @inline(__always)
    private func reserve(_ more: Int) {
        if count + more > capacity { grow(to: count + more) }
    }

    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// Appends `n` spaces (nothing when `n` is not positive).
    @inline(__always)
    func appendSpaces(_ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).initialize(repeating: 0x20, count: n)
        count += n
    }

    /// Appends a literal's bytes (no string made, no constant to look up).
    @inline(__always)
    func append(_ literal: StaticString) { literal.withUTF8Buffer { append($0) } }

    /// Appends a string's UTF-8 bytes as they are.
    @inline(__always)
    func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `text` as the inside of a JSON string (`JSONText.appendEscaped`'s bytes).
    func appendEscaped(_ text: String) {
        // In place when the text is stored contiguously (no copy of the string to hold it).
        let copied = text.utf8.withContiguousStorageIfAvailable { buffer in
            if JSONText.needsEscaping(buffer) { return false }
            append(buffer)
            return true
        } ?? appendSmall(text)
        if copied { return }
        var escaped: [UInt8] = []
        JSONText.appendEscaped(text, to: &escaped)
        escaped.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a short (inline) string when nothing in it needs escaping; false when something does.
    private func appendSmall(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            if JSONText.needsEscaping(buffer) { return false }
            append(buffer)
            return true
        }
    }

    /// Appends `text` as a JSON string.
    @inline(__always)
    func appendQuoted(_ text: String) {
        append(UInt8(ascii: "\""))
        appendEscaped(text)
        append(UInt8(ascii: "\""))
    }

    /// Appends a whole number's decimal digits.
    func appendDigits(_ value: Int) {
        reserve(21)
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var magnitude = value.magnitude
        var digits = 0
        var scratch = magnitude
        repeat { digits += 1; scratch /= 10 } while scratch > 0
        var at = count + digits
        count = at
        repeat {
            at -= 1
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// Appends an IPv4 address's dotted quad (its `description`).
    func appendDotted(_ address: IPv4Address) {
        reserve(15)
        for shift in stride(from: 24, through: 0, by: -8) {
            let octet = UInt8(truncatingIfNeeded: address.value >> UInt32(shift))
            if octet >= 100 { base[count] = UInt8(ascii: "0") + octet / 100; count += 1 }
            if octet >= 10 { base[count] = UInt8(ascii: "0") + octet / 10 % 10; count += 1 }
            base[count] = UInt8(ascii: "0") + octet % 10
            count += 1
            if shift > 0 { base[count] = UInt8(ascii: "."); count += 1 }
        }
    }

    /// The bytes held, as an array of their size; the sink forgets them, keeping the room.
    func take() -> [UInt8] {
        defer { count = 0 }
        return Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// Appends the bytes held to `out` and forgets them, keeping the room.
    func move(to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    /// Hands the bytes held to `emit`, in place (valid only during the call), and forgets them,
    /// keeping the room.
    func drain(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        emit(UnsafeBufferPointer(start: base, count: count))
        count = 0
    }
}
