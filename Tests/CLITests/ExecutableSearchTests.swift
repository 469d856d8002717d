import AmplsimHost
import AmplsimTestSupport
import Foundation
import Testing

/// The one PATH look-up (Graphviz's dot, named, dig, setpriv): absolute folders only, in order,
/// then the extra folders; empty and relative entries never find anything, whatever the current
/// folder holds.
@Suite struct ExecutableSearchTests {
    /// A fresh folder holding an executable `name` (a shell script printing `output`) and a plain
    /// file `plain`.
    static func folder(with name: String = "tool", printing output: String = "") throws -> URL {
        let folder = try temporaryFolder()
        try writeExecutable("#!/bin/sh\nprintf '%s' '\(output)'", to: folder.appendingPathComponent(name).path)
        #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent("plain").path, contents: Data(),
                                               attributes: [.posixPermissions: 0o644]))
        return folder
    }

    /// `folder` relative to this process's current folder (`../../tmp/...`).
    static func relative(_ folder: URL) -> String {
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        return String(repeating: "../", count: depth) + folder.path.dropFirst()
    }

    @Test func findsTheFirstAbsoluteFolderThatHoldsIt() throws {
        let first = try Self.folder().path, second = try Self.folder().path
        #expect(ExecutableSearch.find("tool", path: "\(first):\(second)") == "\(first)/tool")
        #expect(ExecutableSearch.find("tool", path: "/nonexistent::\(second)") == "\(second)/tool")
        #expect(ExecutableSearch.find("tool", path: "/nonexistent", also: [second]) == "\(second)/tool")
        #expect(ExecutableSearch.find("plain", path: first) == nil, "not executable")
        #expect(ExecutableSearch.find("missing", path: first) == nil)
    }

    @Test func skipsRelativeAndEmptyEntries() throws {
        let folder = try Self.folder()
        let relative = Self.relative(folder)
        #expect(FileManager.default.isExecutableFile(atPath: relative + "/tool"), "the relative path reaches the tool")
        for path in ["", ":", "::", relative, "\(relative):", ":\(relative)", "./\(relative)"] {
            #expect(ExecutableSearch.find("tool", path: path) == nil, "PATH=\(path)")
        }
        #expect(ExecutableSearch.find("tool", path: "", also: ["", relative]) == nil)
        #expect(ExecutableSearch.find("tool", path: "\(relative)::\(folder.path)") == "\(folder.path)/tool")
    }

    /// Through the binary: a `dot` in the current folder is not run for PATH entries `.`, empty or
    /// relative; an absolute entry finds it.
    @Test func graphvizIsNotFoundThroughTheCurrentFolder() throws {
        let folder = try Self.folder(with: "dot", printing: "<svg/>")
        let topology = fixture("topologies/two-vnets-shared-dns.yaml")
        for path in [".", "", ":", "./", "::."] {
            let run = try runProcess(amplsimExecutable, ["simulate", topology, "--format", "svg"], environment: ["PATH": path],
                                     directory: folder)
            #expect(run.status == 3, "PATH=\(path)")
            #expect(run.stdout.isEmpty, "PATH=\(path)")
        }
        let found = try runProcess(amplsimExecutable, ["simulate", topology, "--format", "svg"], environment: ["PATH": folder.path],
                                   directory: folder)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout == "<svg/>")
    }
}
