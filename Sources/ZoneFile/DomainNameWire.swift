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
        // At most four text bytes per wire byte (\DDD).
        return String(unsafeUninitializedCapacity: max(1, wire.count * 4)) { out in
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
                for index in position..<(position + length) {
                    var c = wire[index]
                    if c >= 0x41 && c <= 0x5A { c |= 0x20 }  // A-Z to a-z
                    switch c {
                    case 0x2E, 0x3B, 0x28, 0x29, 0x5C:  // . ; ( ) \
                        out[written] = 0x5C
                        out[written + 1] = c
                        written += 2
                    case 0x21...0x7E:
                        out[written] = c
                        written += 1
                    default:
                        out[written] = 0x5C
                        out[written + 1] = 0x30 + c / 100
                        out[written + 2] = 0x30 + (c / 10) % 10
                        out[written + 3] = 0x30 + c % 10
                        written += 4
                    }
                }
                position += length
            }
            return written
        }
    }
}
