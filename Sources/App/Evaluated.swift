import AmplsimEngine
import AmplsimHost
import AmplsimRender
import AmplsimTopology

/// A topology evaluated through its whole timeline.
package struct Evaluated {
    package var topology: Topology
    package var world: World
    package var outcomes: [StepOutcome]

    /// Loads and runs a topology; bad input throws its message (exit 2). Refused steps are
    /// reported on standard error and skipped; a fixed address that clashes at creation is bad input.
    package static func load(_ path: String, zoneFiles: [String: String] = [:], quiet: Bool = false) throws(CommandFailure) -> Evaluated {
        let topology = try loadTopology(path, zoneFiles: zoneFiles, quiet: quiet)
        let (world, outcomes) = Timeline.finalWorld(of: topology)
        for outcome in outcomes {
            guard let refusal = outcome.refusal else { continue }
            let place = outcome.step.source.map { "\($0.file):\($0.line)" } ?? path
            if refusal.rule == .fixedAddress, outcome.index <= topology.privateEndpoints.count {
                throw .badInput("\(place): error: \(refusal.message)")
            }
            if quiet { continue }
            let label = outcome.step.label.map { " (\($0))" } ?? ""
            printError("\(place): warning: step \(outcome.index) \(outcome.step.step.keyword)\(label) refused [\(refusal.rule.rawValue)]: \(refusal.message)")
        }
        return Evaluated(topology: topology, world: world, outcomes: outcomes)
    }

    /// Loads a topology without running it; bad input throws its message (exit 2). The loader's
    /// warnings (defaults the file may not have meant) go to standard error.
    package static func loadTopology(_ path: String, zoneFiles: [String: String] = [:], quiet: Bool = false) throws(CommandFailure) -> Topology {
        let loaded: LoadedTopology
        do {
            loaded = try TopologyLoader(zoneFiles: zoneFiles).loadWithWarnings(path: path)
        } catch {
            throw .badInput(error.description)
        }
        if !quiet { for warning in loaded.warnings { printError(warning.description) } }
        return loaded.topology
    }

    /// Checks `--network` names; an unknown one is bad input.
    package func checkNetworks(_ names: [String]) throws(CommandFailure) {
        for name in names where world.network(NetworkID(name)) == nil {
            let known = world.networks.map(\.name.name)
            throw .badInput("--network: no network named '\(name)' (networks: \(known.joined(separator: ", ")))")
        }
    }
}
