import AmplsimEngine
import Testing

/// Fixtures/topologies/two-vnets-shared-dns.yaml: the seed's "DNS overrides in multiple VNets".
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2) allocation by address key. pe1 (ampls1 = law-app1, appi-app1) in 10.0.1.0/27
///   and pe2 (ampls2 = law-app2, appi-app2) in 10.0.2.0/27 both need, in order: the eastus
///   workspace's <ws>.oms .4, <ws>.ods .5, <ws>.agentsvc .6; api .7, global.in.ai .8,
///   profiler .9, live .10, diagservices-query .11, snapshot .12; scadvisorcontentpl .13;
///   global.handler.control .14; the component's eastus-5.in.ai .15, eastus.livediagnostics .16
///   (each subnet's .0-.3 reserved; the two subnets are separate, so both start at .4).
/// - Last writer wins: pe1 is created first and writes its 13 names; pe2 writes next into the
///   SAME zones. Every monitor name and the blob name are the same for both scopes (the two
///   components share region and stamp), so pe2 replaces all of them with 10.0.2.x. The
///   workspace names differ (<ws1> vs <ws2>), so pe1's three workspace records stay.
/// - Section 6 reachability: vnet1 and vnet2 are not peered, so neither reaches the other.
@Suite("two-vnets-shared-dns.yaml: the last VNet wins the shared names")
struct TwoVNetsSharedDNSTests {
    let f: Fixture
    let ws1 = "2497b122-367b-493e-9c7d-8081ad4e8713"
    let ws2 = "4fe65441-c547-45bf-9b68-3f1cd0e46190"

    /// pe2's addresses for the shared endpoints (last writer), worked out above.
    let pe2Shared: [EndpointKind: String] = [.ingest: "10.0.2.8", .ingestRegional: "10.0.2.15", .live: "10.0.2.16",
                                            .profiler: "10.0.2.9", .snapshot: "10.0.2.12", .query: "10.0.2.7"]

    init() throws { f = try Fixture("two-vnets-shared-dns.yaml") }

    @Test("both endpoints are created without refusal, pe1 first")
    func nothingRefused() {
        #expect(f.nothingRefused)
        #expect(f.world.endpoints.map(\.name) == ["pe1", "pe2"])
    }

    @Test("the shared zones hold pe2's addresses for every shared name, pe1's for ws1's names")
    func zoneContents() {
        #expect(f.aRecord("shared-monitor", "api.privatelink.monitor.azure.com") == "10.0.2.7")
        #expect(f.aRecord("shared-monitor", "global.in.ai.privatelink.monitor.azure.com") == "10.0.2.8")
        #expect(f.aRecord("shared-monitor", "eastus-5.in.ai.privatelink.monitor.azure.com") == "10.0.2.15")
        #expect(f.aRecord("shared-monitor", "eastus.livediagnostics.privatelink.monitor.azure.com") == "10.0.2.16")
        #expect(f.aRecord("shared-blob", "scadvisorcontentpl.privatelink.blob.core.windows.net") == "10.0.2.13")
        #expect(f.aRecord("shared-ods", "\(ws1).privatelink.ods.opinsights.azure.com") == "10.0.1.5")
        #expect(f.aRecord("shared-ods", "\(ws2).privatelink.ods.opinsights.azure.com") == "10.0.2.5")
        // Each endpoint still holds its own addresses (an overwritten record frees nothing).
        #expect(f.addresses(of: "pe1")["api.privatelink.monitor.azure.com"] == "10.0.1.7")
        #expect(f.addresses(of: "pe2")["api.privatelink.monitor.azure.com"] == "10.0.2.7")
    }

