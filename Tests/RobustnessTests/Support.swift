import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built executable: beside the test bundle, where `swift build` puts products
/// (the same look-up as Tests/CLITests/Support.swift).
let amplsimBinary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("amplsim")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/amplsim")
}()

/// All robustness suites, one at a time: each child is timed, so they must not compete for the CPU.
@Suite(.serialized) enum Robustness {}

/// The bounds every hostile input must end within (issue "Bad input never crashes, hangs or
/// half-writes"). Bounds on hostile input, not performance targets.
enum Bounds {
    static let seconds: Double = 5 * sanitizerFactor
    static let mebibytes: Int = 500 * Int(sanitizerFactor)
    /// A child still running after this long is killed and reported as hung.
    static let killAfterSeconds: Double = 20 * sanitizerFactor
    /// A child whose resident memory passes this is killed and reported as exploding.
    static let killAboveMebibytes: Int = 2048 * Int(sanitizerFactor)

    /// 3 under AddressSanitizer or ThreadSanitizer (`make sanitize`), 1 otherwise: the `amplsim`
    /// the tests run is then instrumented too, some times slower and bigger (a 4 MiB topology
    /// took 5.4 s of CPU under AddressSanitizer). Still bounds: a hang or a blow-up fails.
    static let sanitizerFactor: Double = {
        let symbols = ["__asan_init", "__tsan_init"]
        return symbols.contains { dlsym(UnsafeMutableRawPointer(bitPattern: 0), $0) != nil } ? 3 : 1
    }()
}

/// What one run of `amplsim` printed, how it ended, and what it cost.
struct Outcome: CustomStringConvertible {
    /// The exit status when the child exited; nil when a signal ended it.
    var exitStatus: Int32?
    /// The signal that ended the child, if one did.
    var signal: Int32?
    var stdout: Data
    var stderr: String
    /// Wall-clock time from spawn to reaping, measured with ContinuousClock.
    var seconds: Double
    /// The child's peak resident set size (`ru_maxrss` from `wait4`), in KiB.
    var maxRSSKiB: Int
    /// The child's own CPU time (user + system) from GNU time, when it ran under it: what the
    /// bound is checked against, so that a busy machine cannot make it flaky.
    var cpuSeconds: Double? = nil
    /// Why the watchdog killed the child, if it did.
    var killedBecause: String?

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var mebibytes: Double { Double(maxRSSKiB) / 1024 }

    var description: String {
        let end = exitStatus.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        let killed = killedBecause.map { ", killed: \($0)" } ?? ""
        let err = stderr.count > 600 ? String(stderr.prefix(600)) + "…" : stderr
        return "\(end)\(killed), \(String(format: "%.2f", seconds)) s, \(String(format: "%.1f", mebibytes)) MiB, "
            + "stdout \(stdout.count) bytes, stderr: \(err.debugDescription)"
    }
}

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

/// Bytes read from a pipe on another thread.
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

    /// Everything the pipe carried, once its writer closed it.
    func result() -> Data {
        done.wait()
        return data
    }
}

/// GNU time, which reports its child's own peak resident memory (`%M`, from its `wait4`).
private let gnuTime = "/usr/bin/time"

