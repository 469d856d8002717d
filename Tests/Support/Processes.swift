import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How one child process ended, what it printed, and what it cost.
package struct ProcessRun: Sendable, CustomStringConvertible {
    /// The exit status; 128 + the signal's number when a signal ended the child, as a shell says.
    package var status: Int32
    /// The signal that ended the child, if one did.
    package var signal: Int32?
    /// Standard output, as bytes.
    package var stdoutData: Data
    /// Standard error, as text.
    package var stderr: String
    /// Wall-clock time from spawn to reaping, measured with ContinuousClock.
    package var seconds: Double
    /// The child's peak resident set size in KiB (`ru_maxrss` from `wait4`).
    package var maxRSSKiB: Int
    /// Why the runner killed the child (the timeout or `killIf`), if it did.
    package var killedBecause: String?

    /// Standard output, as text.
    package var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

    /// The exit status when the child exited; nil when a signal ended it.
    package var exitStatus: Int32? { signal == nil ? status : nil }

    package var description: String {
        let end = signal.map { "signal \($0)" } ?? "exit \(status)"
        let killed = killedBecause.map { ", killed: \($0)" } ?? ""
        let err = stderr.count > 600 ? String(stderr.prefix(600)) + "…" : stderr
        return "\(end)\(killed), \(String(format: "%.2f", seconds)) s, stdout \(stdoutData.count) bytes, stderr: \(err.debugDescription)"
    }
}

/// Runs `executable` (a full path) with `arguments` in `directory`, with this process's
/// environment plus `environment`, standard input from `stdin` (or /dev/null), and waits for it.
///
/// The child runs in a process group of its own. When it runs past `timeout` seconds, or when
/// `killIf` (asked every few milliseconds with the child's PID) gives a reason, the whole group is
/// killed with SIGKILL and the reason is kept in `killedBecause`. Standard output and standard
/// error are read on threads of their own, so a child that fills one pipe cannot block.
package func runProcess(
    _ executable: URL, _ arguments: [String] = [], environment: [String: String] = [:], stdin: Data? = nil,
    directory: URL = packageRoot, timeout: Double = 300, killIf: ((pid_t) -> String?)? = nil
) throws -> ProcessRun {
    // Standard input comes from a file: no writer thread, no SIGPIPE when the child stops reading.
    let stdinFolder = try stdin.map { _ in try temporaryFolder() }
    defer { if let stdinFolder { try? FileManager.default.removeItem(at: stdinFolder) } }
    var input = "/dev/null"
    if let stdin, let stdinFolder {
        input = stdinFolder.appendingPathComponent("stdin").path
        try stdin.write(to: URL(fileURLWithPath: input))
    }

    var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
    guard GNU.pipe2(&out, O_CLOEXEC) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    guard GNU.pipe2(&err, O_CLOEXEC) == 0 else {
        close(out[0]); close(out[1])
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, out[1], 1)
    posix_spawn_file_actions_adddup2(&actions, err[1], 2)
    _ = directory.path.withCString { GNU.addChdir(&actions, $0) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)

    let command = [executable.path] + arguments
    let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }

    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
    close(out[1])
    close(err[1])
    guard spawned == 0 else {
        close(out[0])
        close(err[0])
        throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
    }
    let stdoutReader = PipeReader(out[0])
    let stderrReader = PipeReader(err[0])

    var status: Int32 = 0
    var usage = rusage()
    var killedBecause: String?
    while true {
        let reaped = wait4(pid, &status, WNOHANG, &usage)
        if reaped == pid { break }
        if reaped < 0 && errno != EINTR {
            kill(-pid, SIGKILL)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD)
        }
        let elapsed = (clock.now - start) / .seconds(1)
        if killedBecause == nil {
            if elapsed > timeout {
                killedBecause = "still running after \(timeout) s"
            } else if let reason = killIf?(pid) {
                killedBecause = reason
            }
            if killedBecause != nil { kill(-pid, SIGKILL) }
        }
        // Fine polling while the child is young (the robustness tests time it), coarser later.
        usleep(elapsed < 1 ? 2_000 : 10_000)
    }
    let seconds = (clock.now - start) / .seconds(1)
    let stdout = stdoutReader.result()
    let stderr = String(decoding: stderrReader.result(), as: UTF8.self)
    let exited = status & 0x7f == 0
    let signal: Int32? = exited ? nil : status & 0x7f
    return ProcessRun(status: exited ? (status >> 8) & 0xff : 128 + (signal ?? 0), signal: signal, stdoutData: stdout,
                      stderr: stderr, seconds: seconds, maxRSSKiB: usage.ru_maxrss, killedBecause: killedBecause)
}

/// Runs the built `amplsim` with `arguments` in the package root (see `runProcess`).
package func amplsim(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
                    timeout: Double = 300) throws -> ProcessRun {
    try runProcess(amplsimExecutable, arguments, environment: environment, stdin: stdin, timeout: timeout)
}

/// Runs the built `amplsim` with `arguments` in the package root.
package func amplsim(_ arguments: String...) throws -> ProcessRun { try amplsim(arguments) }

/// Glibc functions the Swift module does not export (they sit behind `__USE_GNU`).
private enum GNU {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    static let addChdir: AddChdir = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
            fatalError("posix_spawn_file_actions_addchdir_np is missing (glibc 2.29 or later is needed)")
        }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    static let pipe2: Pipe2 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { fatalError("pipe2 is missing") }
        return unsafeBitCast(symbol, to: Pipe2.self)
    }()
}

/// Bytes read from a pipe on a thread of their own.
private final class PipeReader: @unchecked Sendable {
    private let descriptor: Int32
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                data.append(contentsOf: buffer[0..<count])
            }
            close(descriptor)
            done.signal()
        }
    }

    /// Everything the pipe carried, once every writer closed it.
    func result() -> Data {
        done.wait()
        return data
    }
}

/// Writes `text` to `path` as an executable (mode 755) from a child shell, never from this
/// process: a file this process held open for writing would be inherited by any child another
/// test forks meanwhile, and running it would then fail with "Text file busy" until that child
/// execs.
package func writeExecutable(_ text: String, to path: String) throws {
    let wrote = try runProcess(URL(fileURLWithPath: "/bin/sh"),
                               ["-c", "printf '%s\\n' \"$1\" > \"$2\" && chmod 755 \"$2\"", "sh", text, path])
    guard wrote.status == 0 else {
        throw NSError(domain: "writeExecutable", code: Int(wrote.status), userInfo: [NSLocalizedDescriptionKey: "\(path): \(wrote.stderr)"])
    }
}
