import Foundation

/// Graphviz's `dot`, run as a child process: DOT text in, SVG or PNG bytes out.
///
/// The whole output is collected before anything is written, so that a failed or missing `dot`
/// leaves standard output empty rather than half a picture.
package struct Graphviz {
    /// Why a drawing could not be made.
    package enum Failure: Error, CustomStringConvertible {
        /// `dot` is not on PATH.
        case missing
        /// `dot` ran and failed (its exit status and what it printed on standard error).
        case failed(Int32, String)
        /// `dot` could not be started.
        case launch(String)

        package var description: String {
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
    package let executable: String

    /// Finds `dot` in the absolute folders of this process's `PATH` (`/usr/bin:/bin` without one).
    package init() throws(Failure) {
        guard let found = ExecutableSearch.find("dot", path: ExecutableSearch.processPath(or: "/usr/bin:/bin")) else {
            throw .missing
        }
        executable = found
    }

    /// Runs `dot -T<format>` on `source` and returns everything it wrote.
    package func render(_ source: String, format: String) throws(Failure) -> Data {
        let finished: ChildProcess.Finished
        do {
            finished = try ChildProcess(executable, ["-T\(format)"]).run(input: Data(source.utf8))
        } catch {
            throw .launch(error.localizedDescription)
        }
        guard finished.succeeded else {
            throw .failed(finished.status, String(decoding: finished.errors, as: UTF8.self))
        }
        return finished.output
    }
}
