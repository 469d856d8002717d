import AmplsimEngine
import Foundation
import Yams

/// Reads a topology file (YAML or JSON, FORMAT.md) into the engine's model, checking every
/// field and every reference. The first problem found is thrown as an `InputError`.
public struct TopologyLoader: Sendable {
    /// Topology files larger than this are refused before parsing.
    public static let maxFileSize = 32 << 20

    /// Zone files that replace a zone's `file` (or give one), by zone id; paths as given.
    public var zoneFiles: [String: String]

    public init(zoneFiles: [String: String] = [:]) {
        self.zoneFiles = zoneFiles
    }

    /// Loads the topology at `path`; zone files are read relative to its folder.
    public func load(path: String) throws(InputError) -> Topology {
        let text = try InputFile.text(at: path, limit: TopologyLoader.maxFileSize, what: "topology")
        let folder = (path as NSString).deletingLastPathComponent
        return try load(text: text, file: path, folder: folder.isEmpty ? "." : folder)
    }

    /// Loads a topology from text; `file` names it in messages, `folder` anchors zone files.
    public func load(text: String, file: String, folder: String) throws(InputError) -> Topology {
        let root = try YAMLDocument.parse(text, file: file)
        var parser = TopologyParser(file: file, folder: folder)
        parser.zoneFileOverrides = zoneFiles
        let topology = try parser.parse(root)
        for id in zoneFiles.keys.sorted() where !topology.zones.contains(where: { $0.id == id }) {
            throw InputError(file: file, line: 0, message: "--zone-file \(id)=...: the topology has no zone with id '\(id)'")
        }
        return topology
    }

    /// Loads a scenario: a list of steps (or a mapping with a `steps` list) checked against `topology`.
    public func loadScenario(path: String, for topology: Topology) throws(InputError) -> [TimelineStep] {
        let text = try InputFile.text(at: path, limit: TopologyLoader.maxFileSize, what: "scenario")
        return try loadScenario(text: text, file: path, for: topology)
    }

    /// Loads scenario steps from text: a list of steps, a mapping with a `steps` list, or one
    /// step on its own (as `--step` gives it).
    public func loadScenario(text: String, file: String, for topology: Topology) throws(InputError) -> [TimelineStep] {
        let root = try YAMLDocument.parse(text, file: file)
        var parser = TopologyParser(file: file, folder: ".")
        parser.know(topology)
        if case .mapping(let mapping) = root.node {
            let keys = mapping.keys.compactMap { $0.scalar?.string }
            if keys.contains("steps") || keys.contains("version") {
                return try parser.steps(try root.mapping(["version", "steps"]).required("steps"))
            }
            return [try parser.step(root)]
        }
        return try parser.steps(root)
    }
}

/// Reading input files: size, existence and text checks shared by every loader.
enum InputFile {
    static func text(at path: String, limit: Int, what: String) throws(InputError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, line: 0, message: "no such \(what) file")
        }
        if isDirectory.boolValue { throw InputError(file: path, line: 0, message: "is a directory, not a \(what) file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > limit {
            throw InputError(file: path, line: 0, message: "the \(what) file is \(size) bytes; the limit is \(limit) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: 0, message: "cannot read the \(what) file")
        }
        if data.isEmpty { throw InputError(file: path, line: 0, message: "the \(what) file is empty") }
        if data.contains(0) {
            throw InputError(file: path, line: 0, message: "the \(what) file holds binary data (a NUL byte), not text")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, line: 0, message: "the \(what) file is not UTF-8 text")
        }
        return text
    }
}

/// YAML (and JSON, its subset) to nodes with positions.
enum YAMLDocument {
    static func parse(_ text: String, file: String) throws(InputError) -> YAMLValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError(file: file, line: line(of: error), message: "YAML: " + problem(of: error))
        } catch {
            throw InputError(file: file, line: 0, message: "YAML: \(error)")
        }
        guard let node else { throw InputError(file: file, line: 0, message: "the file holds no document") }
        return YAMLValue(node: node, path: "", file: file)
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return (context.map { "\($0.text), " } ?? "") + problem
        case .reader(let problem, _, _, _): return problem
        default: return "\(error)"
        }
    }
}
