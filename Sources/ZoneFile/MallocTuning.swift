internal import CLDNS

/// Raises glibc's trim threshold once per process (Docs/performance.md#notes: ldns churns ~200 KB of scratch
/// per record, and with the default threshold the heap shrinks and regrows on every record).
enum MallocTuning {
    private static let done: Bool = {
        cldns_tune_malloc()
        return true
    }()

    /// Applies the setting the first time it is called; later calls do nothing.
    static func ensure() {
        _ = done
    }
}
