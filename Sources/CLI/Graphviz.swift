import AmplsimRender
import ArgumentParser
import Foundation

/// Graphviz's `dot`, run as a child process: DOT text in, SVG or PNG bytes out.
///
/// The whole output is collected before anything is written, so that a failed or missing `dot`
/// leaves standard output empty rather than half a picture.
struct Graphviz {
    /// Why a drawing could not be made.
    enum Failure: Error, CustomStringConvertible {
        /// `dot` is not on PATH.
        case missing
        /// `dot` ran and failed (its exit status and what it printed on standard error).
        case failed(Int32, String)
        /// `dot` could not be started.
        case launch(String)

        var description: String {
            switch self {
            case .missing:
                return "error: Graphviz's dot is not on PATH; install it with `apt-get install graphviz` (Debian, Ubuntu)"
                    + " or your system's graphviz package"
            case .failed(let status, let message):
                let said = message.trimmingCharacters(in: .whitespacesAndNewlines)
                return "error: dot exited with status \(status)" + (said.isEmpty ? "" : ": \(said)")
            case .launch(let message):
                return "error: cannot run dot: \(message)"
            }
        }
    }

    /// The `dot` found on PATH.
    let executable: URL

    /// Finds `dot` in the directories of `PATH` (of `environment`, this process's by default).
    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                executable = candidate
                return
            }
        }
        throw .missing
    }

    /// Runs `dot -T<format>` on `source` and returns everything it wrote.
    func render(_ source: String, format: String) throws(Failure) -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-T\(format)"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        // A dot that exits before reading all its input must not kill amplsim with SIGPIPE;
        // the default comes back afterwards, for standard output.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        do {
            try process.run()
        } catch {
            throw .launch(error.localizedDescription)
        }
        // Feed the input and drain both outputs at once: a large drawing fills a pipe either way.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            let writer = input.fileHandleForWriting
            try? writer.write(contentsOf: Data(source.utf8))
            try? writer.close()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .failed(process.terminationStatus, String(decoding: errorData, as: UTF8.self))
        }
        return data
    }

    /// `source` drawn as `format` (svg, png); a missing or failing dot prints why and exits 3.
    static func draw(_ source: String, format: String) throws -> Data {
        do {
            return try Graphviz().render(source, format: format)
        } catch {
            printError("amplsim: --format \(format): \(error.description)")
            throw Exit.missingTool
        }
    }

    /// The drawing an HTML page shows: the SVG, or why there is none (the page is written anyway,
    /// and standard error says so).
    static func drawing(_ source: String) -> HTMLReport.Drawing {
        do {
            let data = try Graphviz().render(source, format: "svg")
            return .svg(String(decoding: data, as: UTF8.self))
        } catch {
            printError("amplsim: warning: the page has no diagram: \(error.description)")
            let reason: String
            switch error {
            case .missing: reason = "Graphviz's dot was not on PATH when this page was written (apt-get install graphviz)"
            default: reason = "Graphviz's dot failed when this page was written"
            }
            return .unavailable(reason: reason, dot: source)
        }
    }
}

extension Exit {
    /// A tool amplsim runs (Graphviz's dot) is missing or failed.
    static let missingTool = ExitCode(3)
}
