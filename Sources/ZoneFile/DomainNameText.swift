/// Checks domain names in presentation form (RFC 1035 sections 2.3.4 and 5.1) and makes them
/// absolute, before ldns sees them, so that errors can say what is wrong.
enum DomainNameText {
    /// Why a name was refused.
    enum Problem: Error, Equatable {
        case emptyLabel
        case labelTooLong
        case nameTooLong
        case badEscape

        /// The reason as it reads in a message.
        var reason: String {
            switch self {
            case .emptyLabel: "empty label"
            case .labelTooLong: "label longer than 63 octets"
            case .nameTooLong: "name longer than 255 octets"
            case .badEscape: "bad escape"
            }
        }
    }

    /// What a checked name is.
    struct Checked {
        /// True when the text ends with an unescaped dot (or is "." or "@").
        var isAbsolute: Bool
        /// The octets the name takes on the wire, with the origin when relative.
        var wireLength: Int
    }

    private static let dot = UInt8(ascii: ".")
    private static let backslash = UInt8(ascii: "\\")
    private static let zero = UInt8(ascii: "0")

    /// Checks `bytes[range]`: labels of 1 to 63 octets, escapes `\X` and `\DDD` (DDD ≤ 255), and at
    /// most 255 octets on the wire once a relative name gets an origin `originWireLength` long.
    /// "@" is the origin itself.
    static func check(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, originWireLength: Int
    ) -> Result<Checked, Problem> {
        if range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "@") {
            return .success(Checked(isAbsolute: true, wireLength: originWireLength))
        }
        if range.count == 1 && bytes[range.lowerBound] == dot {
            return .success(Checked(isAbsolute: true, wireLength: 1))
        }
        var wire = 0
        var label = 0
        var endsWithDot = false
        var i = range.lowerBound
        while i < range.upperBound {
            let c = bytes[i]
            endsWithDot = false
            if c == dot {
                if label == 0 { return .failure(.emptyLabel) }
                wire += label + 1
                label = 0
                endsWithDot = true
                i += 1
                continue
            }
            if c == backslash {
                i += 1
                guard i < range.upperBound else { return .failure(.badEscape) }
                if isDigit(bytes[i]) {
                    guard i + 2 < range.upperBound, isDigit(bytes[i + 1]), isDigit(bytes[i + 2]) else {
                        return .failure(.badEscape)
                    }
                    let value = Int(bytes[i] - zero) * 100 + Int(bytes[i + 1] - zero) * 10 + Int(bytes[i + 2] - zero)
                    guard value <= 255 else { return .failure(.badEscape) }
                    i += 3
                } else {
                    i += 1
                }
            } else {
                i += 1
            }
            label += 1
            if label > 63 { return .failure(.labelTooLong) }
        }
        if label > 0 { wire += label + 1 }
        let total = endsWithDot ? wire + 1 : wire + originWireLength
        if total > 255 { return .failure(.nameTooLong) }
        return .success(Checked(isAbsolute: endsWithDot, wireLength: total))
    }

    /// Appends the absolute text of the checked name `bytes[range]`: itself when absolute, the
    /// origin for "@", otherwise the name, a dot, and `originText` (which ends with a dot, or is ".").
    static func appendAbsolute(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, originText: [UInt8], to out: inout [UInt8]
    ) {
        if range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "@") {
            out.append(contentsOf: originText)
            return
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        let last = bytes[range.upperBound - 1]
        let absolute = last == dot && !isEscaped(bytes, range, at: range.upperBound - 1)
        if !absolute {
            out.append(dot)
            if originText != [dot] { out.append(contentsOf: originText) }
        }
    }

    /// True when the byte at `index` is escaped by an odd run of backslashes before it.
    private static func isEscaped(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, at index: Int) -> Bool {
        var count = 0
        var j = index - 1
        while j >= range.lowerBound && bytes[j] == backslash {
            count += 1
            j -= 1
        }
        return count % 2 == 1
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= zero && c <= UInt8(ascii: "9") }
}
