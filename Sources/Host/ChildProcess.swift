import Foundation

/// A program run to its end, with its standard input given as bytes (or empty) and what it
/// writes collected whole.
package struct ChildProcess {
    /// What becomes of the child's standard error.
    package enum Errors {
        /// Collected apart from standard output (`Finished.errors`).
        case separate
        /// Written into the same pipe as standard output, in the order the child wrote them.
        case merged
        /// Thrown away.
        case discarded
    }

    /// How the child ended and what it wrote.
    package struct Finished {
        /// True when it exited (rather than being killed by a signal).
        package var exited: Bool
        /// Its exit status, or the signal that ended it.
        package var status: Int32
        /// Standard output (with standard error when merged).
        package var output: Data
        /// Standard error when collected apart, else empty.
        package var errors: Data

        /// True when it exited with status 0.
        package var succeeded: Bool { exited && status == 0 }
    }

    /// The program's path.
    package let executable: String
    package let arguments: [String]

    package init(_ executable: String, _ arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// Runs the program and waits for its end. With `input`, the bytes are written to its standard
    /// input while both outputs are drained (a large input or output fills a pipe either way), and
    /// SIGPIPE is ignored meanwhile, so that a child that exits before reading all its input does
    /// not kill amplsim; the previous disposition comes back afterwards. Calls with `input` are
    /// therefore not made from several threads at once. Throws when the program cannot be started.
    package func run(input: Data? = nil, errors: Errors = .separate) throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let errorPipe = errors == .separate ? Pipe() : nil
        switch errors {
        case .separate: process.standardError = errorPipe
        case .merged: process.standardError = output
        case .discarded: process.standardError = FileHandle.nullDevice
        }
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        var previous: sig_t?
        if input != nil { previous = signal(SIGPIPE, SIG_IGN) }
        defer { if let previous { signal(SIGPIPE, previous) } }
        try process.run()
        let group = DispatchGroup()
        // Written by the one block below only, and read after `group.wait()`, once it has left.
        nonisolated(unsafe) var errorData = Data()
        if let errorPipe {
            group.enter()
            DispatchQueue.global().async {
                errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        if let input, let inputPipe {
            group.enter()
            DispatchQueue.global().async {
                let writer = inputPipe.fileHandleForWriting
                try? writer.write(contentsOf: input)
                try? writer.close()
                group.leave()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Finished(exited: process.terminationReason == .exit, status: process.terminationStatus,
                        output: data, errors: errorData)
    }
}
