import AmplsimEngine
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Evaluates the networks of a world on every core and hands back each network's rendering in
/// topology order, so that the output is the same bytes whatever the number of threads.
///
/// A `Simulation` memoises (its resolver is not thread-safe), so each worker has its own; a
/// resolver view's names are then resolved once per worker instead of once, which costs little
/// next to judging and writing millions of rows.
///
/// Workers take networks one at a time from a shared counter, not in fixed shares: a worker that
/// the system deschedules (the machine's other work) leaves the networks it has not taken to the
/// others, so two workers are never slower than one (Docs/performance.md). Results wait in an
/// in-order window of `window` networks: a worker never runs further ahead of the network being
/// handed to `sink` than that, which bounds the memory held (a thousand-row network renders to
/// some 400 KB of JSON).
package struct ParallelRows<Chunk, State> {
    package let world: World
    package let workers: Int
    /// Networks rendered but not yet handed over, at most.
    package let window: Int

    package init(world: World, workers: Int = defaultParallelWorkers, window: Int = 16) {
        self.world = world
        self.workers = max(1, workers)
        self.window = max(1, window)
    }

    /// Renders each network of `networks` with `render` on a worker, and gives the results to
    /// `sink` in order, on the calling thread, as soon as each one and those before it are done.
    /// Each worker has a `State` of its own (made by `state`), kept from one network to the next
    /// (a writer's buffers, say).
    package func run(_ networks: [Network], state: @escaping @Sendable () -> State,
             render: @escaping @Sendable (Simulation, inout State, Network) -> Chunk, sink: (Chunk) -> Void) {
        run(networks, state: state, indexed: { simulation, local, _, network in render(simulation, &local, network) },
            sink: sink)
    }

    /// The same, `render` being told each network's index in `networks` too (a worker renders
    /// them in increasing order).
    package func run(_ networks: [Network], state: @escaping @Sendable () -> State,
             indexed render: @escaping @Sendable (Simulation, inout State, Int, Network) -> Chunk, sink: (Chunk) -> Void) {
        let width = min(workers, networks.count)
        if width <= 1 {
            let simulation = Simulation(world: world)
            var local = state()
            for (i, network) in networks.enumerated() { sink(render(simulation, &local, i, network)) }
            return
        }
        let results = OrderedWindow<Chunk>(count: networks.count, size: max(window, width))
        let world = self.world
        let done = DispatchGroup()
        for _ in 0..<width {
            done.enter()
            // Threads of their own, not a dispatch queue's: the calling thread blocks until the
            // results come, which must not wait for a pool's free thread.
            let thread = Thread {
                let simulation = Simulation(world: world)
                var local = state()
                while let i = results.take() {
                    results.put(i, render(simulation, &local, i, networks[i]))
                }
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for i in 0..<networks.count { sink(results.result(i)) }
        done.wait()
    }
}

/// The processors this process may run on (its CPU affinity mask, as `taskset` or a container's
/// cpuset sets it; the processors online where the mask cannot be read), at most 8. Two workers
/// on one allowed processor would only take turns.
var defaultParallelWorkers: Int { min(8, max(1, allowedProcessors())) }

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

/// The in-order window of `ParallelRows`: workers take the next index and put its result;
/// the calling thread takes the results in index order.
///
/// `@unchecked Sendable`: every field is read and written under `condition`'s lock. A result's
/// slot is index modulo the window's size, and an index is only given out while its slot's
/// previous result has been taken (index < taken + size).
private final class OrderedWindow<Chunk>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Chunk?]
    private let count: Int
    /// The next index to give a worker.
    private var next = 0
    /// Results handed over so far.
    private var taken = 0

    init(count: Int, size: Int) {
        self.count = count
        slots = Array(repeating: nil, count: size)
    }

    /// The next index to render, once the window has room for it; nil when every index is given.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count && next >= taken + slots.count { condition.wait() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ i: Int, _ chunk: Chunk) {
        condition.lock()
        slots[i % slots.count] = chunk
        condition.broadcast()
        condition.unlock()
    }

    /// The result of index `i` (the one after the last taken), once a worker has put it.
    func result(_ i: Int) -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        while slots[i % slots.count] == nil { condition.wait() }
        let chunk = slots[i % slots.count].take()!
        taken = i + 1
        condition.broadcast()
        return chunk
    }
}
