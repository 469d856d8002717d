import AmplsimTestSupport
import Testing
import AmplsimZoneFile

/// The zone file Azure Private DNS exports, read as RFC 1035 says.
@Suite("Azure Private DNS export")
struct AzureExportTests {
    /// In the export, `azureprivatedns.net` and `azureprivatedns-host.microsoft.com` have no final
    /// dot, so they are relative to the origin (RFC 1035 section 5.1).
    static let expected = [
        record("privatelink.monitor.azure.com", .soa, 3600, .soa(SOAData(
            mname: "azureprivatedns.net.privatelink.monitor.azure.com",
            rname: "azureprivatedns-host.microsoft.com.privatelink.monitor.azure.com",
            serial: 1, refresh: 3600, retry: 300, expire: 2_419_200, minimum: 10)), line: 4),
        record("api.privatelink.monitor.azure.com", .a, 10, .a(ipv4(10, 0, 2, 4)), line: 11),
    ]

    @Test func fixtureFileReadsToTheExactRecords() throws {
        let path = fixture("zones/privatelink.monitor.azure.com.zone")
        let contents = try ZoneFileReader().read(path: path)
        #expect(contents.errors == [])
        #expect(contents.records == Self.expected)
        #expect(contents.origin == "privatelink.monitor.azure.com")
    }

    @Test func apiRecordIsTenDotZeroDotTwoDotFourWithTTL10OnLine11() throws {
        let path = fixture("zones/privatelink.monitor.azure.com.zone")
        let contents = try ZoneFileReader().read(path: path)
        let api = try #require(contents.records.first { $0.owner == "api.privatelink.monitor.azure.com" })
        #expect(api.data == .a(0x0A00_0204))
        #expect(api.data.text == "10.0.2.4")
        #expect(api.ttl == 10)
        #expect(api.line == 11)
    }
}
