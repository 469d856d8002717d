import Foundation
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import AmplsimImport
import AmplsimTopology

/// Writes an import: the files go to a temporary folder beside DIR, are loaded back with the
/// topology loader (so that what is written is what `simulate` and `audit` read), and the folder
/// is renamed into place: all or nothing (`OutputFolder`). Without --out, the topology goes to
/// standard output.
package enum ImportWriter {
    /// The files of an import, by path relative to DIR.
    static func files(_ result: ImportResult, scenario: Bool) -> [(name: String, text: String)] {
        var files = [(name: "topology.yaml", text: TopologyYAML.text(result))]
        if scenario {
            files.append((name: "scenario.yaml", text: TopologyYAML.scenario(result.scenario, header: [
                "The plan's changes as steps, in dependency order, each labelled with its Terraform address.",
                "amplsim what-if topology.yaml --scenario scenario.yaml",
            ])))
        }
        return files + ZoneText.files(result)
    }

    /// Writes `result` into `out` (with `scenario.yaml` when `scenario`), or its topology to standard
    /// output; `title` names the import in messages.
    package static func emit(_ result: ImportResult, out: String?, force: Bool, scenario: Bool, title: String) throws(CommandFailure) {
        let files = files(result, scenario: scenario)
        guard let out else {
            if files.count > 1 {
                let extra = files.dropFirst().map(\.name)
                throw .usage("\(title): the import also writes \(extra.joined(separator: ", ")): give --out DIR")
            }
            try check(text: files[0].text, folder: ".", title: title)
            write(files[0].text)
            return
        }
        let written: [String]
        do {
            written = try OutputFolder(path: out, force: force).write(files) { folder in
                let topologyPath = (folder as NSString).appendingPathComponent("topology.yaml")
                let scenarioPath = scenario ? (folder as NSString).appendingPathComponent("scenario.yaml") : nil
                try check(path: topologyPath, scenario: scenarioPath, title: title)
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw .badInput("\(error)")
        }
        for path in written { printError("wrote \(path)") }
    }

    /// Loads the written topology (and scenario) back; a refusal means the import is not usable.
    private static func check(path: String, scenario: String?, title: String) throws(CommandFailure) {
        let topology: Topology
        do {
            topology = try TopologyLoader().load(path: path)
            if let scenario { _ = try TopologyLoader().loadScenario(path: scenario, for: topology) }
        } catch {
            throw .badInput("\(title): error: the imported topology does not load (\(error.description)); nothing was written")
        }
        report(topology, title: title)
    }

    private static func check(text: String, folder: String, title: String) throws(CommandFailure) {
        do {
            let topology = try TopologyLoader().load(text: text, file: "topology.yaml", folder: folder)
            report(topology, title: title)
        } catch {
            throw .badInput("\(title): error: the imported topology does not load (\(error.description)); nothing was written")
        }
    }

    /// Private endpoints the engine refuses to create, on standard error.
    private static func report(_ topology: Topology, title: String) {
        let (_, outcomes) = Timeline.finalWorld(of: topology)
        for outcome in outcomes {
            guard let refusal = outcome.refusal else { continue }
            printError("\(title): warning: \(outcome.step.step.keyword) \(outcome.index) refused [\(refusal.rule.rawValue)]: \(refusal.message)")
        }
    }
}
