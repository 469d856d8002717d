import AmplsimTestSupport
import Foundation
import Testing

/// The what-if table lists at most 50 breaks of one cause in a network, each with its ways out,
/// and counts the rest in one line (Docs/scenarios.md); JSON lists every break.
@Suite struct BreakListingTests {
    /// n0 holds ampls-a's endpoint `pe` and is peered with n1 and n2 (no transit); every network
    /// links the four zones; ampls-a holds 60 workspaces of one region. The step creates pe-b
    /// (ampls-b, no resource) in n2 writing the monitor zone only, so it takes the shared query
    /// name api.loganalytics.io (MODEL.md section 5): in n1 the 60 workspaces' `query` rows go
    /// private -> unroutable (n1 has no route to n2), all with one cause, pe-b's records.
    static func world() -> String {
        var yaml = """
        version: 2
        networks:
          - {name: n0, addressSpace: [10.0.0.0/16], peerings: [n1, n2]}
          - {name: n1, addressSpace: [10.1.0.0/16]}
          - {name: n2, addressSpace: [10.2.0.0/16]}
        zones:
          - {id: mon, name: privatelink.monitor.azure.com, links: [n0, n1, n2]}
          - {id: oms, name: privatelink.oms.opinsights.azure.com, links: [n0, n1, n2]}
          - {id: ods, name: privatelink.ods.opinsights.azure.com, links: [n0, n1, n2]}
          - {id: agentsvc, name: privatelink.agentsvc.azure-automation.net, links: [n0, n1, n2]}
        workspaces:

        """
        let names = (0..<60).map { String(format: "law-%02d", $0) }
        for (i, name) in names.enumerated() {
            yaml += "  - {name: \(name), id: 0a1b2c3d-0000-4000-8000-\(String(format: "%012d", i)), region: westeurope}\n"
        }
        yaml += """
        scopes:
          - {name: ampls-a, resources: [\(names.joined(separator: ", "))]}
          - {name: ampls-b, resources: []}
        privateEndpoints:
          - {name: pe, network: n0, subnet: 10.0.0.0/24, scope: ampls-a, dnsZones: [mon, oms, ods, agentsvc]}

        """
        return yaml
    }

    static let step = "{createEndpoint: {name: pe-b, network: n2, subnet: 10.2.0.0/26, scope: ampls-b, dnsZones: [mon]}}"

    @Test func tableCountsTheBreaksPastFiftyOfOneCause() throws {
        let path = try temporaryFolder().appendingPathComponent("sixty.yaml").path
        try Data(Self.world().utf8).write(to: URL(fileURLWithPath: path))
        let run = try amplsim("what-if", path, "--step", Self.step)
        #expect(run.status == 1, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let block = lines.drop { !$0.hasPrefix("== n1:") }.prefix { !$0.hasPrefix("== n2:") }
        #expect(block.first == "== n1: 60 breaks, 0 heals")
        #expect(block.filter { $0.hasPrefix("  BREAK n1 ") }.count == 50)
        #expect(block.contains("  ... 10 more breaks with the same cause (pe-b (scope ampls-b, in n2) wrote the answering records last), not listed: --format json lists every break with its ways out"))
        #expect(run.stdout.contains("summary: 180 breaks"), "\(run.stdout.suffix(300))")

        let json = try amplsim("what-if", path, "--step", Self.step, "--format", "json")
        let answer = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let breaks = try #require(answer?["breaks"] as? [[String: Any]])
        let n1 = breaks.filter { $0["network"] as? String == "n1" }
        #expect(n1.count == 60)
        #expect(n1.allSatisfy { ($0["waysOut"] as? [Any])?.isEmpty == false })
    }
}
