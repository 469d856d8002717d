import AmplsimLab
import Foundation

/// The named processes of a running lab. Every process is stopped by its PID, whatever path
/// ends the run (normal end, error, signal); with util-linux's setpriv each also dies when
/// amplsim itself dies.
///
/// `@unchecked Sendable`: `directory` is a `let`; `running` and `stopped` are read and written
/// only while holding `lock`, so a signal handler's `stop` and the run's own see one list.
package final class LabServers: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [(process: LabProcess, handle: Process)] = []
    package let directory: String
    private var stopped = false

    package init(directory: String) {
        self.directory = directory
    }

    /// True once `stop` has been called (by the run's end or by a signal).
    package var isStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped
    }

    /// The PIDs of the processes started and not yet stopped.
    package var pids: [Int32] {
        lock.lock(); defer { lock.unlock() }
        return running.map { $0.handle.processIdentifier }
    }

    /// Starts every process of `configuration` (its files already written) and waits until each
    /// reports that it is running. On any failure, stops those already started.
    package func start(_ configuration: LabConfiguration, named: String) throws(LabFailure) {
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
    package func exited() -> LabProcess? {
        lock.lock(); defer { lock.unlock() }
        return running.first { !$0.handle.isRunning }?.process
    }

    /// Stops every process started: SIGTERM by PID, then SIGKILL after 5 s. Safe to call twice
    /// and from a signal handler's queue.
    package func stop() {
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
