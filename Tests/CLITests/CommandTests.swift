import AmplsimTestSupport
import Foundation
import Testing

/// The command line as FORMAT.md gives it: outputs, filters and exit statuses.
@Suite struct CommandTests {
    static let twoVNets = fixture("topologies/two-vnets-shared-dns.yaml")

    struct Result: Decodable {
        var network, resource, endpoint, fqdn, status, detail: String
        var chain: [String]
        var answer, via: String?
    }

    struct Answer: Decodable {
        var version: Int
        var results: [Result]
        var summary: [String: Int]
    }

    func decode(_ run: ProcessRun) throws -> Answer { try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8)) }

    @Test func simulateJSONShowsTheOverride() throws {
        let run = try amplsim("simulate", Self.twoVNets, "--format", "json")
        #expect(run.status == 0)
        let answer = try decode(run)
        #expect(answer.version == 1)
        // The seed: pe2 wrote the shared names last; vnet1 is not peered with vnet2.
        let query = try #require(answer.results.first { $0.network == "vnet1" && $0.resource == "law-app1" && $0.endpoint == "query" })
        #expect(query.status == "unroutable")
        #expect(query.via == "pe2")
        #expect(query.fqdn == "api.loganalytics.io")
        #expect(query.chain == ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        // pe2's subnet is 10.0.2.0/27: .0-.3 reserved; MODEL.md 5 (v2): the eastus workspace's oms .4,
        // ods .5, agentsvc .6, then api .7, so 10.0.2.7.
        #expect(query.answer == "10.0.2.7")
        // vnet1's own workspace names were written by pe1 alone.
        let ods = try #require(answer.results.first { $0.network == "vnet1" && $0.resource == "law-app1" && $0.endpoint == "ods" })
        #expect(ods.status == "private")
        #expect(ods.via == "pe1")
        // The summary counts every row.
        #expect(answer.summary["private", default: 0] + answer.summary["public", default: 0] + answer.summary["failed", default: 0] == answer.results.count)
    }

    @Test func rowsComeInFormatOrder() throws {
        let answer = try decode(try amplsim("simulate", Self.twoVNets, "--format", "json"))
        let workspaceEndpoints = ["ods", "oms", "agentsvc", "query"]
        let componentEndpoints = ["ingest", "ingest-regional", "live", "profiler", "snapshot", "query"]
        var expected: [String] = []
        for network in ["vnet1", "vnet2"] {
            for ws in ["law-app1", "law-app2"] { expected += workspaceEndpoints.map { "\(network)/\(ws)/\($0)" } }
            for c in ["appi-app1", "appi-app2"] { expected += componentEndpoints.map { "\(network)/\(c)/\($0)" } }
        }
        #expect(answer.results.map { "\($0.network)/\($0.resource)/\($0.endpoint)" } == expected)
    }

    @Test func filtersKeepTheSummaryWhole() throws {
        let all = try decode(try amplsim("simulate", Self.twoVNets, "--format", "json"))
        let filtered = try decode(try amplsim("simulate", Self.twoVNets, "--format", "json", "--network", "vnet1", "--failures-only"))
        #expect(filtered.results.allSatisfy { $0.network == "vnet1" && !["private", "public"].contains($0.status) })
        #expect(!filtered.results.isEmpty)
        let vnet1Rows = all.results.filter { $0.network == "vnet1" }
        #expect(filtered.summary["failed"] == vnet1Rows.filter { !["private", "public"].contains($0.status) }.count)
        #expect(filtered.summary["private"] == vnet1Rows.filter { $0.status == "private" }.count)
    }

    @Test func failOnBrokenExitsOne() throws {
        #expect(try amplsim("simulate", Self.twoVNets, "--fail-on-broken").status == 1)
        // hub-and-spoke with one endpoint in the hub: nothing fails.
        #expect(try amplsim("simulate", fixture("topologies/hub-spoke-single-pe.yaml"), "--fail-on-broken").status == 0)
    }

    @Test func outputIsDeterministic() throws {
        for format in ["table", "json", "markdown"] {
            let a = try amplsim("simulate", Self.twoVNets, "--format", format)
            let b = try amplsim("simulate", Self.twoVNets, "--format", format)
            #expect(a.stdout == b.stdout)
            #expect(!a.stdout.isEmpty)
        }
    }

    /// Piped (not a terminal), the table cuts nothing: every row names the FQDN asked, and its
    /// reason line holds the whole reason, the same words as the JSON `detail`.
    @Test func pipedTableKeepsWholeReasonsAndNames() throws {
        let run = try amplsim("simulate", Self.twoVNets)
        #expect(run.status == 0)
        #expect(!run.stdout.contains("..."))
        // vnet1 has 20 rows (2 workspaces × 4 endpoints + 2 components × 6). Only law-app1's own
        // names (ods, oms, agentsvc: written by pe1 in vnet1, and pe2 writes law-app2's names, not
        // these) succeed; every shared name holds pe2's address last: 3 ok, 17 failed.
        #expect(run.stdout.contains("== vnet1 (vnet, 10.0.1.0/24; Azure DNS) -- 3 ok, 17 failed"))
        // pe2's api address, 10.0.2.7 (MODEL.md 5 (v2): after the workspace keys .4-.6), asked as
        // api.loganalytics.io (the workspace's query endpoint, MODEL.md section 2).
        #expect(run.stdout.contains("FAIL law-app1         query           unroutable     10.0.2.7        pe2  api.loganalytics.io.\n"))
        let json = try amplsim("simulate", Self.twoVNets, "--format", "json")
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as! [String: Any]
        let details = (object["results"] as! [[String: Any]]).map { $0["detail"] as! String }
        let reasonLines = Set(run.stdout.split(separator: "\n").filter { $0.hasPrefix("         ") }
            .map { String($0.dropFirst(9)) })
        #expect(details.count == 40)
        #expect(details.allSatisfy { reasonLines.contains($0) })
        // The longest reason is longer than 100 columns, so a cut would have shown.
        #expect(details.contains { $0.count + 9 > 100 })
    }

    @Test func badInputExitsTwoNamingFileLineAndField() throws {
        let path = try temporaryFile("version: 1\nnetworks:\n  - {name: a, addressSpace: [10.0.0.0/8], dns: nowhere}\n")
        let run = try amplsim("simulate", path)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "\(path):3: error: networks[0].dns: no DNS server named 'nowhere'\n")
    }

    @Test func missingTopologyExitsTwo() throws {
        let run = try amplsim("simulate", "/nonexistent/topology.yaml")
        #expect(run.status == 2)
        #expect(run.stderr == "/nonexistent/topology.yaml: error: no such topology file\n")
    }

    @Test func unknownNetworkFilterExitsTwo() throws {
        let run = try amplsim("simulate", Self.twoVNets, "--network", "vnet9")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--network: no network named 'vnet9'"))
    }

    @Test func usageErrorsExitSixtyFour() throws {
        #expect(try amplsim("simulate", Self.twoVNets, "--format", "yaml").status == 64)
        #expect(try amplsim("simulate").status == 64)
        #expect(try amplsim("frobnicate").status == 64)
    }

    @Test func refusedStepsAreReportedAndSkipped() throws {
        let text = try String(contentsOfFile: Self.twoVNets, encoding: .utf8) + """

        steps:
          - deleteEndpoint: pe2
            label: retire vnet2's endpoint
          - deleteEndpoint: pe2
        """
        let path = try temporaryFile(text)
        let run = try amplsim("simulate", path, "--format", "json")
        #expect(run.status == 0)
        // The second deletion names an endpoint that no longer exists: refused, nothing changes.
        #expect(run.stderr.contains("warning: step 4 deleteEndpoint refused [missing]: private endpoint pe2 does not exist"))
        // Deleting pe2 deleted every record set it wrote, by name: the shared names are gone for
        // everyone, so vnet1's api.loganalytics.io is now NXDOMAIN in the shared zone.
        let answer = try decode(run)
        let query = try #require(answer.results.first { $0.network == "vnet1" && $0.resource == "law-app1" && $0.endpoint == "query" })
        #expect(query.status == "nxdomain")
    }

    @Test func resolvePrintsEachHop() throws {
        let run = try amplsim("resolve", Self.twoVNets, "--network", "vnet1", "api.loganalytics.io")
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains(";; api.loganalytics.io.  Azure DNS (vnet1) [public DNS]  CNAME api.monitor.azure.com."))
        #expect(lines.contains(";; api.monitor.azure.com.  Azure DNS (vnet1) [public DNS]  CNAME api.privatelink.monitor.azure.com."))
        // pe2's api address: MODEL.md 5 (v2), oms .4, ods .5, agentsvc .6, api .7.
        #expect(lines.contains(";; api.privatelink.monitor.azure.com.  Azure DNS (vnet1) [zone shared-monitor]  A 10.0.2.7"))
        #expect(lines.contains(";; ANSWER: 10.0.2.7"))
    }

    @Test func resolveFromAnotherNetworkOfTheSameViewNamesIt() throws {
        // vnet2 sees the same zones as vnet1: the hops must still say vnet2.
        let run = try amplsim("resolve", Self.twoVNets, "--network", "vnet2", "api.loganalytics.io")
        #expect(run.stdout.contains("Azure DNS (vnet2)"))
        #expect(!run.stdout.contains("Azure DNS (vnet1)"))
    }

    @Test func helpExplainsEachCommand() throws {
        let run = try amplsim("help", "simulate")
        #expect(run.status == 0)
        #expect(run.stdout.contains("--failures-only"))
        #expect(run.stdout.contains("--fail-on-broken"))
    }
}

