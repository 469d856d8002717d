import Testing
@testable import AmplsimEngine

/// The what-if base kept as compact records (Docs/performance.md#the-what-if-base): the rows made
/// from the records are the rows a full simulation gives, and a step's changes are found from them
/// as from the full rows.
@Suite("Compact what-if base")
struct BaseRowsTests {
    /// VerdictTests' two scopes, not peered: hub (pe1, scope s1 = ws1, app1) and spoke (pe2,
    /// scope s2 = ws2, app2) both link the shared zones; s2's ingestion mode is Open and app1
    /// denies public ingestion; the profiler name is pointed at 10.0.9.9, in hub's space, which no
    /// endpoint holds.
    static func world() -> World {
        VerdictTests.TwoScopes(s2Ingestion: .open, app1Ingestion: false, peered: false,
                               steps: [.setRecord(zone: "z-monitor", record: A("profiler.privatelink.monitor.azure.com", "10.0.9.9"))])
            .world()
    }

    @Test func rowsMadeFromTheRecordsAreTheSimulationsRows() throws {
        let world = Self.world()
        let full = Simulation(world: world).rows()
        // Made from another simulation of the same world: equal rows, not the same stored values.
        let base = BaseRows(Simulation(world: world))
        #expect(base.count == full.count)
        #expect(base.rows == full)
        for (i, row) in full.enumerated() {
            #expect(base[i] == row)
            #expect(base.status(i) == row.status && base.via(i) == row.via && base.network(i) == row.network)
            #expect(base.resolution(i) == row.resolution)
        }
        let rows = base.rows
        // MODEL.md section 6 (Docs/model.md#verdicts), one status per rule:
        // ws1 is a member of s1, whose pe1 sits in hub: `private` via pe1.
        #expect(row(rows, "hub", "ws1", .ods)?.status == .private)
        #expect(row(rows, "hub", "ws1", .ods)?.via == "pe1")
        // Not peered: spoke has no route to pe1's address, whatever the scope: `unroutable` via pe1.
        #expect(row(rows, "spoke", "ws1", .ods)?.status == .unroutable)
        #expect(row(rows, "spoke", "ws1", .ods)?.via == "pe1")
        // A private address nobody holds: `dangling`, via nothing.
        #expect(row(rows, "spoke", "app1", .profiler)?.status == .dangling)
        #expect(row(rows, "spoke", "app1", .profiler)?.via == nil)
        // global.in.ai holds pe2's address (pe2 writes last); from spoke, app1 is outside s2, whose
        // ingestion is Open, and app1 denies public ingestion: `public-denied` via pe2.
        #expect(row(rows, "spoke", "app1", .ingest)?.status == .publicDenied)
        #expect(row(rows, "spoke", "app1", .ingest)?.via == "pe2")
        // The tables hold each distinct value once: two endpoints answer (pe1, pe2), a reason per
        // distinct reason, and a resolution per distinct resolution, at most one per name since
        // both networks link the same zones and have no hosts file.
        let sizes = base.tableSizes
        #expect(sizes.vias == 2)
        #expect(sizes.reasons == Set(full.map(\.reason)).count)
        #expect(sizes.resolutions == Set(full.map(\.resolution)).count)
        #expect(sizes.resolutions <= Set(full.map(\.fqdn)).count)
        #expect(base.recordBytes == full.count * 12)
    }

    @Test func aStepsChangesFromTheCompactBaseAreTheFullDiffs() throws {
        let world = Self.world()
        let before = Simulation(world: world).rows()
        var incremental = IncrementalSimulation(world: world)
        #expect(incremental.initialRowCount == before.count)
        #expect(incremental.initialRows == before)
        // Peering hub and spoke gives each a route to the other's endpoint: spoke's ws1 rows
        // (answered by pe1) and hub's ws2 rows (pe2) go from `unroutable` to `private`.
        #expect(incremental.apply(.peer("hub", "spoke")) == nil)
        let peered = Simulation(world: incremental.world).rows()
        #expect(incremental.rows == peered)
        #expect(incremental.lastChanges == Replay.diff(before, peered))
        let heal = try #require(incremental.lastChanges.first { $0.key == Row.Key(network: "spoke", resource: "ws1", endpoint: .ods) })
        #expect(heal.before?.status == .unroutable && heal.after?.status == .private && heal.heals)
        // The row before the step is the one made from its record, equal to the full simulation's.
        #expect(heal.before == row(before, "spoke", "ws1", .ods))
        #expect(incremental.lastChanges.contains { $0.key == Row.Key(network: "hub", resource: "ws2", endpoint: .ods) && $0.heals })

        // Deleting app2 (taken out of s2 first: a resource in a scope cannot be deleted) removes
        // its rows: a component has six endpoints, so 2 networks × 6 rows disappear, each
        // reported with the row it was before the deletion.
        #expect(incremental.apply(.unlinkResource(scope: "s2", resource: "app2")) == nil)
        let unlinked = incremental.rows
        #expect(incremental.apply(.deleteResource("app2")) == nil)
        let gone = incremental.lastChanges.filter { $0.after == nil }
        #expect(gone.count == 12)
        #expect(gone.allSatisfy { change in change.before.map { unlinked.contains($0) && $0.resource == "app2" } ?? false })
        let after = Simulation(world: incremental.world).rows()
        #expect(incremental.rows == after)
        #expect(incremental.changesSinceStart == Replay.diff(before, after))
    }
}
