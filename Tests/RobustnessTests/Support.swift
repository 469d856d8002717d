import AmplsimTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

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

/// GNU time, which reports its child's own peak resident memory (`%M`, from its `wait4`).
private let gnuTime = "/usr/bin/time"

/// Runs `amplsim` with `arguments` in the package root (so that messages name paths as given),
/// with standard input from /dev/null, through AmplsimTestSupport's `runProcess`, and measures it:
/// wall-clock time with ContinuousClock and the child's peak resident memory.
///
/// The memory comes from `/usr/bin/time -f %M` when it is present. Without it, `ru_maxrss` of the
/// child from `wait4` is used; that is an upper bound, since glibc's posix_spawn starts the child
/// in the test process's memory (vfork) and Linux keeps that memory's peak in the child's
/// `ru_maxrss` across exec.
///
/// The runner kills the child (its whole process group) when it runs past
/// `Bounds.killAfterSeconds`; a watchdog asked by the runner kills it when it grows past
/// `Bounds.killAboveMebibytes`. The Swift runtime's crash backtracer is turned off, so a crash
/// shows as its signal, quickly.
func runAmplsim(_ arguments: [String]) throws -> Outcome {
    let timed = FileManager.default.isExecutableFile(atPath: gnuTime)
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("time")
    let clock = ContinuousClock()
    var lastCheck = clock.now
    let run = try runProcess(
        timed ? URL(fileURLWithPath: gnuTime) : amplsimExecutable,
        timed ? ["-f", "%M %x %U %S", "-o", report.path, amplsimExecutable.path] + arguments : arguments,
        environment: ["SWIFT_BACKTRACE": "enable=no"], timeout: Bounds.killAfterSeconds
    ) { pid in
        // The resident memory of time and amplsim, every 20 ms.
        guard clock.now - lastCheck >= .milliseconds(20) else { return nil }
        lastCheck = clock.now
        guard residentMebibytes(family: pid) > Bounds.killAboveMebibytes else { return nil }
        return "resident memory passed \(Bounds.killAboveMebibytes) MiB"
    }

    var exitStatus = run.exitStatus
    var signal = run.signal
    var maxRSSKiB = run.maxRSSKiB
    var cpuSeconds: Double?
    if timed, exitStatus != nil {
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
    return Outcome(exitStatus: exitStatus, signal: signal, stdout: run.stdoutData, stderr: run.stderr, seconds: run.seconds,
                   maxRSSKiB: maxRSSKiB, cpuSeconds: cpuSeconds, killedBecause: run.killedBecause)
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

        /// The runner under the harness (AmplsimTestSupport's `runProcess`) kills a child that runs
        /// past its timeout, and the child's own children with it: the grandchild holds standard
        /// output open, so the call returning within 5 s shows that it was killed too.
        @Test("the runner kills a child past its timeout, with its children")
        func runnerKillsOnTimeout() throws {
            let clock = ContinuousClock()
            let start = clock.now
            let run = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "sleep 30 & sleep 30"], timeout: 1)
            #expect(clock.now - start < .seconds(5), "\(run)")
            #expect(run.signal == SIGKILL && run.status == 128 + SIGKILL && run.exitStatus == nil, "\(run)")
            #expect(run.killedBecause == "still running after 1.0 s", "\(run)")
        }

        @Test("the runner gives standard input, the environment and the folder, and keeps both outputs")
        func runnerInputsAndOutputs() throws {
            let run = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "cat; echo \"$AMPLSIM_PROBE\"; pwd -P; echo oops >&2; exit 3"],
                                     environment: ["AMPLSIM_PROBE": "probe"], stdin: Data("in\n".utf8))
            #expect(run.status == 3 && run.exitStatus == 3 && run.signal == nil && run.killedBecause == nil, "\(run)")
            #expect(run.stdout == "in\nprobe\n\(packageRoot.resolvingSymlinksInPath().path)\n")
            #expect(run.stderr == "oops\n")
        }
    }
}
