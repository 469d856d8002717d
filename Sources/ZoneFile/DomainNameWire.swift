internal import CLDNS

/// Domain names from ldns's wire form to this module's text form, in Swift (ldns formats names a
/// character at a time; this is several times faster, and lower-cases as it goes).
enum DomainNameWire {
    /// The text of `rdf`: labels lower-cased and joined by dots, no final dot, "" for the root;
    /// `.`, `;`, `(`, `)` and `\` escaped with a backslash and other bytes outside printable ASCII
    /// as \DDD, as ldns writes them.
    static func text(_ rdf: UnsafePointer<ldns_rdf>) -> String {
        guard let data = ldns_rdf_data(rdf) else { return "" }
        let wire = UnsafeBufferPointer(start: data, count: ldns_rdf_size(rdf))
        // At most four text bytes per wire byte (\DDD); a name has at most 255 wire bytes.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, wire.count * 4)) { out in
            var written = 0
            var position = 0
            while position < wire.count {
                let length = Int(wire[position])
                position += 1
                if length == 0 || position + length > wire.count { break }
                if written > 0 {
                    out[written] = 0x2E  // "."
                    written += 1
                }
                var index = position
                while index < position + length {
                    var c = wire[index]
                    index += 1
                    // Plain comparisons, not range patterns: a debug build calls a generic
                    // `contains` for each of those.
                    if c >= 0x41 && c <= 0x5A { c |= 0x20 }  // A-Z to a-z
                    if c == 0x2E || c == 0x3B || c == 0x28 || c == 0x29 || c == 0x5C {  // . ; ( ) \
                        out[written] = 0x5C
                        out[written + 1] = c
                        written += 2
                    } else if c >= 0x21 && c <= 0x7E {
                        out[written] = c
                        written += 1
                    } else {
                        out[written] = 0x5C
                        out[written + 1] = 0x30 + c / 100
                        out[written + 2] = 0x30 + (c / 10) % 10
                        out[written + 3] = 0x30 + c % 10
                        written += 4
                    }
                }
                position += length
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<written]), as: UTF8.self)
        }
    }
}
