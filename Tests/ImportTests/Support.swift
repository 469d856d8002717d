import AmplsimEngine
import AmplsimImport
import AmplsimTopology
import Foundation
import Testing

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A file of `Fixtures/import/`.
func importFixture(_ name: String) -> String { packageRoot.appendingPathComponent("Fixtures/import/\(name)").path }

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

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.path
}

/// Writes an import's topology and zone files (and scenario) as the CLI does, and loads them
/// back with the topology loader.
func writeAndLoad(_ result: ImportResult) throws -> (topology: Topology, scenario: [TimelineStep], folder: String) {
    let folder = try temporaryFolder()
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
func verdict(_ rows: [Row], _ network: String, _ resource: String, _ endpoint: EndpointKind) -> String? {
    guard let row = rows.first(where: { $0.network == network && $0.resource == resource && $0.endpoint == endpoint }) else { return nil }
    return "\(row.status.rawValue) \(row.resolution.outcome.address.map { "\($0)" } ?? "-") \(row.via ?? "-")"
}

/// What one run of the `amplsim` executable printed and how it ended.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The built executable, beside the test bundle or in .build/debug.
let amplsimBinary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("amplsim")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/amplsim")
}()

/// Runs `amplsim` in the package root and waits for it.
func amplsim(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = amplsimBinary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}
