import AmplsimEngine
import AmplsimZoneFile
import Foundation
import Yams

/// Reads a topology file (YAML or JSON, Docs/topology.md) into the engine's model, checking every
/// field and every reference. The first problem found is thrown as an `InputError`.
package struct TopologyLoader: Sendable {
    /// Topology files larger than this are refused before parsing (a parsed document takes
    /// about fifteen times its size in memory).
    package static let maxFileSize = 4 << 20

    /// Zone files that replace a zone's `file` (or give one), by zone id; paths as given.
    package var zoneFiles: [String: String]

    package init(zoneFiles: [String: String] = [:]) {
        self.zoneFiles = zoneFiles
    }

    /// Loads the topology at `path`; zone files are read relative to its folder.
    package func load(path: String) throws(InputError) -> Topology {
        try loadWithWarnings(path: path).topology
    }

    /// Loads a topology from text; `file` names it in messages, `folder` anchors zone files.
    package func load(text: String, file: String, folder: String) throws(InputError) -> Topology {
        try loadWithWarnings(text: text, file: file, folder: folder).topology
    }

    /// The name messages give standard input, read for the path `-`.
    static let standardInputName = "<stdin>"

    /// Loads the topology at `path` with the warnings about what it leaves to defaults. The path
    /// `-` reads standard input; zone files are then read relative to the current folder.
    package func loadWithWarnings(path: String) throws(InputError) -> LoadedTopology {
        if path == "-" {
            let text = try InputFile.standardInput(limit: TopologyLoader.maxFileSize, what: "topology")
            return try loadWithWarnings(text: text, file: TopologyLoader.standardInputName, folder: ".")
        }
        let text = try InputFile.text(at: path, limit: TopologyLoader.maxFileSize, what: "topology")
        let folder = (path as NSString).deletingLastPathComponent
        return try loadWithWarnings(text: text, file: path, folder: folder.isEmpty ? "." : folder)
    }

    /// Loads a topology from text with its warnings.
    package func loadWithWarnings(text: String, file: String, folder: String) throws(InputError) -> LoadedTopology {
        let root = try YAMLDocument.parse(text, file: file)
        var parser = TopologyParser(file: file, folder: folder)
        parser.zoneFileOverrides = Dictionary(uniqueKeysWithValues: zoneFiles.map { (ZoneID($0.key), $0.value) })
        let topology = try parser.parse(root)
        for id in zoneFiles.keys.sorted() where !topology.zones.contains(where: { $0.id == ZoneID(id) }) {
            throw InputError(file: file, line: 0, message: "--zone-file \(id)=...: the topology has no zone with id '\(id)'")
        }
        return LoadedTopology(topology: topology, warnings: parser.warnings)
    }

    /// Loads a scenario: a list of steps (or a mapping with a `steps` list) checked against `topology`.
    package func loadScenario(path: String, for topology: Topology) throws(InputError) -> [TimelineStep] {
        let text = try InputFile.text(at: path, limit: TopologyLoader.maxFileSize, what: "scenario")
        return try loadScenario(text: text, file: path, for: topology)
    }

    /// Loads scenario steps from text: a list of steps, a mapping with a `steps` list, or one
    /// step on its own (as `--step` gives it).
    package func loadScenario(text: String, file: String, for topology: Topology) throws(InputError) -> [TimelineStep] {
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

extension TopologyLoader {
    /// Loads intents (`--intents FILE`): a list of intents, or a mapping with an `intents` list,
    /// checked against `topology`'s names.
    package func loadIntents(path: String, for topology: Topology) throws(InputError) -> [Intent] {
        let text = try InputFile.text(at: path, limit: TopologyLoader.maxFileSize, what: "intents")
        return try loadIntents(text: text, file: path, for: topology)
    }

    /// Loads intents from text, as `loadIntents(path:for:)`.
    package func loadIntents(text: String, file: String, for topology: Topology) throws(InputError) -> [Intent] {
        let root = try YAMLDocument.parse(text, file: file)
        var parser = TopologyParser(file: file, folder: ".")
        parser.know(topology)
        if case .mapping = root.node {
            return try parser.intents(try root.mapping(["version", "intents"]).required("intents"))
        }
        // A bare list: its entries are named as those of a topology's `intents:`.
        return try parser.intents(YAMLValue(node: root.node, path: "intents", file: file))
    }
}

/// A loaded topology and the warnings its loading gave, in file order.
package struct LoadedTopology: Sendable {
    package var topology: Topology
    package var warnings: [LoadWarning]

    package init(topology: Topology, warnings: [LoadWarning] = []) {
        self.topology = topology
        self.warnings = warnings
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
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? Int) ?? 0
        if size > limit {
            throw InputError(file: path, line: 0, message: "the \(what) file is \(size) bytes; the limit is \(limit) bytes")
        }
        // Not read at all: Foundation's reader leaks its 4 KiB buffer on an empty file.
        if size == 0, attributes?[.type] as? FileAttributeType == .typeRegular {
            throw InputError(file: path, line: 0, message: "the \(what) file is empty")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: 0, message: "cannot read the \(what) file")
        }
        return try text(of: data, file: path, what: what)
    }

    /// Reads standard input to its end (at most `limit` bytes) as text, checked like a file's.
    static func standardInput(limit: Int, what: String) throws(InputError) -> String {
        let file = TopologyLoader.standardInputName
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError(file: file, line: 0, message: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
            if bytes.count > limit {
                throw InputError(file: file, line: 0, message: "the \(what) is more than \(limit) bytes; the limit is \(limit) bytes")
            }
        }
        return try text(of: Data(bytes), file: file, what: what)
    }

    /// The text of a file's bytes: not empty, not UTF-16, no NUL byte, UTF-8 (a byte order mark
    /// is skipped).
    static func text(of bytes: Data, file: String, what: String) throws(InputError) -> String {
        let mark = ByteOrderMark(bytes.prefix(3))
        if mark == .utf16 { throw InputError(file: file, line: 0, message: ByteOrderMark.utf16Message) }
        let data = Data(bytes.dropFirst(mark.length))
        if data.isEmpty { throw InputError(file: file, line: 0, message: "the \(what) file is empty") }
        if data.contains(0) {
            throw InputError(file: file, line: 0, message: "the \(what) file holds binary data (a NUL byte), not text")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, line: firstNonUTF8Line(data), message: "the \(what) file is not UTF-8 text")
        }
        return text
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    static func firstNonUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            if String(data: data[start..<end], encoding: .utf8) == nil { return line }
            line += 1
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return 0
    }
}

