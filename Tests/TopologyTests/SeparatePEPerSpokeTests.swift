import AmplsimEngine
import Testing

/// Fixtures/topologies/separate-pe-per-spoke.yaml: one AMPLS, PE and zone set per spoke.
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2) allocation by address key. pe-team1 (ampls-team1 = law-team1, appi-team1) in
///   10.0.1.0/27 and pe-team2 (ampls-team2 = law-team2, appi-team2) in 10.0.2.0/27 each take: the
///   eastus2 workspace's <ws>.oms .4, <ws>.ods .5, <ws>.agentsvc .6; api .7, global.in.ai .8,
///   profiler .9, live .10, diagservices-query .11, snapshot .12; scadvisorcontentpl .13;
///   global.handler.control .14; the component's eastus2-3.in.ai .15, eastus2.livediagnostics .16.
/// - Each PE writes into its OWN zones (spoke1-* or spoke2-*), so no record is overwritten.
/// - Section 4: a spoke's Azure DNS sees only its own zone set; the hub sees no zone at all.
/// - Section 3: both workspaces are in a scope with a PE, so their CNAMEs are published.
@Suite("separate-pe-per-spoke.yaml: separate zones, no overrides")
struct SeparatePEPerSpokeTests {
    let f: Fixture
    let ws1 = "269df584-907f-4e82-862e-ec78b2264071"
    let ws2 = "56b43c83-c1af-4650-9c53-e1f44842d6fc"
    let shared: [EndpointKind: String] = [.ingest: ".8", .ingestRegional: ".15", .live: ".16",
                                          .profiler: ".9", .snapshot: ".12", .query: ".7"]

    init() throws { f = try Fixture("separate-pe-per-spoke.yaml") }

    @Test("both endpoints are created without refusal")
    func nothingRefused() { #expect(f.nothingRefused) }

    @Test("no override: each zone set holds its own spoke's addresses")
    func noOverride() {
        #expect(f.aRecord("spoke1-monitor", "api.privatelink.monitor.azure.com") == "10.0.1.7")
        #expect(f.aRecord("spoke2-monitor", "api.privatelink.monitor.azure.com") == "10.0.2.7")
        #expect(f.aRecord("spoke1-ods", "\(ws1).privatelink.ods.opinsights.azure.com") == "10.0.1.5")
        #expect(f.aRecord("spoke1-ods", "\(ws2).privatelink.ods.opinsights.azure.com") == nil)
        #expect(f.aRecord("spoke2-ods", "\(ws2).privatelink.ods.opinsights.azure.com") == "10.0.2.5")
        #expect(f.aRecord("spoke2-ods", "\(ws1).privatelink.ods.opinsights.azure.com") == nil)
    }

    @Test("each spoke is private for its own scope's resources")
    func ownScopePrivate() {
        for (spoke, pe, net, ws, law, appi) in [("vnet-spoke1", "pe-team1", "10.0.1", ws1, "law-team1", "appi-team1"),
                                                ("vnet-spoke2", "pe-team2", "10.0.2", ws2, "law-team2", "appi-team2")] {
            f.expect(NetworkID(spoke), ResourceID(law), .ods, .private, via: EndpointID(pe), answer: "\(net).5",
                     chain: ["\(ws).ods.opinsights.azure.com", "\(ws).privatelink.ods.opinsights.azure.com"])
            f.expect(NetworkID(spoke), ResourceID(law), .oms, .private, via: EndpointID(pe), answer: "\(net).4")
            f.expect(NetworkID(spoke), ResourceID(law), .agentsvc, .private, via: EndpointID(pe), answer: "\(net).6")
            f.expect(NetworkID(spoke), ResourceID(law), .query, .private, via: EndpointID(pe), answer: "\(net).7")
            for endpoint in componentEndpoints {
                f.expect(NetworkID(spoke), ResourceID(appi), endpoint, .private, via: EndpointID(pe), answer: net + shared[endpoint]!)
            }
        }
    }

    @Test("the other spoke's component: shared names answer this spoke's PE, not-in-scope")
    func otherScopeComponent() {
        // From vnet-spoke1, appi-team2's names (all shared; same region and stamp as appi-team1)
        // resolve in spoke1's own zones to pe-team1's addresses. appi-team2 is not in
        // ampls-team1, whose modes are PrivateOnly: not-in-scope, via pe-team1. And symmetrically.
        for endpoint in componentEndpoints {
            f.expect("vnet-spoke1", "appi-team2", endpoint, .notInScope, via: "pe-team1", answer: "10.0.1" + shared[endpoint]!)
            f.expect("vnet-spoke2", "appi-team1", endpoint, .notInScope, via: "pe-team2", answer: "10.0.2" + shared[endpoint]!)
        }
        f.expect("vnet-spoke1", "law-team2", .query, .notInScope, via: "pe-team1", answer: "10.0.1.7")
        f.expect("vnet-spoke2", "law-team1", .query, .notInScope, via: "pe-team2", answer: "10.0.2.7")
    }

    @Test("the other spoke's workspace: its published CNAME leads into a zone without it, NXDOMAIN")
    func otherScopeWorkspace() {
        // law-team2 is in ampls-team2, which has a PE, so its client names CNAME into the
        // privatelink zones (section 3). From vnet-spoke1 those land in spoke1-oms/ods/agentsvc,
        // which hold only law-team1's records: NXDOMAIN, no fallback on the link (section 4).
        for (service, domain) in [("ods", "opinsights.azure.com"), ("oms", "opinsights.azure.com"),
                                  ("agentsvc", "azure-automation.net")] {
            let endpoint = EndpointKind(rawValue: service)!
            f.expect("vnet-spoke1", "law-team2", endpoint, .nxdomain, via: nil,
                     chain: ["\(ws2).\(service).\(domain)", "\(ws2).privatelink.\(service).\(domain)"])
            f.expect("vnet-spoke2", "law-team1", endpoint, .nxdomain, via: nil,
                     chain: ["\(ws1).\(service).\(domain)", "\(ws1).privatelink.\(service).\(domain)"])
        }
    }

    @Test("the hub links no zone: every name resolves publicly")
    func hubPublic() {
        // vnet-hub's Azure DNS sees no zone: public DNS answers every name of every chain, ending
        // in a public address; the hub has egress and every resource allows public access.
        for resource: ResourceID in ["law-team1", "law-team2"] {
            for endpoint in workspaceEndpoints { f.expectPublicAnswer("vnet-hub", resource, endpoint) }
        }
        for resource: ResourceID in ["appi-team1", "appi-team2"] {
            for endpoint in componentEndpoints { f.expectPublicAnswer("vnet-hub", resource, endpoint) }
        }
        f.expectPublicAnswer("vnet-hub", "law-team1", .ods,
                             chain: ["\(ws1).ods.opinsights.azure.com", "\(ws1).privatelink.ods.opinsights.azure.com"])
    }
}
