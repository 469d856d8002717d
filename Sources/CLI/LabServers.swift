import AmplsimEngine
import AmplsimLab
import Foundation

// Process management for `amplsim lab`: finding named and dig, choosing ports, starting and
// stopping named by PID, asking with dig. The configuration itself is pure text (AmplsimLab).

/// Why the lab cannot run.
struct LabFailure: Error, CustomStringConvertible {
    var description: String
}

/// The programs the lab runs.
enum LabTools {
    /// The full path of `tool`: `$ENV` when set, else the PATH and the sbin folders (named lives
    /// in /usr/sbin, often outside a user's PATH).
    static func find(_ tool: String, override variable: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment[variable], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"]
        for folder in folders where !folder.isEmpty {
            let path = (folder as NSString).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func named() throws(LabFailure) -> String {
        guard let path = find("named", override: "AMPLSIM_NAMED") else {
            throw LabFailure(description: "error: named (BIND 9) is not installed; install it with: apt-get install bind9 bind9-dnsutils")
        }
        return path
    }

    /// util-linux's setpriv when it knows `--pdeathsig` (2.33 and later): named started through
    /// it gets SIGKILL when amplsim dies, whatever the cause.
    static func setprivWithDeathSignal() -> String? {
        guard let path = find("setpriv", override: "AMPLSIM_SETPRIV") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--help"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.contains("--pdeathsig") ? path : nil
    }

    static func dig() throws(LabFailure) -> String {
        guard let path = find("dig", override: "AMPLSIM_DIG") else {
            throw LabFailure(description: "error: dig is not installed; install it with: apt-get install bind9 bind9-dnsutils")
        }
        return path
    }
}

/// Loopback ports.
enum LabPortFinder {
    #if canImport(Glibc)
    private static let stream = Int32(SOCK_STREAM.rawValue)
    private static let datagram = Int32(SOCK_DGRAM.rawValue)
    #else
    private static let stream = SOCK_STREAM
    private static let datagram = SOCK_DGRAM
    #endif

    /// True when both a TCP and a UDP socket can bind 127.0.0.1:`port` now.
    static func isFree(_ port: UInt16) -> Bool {
        guard let tcp = bind(port, stream) else { return false }
        defer { close(tcp.fd) }
        guard let udp = bind(port, datagram) else { return false }
        close(udp.fd)
        return true
    }

    /// `count` distinct ports that are free on 127.0.0.1 for TCP and UDP, none in `taken`.
    static func free(_ count: Int, taken: Set<UInt16>) throws(LabFailure) -> [UInt16] {
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        var ports: [UInt16] = []
        var attempts = 0
        while ports.count < count {
            attempts += 1
            if attempts > 200 { throw LabFailure(description: "error: cannot find \(count) free ports on 127.0.0.1") }
            guard let tcp = bind(0, stream) else { continue }
            held.append(tcp.fd)
            guard !taken.contains(tcp.port), !ports.contains(tcp.port), let udp = bind(tcp.port, datagram) else { continue }
            held.append(udp.fd)
            ports.append(tcp.port)
        }
        return ports
    }

    private static func bind(_ port: UInt16, _ type: Int32) -> (fd: Int32, port: UInt16)? {
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { close(fd); return nil }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}

/// The named processes of a running lab. Every process is stopped by its PID, whatever path
/// ends the run (normal end, error, signal); with util-linux's setpriv each also dies when
/// amplsim itself dies.
final class LabServers: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [(process: LabProcess, handle: Process)] = []
    let directory: String
    private var stopped = false

    init(directory: String) {
        self.directory = directory
    }

    /// True once `stop` has been called (by the run's end or by a signal).
    var isStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped
    }

    /// The PIDs of the processes started and not yet stopped.
    var pids: [Int32] {
        lock.lock(); defer { lock.unlock() }
        return running.map { $0.handle.processIdentifier }
    }

    /// Starts every process of `configuration` (its files already written) and waits until each
    /// reports that it is running. On any failure, stops those already started.
    func start(_ configuration: LabConfiguration, named: String) throws(LabFailure) {
        let setpriv = LabTools.setprivWithDeathSignal()
        for process in configuration.processes {
            let handle = Process()
            let config = (directory as NSString).appendingPathComponent(process.configFile)
            let log = (directory as NSString).appendingPathComponent(process.logFile)
            let arguments = ["-g", "-4", "-n", "1", "-c", config]
            if let setpriv {
                handle.executableURL = URL(fileURLWithPath: setpriv)
                handle.arguments = ["--pdeathsig", "KILL", "--", named] + arguments
            } else {
                handle.executableURL = URL(fileURLWithPath: named)
                handle.arguments = arguments
            }
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            guard let output = FileHandle(forWritingAtPath: log) else {
                halt(final: false)
                throw LabFailure(description: "\(log): error: cannot write the log")
            }
            handle.standardOutput = output
            handle.standardError = output
            handle.standardInput = FileHandle.nullDevice
            lock.lock()
            if stopped { lock.unlock(); throw LabFailure(description: "error: the lab was stopped") }
            do {
                try handle.run()
            } catch {
                lock.unlock()
                halt(final: false)
                throw LabFailure(description: "error: cannot start \(named): \(error.localizedDescription)")
            }
            running.append((process, handle))
            lock.unlock()
            try? output.close()
            if let problem = waitUntilRunning(handle, log: log) {
                halt(final: false)
                throw LabFailure(description: "\(log): error: named (\(process.name), port \(process.port)) did not start: \(problem)")
            }
        }
    }

    /// nil once the log says "running"; else what went wrong.
    private func waitUntilRunning(_ handle: Process, log: String) -> String? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            for bad in ["not loaded due to errors", "address in use", "unable to listen", "loading configuration: ", "exiting (due to fatal error)"]
            where text.contains(bad) {
                let lines = text.split(separator: "\n").filter { $0.contains(bad) || $0.contains("error") || $0.contains("failed") }
                return lines.suffix(5).joined(separator: "\n")
            }
            if text.contains("\nrunning") || text.contains(" running\n") { return nil }
            if !handle.isRunning {
                return "exited with status \(handle.terminationStatus): " + text.split(separator: "\n").suffix(5).joined(separator: "\n")
            }
            usleep(50_000)
        }
        return "not running after 30 s"
    }

    /// The first process that has exited on its own, if any.
    func exited() -> LabProcess? {
        lock.lock(); defer { lock.unlock() }
        return running.first { !$0.handle.isRunning }?.process
    }

    /// Stops every process started: SIGTERM by PID, then SIGKILL after 5 s. Safe to call twice
    /// and from a signal handler's queue.
    func stop() {
        halt(final: true)
    }

    /// Stops every process; `final` also refuses any later start.
    private func halt(final: Bool) {
        lock.lock()
        if final { stopped = true }
        let all = running
        running = []
        lock.unlock()
        for entry in all where entry.handle.isRunning {
            kill(entry.handle.processIdentifier, SIGTERM)
        }
        for entry in all {
            let deadline = Date().addingTimeInterval(5)
            while entry.handle.isRunning && Date() < deadline { usleep(20_000) }
            if entry.handle.isRunning {
                kill(entry.handle.processIdentifier, SIGKILL)
                entry.handle.waitUntilExit()
            }
        }
    }
}

