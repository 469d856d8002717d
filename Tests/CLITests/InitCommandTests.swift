import AmplsimApp
import AmplsimEngine
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// `amplsim init`: each starter simulates as it is, every row private.
@Suite struct InitCommandTests {
    struct Row: Decodable { var network, resource, endpoint, status: String; var via: String? }
    struct Answer: Decodable { var results: [Row]; var summary: [String: Int] }

    /// Each starter's networks. Reasoning, per MODEL.md: one scope (law-prod, a workspace: ods,
    /// oms, agentsvc, query; appi-web, a component: ingest, ingest-regional, live, profiler,
    /// snapshot, query), so 10 rows per network, and one endpoint, pe-prod, writes every name.
    /// - hub-spoke: the zones are linked to the hub and both spokes, so each network's Azure DNS
    ///   answers with pe-prod's address in 10.0.1.0/24; the hub holds it, the spokes reach it by
    ///   their peering with the hub: private, 3 x 10 rows.
    /// - single: one VNet linked to the zones and holding pe-prod: private, 10 rows.
    /// - hybrid: the hub sees the zones; spoke-1's DNS is the resolver's inbound endpoint
    ///   10.0.0.4, which answers as Azure DNS of the hub; corp-dns on-premises forwards the Azure
    ///   Monitor domains to 10.0.0.4 and takes its answer; spoke-1 reaches the hub by peering,
    ///   onprem by its connection: private, 3 x 10 rows.
    @Test(arguments: [("--hub-spoke", ["hub", "spoke-1", "spoke-2"]), ("--single", ["vnet-app"]),
                      ("--hybrid", ["hub", "spoke-1", "onprem"])])
    func starterSimulatesAllPrivate(_ option: String, _ networks: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-init-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("starter.yaml").path
        let written = try amplsim("init", option, "--out", path)
        #expect(written.status == 0)
        #expect(written.stdout == "wrote \(path)\n")
        // Standard output holds the same text.
        let printed = try amplsim("init", option)
        #expect(printed.stdout == (try String(contentsOfFile: path, encoding: .utf8)))
        #expect(printed.stdout.hasPrefix("# A starter topology for amplsim (amplsim init \(option))"))

        let run = try amplsim("simulate", path, "--format", "json", "--fail-on-broken")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "no warning: \(run.stderr)")
        let answer = try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
        #expect(answer.results.count == 10 * networks.count)
        #expect(Array(Set(answer.results.map(\.network))).sorted() == networks.sorted())
        #expect(answer.results.allSatisfy { $0.status == "private" && $0.via == "pe-prod" })
        #expect(answer.summary == ["private": 10 * networks.count, "public": 0, "failed": 0])
    }

    /// The starters are literal YAML, written for reading; what they name of Azure Monitor is the
    /// engine's table's: the five zones (`AMPLSZone.all`), and in the hybrid starter, conditional
    /// forwarders for every private-link domain and both query API names (so every name the
    /// rows ask reaches the hub's inbound endpoint).
    @Test func startersNameWhatTheTableHolds() throws {
        for (name, text) in [("hub-spoke", StarterTopologies.hubSpoke), ("single", StarterTopologies.single),
                             ("hybrid", StarterTopologies.hybrid)] {
            let topology = try TopologyLoader().load(text: text, file: "\(name).yaml", folder: ".")
            #expect(Set(topology.zones.map(\.name)) == Set(AMPLSZone.all), "\(name)")
        }
        let hybrid = try TopologyLoader().load(text: StarterTopologies.hybrid, file: "hybrid.yaml", folder: ".")
        let forwarded = hybrid.dnsServers.flatMap { $0.forwarders.map(\.domain) }
        for name in AzureMonitorNames.privateLinkDomains + [AzureMonitorNames.logAnalyticsAPI, AzureMonitorNames.applicationInsightsAPI] {
            #expect(forwarded.contains { name.isInside($0) }, "\(name) is forwarded")
        }
    }

    @Test func hubSpokeIsTheDefault() throws {
        #expect(try amplsim("init").stdout == (try amplsim("init", "--hub-spoke")).stdout)
    }

    @Test func anExistingFileIsKeptWithoutForce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("mine.yaml").path
        try "version: 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try amplsim("init", "--out", path)
        #expect(refused.status == 2)
        #expect(refused.stderr == "\(path): error: the file exists; use --force to overwrite it\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "version: 2\n")
        #expect(try amplsim("init", "--single", "--out", path, "--force").status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (try amplsim("init", "--single")).stdout)
    }

    @Test func oneShapeAtATime() throws {
        let run = try amplsim("init", "--single", "--hybrid")
        #expect(run.status == 64)
    }
}
