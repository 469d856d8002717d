import AmplsimEngine
import AmplsimImport
import AmplsimTopology
import ArgumentParser
import Foundation

/// Writes an import: the files go to a temporary folder beside DIR, are loaded back with the
/// topology loader (so that what is written is what `simulate` and `audit` read), and the folder
/// is renamed into place: all or nothing. Without --out, the topology goes to standard output.
enum ImportOutput {
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

    static func emit(_ result: ImportResult, out: String?, force: Bool, scenario: Bool, title: String) throws {
        let files = files(result, scenario: scenario)
        guard let out else {
            if files.count > 1 {
                let extra = files.dropFirst().map(\.name)
                printError("\(title): the import also writes \(extra.joined(separator: ", ")): give --out DIR")
                throw ExitCode(64)
            }
            try check(text: files[0].text, folder: ".", scenario: nil, title: title, result: result)
            write(files[0].text)
            return
        }
        let manager = FileManager.default
        let target = (out as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target, isDirectory: &isDirectory)
        if exists {
            if !isDirectory.boolValue { printError("\(out): error: exists and is not a folder"); throw Exit.badInput }
            let contents = (try? manager.contentsOfDirectory(atPath: target)) ?? []
            if !contents.isEmpty && !force {
                printError("\(out): error: the folder exists and is not empty; use --force to replace it")
                throw Exit.badInput
            }
        }
        let parent = (target as NSString).deletingLastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(".\((target as NSString).lastPathComponent).tmp-\(pid)")
        try? manager.removeItem(atPath: temporary)
        do {
            for file in files {
                let path = (temporary as NSString).appendingPathComponent(file.name)
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard manager.createFile(atPath: path, contents: Data(file.text.utf8)) else {
                    throw OutputFiles.Failure.io(path, "cannot write the file")
                }
            }
            let topologyPath = (temporary as NSString).appendingPathComponent("topology.yaml")
            let scenarioPath = scenario ? (temporary as NSString).appendingPathComponent("scenario.yaml") : nil
            try check(path: topologyPath, scenario: scenarioPath, title: title, result: result)
            if exists {
                let old = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(".\((target as NSString).lastPathComponent).old-\(pid)")
                try manager.moveItem(atPath: target, toPath: old)
                do { try manager.moveItem(atPath: temporary, toPath: target) } catch {
                    try? manager.moveItem(atPath: old, toPath: target)
                    throw error
                }
                try? manager.removeItem(atPath: old)
            } else {
                try manager.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true)
                try manager.moveItem(atPath: temporary, toPath: target)
            }
        } catch let exit as ExitCode {
            try? manager.removeItem(atPath: temporary)
            throw exit
        } catch {
            try? manager.removeItem(atPath: temporary)
            printError("\(out): error: \(error)")
            throw Exit.badInput
        }
        for file in files { printError("wrote \((out as NSString).appendingPathComponent(file.name))") }
    }

    /// Loads the written topology (and scenario) back; a refusal means the import is not usable.
    private static func check(path: String, scenario: String?, title: String, result: ImportResult) throws {
        let topology: Topology
        do {
            topology = try TopologyLoader().load(path: path)
            if let scenario { _ = try TopologyLoader().loadScenario(path: scenario, for: topology) }
        } catch {
            printError("\(title): error: the imported topology does not load (\(error.description)); nothing was written")
            throw Exit.badInput
        }
        report(topology, title: title)
    }

    private static func check(text: String, folder: String, scenario: String?, title: String, result: ImportResult) throws {
        do {
            let topology = try TopologyLoader().load(text: text, file: "topology.yaml", folder: folder)
            report(topology, title: title)
        } catch {
            printError("\(title): error: the imported topology does not load (\(error.description)); nothing was written")
            throw Exit.badInput
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
