import AmplsimEngine
import AmplsimImport
import Testing

/// Import → YAML and zone files → the topology loader → simulate gives the same rows as
/// simulating the imported topology in memory.
@Suite struct RoundTripTests {
    static func estate(_ name: String) throws -> ImportResult {
        switch name {
        case "hub-spoke": return try importAzure(hubSpokeFiles)
        case "hybrid": return try importAzure(hybridFiles, onprem: hybridOnPrem)
        default: return try TerraformImporter.read(path: importFixture("\(name).json"))
        }
    }

    /// A step without the file place the loader gives an endpoint it creates.
    static func unplaced(_ step: Step) -> Step {
        guard case .createEndpoint(var spec) = step else { return step }
        spec.source = nil
        return .createEndpoint(spec)
    }

    @Test(arguments: ["hub-spoke", "hybrid", "plan-spoke-override", "plan-delete-endpoint", "plan-unknown-values"])
    func roundTrip(_ name: String) throws {
        let result = try RoundTripTests.estate(name)
        let loaded = try writeAndLoad(result)
        #expect(simulate(loaded.topology) == simulate(result.topology))
        #expect(loaded.scenario.map(\.step).map(RoundTripTests.unplaced) == result.scenario.map(\.step))
        #expect(loaded.scenario.map(\.label) == result.scenario.map(\.label))
        // And after the scenario's steps too.
        var inMemory = result.topology, fromFiles = loaded.topology
        inMemory.steps = result.scenario
        fromFiles.steps = loaded.scenario
        #expect(simulate(fromFiles) == simulate(inMemory))
    }
}
