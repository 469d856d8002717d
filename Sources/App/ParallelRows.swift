import AmplsimEngine
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Evaluates the networks of a world on every core and hands back each network's rendering in
/// topology order, so that the output is the same bytes whatever the number of threads.
///
/// A `Simulation` memoises (its resolver is not thread-safe), so each worker has its own; a
/// resolver view's names are then resolved once per worker instead of once, which costs little
/// next to judging and writing millions of rows.
package struct ParallelRows<Chunk, State> {
    package let world: World
    package let workers: Int
    /// Networks evaluated between two hand-overs: a bound on the memory held (a thousand-row
    /// network renders to some 400 KB of JSON).
    package let batch: Int

    package init(world: World, workers: Int = defaultParallelWorkers, networksPerWorker: Int = 8) {
        self.world = world
        self.workers = max(1, workers)
        self.batch = self.workers * max(1, networksPerWorker)
    }

    /// Renders each network of `networks` with `render` on a worker, and gives the results to
    /// `sink` in order, a batch at a time. Each worker has a `State` of its own (made by `state`),
    /// kept from one network to the next (a writer's buffers, say).
    package func run(_ networks: [Network], state: @escaping @Sendable () -> State,
             render: @escaping @Sendable (Simulation, inout State, Network) -> Chunk, sink: (Chunk) -> Void) {
        if workers == 1 || networks.count <= 1 {
            let simulation = Simulation(world: world)
            var local = state()
            for network in networks { sink(render(simulation, &local, network)) }
            return
        }
        let states = (0..<workers).map { _ in WorkerState(simulation: Simulation(world: world), state: state()) }
        var start = 0
        while start < networks.count {
            let slice = Array(networks[start..<min(start + batch, networks.count)])
            let results = Slots<Chunk>(count: slice.count)
            let width = workers
            DispatchQueue.concurrentPerform(iterations: min(width, slice.count)) { w in
                let worker = states[w]
                var i = w
                while i < slice.count {
                    results.set(i, render(worker.simulation, &worker.state, slice[i]))
                    i += width
                }
            }
            for i in 0..<slice.count { sink(results.take(i)) }
            start += slice.count
        }
    }
}

/// The processors this process may run on (its CPU affinity mask, as `taskset` or a container's
/// cpuset sets it; the processors online where the mask cannot be read), at most 8. Two workers
/// on one allowed processor would only take turns.
package var defaultParallelWorkers: Int { min(8, max(1, allowedProcessors())) }

func allowedProcessors() -> Int {
    #if os(Linux)
    // A mask of 1,024 processors, as glibc's cpu_set_t.
    var mask = [UInt64](repeating: 0, count: 16)
    let read = mask.withUnsafeMutableBytes { linuxSchedGetAffinity(0, $0.count, $0.baseAddress!) }
    if read == 0 {
        let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
        if count > 0 { return count }
    }
    #endif
    return sysconf(Int32(_SC_NPROCESSORS_ONLN))
}

#if os(Linux)
/// glibc's sched_getaffinity(2), which the Glibc module does not export (it needs _GNU_SOURCE).
@_silgen_name("sched_getaffinity")
private func linuxSchedGetAffinity(_ pid: Int32, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
#endif

/// One worker's simulation and state, kept across batches (the simulation's memo is the point).
///
/// `@unchecked Sendable`: only the worker of the same index touches it, and batches are
/// separated by `concurrentPerform`'s join, so no two threads use it at once and each batch
/// sees the writes of the one before.
private final class WorkerState<State>: @unchecked Sendable {
    let simulation: Simulation
    var state: State
    init(simulation: Simulation, state: State) {
        self.simulation = simulation
        self.state = state
    }
}

/// Result slots of one batch.
///
/// `@unchecked Sendable`: each index is written by one worker only, and read (`take`) after
/// `concurrentPerform`'s join, which orders every write before the reads; the buffer lives as
/// long as the object.
private final class Slots<Chunk>: @unchecked Sendable {
    private let items: UnsafeMutableBufferPointer<Chunk?>
    init(count: Int) {
        items = .allocate(capacity: count)
        items.initialize(repeating: nil)
    }
    deinit {
        items.deinitialize()
        items.deallocate()
    }
    func set(_ i: Int, _ chunk: Chunk) { items[i] = chunk }
    func take(_ i: Int) -> Chunk {
        defer { items[i] = nil }
        return items[i]!
    }
}
