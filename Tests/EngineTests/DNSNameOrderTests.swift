import Testing
@testable import AmplsimEngine

/// Two questions a zone's index and its audit ask of every owner name, answered on bytes in place:
/// whether a name lies inside another, and the order of many names. The answers must be those of
/// the plain definitions: a name is inside another when it is the other or ends with a dot and
/// the other's labels; names are ordered by their text (`<`).
@Suite struct DNSNameOrderTests {
    @Test(arguments: [
        // (name, other, inside): the same name; one label below; two below; a label that only
        // ends with the other's text (no dot before it); shorter; the root holds every name;
        // short names (stored inline in the string) and long ones.
        ("privatelink.monitor.azure.com", "privatelink.monitor.azure.com", true),
        ("api.privatelink.monitor.azure.com", "privatelink.monitor.azure.com", true),
        ("a.b.privatelink.monitor.azure.com", "privatelink.monitor.azure.com", true),
        ("xprivatelink.monitor.azure.com", "privatelink.monitor.azure.com", false),
        ("monitor.azure.com", "privatelink.monitor.azure.com", false),
        ("api.privatelink.monitor.azure.com", "", true),
        ("a.b", "b", true),
        ("ab", "b", false),
        ("b", "a.b", false),
        ("h0.z000.privatelink.monitor.azure.com", "z000.privatelink.monitor.azure.com", true),
        ("h0.z000.privatelink.monitor.azure.com", "z001.privatelink.monitor.azure.com", false),
    ])
    func inside(_ name: String, _ other: String, _ expected: Bool) {
        let a = DNSName(canonical: name), b = DNSName(canonical: other)
        #expect(a.isInside(b) == expected)
        // The definition, on the text.
        #expect(expected == (other.isEmpty || name == other || name.hasSuffix("." + other)))
    }

    /// Names that share their first eight bytes or not, shorter than eight bytes, prefixes of
    /// each other, in a shuffled order: sorted as `sort()` sorts them.
    @Test func manyNamesSortAsTheirText() {
        var names: [DNSName] = []
        for i in [0, 1, 2, 9, 10, 11, 99, 100, 101, 12_345, 123_456] {
            for zone in ["z000", "z001", "z1"] {
                names.append(DNSName(canonical: "h\(i).\(zone).privatelink.monitor.azure.com"))
                names.append(DNSName(canonical: "h\(i).\(zone)"))
            }
        }
        names += ["a", "ab", "abcdefgh", "abcdefghi", "abcdefgh.i", "abcdefg", "b", "_dmarc.example", "*.example",
                  "api-1.example", "api.example"].map { DNSName(canonical: $0) }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            var shuffled = names.shuffled(using: &rng)
            DNSName.sortByText(&shuffled)
            #expect(shuffled.map(\.text) == names.map(\.text).sorted())
        }
    }

    /// Enough names for the radix passes (4,096 or more), with prefixes shared by many names, by
    /// few and by none, names shorter than eight bytes, and names that share their first sixteen
    /// bytes (which only whole names order) or end within them: sorted as `sort()` sorts them.
    @Test func aLargeZoneSortsAsItsText() {
        var names: [DNSName] = []
        for i in 0..<2200 {
            names.append(DNSName(canonical: "h\(i).z000.privatelink.monitor.azure.com"))
            names.append(DNSName(canonical: "www\(i % 50).z\(i)"))
            if i % 7 == 0 { names.append(DNSName(canonical: "\(i)")) }
            if i % 5 == 0 { names.append(DNSName(canonical: "abcdefgh.ijklmno\(i % 40).x\(i)")) }
        }
        names += ["abcdefgh.ijklmno", "abcdefgh.ijklmn", "abcdefgh.ijklmnoa"].map { DNSName(canonical: $0) }
        names += ["a", "abcdefgh", "abcdefghi", "abcdefgh.i", "_dmarc.example", "*.example"].map { DNSName(canonical: $0) }
        #expect(names.count >= 4096)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            var shuffled = names.shuffled(using: &rng)
            DNSName.sortByText(&shuffled)
            #expect(shuffled.map(\.text) == names.map(\.text).sorted())
        }
    }
}
