import AmplsimEngine
import Testing

/// Fixtures/topologies/hosts-file.yaml: the seed's "Map endpoints through hosts files instead of
/// DNS", with a PE that writes no DNS at all.
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2) addresses of pe-app (10.0.1.0/27): the fixed ones first, each fixing its key
///   (api .10, global.in.ai .11, profiler .12, snapshot .13, eastus-2.in.ai .14,
///   eastus.livediagnostics .15, the eastus workspace keys oms .16, ods .17, agentsvc .18); the
///   remaining keys, in allocation order (live, diagservices-query, then scadvisorcontentpl, then
///   global.handler.control), take the lowest free addresses from .4: live .4,
///   diagservices-query .5, scadvisorcontentpl .6, global.handler.control .7. The PE holds them
///   "whether or not its zone group writes them: a manual DNS setup needs them too"; with
///   `dnsZones: []` nothing is written.
/// - Section 4: vnet-app's clients check their hosts entries first (exact name, no CNAME
///   following): a listed client name answers straight away with a single-name chain.
/// - Section 3: law-app belongs to ampls-app, which has a PE, so its CNAMEs ARE published; but no
///   zone exists, so public DNS answers every name of every chain with a public address.
@Suite("hosts-file.yaml: a hosts file maps one network's clients to the PE")
struct HostsFileTests {
    let f: Fixture
    let ws = "7ae4f5a0-b637-4d8b-ae13-e13d6ed30134"

    init() throws { f = try Fixture("hosts-file.yaml") }

    @Test("the manual-DNS endpoint is created without refusal and writes nothing")
    func nothingRefused() {
        #expect(f.nothingRefused)
        #expect(f.world.zones.isEmpty)
        #expect(f.world.endpoint("pe-app")?.written.isEmpty == true)
    }

    @Test("fixed addresses are taken first, the other names get the lowest free ones")
    func allocation() {
        #expect(f.addresses(of: "pe-app") == [
            "api.privatelink.monitor.azure.com": "10.0.1.10",
            "global.in.ai.privatelink.monitor.azure.com": "10.0.1.11",
            "profiler.privatelink.monitor.azure.com": "10.0.1.12",
            "snapshot.privatelink.monitor.azure.com": "10.0.1.13",
            "eastus-2.in.ai.privatelink.monitor.azure.com": "10.0.1.14",
            "eastus.livediagnostics.privatelink.monitor.azure.com": "10.0.1.15",
            "\(ws).privatelink.oms.opinsights.azure.com": "10.0.1.16",
            "\(ws).privatelink.ods.opinsights.azure.com": "10.0.1.17",
            "\(ws).privatelink.agentsvc.azure-automation.net": "10.0.1.18",
            "live.privatelink.monitor.azure.com": "10.0.1.4",
            "diagservices-query.privatelink.monitor.azure.com": "10.0.1.5",
            "scadvisorcontentpl.privatelink.blob.core.windows.net": "10.0.1.6",
            "global.handler.control.privatelink.monitor.azure.com": "10.0.1.7",
        ])
    }

    @Test("the app VM's network reaches the scope's resources privately through its hosts entries")
    func hostsPrivate() {
        // Each client name is a hosts entry pointing at pe-app's address; pe-app is in vnet-app;
        // both resources are in ampls-app: private, and the chain is the client name alone.
        let expected: [(String, EndpointKind, String, String)] = [
            ("law-app", .ods, "\(ws).ods.opinsights.azure.com", "10.0.1.17"),
            ("law-app", .oms, "\(ws).oms.opinsights.azure.com", "10.0.1.16"),
            ("law-app", .agentsvc, "\(ws).agentsvc.azure-automation.net", "10.0.1.18"),
            ("law-app", .query, "api.loganalytics.io", "10.0.1.10"),
            ("appi-app", .ingest, "dc.applicationinsights.azure.com", "10.0.1.11"),
            ("appi-app", .ingestRegional, "eastus-2.in.applicationinsights.azure.com", "10.0.1.14"),
            ("appi-app", .live, "eastus.livediagnostics.monitor.azure.com", "10.0.1.15"),
            ("appi-app", .profiler, "profiler.monitor.azure.com", "10.0.1.12"),
            ("appi-app", .snapshot, "snapshot.monitor.azure.com", "10.0.1.13"),
            ("appi-app", .query, "api.applicationinsights.io", "10.0.1.10"),
        ]
        for (resource, endpoint, fqdn, address) in expected {
            f.expect("vnet-app", ResourceID(resource), endpoint, .private, via: "pe-app", answer: address, chain: [fqdn])
        }
    }

    @Test("on the hosts-file network, another component's shared names hit the PE too")
    func hostsAllOrNothing() {
        // appi-other (westus, 0) is in no scope. Its global names are the same hosts entries:
        // pe-app's addresses, appi-other not in ampls-app, PrivateOnly: not-in-scope.
        f.expect("vnet-app", "appi-other", .ingest, .notInScope, via: "pe-app", answer: "10.0.1.11")
        f.expect("vnet-app", "appi-other", .profiler, .notInScope, via: "pe-app", answer: "10.0.1.12")
        f.expect("vnet-app", "appi-other", .snapshot, .notInScope, via: "pe-app", answer: "10.0.1.13")
        f.expect("vnet-app", "appi-other", .query, .notInScope, via: "pe-app", answer: "10.0.1.10")
        // Its regional names have no hosts entry and no zone holds anything: public DNS, public.
        f.expectPublicAnswer("vnet-app", "appi-other", .ingestRegional,
                             chain: ["westus-0.in.applicationinsights.azure.com", "westus-0.in.ai.monitor.azure.com",
                                     "westus-0.in.ai.privatelink.monitor.azure.com"])
        f.expectPublicAnswer("vnet-app", "appi-other", .live,
                             chain: ["westus.livediagnostics.monitor.azure.com",
                                     "westus.livediagnostics.privatelink.monitor.azure.com"])
    }

    @Test("a network without hosts entries resolves every name publicly")
    func otherNetworkPublic() {
        // vnet-web has no hosts entries and no zone is linked anywhere; law-app's CNAMEs are
        // published (it is in a scope with a PE), so its chain passes the privatelink name, which
        // public DNS answers with a public address. Egress allowed, public access allowed: public.
        f.expectPublicAnswer("vnet-web", "law-app", .ods,
                             chain: ["\(ws).ods.opinsights.azure.com", "\(ws).privatelink.ods.opinsights.azure.com"])
        for endpoint in workspaceEndpoints { f.expectPublicAnswer("vnet-web", "law-app", endpoint) }
        for resource: ResourceID in ["appi-app", "appi-other"] {
            for endpoint in componentEndpoints { f.expectPublicAnswer("vnet-web", resource, endpoint) }
        }
        f.expectPublicAnswer("vnet-web", "appi-app", .query,
                             chain: ["api.applicationinsights.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
    }
}
