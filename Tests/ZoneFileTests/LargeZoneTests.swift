import Testing
import AmplsimZoneFile

/// A generated 100,000-record zone reads whole, with every line number kept. (Speed is measured
/// by `make bench`, never here.)
@Suite("Large zone")
struct LargeZoneTests {
    static func zone(records: Int) -> String {
        var text = "$ORIGIN big.example.\n$TTL 300\n@ IN SOA ns1 hostmaster ( 1 3600 300 2419200 10 )\n"
        text.reserveCapacity(records * 40)
        for index in 1..<records {
            switch index % 10 {
            case 0: text += "alias\(index) CNAME host\(index - 1)\n"
            case 1: text += "txt\(index) 60 TXT \"v=\(index)\"\n"
            default: text += "host\(index) IN A 10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255)\n"
            }
        }
        return text
    }

    @Test func hundredThousandRecords() {
        let contents = read(Self.zone(records: 100_000))
        #expect(contents.errors == [])
        #expect(contents.records.count == 100_000)
        // Three header lines, then one record a line: record i (1-based after the SOA) is on line i + 3.
        #expect(contents.records.last?.line == 100_002)
        #expect(contents.records.last?.owner == "host99999.big.example")
    }
}
