import AmplsimEngine
import AmplsimRender
import Testing

/// Fixtures/topologies/hub-spoke-single-pe.yaml: the seed's "Hub-spoke networks" with a single PE
/// in the hub.
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2) allocation for pe-hub in 10.0.0.64/27: .64-.67 are reserved, so the address
///   keys take .68 upward: law-shared's region westeurope, oms .68, ods .69, agentsvc .70; api .71,
///   global.in.ai .72, profiler .73, live .74, diagservices-query .75, snapshot .76;
///   scadvisorcontentpl .77; global.handler.control .78; then the components in member order:
///   appi-spoke1-api (westeurope, 5): westeurope-5.in.ai .79, westeurope.livediagnostics .80;
///   appi-spoke2-web (northeurope, 0): northeurope-0.in.ai .81, northeurope.livediagnostics .82.
/// - Section 4: all three VNets link the same five zones, so they all get the same answers.
/// - Section 6: each spoke peers with the hub directly, so it reaches the hub with no intermediate
///   network (no transit needed); every resource is in ampls-hub: private.
@Suite("hub-spoke-single-pe.yaml: one PE in the hub serves every spoke")
struct HubSpokeSinglePETests {
    let f: Fixture
    let ws = "e5bb0684-2e59-481a-a2ac-fc1895a875fc"

    init() throws { f = try Fixture("hub-spoke-single-pe.yaml") }

    @Test("the hub's endpoint is created without refusal")
    func nothingRefused() { #expect(f.nothingRefused) }

    @Test("addresses start after the subnet's four reserved addresses")
    func allocation() {
        let a = f.addresses(of: "pe-hub")
        #expect(a.count == 15)
        #expect(a["\(ws).privatelink.oms.opinsights.azure.com"] == "10.0.0.68")
        #expect(a["\(ws).privatelink.ods.opinsights.azure.com"] == "10.0.0.69")
        #expect(a["api.privatelink.monitor.azure.com"] == "10.0.0.71")
        #expect(a["scadvisorcontentpl.privatelink.blob.core.windows.net"] == "10.0.0.77")
        #expect(a["global.handler.control.privatelink.monitor.azure.com"] == "10.0.0.78")
        #expect(a["westeurope-5.in.ai.privatelink.monitor.azure.com"] == "10.0.0.79")
        #expect(a["northeurope.livediagnostics.privatelink.monitor.azure.com"] == "10.0.0.82")
    }

    @Test("every row of every network is private through pe-hub")
    func allPrivate() {
        // 3 networks x (1 workspace x 4 + 2 components x 6) = 48 rows.
        #expect(f.rows.count == 48)
        for row in f.rows {
            #expect(row.status == .private, "\(row.network) / \(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
            #expect(row.via == "pe-hub")
        }
    }

    @Test("spokes reach the hub's PE through their own peering")
    func spokesThroughPeering() {
        f.expect("vnet-spoke1", "law-shared", .ods, .private, via: "pe-hub", answer: "10.0.0.69",
                 chain: ["\(ws).ods.opinsights.azure.com", "\(ws).privatelink.ods.opinsights.azure.com"])
        f.expect("vnet-spoke1", "appi-spoke1-api", .ingestRegional, .private, via: "pe-hub", answer: "10.0.0.79")
        f.expect("vnet-spoke2", "appi-spoke2-web", .ingestRegional, .private, via: "pe-hub", answer: "10.0.0.81")
        f.expect("vnet-spoke2", "appi-spoke2-web", .live, .private, via: "pe-hub", answer: "10.0.0.82")
        f.expect("vnet-spoke2", "law-shared", .query, .private, via: "pe-hub", answer: "10.0.0.71")
        let reach = f.simulation.resolver.reachability
        for spoke: NetworkID in ["vnet-spoke1", "vnet-spoke2"] {
            let path = reach.path(from: spoke, to: "vnet-hub")
            #expect(path?.via == [])
            #expect(path?.firstLink == .peering)
        }
        // Spokes do not reach each other (the hub has no transit), and do not need to.
        #expect(!reach.reaches("vnet-spoke1", "vnet-spoke2"))
    }
}

/// Fixtures/topologies/hub-spoke-transit.yaml: the PE sits in vnet-spoke1; vnet-spoke2 reaches it
/// only through the hub.
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2) allocation for pe-spoke1 in 10.0.1.0/27: the westeurope workspace's oms .4,
///   ods .5, agentsvc .6; api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11,
///   snapshot .12; scadvisorcontentpl .13; global.handler.control .14; westeurope-5.in.ai .15,
///   westeurope.livediagnostics .16.
/// - Section 6 reachability: vnet-spoke2 -> vnet-hub -> vnet-spoke1 has one intermediate network,
///   the hub, so the path exists only while the hub has `transit: true`.
@Suite("hub-spoke-transit.yaml: a spoke's PE reached from another spoke needs transit in the hub")
struct HubSpokeTransitTests {
    let ws = "53a5d60b-b921-4ccb-a53a-aa598f383804"

    @Test("with transit on the hub, every network is private")
    func withTransit() throws {
        let f = try Fixture("hub-spoke-transit.yaml")
        #expect(f.nothingRefused)
        // 3 networks x (4 + 6) = 30 rows, all private through pe-spoke1.
        #expect(f.rows.count == 30)
        for row in f.rows {
            #expect(row.status == .private, "\(row.network) / \(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
            #expect(row.via == "pe-spoke1")
        }
        f.expect("vnet-spoke2", "law-shared", .ods, .private, via: "pe-spoke1", answer: "10.0.1.5",
                 chain: ["\(ws).ods.opinsights.azure.com", "\(ws).privatelink.ods.opinsights.azure.com"])
        f.expect("vnet-spoke2", "appi-shared", .ingest, .private, via: "pe-spoke1", answer: "10.0.1.8")
        #expect(f.simulation.resolver.reachability.path(from: "vnet-spoke2", to: "vnet-spoke1")?.via == ["vnet-hub"])
    }

    @Test("without transit on the hub, the other spoke's answers are unroutable")
    func withoutTransit() throws {
        var topology = try Fixture.topology("hub-spoke-transit.yaml")
        let hub = try #require(topology.networks.firstIndex { $0.name == "vnet-hub" })
        topology.networks[hub].transit = false
        let f = Fixture(topology: topology)
        #expect(f.nothingRefused)
        // DNS is unchanged (the same zones answer 10.0.1.x), but vnet-spoke2 reaches vnet-spoke1
        // only through vnet-hub, which no longer routes between its neighbours: unroutable, via
        // the endpoint that holds the address.
        #expect(f.rows.filter { $0.network == "vnet-spoke2" }.count == 10)
        for row in f.rows where row.network == "vnet-spoke2" {
            #expect(row.status == .unroutable, "\(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
            #expect(row.via == "pe-spoke1")
        }
        f.expect("vnet-spoke2", "appi-shared", .query, .unroutable, via: "pe-spoke1", answer: "10.0.1.7")
        // The hub peers with vnet-spoke1 directly, and vnet-spoke1 holds the PE: both stay private.
        for row in f.rows where row.network != "vnet-spoke2" {
            #expect(row.status == .private, "\(row.network) / \(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
        }
    }
}
