import AmplsimTestSupport
import AmplsimApp
import AmplsimEngine
import AmplsimRender
import AmplsimTopology
import Foundation
import Testing

/// `simulate` evaluates networks on every core: each worker has its own simulation, takes the
/// next network from a shared counter, and the results are handed over in topology order through
/// a window of at most `window` networks (Docs/performance.md). Whatever the number of workers,
/// the window and the time each network takes, the results must be those of one simulation, in
/// the same order.
@Suite struct ParallelRowsTests {
    @Test(arguments: ["two-vnets-shared-dns.yaml", "hub-spoke-transit.yaml", "onprem-forwarder.yaml", "access-modes.yaml"])
    func everyWorkerCountGivesTheRowsOfOneSimulation(_ name: String) throws {
        let world = Timeline.finalWorld(of: try TopologyLoader().load(path: fixture("topologies/\(name)"))).world
        let expected = Simulation(world: world).rows()
        #expect(world.networks.count >= 2)
        for (workers, window) in [(1, 16), (2, 1), (3, 1), (4, 2), (8, 16)] {
            var got: [Row] = []
            ParallelRows<[Row], Int>(world: world, workers: workers, window: window).run(world.networks) {
                0
            } render: { simulation, seen, network in
                // A worker's state lives on from one network to the next.
                seen += 1
                var rows: [Row] = []
                simulation.forEachRow(of: network) { rows.append($0) }
                return rows
            } sink: { got += $0 }
            #expect(got == expected, "\(workers) workers, window \(window)")
        }
    }

    /// Networks that take very different times (the first of every seven sleeps, the others do
    /// not) still come out in input order, and no worker runs more than the window ahead of the
    /// network being handed over.
    @Test(arguments: [2, 3, 4])
    func unevenWorkComesOutInOrder(workers: Int) throws {
        let world = Timeline.finalWorld(of: try TopologyLoader().load(path: fixture("topologies/hub-spoke-transit.yaml"))).world
        // 60 networks named by their index (the rendering reads the index back from the name;
        // the simulation is not asked about them).
        let networks = (0..<60).map { i in
            var network = world.networks[i % world.networks.count]
            network.name = NetworkID("\(i)")
            return network
        }
        let window = 5
        let started = Counter()
        var order: [Int] = []
        var workersSeen = Set<Int>()
        ParallelRows<(index: Int, worker: Int), (worker: Int, rendered: Int)>(world: world, workers: workers, window: window)
            .run(networks) {
                (started.nextWorker(), 0)
            } render: { _, state, network in
                let index = Int(network.name.name)!
                started.start()
                if index % 7 == 0 { Thread.sleep(forTimeInterval: 0.02) }
                state.rendered += 1
                return (index, state.worker)
            } sink: { chunk in
                // When index i is handed over, i + 1 results have been taken, and a worker is
                // given index j only while j < taken + window: at most indexes 0 ... i + window
                // have started. Without the bound, the other workers would have started all 60
                // while the first sleeps.
                #expect(started.count <= chunk.index + 1 + window, "index \(chunk.index): \(started.count) started")
                order.append(chunk.index)
                workersSeen.insert(chunk.worker)
            }
        // The input order is 0, 1, 2, ...: any swap in the join shows here.
        #expect(order == Array(0..<60))
        // The sleeping networks leave the others to the rest: more than one worker rendered.
        #expect(workersSeen.count > 1)
    }
}

/// A count shared by the workers of a test.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var started = 0
    private var workers = 0

    var count: Int { lock.withLock { started } }

    /// Counts a rendering as it starts.
    func start() {
        lock.withLock { started += 1 }
    }

    func nextWorker() -> Int {
        lock.withLock {
            workers += 1
            return workers - 1
        }
    }
}
