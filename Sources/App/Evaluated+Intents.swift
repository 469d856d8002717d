import AmplsimEngine
import AmplsimTopology

extension Evaluated {
    /// The intents to check: those of `--intents FILE` (which replace the topology's own), else
    /// the topology's `intents:`; refused (bad input) when there are none. `purpose` says what
    /// they are for ("check", "satisfy").
    package func requiredIntents(file: String?, topology path: String, purpose: String) throws(CommandFailure) -> [Intent] {
        let list = try intents(file: file)
        if list.isEmpty {
            throw .badInput("\(file ?? path): error: no intents to \(purpose): add `intents:` to the topology or give --intents FILE")
        }
        return list
    }

    /// The intents of `--intents FILE`, else the topology's own (possibly none).
    package func intents(file: String?) throws(CommandFailure) -> [Intent] {
        guard let file else { return topology.intents }
        do {
            return try TopologyLoader().loadIntents(path: file, for: topology)
        } catch {
            throw .badInput(error.description)
        }
    }
}
