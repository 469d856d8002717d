import Foundation

/// Stops the lab on SIGINT, SIGTERM and SIGHUP.
///
/// `@unchecked Sendable`: `sources` is written only in `init`, before any handler runs; `caught`
/// is read and written only while holding `lock`; `semaphore` and `lock` are thread-safe.
package final class LabSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var caught: Int32?

    /// Installs the handlers; `onSignal` runs on a background queue (after the servers stop,
    /// for `verify`), `wait` returns for `up`.
    package init(_ servers: LabServers, exitOnSignal: Bool) {
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
    package func wait(while check: () -> Bool) -> Int32? {
        while true {
            if semaphore.wait(timeout: .now() + 1) == .success {
                lock.lock(); defer { lock.unlock() }
                return caught
            }
            if !check() { return nil }
        }
    }
}