/// Runs `amplsim` with `arguments` in the package root (so that messages name paths as given),
/// with standard input from /dev/null, and measures it: wall-clock time with ContinuousClock and
/// the child's peak resident memory.
///
/// The memory comes from `/usr/bin/time -f %M` when it is present. Without it, `ru_maxrss` of the
/// child from `wait4` is used; that is an upper bound, since glibc's posix_spawn starts the child
/// in the test process's memory (vfork) and Linux keeps that memory's peak in the child's
/// `ru_maxrss` across exec.
///
/// A watchdog kills the child (its whole process group) when it runs past
/// `Bounds.killAfterSeconds` or grows past `Bounds.killAboveMebibytes`. The Swift runtime's crash
/// backtracer is turned off, so a crash shows as its signal, quickly.
func runAmplsim(_ arguments: [String]) throws -> Outcome {
    let timed = FileManager.default.isExecutableFile(atPath: gnuTime)
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-time-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: report) }
    let command = timed ? [gnuTime, "-f", "%M %x %U %S", "-o", report.path, amplsimBinary.path] + arguments
                        : [amplsimBinary.path] + arguments

    var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
    guard GNU.pipe2(&out, O_CLOEXEC) == 0, GNU.pipe2(&err, O_CLOEXEC) == 0 else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, out[1], 1)
    posix_spawn_file_actions_adddup2(&actions, err[1], 2)
    _ = packageRoot.path.withCString { GNU.addChdir(&actions, $0) }
    // A process group of its own, so that the watchdog can kill time and amplsim together.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)

    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
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
    var polls = 0
    while true {
        let reaped = wait4(pid, &status, WNOHANG, &usage)
        if reaped == pid { break }
        if reaped < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
        if killedBecause == nil {
            let elapsed = (clock.now - start) / .seconds(1)
            if elapsed > Bounds.killAfterSeconds {
                killedBecause = "still running after \(Int(Bounds.killAfterSeconds)) s, four times the bound"
                kill(-pid, SIGKILL)
            } else if polls % 10 == 0, residentMebibytes(family: pid) > Bounds.killAboveMebibytes {
                killedBecause = "resident memory passed \(Bounds.killAboveMebibytes) MiB"
                kill(-pid, SIGKILL)
            }
        }
        polls += 1
        usleep(2_000)
    }
    let seconds = (clock.now - start) / .seconds(1)
    let stdout = stdoutReader.result()
    let stderr = String(decoding: stderrReader.result(), as: UTF8.self)

    let exited = status & 0x7f == 0
    var exitStatus: Int32? = exited ? (status >> 8) & 0xff : nil
    var signal: Int32? = exited ? nil : status & 0x7f
    var maxRSSKiB = usage.ru_maxrss
    var cpuSeconds: Double?
    if timed, exited {
        // time's report: "Command terminated by signal N" when a signal ended amplsim, and "%M %x %U %S".
        let lines = ((try? String(contentsOf: report, encoding: .utf8)) ?? "").split(separator: "\n")
        if let last = lines.last?.split(separator: " "), last.count == 4, let kib = Int(last[0]) {
            maxRSSKiB = kib
            if let user = Double(last[2]), let system = Double(last[3]) { cpuSeconds = user + system }
        }
        if let line = lines.first(where: { $0.hasPrefix("Command terminated by signal ") }),
           let number = Int32(line.split(separator: " ").last ?? "") {
            signal = number
            exitStatus = nil
        }
    }
    return Outcome(exitStatus: exitStatus, signal: signal, stdout: stdout, stderr: stderr, seconds: seconds,
                   maxRSSKiB: maxRSSKiB, cpuSeconds: cpuSeconds, killedBecause: killedBecause)
}

func runAmplsim(_ arguments: String...) throws -> Outcome { try runAmplsim(arguments) }

/// The resident memory of a running process and its children (time and amplsim), from /proc.
private func residentMebibytes(family pid: pid_t) -> Int {
    func resident(_ pid: String) -> Int {
        guard let text = procText("/proc/\(pid)/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
    }
    let children = procText("/proc/\(pid)/task/\(pid)/children") ?? ""
    return resident("\(pid)") + children.split(separator: " ").map { resident(String($0)) }.reduce(0, +)
}

/// A small /proc file's text, read with open and read: Foundation's file reader leaks its buffer
/// on a file that reads as empty, as `children` does for a process without any (LeakSanitizer,
/// `make sanitize`).
private func procText(_ path: String) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { return count < 0 ? nil : String(decoding: bytes, as: UTF8.self) }
        bytes.append(contentsOf: buffer[0..<count])
    }
}

/// Checks the bounds every hostile input must end within: no signal, no watchdog kill, under
/// `Bounds.seconds` of the child's CPU time (wall-clock time where GNU time is missing; the
/// watchdog still kills on wall-clock time) and `Bounds.mebibytes` of peak resident memory.
func expectWithinBounds(_ outcome: Outcome, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(outcome.killedBecause == nil, "\(what): killed by the watchdog: \(outcome)", sourceLocation: sourceLocation)
    #expect(outcome.killedBecause != nil || outcome.signal == nil, "\(what): crashed: \(outcome)", sourceLocation: sourceLocation)
    let spent = outcome.cpuSeconds ?? outcome.seconds
    #expect(spent < Bounds.seconds, "\(what): took \(spent) s of CPU, the bound is \(Bounds.seconds) s", sourceLocation: sourceLocation)
    #expect(outcome.maxRSSKiB < Bounds.mebibytes * 1024,
            "\(what): peaked at \(outcome.mebibytes) MiB, the bound is \(Bounds.mebibytes) MiB", sourceLocation: sourceLocation)
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-robustness-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

extension Robustness {
    @Suite("The measuring harness")
    struct HarnessTests {
        /// The peak memory is the child's own, not the test process's (which posix_spawn would lend it).
        @Test("measures amplsim's own time and memory", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
        func measuresTheChild() throws {
            let outcome = try runAmplsim("--version")
            #expect(outcome.exitStatus == 0, "\(outcome)")
            #expect(!outcome.stdoutText.isEmpty)
            #expect(outcome.maxRSSKiB > 1024 && outcome.maxRSSKiB < 100 * 1024, "\(outcome)")
            #expect(outcome.seconds > 0 && outcome.seconds < Bounds.seconds, "\(outcome)")
        }
    }
}
