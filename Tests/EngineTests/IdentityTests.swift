import Testing
@testable import AmplsimEngine

/// Typed identities, and Azure DNS of the asking network: a row's resolution names no network
/// (its answer is shared by the networks of one Azure DNS view), so what it reads of that
/// network's links is judged with the row's network (Docs/architecture.md, identities).
@Suite("Identities") struct IdentityTests {
    /// hub (10.0.0.0/16) holds pe-hub of scope s1 (ws1) and links the five AMPLS zones of its
    /// zone group; spoke (10.1.0.0/16) is peered with hub, asks Azure DNS and links no zone.
    static func topology(steps: [Step] = []) -> Topology {
        Topology(
            networks: [vnet("hub", "10.0.0.0/16", peerings: ["spoke"]), vnet("spoke", "10.1.0.0/16")],
            zones: amplsZones("hub", links: ["hub"]),
            workspaces: [ws("ws1", WS1)],
            scopes: [scope("s1", ["ws1"])],
            privateEndpoints: [pe("pe-hub", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("hub"))],
            steps: steps.map { TimelineStep($0) })
    }

    static let linkSpoke: [Step] = amplsZoneIDs("hub").map { .linkZone(zone: $0, network: "spoke", fallbackToInternet: false) }

    @Test func identitiesPrintTheirNames() {
        // Interpolation and `description` write the name: output keeps its bytes.
        let id = NetworkID("vnet-hub")
        #expect("\(id)" == "vnet-hub")
        #expect(id.description == id.name)
        #expect(NetworkID("a") < NetworkID("b"))
        #expect(NetworkPair("spoke", "hub") == NetworkPair("hub", "spoke"))
    }

    @Test func aRowNamesNoNetworkTheTraceNamesTheAskingOne() throws {
        let world = build(Self.topology())
        let name = dn("\(WS1).ods.opinsights.azure.com")
        // A row's resolution is the answer shared by the networks of spoke's view: its Azure DNS
        // hops are Azure DNS of whichever network asked.
        let spokeRow = try #require(row(rows(world), "spoke", "ws1", .ods))
        #expect(!spokeRow.resolution.hops.isEmpty)
        #expect(spokeRow.resolution.hops.allSatisfy { $0.resolver == .askingNetworkAzure })
        // Asked for one network (resolve's trace), the same hops name it.
        let trace = Resolver(world: world).resolve(name, from: "spoke")
        #expect(trace.hops.allSatisfy { $0.resolver == .azure(network: "spoke") })
    }

    @Test func aLinkChangeTouchesTheRowsOfTheNetworkThatAsks() throws {
        let before = build(Self.topology())
        let after = build(Self.topology(steps: Self.linkSpoke))
        let diff = WorldDiff(from: before, to: after)
        // Only spoke's links changed: no zone's records, no public name, no path.
        #expect(diff.networks == ["spoke"])
        #expect(diff.zones.isEmpty && diff.publicNames.isEmpty && diff.reach.isEmpty)
        let resolution = try #require(row(rows(before), "spoke", "ws1", .ods)).resolution
        // Azure DNS of spoke answers from the zones linked to spoke (MODEL.md section 4): the
        // row of spoke reads spoke's links; the same shared answer asked by hub does not, and a
        // memoised answer of a view (no asking network) reads what the view links, which is
        // what keys it.
        #expect(diff.touches(resolution, asking: "spoke"))
        #expect(!diff.touches(resolution, asking: "hub"))
        #expect(!diff.touches(resolution))
    }

    @Test func incrementalWhatIfJudgesAgainTheRowsOfARelinkedNetwork() throws {
        var incremental = IncrementalSimulation(world: build(Self.topology()))
        // Before: spoke sees no private zone, so Azure DNS answers ws1's ods name from public DNS
        // (MODEL.md section 4, step 3): a public address, and ws1 allows public ingestion:
        // `public` (section 6).
        let before = try #require(row(incremental.rows, "spoke", "ws1", .ods))
        #expect(before.status == .public)
        for step in Self.linkSpoke { #expect(incremental.apply(step) == nil) }
        // After: spoke's Azure DNS answers <ws1>.privatelink.ods.opinsights.azure.com from the
        // hub zone that pe-hub wrote, an address of pe-hub that spoke reaches through the
        // peering, and s1 holds ws1: `private` via pe-hub.
        let now = try #require(row(incremental.rows, "spoke", "ws1", .ods))
        #expect(now.status == .private)
        #expect(now.via == "pe-hub")
        #expect(incremental.rows == Simulation(world: incremental.world).rows())
        // hub's rows read hub's links only: unchanged.
        #expect(incremental.changesSinceStart.allSatisfy { $0.key.network == "spoke" })
        #expect(!incremental.changesSinceStart.isEmpty)
    }
}
