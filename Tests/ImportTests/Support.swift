import AmplsimEngine
import AmplsimImport
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// A file of `Fixtures/import/`.
func importFixture(_ name: String) -> String { fixture("import/\(name)") }

/// The hub-and-spoke estate's four files.
let hubSpokeFiles = ["hub-spoke-resources.json", "hub-spoke-records.json", "hub-spoke-zone-groups.json", "hub-spoke-scoped-resources.json"].map(importFixture)
/// The hybrid estate's three files and its --onprem file.
let hybridFiles = ["hybrid-resources.json", "hybrid-records.json", "hybrid-zone-groups.json"].map(importFixture)
let hybridOnPrem = importFixture("hybrid-onprem.yaml")

/// Imports Azure files in memory, with an --onprem file read by the topology loader.
func importAzure(_ paths: [String], onprem: String? = nil) throws -> ImportResult {
    let importer = try AzureImporter(paths: paths)
    guard let onprem else { return try importer.build() }
    let known = try importer.networkNames().map { Network(name: $0, addressSpace: []) }
    let file = try TopologyLoader().loadOnPrem(path: onprem, known: known)
    return try importer.build(onprem: OnPremSite(file: onprem, networks: file.networks, dnsServers: file.dnsServers, zones: file.zones))
}

/// A fresh temporary folder's path (the shared helper's folder, removed when the tests end).
func temporaryPath() throws -> String { try temporaryFolder().path }

/// Writes an import's topology and zone files (and scenario) as the CLI does, and loads them
/// back with the topology loader.
func writeAndLoad(_ result: ImportResult) throws -> (topology: Topology, scenario: [TimelineStep], folder: String) {
    let folder = try temporaryPath()
    var files = [("topology.yaml", TopologyYAML.text(result))] + ZoneText.files(result).map { ($0.name, $0.text) }
    files.append(("scenario.yaml", TopologyYAML.scenario(result.scenario, header: [])))
    for (name, text) in files {
        let path = (folder as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let topology = try TopologyLoader().load(path: (folder as NSString).appendingPathComponent("topology.yaml"))
    let scenario = try TopologyLoader().loadScenario(path: (folder as NSString).appendingPathComponent("scenario.yaml"), for: topology)
    return (topology, scenario, folder)
}

/// The rows of a topology after its whole timeline (no step refused).
func simulate(_ topology: Topology) -> [Row] {
    let (world, outcomes) = Timeline.finalWorld(of: topology)
    #expect(outcomes.allSatisfy { $0.refusal == nil }, "refused: \(outcomes.compactMap(\.refusal))")
    return Simulation(world: world).rows()
}

/// One row's verdict as (status, answer, via), for short expectations.
func verdict(_ rows: [Row], _ network: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind) -> String? {
    guard let row = rows.first(where: { $0.network == network && $0.resource == resource && $0.endpoint == endpoint }) else { return nil }
    return "\(row.status.rawValue) \(row.resolution.outcome.address.map { "\($0)" } ?? "-") \(row.via ?? "-")"
}

/// Runs `amplsim` in the package root and waits for it.
func amplsim(_ arguments: [String]) throws -> ProcessRun { try AmplsimTestSupport.amplsim(arguments) }
