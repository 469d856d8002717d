import AmplsimEngine
import AmplsimLab
import AmplsimTopology
import Foundation
import Testing

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A bundled topology's path.
func fixture(_ name: String) -> String { packageRoot.appendingPathComponent("Fixtures/topologies/\(name)").path }

/// The world after a fixture's whole timeline, and its lab layout.
func layout(_ name: String) throws -> LabLayout {
    let topology = try TopologyLoader().load(path: fixture(name))
    return try LabLayout(world: Timeline.finalWorld(of: topology).world)
}

/// The lab configuration of a fixture with the export's default ports (5300 and up).
func configuration(_ name: String, directory: String = "/lab") throws -> LabConfiguration {
    let layout = try layout(name)
    let ports = try #require(LabPorts.sequential(from: 5300, servers: layout.servers.map(\.name)))
    return LabConfiguration(layout: layout, ports: ports, directory: directory)
}

extension LabConfiguration {
    /// A file's text, or "" when there is no such file.
    func file(_ name: String) -> String { files.first { $0.name == name }?.text ?? "" }

    /// The text of one view of a configuration file, from `view "NAME" {` to its closing `};`.
    func view(_ name: String, in file: String) -> String {
        let text = self.file(file)
        guard let start = text.range(of: "view \"\(name)\" {") else { return "" }
        let rest = text[start.lowerBound...]
        guard let end = rest.range(of: "\n};") else { return String(rest) }
        return String(rest[..<end.upperBound])
    }
}

/// What one run of a program printed and how it ended.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments` (and extra environment) and waits for it.
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
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
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
               stderr: String(decoding: errData, as: UTF8.self))
}

/// The built executable: beside the test bundle, where `swift build` puts products.
let amplsimBinary: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("amplsim")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
    return packageRoot.appendingPathComponent(".build/debug/amplsim").path
}()

/// True when named, dig and an executable amplsim are here: the tests that run BIND need them
/// (`make test` and CI install bind9 and bind9-dnsutils).
let bindInstalled: Bool = {
    ["/usr/sbin/named", "/usr/bin/dig"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        && FileManager.default.isExecutableFile(atPath: amplsimBinary)
}()

/// True when `unshare -n` works here (root, or user namespaces): the lab then runs in a network
/// namespace of its own, whose loopback nobody else uses.
let namespaceAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
    return (try? run("/usr/bin/unshare", ["-n", "sh", "-c", "ip link set lo up"]))?.status == 0
}()

/// Runs a shell script, in a network namespace of its own (loopback up) when one is available.
/// The script gets `$AMPLSIM` (the binary) and `$ROOT` (the package root).
func labShell(_ script: String, environment: [String: String] = [:]) throws -> Run {
    let prelude = "set -u\nAMPLSIM='\(amplsimBinary)'\nROOT='\(packageRoot.path)'\n"
    if namespaceAvailable {
        return try run("/usr/bin/unshare", ["-n", "sh", "-c", "ip link set lo up\n" + prelude + script], environment: environment)
    }
    return try run("/bin/sh", ["-c", prelude + script], environment: environment)
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-labtests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The PIDs of processes whose command line names `folder` (named started for that lab), read
/// from /proc (no procps needed).
func processes(naming folder: String) -> [String] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { $0.allSatisfy(\.isNumber) } ?? []
    return pids.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.contains { $0.contains(folder) } && words.contains { $0.hasSuffix("named") }
    }
}
