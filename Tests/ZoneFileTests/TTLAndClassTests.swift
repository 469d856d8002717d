import Testing
import AmplsimZoneFile

/// TTL inheritance (RFC 1035 section 5.1 without `$TTL`, RFC 2308 section 4 with it), BIND units,
/// and TTL and class in either order.
@Suite("TTL and class")
struct TTLAndClassTests {
    @Test func withoutDollarTTLARecordTakesTheLastExplicitTTL() {
        let contents = read("""
            $ORIGIN example.
            a A 192.0.2.1
            b 300 A 192.0.2.2
            c A 192.0.2.3
            d IN 1h A 192.0.2.4
            e IN A 192.0.2.5
            """, defaultTTL: 77)
        #expect(contents.errors == [])
        #expect(contents.records.map(\.ttl) == [77, 300, 300, 3600, 3600])
    }

    @Test func withDollarTTLARecordWithoutOneTakesIt() {
        let contents = read("""
            $ORIGIN example.
            $ttl 2d
            a A 192.0.2.1
            b 5 A 192.0.2.2
            c A 192.0.2.3
            $TTL 1h30m
            d A 192.0.2.4
            """)
        #expect(contents.errors == [])
        #expect(contents.records.map(\.ttl) == [172_800, 5, 172_800, 5400])
    }

    @Test(arguments: [
        ("www 60 IN A 192.0.2.1", UInt32(60)),
        ("www IN 60 A 192.0.2.1", 60),
        ("www in 1W A 192.0.2.1", 604_800),
        ("www 2h IN A 192.0.2.1", 7200),
        ("www CLASS1 90 A 192.0.2.1", 90),
        ("www 45 A 192.0.2.1", 45),
        ("www IN A 192.0.2.1", 3600),
        ("www A 192.0.2.1", 3600),
        ("www 4294967295 A 192.0.2.1", 4_294_967_295),
        ("www 0 A 192.0.2.1", 0),
    ])
    func ttlAndClassInEitherOrder(line: String, ttl: UInt32) {
        let contents = read("$ORIGIN example.\n" + line + "\n")
        #expect(contents.errors == [])
        #expect(contents.records == [record("www.example", .a, ttl, .a(ipv4(192, 0, 2, 1)), line: 2)])
    }
}