/// `zone-check`: counts by type, the first errors with their lines, exit 2 on a broken file.
@Suite struct ZoneCheckCommandTests {
    @Test func countsTheAzureExport() throws {
        let path = fixture("zones/privatelink.monitor.azure.com.zone")
        let run = try amplsim("zone-check", path)
        #expect(run.status == 0)
        // The export holds a multi-line SOA and one A record.
        #expect(run.stdout == "\(path): 2 records\n  A          1\n  SOA        1\n")
        let json = try amplsim("zone-check", path, "--format", "json")
        #expect(json.stdout == "{\"version\":1,\"file\":\"\(path)\",\"records\":2,\"types\":{\"A\":1,\"SOA\":1},\"errors\":[]}\n")
    }

    @Test func reportsEveryErrorWithItsLine() throws {
        let path = try temporaryFile("$ORIGIN x.\n@ IN SOA a b 1 2 3 4 5\nfoo IN A 999.1.1.1\n$include /etc/passwd\nbar A 1.2.3.4\n", name: "bad.zone")
        let run = try amplsim("zone-check", path)
        #expect(run.status == 2)
        // Reading goes on after an error: the SOA and bar's A are counted.
        #expect(run.stdout.hasPrefix("\(path): 2 records, 2 errors\n"))
        #expect(run.stderr == "\(path):3: error: bad A data '999.1.1.1': not an IPv4 address\n\(path):4: error: $INCLUDE is not supported (files are read alone)\n")
        let first = try amplsim("zone-check", path, "--max-errors", "1")
        #expect(first.stderr == "\(path):3: error: bad A data '999.1.1.1': not an IPv4 address\n")
    }

