import AmplsimTestSupport
import Foundation
import Testing

// `amplsim audit` end to end: the built executable on the audit fixtures (exit statuses and
// the --zone-file option), as a CI job would run it.

@Suite("amplsim audit: the command on the audit fixtures")
struct AuditCommandTests {
    @Test("exit 0 without error findings, 1 with", arguments: AuditFixtures.all)
    func exitStatus(_ fixture: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: amplsimExecutable.path), "build amplsim first")
        let result = try amplsim(["audit", "Fixtures/audit/\(fixture)"])
        // healthy-hub: nothing; mixed-endpoints, partial-zone-set, dot-rule-reserved,
        // rule-zone-unseen, subnet-too-small and the design checks' fixtures whose rows all
        // succeed: warnings only; component-stamp-defaulted: info only.
        let clean = ["healthy-hub.yaml", "mixed-endpoints.yaml", "partial-zone-set.yaml", "dot-rule-reserved.yaml",
                     "rule-zone-unseen.yaml", "subnet-too-small.yaml", "cross-scope-reach.yaml",
                     "spoke-endpoint-shared-zone.yaml", "mixed-record-set.yaml", "component-stamp-defaulted.yaml"].contains(fixture)
        #expect(result.status == (clean ? 0 : 1), "\(fixture)")
    }

    @Test("healthy-hub: the JSON report is empty and the table says so")
    func healthy() throws {
        try #require(FileManager.default.isExecutableFile(atPath: amplsimExecutable.path), "build amplsim first")
        let json = try amplsim(["audit", "Fixtures/audit/healthy-hub.yaml", "--format", "json"])
        #expect(json.status == 0)
        let decoded = try JSONDecoder().decode(AuditJSON.self, from: Data(json.stdout.utf8))
        #expect(decoded.version == 1 && decoded.findings.isEmpty)
        let table = try amplsim(["audit", "Fixtures/audit/healthy-hub.yaml"])
        #expect(table.status == 0 && table.stdout.hasPrefix("no findings"))
    }

    @Test("--zone-file swaps in the stale export: exit 1, one dangling-record at the stale file's api line")
    func zoneFileOption() throws {
        try #require(FileManager.default.isExecutableFile(atPath: amplsimExecutable.path), "build amplsim first")
        let stale = "Fixtures/audit/zones/healthy-hub/stale/privatelink.monitor.azure.com.zone"
        let result = try amplsim(["audit", "Fixtures/audit/healthy-hub.yaml", "--zone-file", "hub-monitor=\(stale)",
                                  "--format", "json"])
        #expect(result.status == 1)
        let decoded = try JSONDecoder().decode(AuditJSON.self, from: Data(result.stdout.utf8))
        try #require(decoded.findings.count == 1)
        let f = decoded.findings[0]
        #expect(f.code == "dangling-record" && f.zone == "hub-monitor" && f.name == "api.privatelink.monitor.azure.com")
        #expect(f.networks == ["hub", "spoke-web", "spoke-data"])
        // The path is taken as given (relative to the current folder), and the line is the record's.
        #expect(f.location?.file == stale)
        #expect(f.location?.line == (try lineNumber(of: "api 10 IN A 10.0.3.4", in: packageRoot.appendingPathComponent(stale).path)))
    }

    @Test("--format sarif for the seed's override: SARIF 2.1.0 with results in the exports")
    func sarif() throws {
        try #require(FileManager.default.isExecutableFile(atPath: amplsimExecutable.path), "build amplsim first")
        let result = try amplsim(["audit", "Fixtures/audit/two-vnet-override.yaml", "--format", "sarif"])
        #expect(result.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let results = try #require((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        // TwoVNetOverrideAuditTests: 16 unroutable-record + 2 scope-missing-resource, and the
        // design warnings scopes-share-zone + 2 spoke-endpoint-shared-zone.
        #expect(results.count == 21)
        let uris = results.compactMap {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        // The nine unroutable monitor names at their lines, and scopes-share-zone, about the zone,
        // at the export as a whole; spoke-endpoint-shared-zone points at each endpoint in the topology.
        #expect(uris.filter { $0.hasSuffix("zones/two-vnet-override/privatelink.monitor.azure.com.zone") }.count == 10)
    }
}
