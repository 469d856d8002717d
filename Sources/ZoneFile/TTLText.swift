/// TTL values as zone files write them: seconds, or BIND's units ("1h30m", "2d", "1w").
enum TTLText {
    /// The largest TTL: the field has 32 bits (RFC 1035 section 3.2.1). RFC 2181 section 8 limits
    /// TTLs to 2^31 - 1 on the wire, but a zone file may state up to 2^32 - 1, as ldns and Knot
    /// read it.
    static let maximum: UInt32 = .max

    /// What a TTL token turned out to be.
    enum Outcome: Equatable {
        case value(UInt32)
        case bad
        case outOfRange
    }

    /// Parses `bytes[range]`: digits, optionally in groups each followed by one of s, m, h, d, w
    /// (any case); a last group without a unit counts seconds.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Outcome {
        guard !range.isEmpty else { return .bad }
        var total: UInt64 = 0
        var current: UInt64 = 0
        var digits = 0
        for i in range {
            let c = bytes[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                current = current * 10 + UInt64(c - UInt8(ascii: "0"))
                digits += 1
                if current > UInt64(maximum) { return .outOfRange }
                continue
            }
            let multiplier: UInt64
            switch c | 0x20 {
            case UInt8(ascii: "s"): multiplier = 1
            case UInt8(ascii: "m"): multiplier = 60
            case UInt8(ascii: "h"): multiplier = 3600
            case UInt8(ascii: "d"): multiplier = 86_400
            case UInt8(ascii: "w"): multiplier = 604_800
            default: return .bad
            }
            guard digits > 0 else { return .bad }
            total += current * multiplier
            if total > UInt64(maximum) { return .outOfRange }
            current = 0
            digits = 0
        }
        total += current
        if total > UInt64(maximum) { return .outOfRange }
        return .value(UInt32(total))
    }
}
