import AmplsimTestSupport
import Testing
import AmplsimZoneFile

/// Zone files written through ldns, and read back.
@Suite("Zone file writer")
struct ZoneFileWriterTests {
    static let records = [
        record("z.example.com", .a, 300, .a(ipv4(10, 0, 0, 26)), line: 0),
        record("a.example.com", .txt, 300, .txt(["say \"hi\"", "café"]), line: 0),
        record("a.example.com", .a, 300, .a(ipv4(10, 0, 0, 1)), line: 0),
        record("example.com", .ns, 3600, .ns("ns1.example.com"), line: 0),
        record("b.a.example.com", .cname, 60, .cname("z.example.com"), line: 0),
        record("example.com", .soa, 3600, .soa(SOAData(
            mname: "ns1.example.com", rname: "hostmaster.example.com",
            serial: 7, refresh: 3600, retry: 300, expire: 2_419_200, minimum: 10)), line: 0),
        record("a.example.com", .aaaa, 300, .aaaa("fd00::1"), line: 0),
        record("example.com", .mx, 300, .other("10 mail.example.com."), line: 0),
        record("q\"uote.example.com", .cname, 300, .cname("a\\.b.example.com"), line: 0),
    ]

    /// SOA first; then RFC 4034 canonical order: the apex, then a.example.com and the names under
    /// it (b.a) before b.. and z.; records of one owner by type code (A 1, TXT 16, AAAA 28).
    static let expected = """
        $ORIGIN example.com.
        $TTL 300
        ; Private DNS zone example.com
        ;
        ; written by amplsim
        example.com.\t3600\tIN\tSOA\tns1.example.com. hostmaster.example.com. 7 3600 300 2419200 10
        example.com.\t3600\tIN\tNS\tns1.example.com.
        example.com.\t300\tIN\tMX\t10 mail.example.com.
        a.example.com.\t300\tIN\tA\t10.0.0.1
        a.example.com.\t300\tIN\tTXT\t"say \\"hi\\"" "caf\\195\\169"
        a.example.com.\t300\tIN\tAAAA\tfd00::1
        b.a.example.com.\t60\tIN\tCNAME\tz.example.com.
        q"uote.example.com.\t300\tIN\tCNAME\ta\\.b.example.com.
        z.example.com.\t300\tIN\tA\t10.0.0.26

        """

    @Test func writesHeaderThenRecordsInCanonicalOrder() {
        let text = ZoneFileWriter.text(
            origin: "example.com", ttl: 300, records: Self.records,
            header: ["Private DNS zone example.com", "", "written by amplsim"])
        #expect(text == Self.expected)
    }

    @Test func roundTripsThroughTheReader() {
        let text = ZoneFileWriter.text(origin: "example.com", ttl: 300, records: Self.records, header: ["x"])
        let contents = read(text)
        #expect(contents.errors == [])
        #expect(Set(contents.records.map { strippingLine($0) }) == Set(Self.records))
        #expect(contents.records.count == Self.records.count)
    }

    @Test func azureExportRoundTrips() throws {
        let original = try ZoneFileReader().read(path: fixture("zones/privatelink.monitor.azure.com.zone"))
        let text = ZoneFileWriter.text(origin: original.origin, ttl: 10, records: original.records, header: [])
        let again = read(text)
        #expect(again.errors == [])
        #expect(again.origin == original.origin)
        #expect(Set(again.records.map { strippingLine($0) }) == Set(original.records.map { strippingLine($0) }))
    }

    @Test func recordLDNSCannotBuildIsWrittenAsAComment() {
        let bad = record("x.example.com", .aaaa, 300, .aaaa("not-an-address"), line: 0)
        let text = ZoneFileWriter.text(origin: "example.com.", ttl: 300, records: [bad], header: [])
        #expect(text.hasPrefix("$ORIGIN example.com.\n$TTL 300\n; not written, ldns could not build it ("))
        #expect(text.hasSuffix("): x.example.com. 300 IN AAAA not-an-address\n"))
        #expect(read(text).records == [])
    }

    @Test func lineBreaksInHeaderOrBadDataStayInsideComments() {
        let bad = record("x.example.com", .mx, 300, .other("1\n@ 300 IN A 10.6.6.6"), line: 0)
        let text = ZoneFileWriter.text(origin: "example.com", ttl: 300, records: [bad], header: ["one\ntwo\r\nthree"])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.dropFirst(2).allSatisfy { $0.hasPrefix(";") })
        #expect(read(text).records == [])
    }

    private func strippingLine(_ record: ZoneRecord) -> ZoneRecord {
        var copy = record
        copy.line = 0
        return copy
    }
}
