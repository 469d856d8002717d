#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import Dispatch

/// One read: the file comes in pieces (`SplitZone`); for each, `RecordPreparer` settles
/// directives, owners, TTLs and types in file order on the calling thread, then the records' data
/// is read in chunks on other threads (`WindowJob`) while the calling thread prepares the next
/// piece; the chunks' records and errors are joined in file order, up to the `maxErrors`-th error.
final class ZoneReadSession {
    private let path: String
    private let maxErrors: Int
    /// The size of the whole input, to reserve room for the records once the first piece shows
    /// how many a byte holds.
    private let expectedBytes: Int
    /// False to read every record through ldns.
    private let usesFastPath: Bool

    private var preparer: RecordPreparer
    /// The piece whose data is being read, with how many errors its preparation met.
    private var inFlight: (job: WindowJob, errors: Int)?
    /// True when reading stopped before the end of the input (`maxErrors` errors).
    private var stopped = false
    /// The split of the piece being read, and windows whose arrays can be used again.
    private var split = SplitZone()
    private var recycled: [PreparedWindow] = []

    private var records: [ZoneRecord] = []
    private var errors: [ZoneFileError] = []
    private var reserved = false

    /// Starts a read of `path` (`expectedBytes` long); throws when `origin` is not a domain name.
    init(
        path: String, origin: String?, defaultTTL: UInt32, maxErrors: Int, expectedBytes: Int, usesFastPath: Bool
    ) throws(ReadProblem) {
        self.path = path
        self.usesFastPath = usesFastPath
        self.maxErrors = maxErrors
        self.expectedBytes = expectedBytes
        self.preparer = try RecordPreparer(origin: origin, defaultTTL: defaultTTL)
    }

    /// True once no more of the input is needed: `maxErrors` errors were met, or will be when the
    /// piece in flight is joined.
    var isFinished: Bool { stopped || errors.count >= maxErrors }

    /// Splits and prepares one piece of the file, `input`, whose first line is `firstLine`; then
    /// joins the piece before it and starts reading this one's data. Returns how much of `input`
    /// was used and the line after it: unless `isFinal`, a last record that may go on after
    /// `input` is left for the next piece (nothing is used when `input` holds no whole record).
    func read(_ input: UnsafeBufferPointer<UInt8>, firstLine: Int, isFinal: Bool) -> (consumed: Int, nextLine: Int) {
        var window = recycled.popLast() ?? PreparedWindow()
        split.text = window.text
        window.text = []
        LogicalRecordSplitter.split(input, firstLine: firstLine, isFinal: isFinal, into: &split)
        defer {
            // The window (in flight, or back among the recycled) now holds the only reference.
            split.text = []
        }
        if split.consumed == 0 && !isFinal {
            window.text = split.text
            recycled.append(window)
            return (0, firstLine)
        }
        // Errors already certain: those joined, and those met preparing the piece in flight.
        let budget = maxErrors - errors.count - (inFlight?.errors ?? 0)
        guard budget > 0 else {
            stopped = true
            return (split.consumed, split.nextLine)
        }
        preparer.prepare(split, budget: budget, into: &window)
        let met = window.messages.count
        reserveRecords(entries: window.recordCount, bytes: split.consumed)
        join()
        if isFinished { return (split.consumed, split.nextLine) }
        let job = WindowJob(window, path: path, errorBudget: maxErrors - errors.count, usesFastPath: usesFastPath)
        job.start()
        inFlight = (job, met)
        return (split.consumed, split.nextLine)
    }

    /// Joins the piece in flight and returns what was read.
    func finish() -> ZoneFileContents {
        join()
        // Pieces are prepared ahead of the errors the threads find: an `$ORIGIN` after the error
        // that stopped the read was never reached.
        var origin = preparer.zoneOrigin
        if let line = preparer.zoneOriginLine, errors.count >= maxErrors, let last = errors.last, line > last.line {
            origin = nil
        }
        return ZoneFileContents(records: records, errors: errors, origin: origin ?? "")
    }

    /// Waits for the piece in flight and appends its records and errors, up to `maxErrors`.
    private func join() {
        guard let (job, _) = inFlight else { return }
        inFlight = nil
        let (results, window) = job.wait()
        recycled.append(window)
        for result in results {
            var next = 0
            for (after, error) in result.errors {
                result.records.move(next..<after, to: &records)
                next = after
                errors.append(error)
                if errors.count >= maxErrors { return }
            }
            result.records.move(next..<result.records.count, to: &records)
        }
    }

