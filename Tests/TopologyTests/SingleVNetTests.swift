import AmplsimEngine
import Testing

/// Fixtures/topologies/single-vnet.yaml: the seed's "All or Nothing" in one VNet.
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2), allocation for pe-ampls-prod in 10.0.1.0/26: .0-.3 are reserved, so the
///   address keys take .4 upward in allocation order: law-prod's region eastus, oms .4, ods .5,
///   agentsvc .6; no DCE; api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11,
///   snapshot .12; scadvisorcontentpl .13; global.handler.control .14; then the scope's one
///   component appi-prod-web (eastus, stamp 8): eastus-8.in.ai .15, eastus.livediagnostics .16.
/// - The zone group holds all five zones, so every name is written into its zone.
/// - Section 3: shared CNAMEs are always published; law-prod's three CNAMEs are published (it is
///   in ampls-prod, which has a PE); law-legacy's are not (it is in no scope).
/// - Section 4: Azure DNS of vnet-prod sees the five linked zones; client names lie outside them,
///   so public DNS answers them and the CNAME targets land in the linked privatelink zones.
/// - Section 6: answer owned by pe-ampls-prod in vnet-prod (same network, reachable).
@Suite("single-vnet.yaml: one VNet, one AMPLS, all or nothing")
struct SingleVNetTests {
    let f: Fixture
    let prod = "5075e0ed-f0e1-48b7-a175-ada5385b9a80"
    let legacy = "a26e149d-3859-4b55-bcb7-2fd101aa5554"

    init() throws { f = try Fixture("single-vnet.yaml") }

    @Test("the private endpoint is created without refusal")
    func nothingRefused() {
        #expect(f.nothingRefused)
        #expect(f.world.endpoints.map(\.name) == ["pe-ampls-prod"])
    }

