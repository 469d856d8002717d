#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The common record texts read in Swift, giving exactly what ldns gives for them, many times
/// faster. Each function takes only a plain subset of what ldns accepts and returns nil for
/// everything else, which then goes through ldns (so faults are still found, and worded, by ldns).
///
/// Why the results are ldns's (ldns 1.8.3, `ldns_rr_new_frm_str`):
/// - A data is one token given to glibc's `inet_pton(AF_INET)`, which takes exactly four
///   dot-separated decimal numbers of at most 255 without leading zeros; `ipv4` takes the same.
/// - AAAA data is one token given to `inet_pton(AF_INET6)` and printed back by `inet_ntop`
///   (`ldns_rdf2buffer_str_aaaa`); `ipv6` calls the same `inet_pton`, and prints as glibc's
///   `inet_ntop` does (a test compares the two on every pattern of zero and non-zero words).
/// - A name of letters, digits, `-`, `_`, `*` and `/` and non-empty labels of at most 63
///   octets is, for ldns, its labels with no escape; relative, it is followed by the origin's
///   labels (`ldns_dname_cat`); `DomainNameWire.text` then lower-cases it and prints none of those
///   characters escaped. Names near the 255-octet limit are left to ldns.
/// - None of those characters is special to ldns's tokenizer (no quote, parenthesis, semicolon,
///   backslash or space), and none starts with `@`, which ldns reads as the origin.
enum FastRecordData {
    /// The longest name text taken: well inside ldns's 255-octet and 255-character limits.
    static let longestName = 250

