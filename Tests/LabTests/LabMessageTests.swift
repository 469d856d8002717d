import AmplsimEngine
import AmplsimLab
import Testing

/// The DNS messages `lab verify` sends and reads (RFC 1035 section 4).
@Suite("lab verify: DNS messages")
struct LabMessageTests {
    let api: DNSName = "api.loganalytics.io"

    /// A response to `query` with the given flags (low byte: RA and the RCODE) and answer records,
    /// each owner written as a pointer to an earlier name where one is given.
    func response(to query: [UInt8], rcode: UInt8, answers: [[UInt8]]) -> [UInt8] {
        var bytes = query
        bytes[2] = 0x81
        bytes[3] = 0x80 | rcode
        bytes[6] = 0
        bytes[7] = UInt8(answers.count)
        bytes[10] = 0
        bytes[11] = 0
        // Drop the OPT record: the question ends after the name and type and class.
        var end = 12
        while bytes[end] != 0 { end += Int(bytes[end]) + 1 }
        bytes = Array(bytes[..<(end + 5)])
        for answer in answers { bytes += answer }
        return bytes
    }

    func wire(_ name: String) -> [UInt8] {
        name.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    func record(_ owner: [UInt8], type: UInt8, _ data: [UInt8]) -> [UInt8] {
        owner + [0, type, 0, 1, 0, 0, 0, 10, 0, UInt8(data.count)] + data
    }

    @Test("a query asks for type A, recursively, with EDNS(0)")
    func query() {
        let bytes = LabMessage.query(api, id: 0x1234)
        #expect(Array(bytes[0..<12]) == [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1])
        #expect(Array(bytes[12..<(12 + 21)]) == wire("api.loganalytics.io"))
        #expect(Array(bytes[33..<37]) == [0, 1, 0, 1])
        #expect(Array(bytes[37...]) == [0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 0])
    }

    @Test("the chain is followed from the query name through compressed names, in any order")
    func chain() {
        let query = LabMessage.query(api)
        // A pointer (0xC00C) names the question's name; the others are written out.
        let monitor = wire("api.monitor.azure.com"), privatelink = wire("api.privatelink.monitor.azure.com")
        let answers = [
            record(monitor, type: 5, privatelink),
            record([0xC0, 0x0C], type: 5, monitor),
            record(privatelink, type: 1, [10, 0, 2, 4]),
        ]
        let seen = LabMessage.observation(response(to: query, rcode: 0, answers: answers), name: api)
        #expect(seen.status == "NOERROR")
        #expect(seen.chain == [api, "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        #expect(seen.addresses == [IPv4Address("10.0.2.4")!])
        #expect(seen.problem == nil)
    }

    @Test("response codes by name; truncated and short messages are no answer")
    func codes() {
        let query = LabMessage.query(api)
        #expect(LabMessage.observation(response(to: query, rcode: 3, answers: []), name: api).status == "NXDOMAIN")
        #expect(LabMessage.observation(response(to: query, rcode: 2, answers: []), name: api).status == "SERVFAIL")
        var truncated = response(to: query, rcode: 0, answers: [])
        truncated[2] |= 0x02
        #expect(LabMessage.observation(truncated, name: api).status == nil)
        #expect(LabMessage.observation([0, 1, 2], name: api).status == nil)
        var cut = response(to: query, rcode: 0, answers: [record([0xC0, 0x0C], type: 1, [10, 0, 0, 1])])
        cut.removeLast(2)
        #expect(LabMessage.observation(cut, name: api).problem == "a malformed response")
    }

    @Test("a question BIND never answered is unanswered, not a disagreement")
    func unanswered() {
        let expected = Resolution(chain: [api], outcome: .address(IPv4Address("10.0.2.4")!), hops: [])
        let query = LabQuery(network: "vnet1", name: api, endpoints: ["law query"], expected: expected, skipReason: nil)
        let row = LabRow.judging(query, LabMessage.unanswered(api, "no answer after 4 tries in 44 s"))
        #expect(row.verdict == .unanswered("no answer after 4 tries in 44 s"))
        #expect(!row.verdict.isDisagreement)
        let report = LabReport.text([row])
        #expect(report.contains("UNANSWERED vnet1  api.loganalytics.io (law query): engine 10.0.2.4; BIND gave no answer (no answer after 4 tries in 44 s)"))
        #expect(report.hasSuffix("agreement: 0 of 0 rows compared (100%); 1 unanswered (not compared)\n"))
    }
}
