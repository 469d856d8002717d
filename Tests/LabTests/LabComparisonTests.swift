import AmplsimEngine
import AmplsimLab
import Testing

/// Reading dig's answers and comparing them with the engine's.
@Suite("lab verify: reading dig and comparing")
struct LabComparisonTests {
    let api: DNSName = "api.loganalytics.io"
    let chain: [DNSName] = ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"]

    let noerror = """
        ;; Got answer:
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 31031
        ;; flags: qr rd ra; QUERY: 1, ANSWER: 3, AUTHORITY: 0, ADDITIONAL: 1

        ;; ANSWER SECTION:
        api.loganalytics.io.\t10\tIN\tCNAME\tapi.monitor.azure.com.
        api.monitor.azure.com.\t10\tIN\tCNAME\tapi.privatelink.monitor.azure.com.
        api.privatelink.monitor.azure.com. 10 IN A\t10.0.2.4

        """

    let nxdomain = """
        ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 8
        ;; ANSWER SECTION:
        api.monitor.azure.com.\t10\tIN\tCNAME\tapi.privatelink.monitor.azure.com.
        api.loganalytics.io.\t10\tIN\tCNAME\tapi.monitor.azure.com.

        """

    func resolution(_ chain: [DNSName], _ outcome: Outcome) -> Resolution {
        Resolution(chain: chain, outcome: outcome, hops: [])
    }

    @Test("the chain is followed from the query name, whatever the order of the answer section")
    func parse() {
        let answer = LabObservation.parse(dig: noerror, name: api)
        #expect(answer.status == "NOERROR")
        #expect(answer.chain == chain)
        #expect(answer.addresses == [IPv4Address("10.0.2.4")!])
        let missing = LabObservation.parse(dig: nxdomain, name: api)
        #expect(missing.status == "NXDOMAIN")
        #expect(missing.chain == chain)
        #expect(missing.addresses.isEmpty)
        let silent = LabObservation.parse(dig: ";; communications error to 127.0.0.1#5300: timed out\n;; no servers could be reached\n", name: api)
        #expect(silent.status == nil)
        #expect(silent.problem != nil)
    }

    @Test("the same address and chain agree; another address, chain or class disagrees")
    func compare() {
        let bind = LabObservation.parse(dig: noerror, name: api)
        #expect(LabComparison.compare(resolution(chain, .address(IPv4Address("10.0.2.4")!)), bind) == .agree(note: nil))
        #expect(LabComparison.compare(resolution(chain, .address(IPv4Address("10.0.1.4")!)), bind).isDisagreement)
        #expect(LabComparison.compare(resolution([api], .address(IPv4Address("10.0.2.4")!)), bind).isDisagreement)
        #expect(LabComparison.compare(resolution(chain, .nxdomain), bind).isDisagreement)
        #expect(LabComparison.compare(resolution(chain, .servfail(.chainTooLong)), bind).isDisagreement)

        let missing = LabObservation.parse(dig: nxdomain, name: api)
        #expect(LabComparison.compare(resolution(chain, .nxdomain), missing) == .agree(note: nil))
        #expect(LabComparison.compare(resolution(Array(chain.prefix(2)), .nxdomain), missing).isDisagreement)
        // NODATA and NXDOMAIN are one class (MODEL.md section 4): agreement, with a note.
        if case .agree(let note) = LabComparison.compare(resolution(chain, .nodata), missing) {
            #expect(note != nil)
        } else {
            Issue.record("NODATA against NXDOMAIN should agree as one class")
        }
        let servfail = LabObservation(status: "SERVFAIL", chain: [api], addresses: [])
        #expect(LabComparison.compare(resolution([api], .servfail(.cnameLoop(api))), servfail) == .agree(note: nil))
        #expect(LabComparison.compare(resolution([api], .nxdomain), servfail).isDisagreement)
        let silent = LabObservation(status: nil, chain: [api], addresses: [], problem: "timed out")
        #expect(LabComparison.compare(resolution([api], .servfail(.cnameLoop(api))), silent).isDisagreement)
    }

    /// hosts-file.yaml: 2 networks × 12 names (law-app's 4, appi-app's 6, appi-other's regional
    /// ingestion and live names; the rest are shared). vnet-app's hosts file lists 10 of its names.
    @Test("names a hosts file answers are skipped")
    func hostsSkipped() throws {
        let queries = LabQuery.all(layout: try layout("hosts-file.yaml"))
        #expect(queries.count == 24)
        let skipped = queries.filter { $0.skipReason != nil }
        #expect(skipped.count == 10)
        #expect(skipped.allSatisfy { $0.network == "vnet-app" && $0.skipReason == "hosts file (not DNS)" })
        #expect(queries.first { $0.network == "vnet-app" && $0.name == "api.loganalytics.io" }?.endpoints == ["law-app query"])
    }

    /// empty-monitor-zone.yaml: 3 networks × 10 names. Section 4: vnet-fallback's empty linked
    /// zone falls back for the 7 names whose chains enter privatelink.monitor.azure.com; vnet-stale's
    /// zone holds only `api`, so its 5 other monitor names fall back and its two api names do not.
    @Test("names that fall back to the internet are skipped")
    func fallbackSkipped() throws {
        let queries = LabQuery.all(layout: try layout("empty-monitor-zone.yaml"))
        #expect(queries.count == 30)
        let skipped = queries.filter { $0.skipReason != nil }
        #expect(skipped.filter { $0.network == "vnet-fallback" }.count == 7)
        #expect(skipped.filter { $0.network == "vnet-stale" }.count == 5)
        #expect(skipped.filter { $0.network == "vnet-policy" }.isEmpty)
        let staleAPI = queries.first { $0.network == "vnet-stale" && $0.name == "api.loganalytics.io" }
        #expect(staleAPI?.skipReason == nil)
        #expect(staleAPI?.expected.outcome == .address(IPv4Address("10.0.3.200")!))
    }
}