/// Stops the lab on SIGINT, SIGTERM and SIGHUP.
final class LabSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var caught: Int32?

    /// Installs the handlers; `onSignal` runs on a background queue (after the servers stop,
    /// for `verify`), `wait` returns for `up`.
    init(_ servers: LabServers, exitOnSignal: Bool) {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                let first = caught == nil
                if first { caught = number }
                lock.unlock()
                guard first else { return }
                if exitOnSignal {
                    servers.stop()
                    printError("amplsim lab: stopped by signal \(number)")
                    exit(128 + number)
                }
                semaphore.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Waits for a signal, checking `check` every second; returns the signal, or nil when
    /// `check` says to stop.
    func wait(while check: () -> Bool) -> Int32? {
        while true {
            if semaphore.wait(timeout: .now() + 1) == .success {
                lock.lock(); defer { lock.unlock() }
                return caught
            }
            if !check() { return nil }
        }
    }
}

/// Asks the lab with dig.
enum LabDig {
    /// The arguments of one question: type A, one try, recursion (dig's default).
    static func arguments(port: UInt16, source: String, name: DNSName) -> [String] {
        ["-p", String(port), "-b", source, "@127.0.0.1", name.absolute, "A",
         "+tries=1", "+time=20", "+noall", "+comments", "+answer"]
    }

    /// Asks every question, eight at a time; observations in question order.
    static func ask(_ questions: [(source: String, name: DNSName)], port: UInt16, dig: String) -> [LabObservation] {
        final class Results: @unchecked Sendable {
            var items: [LabObservation?]
            let lock = NSLock()
            init(_ n: Int) { items = Array(repeating: nil, count: n) }
        }
        let results = Results(questions.count)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: 8)
        for (i, question) in questions.enumerated() {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                let observation = ask(question.source, question.name, port: port, dig: dig)
                results.lock.lock()
                results.items[i] = observation
                results.lock.unlock()
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.items.map { $0 ?? LabObservation(status: nil, chain: [], addresses: [], problem: "not asked") }
    }

    static func ask(_ source: String, _ name: DNSName, port: UInt16, dig: String) -> LabObservation {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dig)
        process.arguments = arguments(port: port, source: source, name: name)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return LabObservation(status: nil, chain: [name], addresses: [], problem: "cannot run dig: \(error.localizedDescription)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LabObservation.parse(dig: String(decoding: data, as: UTF8.self), name: name)
    }
}
