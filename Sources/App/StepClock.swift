import Foundation

/// Wall and CPU time since it was made (`what-if --step-times`, for the benchmarks).
package struct StepClock {
    private let wall = StepClock.now(CLOCK_MONOTONIC)
    private let cpu = StepClock.now(CLOCK_PROCESS_CPUTIME_ID)

    package init() {}

    private static func now(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// "wall 0.012345 s, cpu 0.012001 s"
    package func elapsed() -> String {
        let w = StepClock.now(CLOCK_MONOTONIC) - wall, c = StepClock.now(CLOCK_PROCESS_CPUTIME_ID) - cpu
        return "wall \(String(format: "%.6f", w)) s, cpu \(String(format: "%.6f", c)) s"
    }
}
