import AmplsimEngine
import Testing
@testable import AmplsimTopology

/// Addresses, prefixes and workspace ids are read byte by byte. What they accept is defined by
/// the text rules below (the same rules, written on `Character`s as the readers once were): an
/// address is four parts of one to three ASCII digits, each at most 255, with no leading zero; a
/// prefix is an address, a slash and one or two ASCII digits up to 32, with no host bits set; a
/// GUID is groups of 8, 4, 4, 4 and 12 ASCII hexadecimal digits joined by hyphens. Every string
/// below, and thousands made of the characters that matter (digits, dots, slashes, hyphens, hex
/// letters, a non-ASCII digit, a combining mark, a space), must get the rule's answer.
@Suite struct ByteParserTests {
    static func ruleAddress(_ text: String) -> UInt32? {
        var octets: [UInt32] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = UInt32(part), n <= 255, !(part.count > 1 && part.first == "0") else { return nil }
            octets.append(n)
        }
        guard octets.count == 4 else { return nil }
        return octets[0] << 24 | octets[1] << 16 | octets[2] << 8 | octets[3]
    }

    /// nil: malformed; a string: host bits set (the suggestion); otherwise base and length.
    static func rulePrefix(_ text: String) -> String {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = ruleAddress(String(parts[0])),
              parts[1].count <= 2, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let length = Int(parts[1]), (0...32).contains(length) else { return "malformed" }
        let mask: UInt32 = length == 0 ? 0 : UInt32.max << UInt32(32 - length)
        if address & ~mask != 0 { return "host bits: \(IPv4Address(address & mask))/\(length)" }
        return "\(IPv4Address(address))/\(length)"
    }

    static func ruleGUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) && $0.allSatisfy(\.isASCII) }
    }

    static func prefix(_ text: String) -> String {
        switch CIDR.parse(text) {
        case .success(let cidr): return cidr.description
        case .failure(.malformed): return "malformed"
        case .failure(.hostBitsSet(let suggested)): return "host bits: \(suggested)"
        }
    }

    static let examples = [
        "10.0.0.1", "0.0.0.0", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.02.3.4", "00.1.2.3", "1.2.3", "1.2.3.4.5",
        "1..2.3", ".1.2.3", "1.2.3.", "", "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "1.2.3.1000", "1.2.3.٣", "1.2.3.４",
        "1.2.3.4\u{301}", "10.0.0.0/8", "10.0.0.0/08", "10.0.0.1/24", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/1/2",
        "10.0.0.0/-1", "/24", "10.0.0.0/024", "0.0.0.0/0", "192.168.1.0/24", "10.0.0.0/٣",
        "2497b122-367b-493e-9c7d-8081ad4e8713", "2497B122-367B-493E-9C7D-8081AD4E8713", "2497b122-367b-493e-9c7d-8081ad4e871",
        "2497b122-367b-493e-9c7d-8081ad4e87133", "2497b122367b-493e-9c7d-8081ad4e8713-", "2497b12g-367b-493e-9c7d-8081ad4e8713",
        "2497b122-367b-493e-9c7d-8081ad4e871٣", "２497b122-367b-493e-9c7d-8081ad4e8713", "--------------------------------",
    ]

    func check(_ text: String) {
        #expect(IPv4Address(text)?.value == Self.ruleAddress(text), "address \(text.debugDescription)")
        #expect(Self.prefix(text) == Self.rulePrefix(text), "prefix \(text.debugDescription)")
        #expect(GUID.isValid(text) == Self.ruleGUID(text), "GUID \(text.debugDescription)")
    }

    @Test func examplesFollowTheRules() {
        for text in Self.examples { check(text) }
        // The examples reach both answers of each rule.
        #expect(Self.examples.contains { Self.ruleAddress($0) != nil } && Self.examples.contains { Self.ruleAddress($0) == nil })
        #expect(Self.examples.contains { Self.rulePrefix($0).hasPrefix("host bits") })
        #expect(Self.examples.contains { Self.ruleGUID($0) } && Self.examples.contains { !Self.ruleGUID($0) })
    }

    @Test func madeUpStringsFollowTheRules() {
        let pieces = ["0", "1", "2", "5", "9", "25", "255", "256", "00", "01", ".", ".", ".", "/", "/2", "/32", "/33", "-", "a",
                      "F", "g", "٣", "\u{301}", " "]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...12, using: &rng)
            check((0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        // Mostly well-formed addresses and prefixes, so that the accepting paths are exercised too.
        for _ in 0..<2_000 {
            let octets = (0..<4).map { _ in String(Int.random(in: 0...300, using: &rng)) }
            let address = octets.joined(separator: ".")
            check(address)
            check(address + "/" + String(Int.random(in: 0...34, using: &rng)))
        }
    }
}