    @Test("vnet1's shared endpoints now point at pe2 in vnet2, which vnet1 cannot reach")
    func firstVNetLosesSharedNames() {
        // "Since these VNets aren't peered, the first VNet now fails to reach these endpoints."
        // The answer is pe2's address; pe2 lives in vnet2; vnet1 has no route to vnet2:
        // unroutable (checked before scope membership), via pe2.
        for endpoint in componentEndpoints {
            f.expect("vnet1", "appi-app1", endpoint, .unroutable, via: "pe2", answer: pe2Shared[endpoint])
            f.expect("vnet1", "appi-app2", endpoint, .unroutable, via: "pe2", answer: pe2Shared[endpoint])
        }
        // The query of vnet1's own workspace: api.loganalytics.io -> api.monitor.azure.com ->
        // api.privatelink.monitor.azure.com = 10.0.2.7, pe2's api address (api is the first key
        // after the eastus workspace keys .4-.6, so it takes .7 of pe2's subnet).
        f.expect("vnet1", "law-app1", .query, .unroutable, via: "pe2", answer: "10.0.2.7",
                 chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
    }

    @Test("vnet1's own workspace keeps its workspace-specific names through pe1")
    func firstVNetKeepsWorkspaceNames() {
        // Seed: "ingestion and configuration endpoints are workspace-specific". ws1's privatelink
        // names were written by pe1 only (pe2 writes ws2's), so they still answer 10.0.1.x:
        // pe1 is in vnet1 itself and law-app1 is in ampls1: private.
        f.expect("vnet1", "law-app1", .ods, .private, via: "pe1", answer: "10.0.1.5",
                 chain: ["\(ws1).ods.opinsights.azure.com", "\(ws1).privatelink.ods.opinsights.azure.com"])
        f.expect("vnet1", "law-app1", .oms, .private, via: "pe1", answer: "10.0.1.4",
                 chain: ["\(ws1).oms.opinsights.azure.com", "\(ws1).privatelink.oms.opinsights.azure.com"])
        f.expect("vnet1", "law-app1", .agentsvc, .private, via: "pe1", answer: "10.0.1.6",
                 chain: ["\(ws1).agentsvc.azure-automation.net", "\(ws1).privatelink.agentsvc.azure-automation.net"])
        // ws2's own names answer pe2's addresses: unroutable from vnet1.
        f.expect("vnet1", "law-app2", .ods, .unroutable, via: "pe2", answer: "10.0.2.5")
        f.expect("vnet1", "law-app2", .oms, .unroutable, via: "pe2", answer: "10.0.2.4")
        f.expect("vnet1", "law-app2", .agentsvc, .unroutable, via: "pe2", answer: "10.0.2.6")
        f.expect("vnet1", "law-app2", .query, .unroutable, via: "pe2", answer: "10.0.2.7")
    }

    @Test("vnet2, the last writer, is private for all of its scope's resources")
    func secondVNetPrivate() {
        // "Ultimately, only the last VNet will be able to communicate with Azure Monitor."
        f.expect("vnet2", "law-app2", .ods, .private, via: "pe2", answer: "10.0.2.5",
                 chain: ["\(ws2).ods.opinsights.azure.com", "\(ws2).privatelink.ods.opinsights.azure.com"])
        f.expect("vnet2", "law-app2", .oms, .private, via: "pe2", answer: "10.0.2.4")
        f.expect("vnet2", "law-app2", .agentsvc, .private, via: "pe2", answer: "10.0.2.6")
        f.expect("vnet2", "law-app2", .query, .private, via: "pe2", answer: "10.0.2.7")
        for endpoint in componentEndpoints {
            f.expect("vnet2", "appi-app2", endpoint, .private, via: "pe2", answer: pe2Shared[endpoint])
        }
    }

    @Test("from vnet2, ampls1's resources fail: shared names not-in-scope, ws1's names unroutable")
    func secondVNetOtherScope() {
        // Shared names answer pe2's addresses (reachable: same network); appi-app1 and law-app1 are
        // not in ampls2 and its modes are PrivateOnly: not-in-scope via pe2.
        for endpoint in componentEndpoints {
            f.expect("vnet2", "appi-app1", endpoint, .notInScope, via: "pe2", answer: pe2Shared[endpoint])
        }
        f.expect("vnet2", "law-app1", .query, .notInScope, via: "pe2", answer: "10.0.2.7")
        // ws1's names answer pe1's addresses in vnet1, which vnet2 cannot reach: unroutable.
        f.expect("vnet2", "law-app1", .ods, .unroutable, via: "pe1", answer: "10.0.1.5")
        f.expect("vnet2", "law-app1", .oms, .unroutable, via: "pe1", answer: "10.0.1.4")
        f.expect("vnet2", "law-app1", .agentsvc, .unroutable, via: "pe1", answer: "10.0.1.6")
    }
}