    /// Reserves room for the whole input's records after the first piece: as many as its rate
    /// of records per byte gives, plus a little (an array grown by doubling would hold two copies
    /// for a moment; reserved pages cost no memory until written).
    private func reserveRecords(entries: Int, bytes: Int) {
        guard !reserved, bytes > 0, entries > 0 else { return }
        reserved = true
        let perByte = Double(entries) / Double(bytes)
        let estimate = min(Double(expectedBytes) * perByte * 1.05 + 64, Double(expectedBytes / 8 + 64))
        records.reserveCapacity(Int(estimate))
    }
}

/// The reading of one prepared piece's data, in chunks claimed one at a time by worker threads
/// and by the thread that waits for it. The waiting thread never waits for a worker that has not
/// started (so it cannot hang on a busy thread pool): once it has read the chunks left, workers
/// that start later find the job closed and do nothing.
///
/// `@unchecked Sendable`: `path`, `errorBudget`, `usesFastPath` and `chunkCount` are `let`s.
/// `next`, `active` and `closed` are read and written only while holding `lock`, so each chunk
/// index is claimed by exactly one thread, and slot `i` of `slots` is written only by the thread
/// that claimed chunk `i`. A worker touches `window` and `slots` only between becoming active
/// (under `lock`, while the job is not closed) and leaving (under `lock`). `wait` closes the job
/// under `lock` after its own chunks, then waits on `finished` if workers are still active (the
/// last to leave signals it); so when `wait` reads the slots and moves `window` out, every
/// worker's writes happen-before, and no worker reads `window` any more.
final class WindowJob: @unchecked Sendable {
    private var window: PreparedWindow
    private let path: String
    private let errorBudget: Int
    private let usesFastPath: Bool
    private let chunkCount: Int
    private let slots: UnsafeMutableBufferPointer<ChunkResult?>
    private let lock = DispatchSemaphore(value: 1)
    private let finished = DispatchSemaphore(value: 0)
    private var next = 0
    private var active = 0
    private var closed = false

    /// Threads that read chunks besides the one that will wait: one fewer than the processors,
    /// since the waiting thread prepares the next piece meanwhile and then helps.
    private static let workers: Int = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)) - 1)

    init(_ window: PreparedWindow, path: String, errorBudget: Int, usesFastPath: Bool) {
        self.window = window
        self.usesFastPath = usesFastPath
        self.path = path
        self.errorBudget = errorBudget
        self.chunkCount = (window.entries.count + PreparedWindowReader.chunkSize - 1) / PreparedWindowReader.chunkSize
        self.slots = .allocate(capacity: max(1, chunkCount))
        slots.initialize(repeating: nil)
    }

    /// Starts the worker threads (none for a piece of one chunk: the waiting thread reads it).
    func start() {
        guard chunkCount > 1 else { return }
        for _ in 0..<min(Self.workers, chunkCount - 1) {
            DispatchQueue.global().async {
                self.runWorker()
            }
        }
    }

    /// Reads the chunks not yet claimed, waits for the workers still reading, and returns every
    /// chunk's result in order, and the window (for its arrays to be used again).
    func wait() -> (results: [ChunkResult], window: PreparedWindow) {
        work()
        lock.wait()
        closed = true
        let mustWait = active > 0
        lock.signal()
        if mustWait { finished.wait() }
        let window = self.window
        self.window = PreparedWindow()
        return (slots.compactMap { $0 }, window)
    }

    private func runWorker() {
        lock.wait()
        if closed {
            lock.signal()
            return
        }
        active += 1
        lock.signal()
        work()
        lock.wait()
        active -= 1
        let last = closed && active == 0
        lock.signal()
        if last { finished.signal() }
    }

    private func work() {
        while let chunk = claim() {
            let size = PreparedWindowReader.chunkSize
            let range = chunk * size..<min(window.entries.count, (chunk + 1) * size)
            slots[chunk] = PreparedWindowReader.readChunk(
                window, range, path: path, errorBudget: errorBudget, usesFastPath: usesFastPath)
        }
    }

    private func claim() -> Int? {
        lock.wait()
        defer { lock.signal() }
        guard next < chunkCount else { return nil }
        next += 1
        return next - 1
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}
