import AmplsimTestSupport
import AmplsimApp
import AmplsimEngine
import AmplsimRender
import AmplsimTopology
import Testing

/// `simulate --format json` evaluates networks on every core: each worker has its own simulation
/// and the results are handed over in topology order. Whatever the number of workers and the
/// batch size, the rows must be those of one simulation, in the same order.
@Suite struct ParallelRowsTests {
    @Test(arguments: ["two-vnets-shared-dns.yaml", "hub-spoke-transit.yaml", "onprem-forwarder.yaml", "access-modes.yaml"])
    func everyWorkerCountGivesTheRowsOfOneSimulation(_ name: String) throws {
        let world = Timeline.finalWorld(of: try TopologyLoader().load(path: fixture("topologies/\(name)"))).world
        let expected = Simulation(world: world).rows()
        #expect(world.networks.count >= 2)
        for (workers, perWorker) in [(1, 8), (2, 1), (3, 1), (4, 2), (8, 8)] {
            var got: [Row] = []
            ParallelRows<[Row], Int>(world: world, workers: workers, networksPerWorker: perWorker).run(world.networks) {
                0
            } render: { simulation, seen, network in
                // A worker's state lives on from one network to the next.
                seen += 1
                var rows: [Row] = []
                simulation.forEachRow(of: network) { rows.append($0) }
                return rows
            } sink: { got += $0 }
            #expect(got == expected, "\(workers) workers, \(perWorker) networks each")
        }
    }
}
