import AmplsimEngine
import AmplsimTopology
import ArgumentParser
import Foundation

/// Exit statuses of FORMAT.md.
enum Exit {
    static let failures = ExitCode(1)
    static let badInput = ExitCode(2)
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes to standard output without adding a newline.
func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// A topology evaluated through its whole timeline.
struct Evaluated {
    var topology: Topology
    var world: World
    var outcomes: [StepOutcome]

    /// Loads and runs a topology; bad input prints its message and exits 2. Refused steps are
    /// reported on standard error and skipped; a fixed address that clashes at creation is bad input.
    static func load(_ path: String, zoneFiles: [String: String] = [:], quiet: Bool = false) throws -> Evaluated {
        let topology = try loadTopology(path, zoneFiles: zoneFiles, quiet: quiet)
        let (world, outcomes) = Timeline.finalWorld(of: topology)
        for outcome in outcomes {
            guard let refusal = outcome.refusal else { continue }
            let place = outcome.step.source.map { "\($0.file):\($0.line)" } ?? path
            if refusal.rule == .fixedAddress, outcome.index <= topology.privateEndpoints.count {
                printError("\(place): error: \(refusal.message)")
                throw Exit.badInput
            }
            if quiet { continue }
            let label = outcome.step.label.map { " (\($0))" } ?? ""
            printError("\(place): warning: step \(outcome.index) \(outcome.step.step.keyword)\(label) refused [\(refusal.rule.rawValue)]: \(refusal.message)")
        }
        return Evaluated(topology: topology, world: world, outcomes: outcomes)
    }

    /// Loads a topology without running it; bad input prints its message and exits 2. The
    /// loader's warnings (defaults the file may not have meant) go to standard error.
    static func loadTopology(_ path: String, zoneFiles: [String: String] = [:], quiet: Bool = false) throws -> Topology {
        let loaded: LoadedTopology
        do {
            loaded = try TopologyLoader(zoneFiles: zoneFiles).loadWithWarnings(path: path)
        } catch {
            printError(error.description)
            throw Exit.badInput
        }
        if !quiet { for warning in loaded.warnings { printError(warning.description) } }
        return loaded.topology
    }

    /// Checks `--network` names; an unknown one is bad input.
    func checkNetworks(_ names: [String]) throws {
        for name in names where world.network(name) == nil {
            let known = world.networks.map(\.name)
            printError("--network: no network named '\(name)' (networks: \(known.joined(separator: ", ")))")
            throw Exit.badInput
        }
    }
}

/// Standard output in large chunks, for outputs of hundreds of megabytes.
struct BufferedOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { flush() }
    }

    mutating func write(bytes: [UInt8]) {
        if bytes.count >= limit / 8 {
            flush()
            bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count,
                                                     deallocator: .none))
            }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Wall and CPU time since it was made (`what-if --step-times`, for the benchmarks).
struct StepClock {
    private let wall = StepClock.now(CLOCK_MONOTONIC)
    private let cpu = StepClock.now(CLOCK_PROCESS_CPUTIME_ID)

    private static func now(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// "wall 0.012345 s, cpu 0.012001 s"
    func elapsed() -> String {
        let w = StepClock.now(CLOCK_MONOTONIC) - wall, c = StepClock.now(CLOCK_PROCESS_CPUTIME_ID) - cpu
        return "wall \(String(format: "%.6f", w)) s, cpu \(String(format: "%.6f", c)) s"
    }
}

/// A topology as reports name it: its file name alone (a report is the same wherever the file
/// lies), or `stdin` for `-`.
func topologyTitle(_ path: String) -> String {
    path == "-" ? "stdin" : (path as NSString).lastPathComponent
}

extension Evaluated {
    /// The intents to check: those of `--intents FILE` (which replace the topology's own), else
    /// the topology's `intents:`. Bad input prints its message and exits 2.
    /// The same, refused (exit 2) when there are none: `purpose` says what they are for
    /// ("check", "satisfy").
    func requiredIntents(file: String?, topology path: String, purpose: String) throws -> [Intent] {
        let list = try intents(file: file)
        if list.isEmpty {
            printError("\(file ?? path): error: no intents to \(purpose): add `intents:` to the topology or give --intents FILE")
            throw Exit.badInput
        }
        return list
    }

    func intents(file: String?) throws -> [Intent] {
        guard let file else { return topology.intents }
        do {
            return try TopologyLoader().loadIntents(path: file, for: topology)
        } catch {
            printError(error.description)
            throw Exit.badInput
        }
    }
}
