/// An IPv4 address.
package struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address in host byte order: 10.0.1.4 is 0x0A00_0104.
    package let value: UInt32

    package init(_ value: UInt32) { self.value = value }

    /// Parses dotted-quad text (four decimal octets, no leading zeros beyond "0").
    package init?(_ text: String) {
        var octets: [UInt32] = []
        octets.reserveCapacity(4)
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = UInt32(part), n <= 255, !(part.count > 1 && part.first == "0") else { return nil }
            octets.append(n)
        }
        guard octets.count == 4 else { return nil }
        self.value = octets[0] << 24 | octets[1] << 16 | octets[2] << 8 | octets[3]
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
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(String(parts[0])),
              parts[1].count <= 2, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let length = Int(parts[1]), (0...32).contains(length) else { return .failure(.malformed) }
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