/// YAML (and JSON, its subset) to nodes with positions.
enum YAMLDocument {
    /// How deep lists and mappings may nest. A topology needs six levels; the bound keeps the
    /// recursive YAML parser far from the end of its stack.
    static let maxDepth = 64

    static func parse(_ text: String, file: String) throws(InputError) -> YAMLValue {
        // A byte order mark in text given as a string (a file's is skipped when it is read).
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        try checkDepth(text, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SyntaxError.inputError(error, text: text, file: file)
        } catch {
            throw InputError(file: file, line: 0, message: "\(InputLanguage(file: file, text: text).rawValue): \(error)")
        }
        guard let node else { throw InputError(file: file, line: 0, message: "the file holds no document") }
        return YAMLValue(node: node, path: "", file: file)
    }

    /// Refuses nesting deeper than `maxDepth` before the recursive parser sees it: flow lists and
    /// mappings (`[`, `{`) outside quotes and comments, and block nesting (indentation and
    /// `- ` markers at the start of a line).
    static func checkDepth(_ text: String, file: String) throws(InputError) {
        var line = 1, flow = 0
        var quote: UInt8? = nil
        var atLineStart = true, comment = false, previous: UInt8 = UInt8(ascii: " ")
        var bytes = text.utf8.makeIterator()
        var pending: UInt8? = nil
        func fail() -> InputError {
            InputError(file: file, line: line, message: "lists and mappings nest deeper than \(maxDepth) levels; a topology needs a few")
        }
        while let byte = pending ?? bytes.next() {
            pending = nil
            if byte == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
                comment = false
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { previous = byte; continue }
                previous = byte
                continue
            }
            if comment { continue }
            if atLineStart && flow == 0 && quote == nil {
                // Indentation and leading "- " markers.
                var indent = 0, dashes = 0
                var current: UInt8? = byte
                while let c = current {
                    if c == UInt8(ascii: " ") { indent += 1 }
                    else if c == UInt8(ascii: "-") {
                        let next = bytes.next()
                        if next == UInt8(ascii: " ") { dashes += 1 } else { pending = next; current = nil; break }
                    } else { pending = c; current = nil; break }
                    current = bytes.next()
                }
                atLineStart = false
                if indent / 2 + dashes > maxDepth { throw fail() }
                previous = UInt8(ascii: " ")
                continue
            }
            atLineStart = false
            if let open = quote {
                if byte == open {
                    quote = nil
                } else if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                    _ = bytes.next()
                }
                previous = byte
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t"): comment = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                if flow > maxDepth { throw fail() }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
            default: break
            }
            previous = byte
        }
    }
}