    @Test("addresses are allocated from .4 in MODEL.md section 5's order")
    func allocation() {
        // MODEL.md 5 (v2): oms .4, ods .5, agentsvc .6, api .7, global.in.ai .8, profiler .9, live .10,
        // diagservices-query .11, snapshot .12, scadvisorcontentpl .13, global.handler.control .14,
        // then the component's eastus-8.in.ai .15 and eastus.livediagnostics .16.
        #expect(f.addresses(of: "pe-ampls-prod") == [
            "\(prod).privatelink.oms.opinsights.azure.com": "10.0.1.4",
            "\(prod).privatelink.ods.opinsights.azure.com": "10.0.1.5",
            "\(prod).privatelink.agentsvc.azure-automation.net": "10.0.1.6",
            "api.privatelink.monitor.azure.com": "10.0.1.7",
            "global.in.ai.privatelink.monitor.azure.com": "10.0.1.8",
            "profiler.privatelink.monitor.azure.com": "10.0.1.9",
            "live.privatelink.monitor.azure.com": "10.0.1.10",
            "diagservices-query.privatelink.monitor.azure.com": "10.0.1.11",
            "snapshot.privatelink.monitor.azure.com": "10.0.1.12",
            "scadvisorcontentpl.privatelink.blob.core.windows.net": "10.0.1.13",
            "global.handler.control.privatelink.monitor.azure.com": "10.0.1.14",
            "eastus-8.in.ai.privatelink.monitor.azure.com": "10.0.1.15",
            "eastus.livediagnostics.privatelink.monitor.azure.com": "10.0.1.16",
        ])
        // The zone group writes each name into the zone of its group whose name matches.
        #expect(f.aRecord("pl-monitor", "api.privatelink.monitor.azure.com") == "10.0.1.7")
        #expect(f.aRecord("pl-ods", "\(prod).privatelink.ods.opinsights.azure.com") == "10.0.1.5")
        #expect(f.aRecord("pl-blob", "scadvisorcontentpl.privatelink.blob.core.windows.net") == "10.0.1.13")
        // law-legacy is in no scope: no record of its own anywhere.
        #expect(f.aRecord("pl-ods", "\(legacy).privatelink.ods.opinsights.azure.com") == nil)
    }

    @Test("scope members are private on every endpoint")
    func membersPrivate() {
        // law-prod: client name -> public CNAME (published, section 3) -> privatelink name in a
        // linked zone -> pe-ampls-prod's address; law-prod is a member of ampls-prod: private.
        f.expect("vnet-prod", "law-prod", .ods, .private, via: "pe-ampls-prod", answer: "10.0.1.5",
                 chain: ["\(prod).ods.opinsights.azure.com", "\(prod).privatelink.ods.opinsights.azure.com"])
        f.expect("vnet-prod", "law-prod", .oms, .private, via: "pe-ampls-prod", answer: "10.0.1.4",
                 chain: ["\(prod).oms.opinsights.azure.com", "\(prod).privatelink.oms.opinsights.azure.com"])
        f.expect("vnet-prod", "law-prod", .agentsvc, .private, via: "pe-ampls-prod", answer: "10.0.1.6",
                 chain: ["\(prod).agentsvc.azure-automation.net", "\(prod).privatelink.agentsvc.azure-automation.net"])
        f.expect("vnet-prod", "law-prod", .query, .private, via: "pe-ampls-prod", answer: "10.0.1.7",
                 chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        // appi-prod-web: the shared chains of section 3 end in the linked monitor zone.
        f.expect("vnet-prod", "appi-prod-web", .ingest, .private, via: "pe-ampls-prod", answer: "10.0.1.8",
                 chain: ["dc.applicationinsights.azure.com", "global.in.ai.monitor.azure.com",
                         "global.in.ai.privatelink.monitor.azure.com"])
        f.expect("vnet-prod", "appi-prod-web", .ingestRegional, .private, via: "pe-ampls-prod", answer: "10.0.1.15",
                 chain: ["eastus-8.in.applicationinsights.azure.com", "eastus-8.in.ai.monitor.azure.com",
                         "eastus-8.in.ai.privatelink.monitor.azure.com"])
        f.expect("vnet-prod", "appi-prod-web", .live, .private, via: "pe-ampls-prod", answer: "10.0.1.16",
                 chain: ["eastus.livediagnostics.monitor.azure.com", "eastus.livediagnostics.privatelink.monitor.azure.com"])
        f.expect("vnet-prod", "appi-prod-web", .profiler, .private, via: "pe-ampls-prod", answer: "10.0.1.9",
                 chain: ["profiler.monitor.azure.com", "profiler.privatelink.monitor.azure.com"])
        f.expect("vnet-prod", "appi-prod-web", .snapshot, .private, via: "pe-ampls-prod", answer: "10.0.1.12",
                 chain: ["snapshot.monitor.azure.com", "snapshot.privatelink.monitor.azure.com"])
        f.expect("vnet-prod", "appi-prod-web", .query, .private, via: "pe-ampls-prod", answer: "10.0.1.7",
                 chain: ["api.applicationinsights.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
    }

    @Test("a component outside the AMPLS fails Private Link validation on every shared endpoint")
    func outOfScopeComponent() {
        // appi-legacy has the same region and stamp as appi-prod-web, so every one of its names
        // (all shared, section 2) resolves to pe-ampls-prod's addresses. appi-legacy is not in
        // ampls-prod, the endpoints are shared, and the scope's modes are PrivateOnly (default):
        // not-in-scope, via the endpoint that holds the address (section 6).
        let answers: [EndpointKind: String] = [.ingest: "10.0.1.8", .ingestRegional: "10.0.1.15", .live: "10.0.1.16",
                                               .profiler: "10.0.1.9", .snapshot: "10.0.1.12", .query: "10.0.1.7"]
        for endpoint in componentEndpoints {
            f.expect("vnet-prod", "appi-legacy", endpoint, .notInScope, via: "pe-ampls-prod", answer: answers[endpoint])
        }
    }

    @Test("a component of another region: global names not-in-scope, its regional names NXDOMAIN")
    func outOfScopeComponentOtherRegion() {
        // appi-eu-batch (westeurope, stamp 2). Its global names reach the PE like any component's:
        for endpoint in [EndpointKind.ingest, .profiler, .snapshot, .query] {
            f.expect("vnet-prod", "appi-eu-batch", endpoint, .notInScope, via: "pe-ampls-prod")
        }
        // Its regional names: the public chain ends at westeurope-2.in.ai.privatelink.monitor.azure.com
        // and westeurope.livediagnostics.privatelink.monitor.azure.com, inside the linked zone
        // pl-monitor, which holds no record for them (section 5 writes regional names only for the
        // scope's components). The zone answers NXDOMAIN, and the link has no fallback (section 4).
        f.expect("vnet-prod", "appi-eu-batch", .ingestRegional, .nxdomain, via: nil,
                 chain: ["westeurope-2.in.applicationinsights.azure.com", "westeurope-2.in.ai.monitor.azure.com",
                         "westeurope-2.in.ai.privatelink.monitor.azure.com"])
        f.expect("vnet-prod", "appi-eu-batch", .live, .nxdomain, via: nil,
                 chain: ["westeurope.livediagnostics.monitor.azure.com",
                         "westeurope.livediagnostics.privatelink.monitor.azure.com"])
        #expect(f.row("vnet-prod", "appi-eu-batch", .live)?.answer == nil)
    }

    @Test("a workspace outside the AMPLS keeps its own endpoints public; its query goes to the PE")
    func outOfScopeWorkspace() {
        // Seed: "Ingestion and configuration of other workspaces will be directed to the default
        // public Log Analytics endpoints." Section 3: law-legacy belongs to no scope, so its three
        // CNAMEs are not published; public DNS answers the client name with a public address.
        // vnet-prod has internet egress, law-legacy allows public ingestion: public, via null.
        f.expectPublicAnswer("vnet-prod", "law-legacy", .ods, chain: ["\(legacy).ods.opinsights.azure.com"])
        f.expectPublicAnswer("vnet-prod", "law-legacy", .oms, chain: ["\(legacy).oms.opinsights.azure.com"])
        f.expectPublicAnswer("vnet-prod", "law-legacy", .agentsvc, chain: ["\(legacy).agentsvc.azure-automation.net"])
        // Its query endpoint api.loganalytics.io is shared: it resolves to pe-ampls-prod's api
        // address; law-legacy is not a member and the query mode is PrivateOnly: not-in-scope.
        f.expect("vnet-prod", "law-legacy", .query, .notInScope, via: "pe-ampls-prod", answer: "10.0.1.7",
                 chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
    }

    @Test("the matrix has one row per network, resource and endpoint")
    func rowCount() {
        // 1 network x (2 workspaces x 4 + 3 components x 6) = 26 rows (FORMAT.md).
        #expect(f.rows.count == 26)
        #expect(f.rows.filter { $0.status == .private }.count == 10)
    }
}