    @Test func aFolderIsNotAZoneFile() throws {
        let run = try amplsim("zone-check", packageRoot.appendingPathComponent("Fixtures").path)
        #expect(run.status == 2)
        #expect(run.stderr.hasSuffix("Fixtures: error: is a directory, not a zone file\n"))
    }
}

@Suite struct CauseOutputTests {
    /// simulate --format json: `causes` lists each cause with the indexes of its rows in `results`;
    /// every failing row is in exactly one cause, and each index points at a row the cause explains
    /// (two-vnets-shared-dns: pe2's 24 rows, pe1's 3; derivation in TopologyTests' CauseTests).
    @Test func jsonCausesIndexTheirRows() throws {
        struct Answer: Decodable {
            struct Result: Decodable { var status: String; var via: String? }
            struct Cause: Decodable { var kind: String; var endpoint: String?; var rows: [Int]; var networks: [String] }
            var results: [Result]
            var causes: [Cause]
        }
        for args in [[], ["--failures-only"]] {
            let run = try amplsim(["simulate", fixture("topologies/two-vnets-shared-dns.yaml"), "--format", "json"] + args)
            let answer = try JSONDecoder().decode(Answer.self, from: run.stdoutData)
            #expect(answer.causes.map(\.endpoint) == ["pe2", "pe1"])
            #expect(answer.causes.map(\.rows.count) == [24, 3])
            let failing = answer.results.indices.filter { answer.results[$0].status != "private" && answer.results[$0].status != "public" }
            #expect(answer.causes.flatMap(\.rows).sorted() == failing)
            for cause in answer.causes {
                #expect(cause.rows.allSatisfy { answer.results[$0].via == cause.endpoint })
            }
        }
    }

    /// The table leads with the causes, wrapped (never cut) to 100 columns.
    @Test func tableLeadsWithTheCauses() throws {
        let run = try amplsim("simulate", fixture("topologies/two-vnets-shared-dns.yaml"))
        #expect(run.stdout.hasPrefix("== causes (2)\n  - pe2 (scope ampls2, in vnet2) wrote the answering records last"))
        #expect(run.stdout.contains("24 rows in 2 networks fail (unroutable 17, not-in-scope 7)"))
    }
}
