import AmplsimEngine
import Testing

/// Fixtures/topologies/custom-zone-suffix.yaml: the seed's "Use custom DNS zones for specific
/// apps", a component whose connection string carries EndpointSuffix=internal.monitor.azure.com.
///
/// Hand derivation (MODEL.md):
/// - Section 2: appi-internal's endpoints are dc./live./profiler./snapshot.internal.monitor.azure.com
///   and api.applicationinsights.io; it has no ingest-regional endpoint.
/// - Section 5 (v2) allocation by address key for pe-internal (10.0.1.0/27, scope = appi-internal
///   only, no workspace, no DCE): api .4, global.in.ai .5, profiler .6, live .7,
///   diagservices-query .8, snapshot .9; scadvisorcontentpl .10; global.handler.control .11;
///   eastus-0.in.ai .12, eastus.livediagnostics .13. `dnsZones: []`: nothing is written.
/// - The zone file (zones/internal.monitor.azure.com.zone) maps dc -> .5, live -> .8,
///   profiler -> .6, snapshot -> .7: the addresses version 1 gave global.in.ai, live, profiler
///   and snapshot. Under version 2, .5 and .6 are still global.in.ai and profiler, while .8 and
///   .7 are now pe-internal's diagservices-query and live keys: every record still answers an
///   address pe-internal holds, so the verdicts (section 6: the holder decides) are unchanged.
/// - Section 3: names under internal.monitor.azure.com are in no public zone: NXDOMAIN publicly.
@Suite("custom-zone-suffix.yaml: a custom zone serves one component's suffixed names")
struct CustomZoneSuffixTests {
    let f: Fixture
    let ws = "9a030648-b303-401b-9b8a-ab57621a489b"

    init() throws { f = try Fixture("custom-zone-suffix.yaml") }

    @Test("the manual-DNS endpoint is created without refusal, with the expected addresses")
    func allocation() {
        #expect(f.nothingRefused)
        let a = f.addresses(of: "pe-internal")
        #expect(a.count == 10)
        #expect(a["api.privatelink.monitor.azure.com"] == "10.0.1.4")
        #expect(a["global.in.ai.privatelink.monitor.azure.com"] == "10.0.1.5")
        #expect(a["profiler.privatelink.monitor.azure.com"] == "10.0.1.6")
        #expect(a["live.privatelink.monitor.azure.com"] == "10.0.1.7")
        #expect(a["diagservices-query.privatelink.monitor.azure.com"] == "10.0.1.8")
        #expect(a["snapshot.privatelink.monitor.azure.com"] == "10.0.1.9")
        #expect(a["scadvisorcontentpl.privatelink.blob.core.windows.net"] == "10.0.1.10")
        #expect(a["global.handler.control.privatelink.monitor.azure.com"] == "10.0.1.11")
        #expect(a["eastus-0.in.ai.privatelink.monitor.azure.com"] == "10.0.1.12")
        #expect(a["eastus.livediagnostics.privatelink.monitor.azure.com"] == "10.0.1.13")
        #expect(f.world.endpoint("pe-internal")?.written.isEmpty == true)
        #expect(f.aRecord("internal-monitor", "dc.internal.monitor.azure.com") == "10.0.1.5")
    }

    @Test("from the linked network, the suffixed component's ingestion names are private")
    func suffixedPrivate() {
        // Azure DNS of vnet-app: each name lies in the linked zone internal.monitor.azure.com,
        // whose A record is the address of pe-internal's matching name (the zone file follows the
        // v2 allocation above: live .7, snapshot .9); pe-internal is in vnet-app;
        // appi-internal is in ampls-internal: private, chain = the one name.
        f.expect("vnet-app", "appi-internal", .ingest, .private, via: "pe-internal", answer: "10.0.1.5",
                 chain: ["dc.internal.monitor.azure.com"])
        f.expect("vnet-app", "appi-internal", .live, .private, via: "pe-internal", answer: "10.0.1.7",
                 chain: ["live.internal.monitor.azure.com"])
        f.expect("vnet-app", "appi-internal", .profiler, .private, via: "pe-internal", answer: "10.0.1.6",
                 chain: ["profiler.internal.monitor.azure.com"])
        f.expect("vnet-app", "appi-internal", .snapshot, .private, via: "pe-internal", answer: "10.0.1.9",
                 chain: ["snapshot.internal.monitor.azure.com"])
        #expect(f.row("vnet-app", "appi-internal", .ingestRegional) == nil)
        // Its query name has no suffix form: api.applicationinsights.io follows the public chain
        // to api.privatelink.monitor.azure.com; no privatelink zone exists: a public address.
        f.expectPublicAnswer("vnet-app", "appi-internal", .query,
                             chain: ["api.applicationinsights.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
    }

    @Test("a network not linked to the custom zone gets NXDOMAIN for the suffixed names")
    func unlinkedNXDOMAIN() {
        // vnet-other links no zone: public DNS answers, and it knows no name under the suffix.
        // Peering with vnet-app changes routing, not name resolution.
        for endpoint in [EndpointKind.ingest, .live, .profiler, .snapshot] {
            f.expect("vnet-other", "appi-internal", endpoint, .nxdomain, via: nil)
            #expect(f.row("vnet-other", "appi-internal", endpoint)?.answer == nil)
        }
        f.expect("vnet-other", "appi-internal", .ingest, .nxdomain, via: nil, chain: ["dc.internal.monitor.azure.com"])
        f.expectPublicAnswer("vnet-other", "appi-internal", .query)
    }

    @Test("every other resource keeps its public routes, from both networks")
    func othersPublic() {
        // internal.monitor.azure.com does not contain profiler.monitor.azure.com or any other
        // standard name, and no privatelink zone exists: every chain ends in public DNS.
        for network in ["vnet-app", "vnet-other"] {
            for endpoint in componentEndpoints { f.expectPublicAnswer(NetworkID(network), "appi-public", endpoint) }
            for endpoint in workspaceEndpoints { f.expectPublicAnswer(NetworkID(network), "law-shared", endpoint) }
            // law-shared is in no scope: its CNAMEs are unpublished, the client name answers directly.
            f.expectPublicAnswer(NetworkID(network), "law-shared", .ods, chain: ["\(ws).ods.opinsights.azure.com"])
        }
    }
}
