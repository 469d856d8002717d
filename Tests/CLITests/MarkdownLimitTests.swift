import AmplsimTestSupport
import Foundation
import Testing

/// Markdown comments stay below GitHub's 65,536-character limit for any input (Docs/report.md):
/// tables stop adding rows when the next one would pass the budget and say how many are left.
/// Checked through the built binary on worlds of 1,000 networks (simulate, audit) and 300 (what-if).
@Suite struct MarkdownLimitTests {
    /// GitHub counts characters; a character is at least one UTF-8 byte, so bytes bound it.
    static let gitHubLimit = 65_536

    /// `count` (1,000) VNets, n0000 … n0999 (10.X.Y.0/24), unpeered unless `peered`, all linked to
    /// the four zones a workspace needs; one scope holding one workspace, with its private endpoint `pe` in n0000. So n0000
    /// reaches the endpoint and its 4 rows (ods, oms, agentsvc, query) are `private`; each other
    /// network resolves the same private addresses, owned by `pe` in n0000, which it has no route
    /// to: 999 × 4 = 3,996 rows `unroutable` (MODEL.md section 6), all from one cause.
    static func world(networks count: Int = 1_000, peered: Bool) -> String {
        var yaml = "version: 2\nnetworks:\n"
        let names = (0..<count).map { String(format: "n%04d", $0) }
        for (i, name) in names.enumerated() {
            yaml += "  - {name: \(name), addressSpace: [10.\(i / 256).\(i % 256).0/24]"
            if peered && i == 0 { yaml += ", peerings: [\(names.dropFirst().joined(separator: ", "))]" }
            yaml += "}\n"
        }
        let links = names.joined(separator: ", ")
        yaml += "zones:\n"
        for (id, zone) in [("mon", "privatelink.monitor.azure.com"), ("oms", "privatelink.oms.opinsights.azure.com"),
                           ("ods", "privatelink.ods.opinsights.azure.com"),
                           ("agentsvc", "privatelink.agentsvc.azure-automation.net")] {
            yaml += "  - {id: \(id), name: \(zone), links: [\(links)]}\n"
        }
        yaml += """
        workspaces:
          - {name: law-a, id: 0a1b2c3d-0000-4000-8000-000000000001, region: westeurope}
        scopes:
          - {name: ampls-a, resources: [law-a]}
          - {name: ampls-b, resources: []}
        privateEndpoints:
          - {name: pe, network: n0000, subnet: 10.0.0.0/26, scope: ampls-a, dnsZones: [mon, oms, ods, agentsvc]}

        """
        return yaml
    }

    static func write(_ text: String) throws -> String {
        let path = try temporaryFolder().appendingPathComponent("thousand.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func simulateMarkdownAtOneThousandNetworks() throws {
        let path = try Self.write(Self.world(peered: false))
        let run = try amplsim(["simulate", path, "--format", "markdown"])
        // 3,996 failing rows: the exit status is still 0 without --fail-on-broken.
        #expect(run.exitStatus == 0, "\(run)")
        let text = run.stdout
        #expect(text.utf8.count < Self.gitHubLimit, "\(text.utf8.count) bytes")
        // The counts and the cause always come first, whatever is cut.
        #expect(text.contains("❌ **3996 of 4000 rows fail** in 999 networks of 1000"))
        #expect(text.contains("### Causes"))
        #expect(text.contains("3996 `unroutable`"))
        // The failing rows' table could not hold 3,996 rows: it says how many it left out.
        let notShown = try #require(text.firstMatch(of: #/_(\d+) failing rows not shown: /#))
        let left = Int(notShown.1)!
        let shownRows = text.split(separator: "\n").filter { $0.hasPrefix("| n0") && $0.contains("`unroutable`") }.count
        #expect(left > 0 && left < 3_996)
        #expect(shownRows > 0)
    }

    @Test func whatIfMarkdownAtThreeHundredNetworks() throws {
        // 300 networks, not 1,000: what-if checks ways out per break, which takes over a minute at
        // 1,000 networks in a debug build (Docs/performance.md); 300 breaks already pass the limit.
        // With n0000 peered to every network, all 1,200 rows are private. A second scope, ampls-b,
        // holds no resource; its endpoint in n0299 writes the monitor zone's shared names last
        // (no workspace of its scope, so no oms/ods/agentsvc names: MODEL.md section 5). Only
        // `query` (api.loganalytics.io, answered from the monitor zone) changes: in 298 spokes it
        // becomes `unroutable` (n0299 is reached only through n0000, which has no transit), in
        // n0000 and n0299 `not-in-scope` (ampls-b does not hold law-a; PrivateOnly). 300 breaks,
        // in 300 networks: the list of networks is cut after 30 names.
        let path = try Self.write(Self.world(networks: 300, peered: true))
        let step = "{createEndpoint: {name: pe-b, network: n0299, subnet: 10.1.43.0/26, scope: ampls-b, dnsZones: [mon, oms, ods, agentsvc]}}"
        let run = try amplsim(["what-if", path, "--step", step, "--format", "markdown"])
        // what-if exits 1 when a row breaks (Docs/scenarios.md).
        #expect(run.exitStatus == 1, "\(run)")
        let text = run.stdout
        #expect(text.utf8.count < Self.gitHubLimit, "\(text.utf8.count) bytes")
        #expect(text.contains("❌ **300 breaks**"), "\(text.prefix(400))")
        #expect(text.contains(" and 270 more.\n"))
        #expect(text.contains(#/_\d+ breaks not shown: /#))
    }

    @Test func auditMarkdownAtOneThousandNetworks() throws {
        let path = try Self.write(Self.world(peered: false))
        let run = try amplsim(["audit", path, "--format", "markdown"])
        let text = run.stdout
        #expect(!text.isEmpty, "\(run)")
        #expect(text.utf8.count < Self.gitHubLimit, "\(text.utf8.count) bytes")
        // 999 networks cannot reach the endpoint that answers them: the audit has errors.
        #expect(text.hasPrefix("## amplsim audit"))
        #expect(text.contains("❌ **"))
    }
}