    /// The IPv4 address in host byte order, or nil.
    static func ipv4(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32? {
        var address: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var octets = 0
        for i in range {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                // A leading zero is refused ("01"), as glibc does.
                if digits == 1 && octet == 0 { return nil }
                octet = octet * 10 + UInt32(c - 0x30)
                digits += 1
                if octet > 255 { return nil }
            } else if c == 0x2E {  // "."
                guard digits > 0, octets < 3 else { return nil }
                address = address << 8 | octet
                octets += 1
                octet = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        return address << 8 | octet
    }

    /// The IPv6 address in `inet_ntop`'s text, or nil.
    static func ipv6(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        // INET6_ADDRSTRLEN is 46 with the final NUL.
        guard range.count >= 2, range.count <= 45 else { return nil }
        for i in range {
            let c = bytes[i]
            let hex = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)
            guard hex || c == 0x3A || c == 0x2E else { return nil }  // ":" "."
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var n = 0
            for i in range {
                base[n] = CChar(bitPattern: bytes[i])
                n += 1
            }
            base[n] = 0
            var address = in6_addr()
            guard inet_pton(AF_INET6, base, &address) == 1 else { return nil }
            return withUnsafeBytes(of: &address) { ipv6Text($0) }
        }
    }

    /// The 16-byte IPv6 address `bytes` as glibc's `inet_ntop(AF_INET6)` prints it (its
    /// `inet_ntop6`, step by step, without `sprintf`): the first longest run of two or more zero
    /// words as "::", hex words in lower case without leading zeros, and the last 32 bits in
    /// dotted decimal after ::/96 (six zero words) or ::ffff:0:0/96.
    static func ipv6Text(_ bytes: UnsafeRawBufferPointer) -> String {
        var words: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.bindMemory(to: UInt16.self)
            for i in 0..<8 where bytes.count >= 2 * i + 2 {
                word[i] = UInt16(bytes[2 * i]) << 8 | UInt16(bytes[2 * i + 1])
            }
            // The first longest run of zero words.
            var bestBase = -1
            var bestLength = 0
            var currentBase = -1
            var currentLength = 0
            for i in 0..<8 {
                if word[i] == 0 {
                    if currentBase == -1 {
                        currentBase = i
                        currentLength = 1
                    } else {
                        currentLength += 1
                    }
                } else if currentBase != -1 {
                    if bestBase == -1 || currentLength > bestLength {
                        bestBase = currentBase
                        bestLength = currentLength
                    }
                    currentBase = -1
                }
            }
            if currentBase != -1 && (bestBase == -1 || currentLength > bestLength) {
                bestBase = currentBase
                bestLength = currentLength
            }
            if bestBase != -1 && bestLength < 2 { bestBase = -1 }

            // At most "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", 45 bytes; written here first
            // so that the string is allocated at its exact size.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { out -> String in
                let count = printIPv6(word, bestBase: bestBase, bestLength: bestLength, bytes, into: out)
                return String(unsafeUninitializedCapacity: count) { text in
                    for k in 0..<count { text[k] = out[k] }
                    return count
                }
            }
        }
    }

    /// Writes the text of `ipv6Text` to `out`; returns its length.
    private static func printIPv6(
        _ word: UnsafeMutableBufferPointer<UInt16>, bestBase: Int, bestLength: Int, _ bytes: UnsafeRawBufferPointer,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var n = 0
        var i = 0
        while i < 8 {
            if bestBase != -1 && i >= bestBase && i < bestBase + bestLength {
                if i == bestBase {
                    out[n] = 0x3A
                    n += 1
                }
                i += 1
                continue
            }
            if i != 0 {
                out[n] = 0x3A
                n += 1
            }
            if i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && word[5] == 0xFFFF)) {
                for k in 12..<16 {
                    if k > 12 {
                        out[n] = 0x2E
                        n += 1
                    }
                    n = writeDecimal(bytes.count > k ? bytes[k] : 0, into: out, at: n)
                }
                return n
            }
            let value = word[i]
            var shift: UInt16 = 12
            while shift > 0 && (value >> shift) == 0 { shift -= 4 }
            while true {
                let digit = UInt8((value >> shift) & 0xF)
                out[n] = digit < 10 ? 0x30 + digit : 0x57 + digit  // 0-9, a-f
                n += 1
                if shift == 0 { break }
                shift -= 4
            }
            i += 1
        }
        if bestBase != -1 && bestBase + bestLength == 8 {
            out[n] = 0x3A
            n += 1
        }
        return n
    }

    private static func writeDecimal(_ value: UInt8, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var n = start
        if value >= 100 {
            out[n] = 0x30 + value / 100
            n += 1
        }
        if value >= 10 {
            out[n] = 0x30 + (value / 10) % 10
            n += 1
        }
        out[n] = 0x30 + value % 10
        return n + 1
    }

    /// The name `bytes[range]` in this module's form (lower-cased, no final dot): itself when it
    /// ends with a dot, else followed by `origin` (this module's form of the origin; "" for the
    /// root). Nil for a name the fast path does not take.
    static func name(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, origin: [UInt8]) -> String? {
        guard let absolute = plainName(bytes, range) else { return nil }
        let own = absolute ? range.count - 1 : range.count
        let total = absolute || origin.isEmpty ? own : own + 1 + origin.count
        guard total <= longestName else { return nil }
        return String(unsafeUninitializedCapacity: total) { out in
            var n = lowerCased(bytes, range.lowerBound..<range.lowerBound + own, into: out, at: 0)
            if total > own {
                out[n] = 0x2E
                n += 1
                for c in origin {
                    out[n] = c
                    n += 1
                }
            }
            return n
        }
    }

    /// The absolute name `bytes[range]` (ending with a dot, or ".") in this module's form, or nil
    /// for a name the fast path does not take.
    static func absoluteName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        if range.count == 1 && bytes[range.lowerBound] == 0x2E { return "" }
        guard plainName(bytes, range) == true else { return nil }
        let own = range.count - 1
        return String(unsafeUninitializedCapacity: own) { out in
            lowerCased(bytes, range.lowerBound..<range.lowerBound + own, into: out, at: 0)
        }
    }

    /// True for an absolute plain name, false for a relative one, nil when the name is not plain:
    /// not empty, not "." alone, at most `longestName` bytes, only letters, digits, `-`, `_`,
    /// `*`, `/` and dots, every label 1 to 63 octets.
    private static func plainName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool? {
        guard !range.isEmpty, range.count <= longestName else { return nil }
        var label = 0
        for i in range {
            let c = bytes[i]
            if c == 0x2E {
                guard label > 0 else { return nil }
                label = 0
                continue
            }
            let lower = c | 0x20
            let plain = (lower >= 0x61 && lower <= 0x7A) || (c >= 0x30 && c <= 0x39)
                || c == 0x2D || c == 0x5F || c == 0x2A || c == 0x2F  // - _ * /
            guard plain else { return nil }
            label += 1
            if label > 63 { return nil }
        }
        return label == 0
    }

    /// Writes `bytes[range]` lower-cased at `out[start...]`; returns the index after it.
    private static func lowerCased(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int
    ) -> Int {
        var n = start
        for i in range {
            var c = bytes[i]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            out[n] = c
            n += 1
        }
        return n
    }
}
