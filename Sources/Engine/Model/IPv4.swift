/// An IPv4 address.
package struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address in host byte order: 10.0.1.4 is 0x0A00_0104.
    package let value: UInt32

    package init(_ value: UInt32) { self.value = value }

    /// Parses dotted-quad text (four decimal octets, no leading zeros beyond "0").
    /// Read byte by byte (a topology has thousands of addresses, and splitting into
    /// `Character`s cost tens of thousands of instructions each).
    package init?(_ text: String) {
        var value: UInt32 = 0, octet: UInt32 = 0, digits = 0, dots = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                dots += 1
                octet = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                // At most three digits, at most 255, and no leading zero ("0" alone is one).
                guard digits < 3, !(digits == 1 && octet == 0) else { return nil }
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                guard octet <= 255 else { return nil }
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        self.value = value << 8 | octet
    }

    package var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    package static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    /// Azure DNS's address in every VNet: a `dns` or forwarder naming it means `azure`.
    package static let azureDNS = IPv4Address(0xA83F_8110)

    /// RFC 1918's private ranges.
    package static let rfc1918: [CIDR] = [
        CIDR(base: IPv4Address(0x0A00_0000), prefix: 8),
        CIDR(base: IPv4Address(0xAC10_0000), prefix: 12),
        CIDR(base: IPv4Address(0xC0A8_0000), prefix: 16),
    ]
}

/// An IPv4 prefix such as 10.0.1.0/24.
package struct CIDR: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first address of the block.
    package let base: IPv4Address
    /// The prefix length, 0...32.
    package let prefix: Int

    /// A block from an aligned base and a prefix length (trusted callers).
    package init(base: IPv4Address, prefix: Int) {
        self.base = base
        self.prefix = prefix
    }

    /// Why a CIDR text was refused.
    package enum ParseError: Error, Equatable, Sendable {
        case malformed
        case hostBitsSet(suggested: String)
    }

    /// Parses `a.b.c.d/n`; the address must be the first of its block.
    package static func parse(_ text: String) -> Result<CIDR, ParseError> {
        // Byte by byte, as the address: one slash, then one or two ASCII digits.
        let bytes = text.utf8
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")),
              let address = IPv4Address(String(text[..<slash])) else { return .failure(.malformed) }
        let digits = bytes[bytes.index(after: slash)...]
        guard (1...2).contains(digits.count),
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return .failure(.malformed) }
        let length = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard length <= 32 else { return .failure(.malformed) }
        let mask = CIDR.mask(length)
        if address.value & ~mask != 0 {
            let aligned = CIDR(base: IPv4Address(address.value & mask), prefix: length)
            return .failure(.hostBitsSet(suggested: aligned.description))
        }
        return .success(CIDR(base: address, prefix: length))
    }

    static func mask(_ prefix: Int) -> UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    package var mask: UInt32 { CIDR.mask(prefix) }
    /// The last address of the block.
    package var last: IPv4Address { IPv4Address(base.value | ~mask) }
    /// How many addresses the block holds.
    package var size: UInt64 { UInt64(1) << UInt64(32 - prefix) }

    package func contains(_ address: IPv4Address) -> Bool { address.value & mask == base.value }
    /// True when `other` lies wholly inside this block.
    package func contains(_ other: CIDR) -> Bool { other.prefix >= prefix && contains(other.base) }
    package func overlaps(_ other: CIDR) -> Bool { contains(other.base) || other.contains(base) }

    package var description: String { "\(base)/\(prefix)" }

    package static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        (lhs.base, lhs.prefix) < (rhs.base, rhs.prefix)
    }
}
