import Foundation
import Testing

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A bundled topology.
func fixture(_ name: String) -> String { packageRoot.appendingPathComponent("Fixtures/topologies/\(name)").path }

/// What one run of the `amplsim` executable printed and how it ended.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The built executable: beside the test bundle, where `swift build` puts products.
let amplsimBinary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("amplsim")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/amplsim")
}()

/// What one run printed, standard output kept as bytes (PNG is binary).
struct BinaryRun {
    var status: Int32
    var stdout: Data
    var stderr: String

    var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs `executable` with `arguments`, in `directory` (the package root by default), with
/// `environment` (this process's by default) and `input` on standard input (none by default),
/// and waits for it.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                input: Data? = nil, directory: URL = packageRoot) throws -> BinaryRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    if let input {
        // A child that exits before reading all of its input must not end this process.
        signal(SIGPIPE, SIG_IGN)
        group.enter()
        DispatchQueue.global().async {
            try? inPipe.fileHandleForWriting.write(contentsOf: input)
            try? inPipe.fileHandleForWriting.close()
            group.leave()
        }
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return BinaryRun(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs `amplsim` with `arguments` and waits for it.
func amplsim(_ arguments: String...) throws -> Run {
    let run = try runProcess(amplsimBinary, arguments)
    return Run(status: run.status, stdout: String(decoding: run.stdout, as: UTF8.self), stderr: run.stderr)
}

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "topology.yaml") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
