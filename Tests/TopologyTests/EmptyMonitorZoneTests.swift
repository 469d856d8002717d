import AmplsimEngine
import Testing

/// Fixtures/topologies/empty-monitor-zone.yaml: an empty privatelink.monitor.azure.com zone
/// linked before any AMPLS exists (Azure/Enterprise-Scale#1017), its fix, and a stale record.
///
/// Hand derivation (MODEL.md):
/// - No scope and no PE exist, so nothing is written and no address is held by any endpoint.
/// - Section 3: the shared CNAMEs are always published, so every shared chain reaches
///   <x>.privatelink.monitor.azure.com. law-ops is in no scope (none exists): its three CNAMEs are
///   unpublished, so its client names answer a public address directly.
/// - Section 4: from vnet-policy the privatelink names fall inside the linked empty zone
///   alz-monitor: NXDOMAIN, and the link has no fallback. From vnet-fallback the same zone is
///   linked with fallback (NxDomainRedirect): on NXDOMAIN public DNS answers the name instead.
///   From vnet-stale, stale-monitor holds api -> 10.0.3.200; other names fall back to public DNS.
/// - Section 6: 10.0.3.200 lies in vnet-stale's address space (and RFC 1918) and no PE holds it:
///   dangling, via null.
@Suite("empty-monitor-zone.yaml: an empty linked zone, fallback to internet, a dangling record")
struct EmptyMonitorZoneTests {
    let f: Fixture
    let ws = "ad66f366-fd25-45fe-9bd6-6349f5ba4bf9"

    init() throws { f = try Fixture("empty-monitor-zone.yaml") }

    @Test("the topology loads with nothing to run")
    func nothingRefused() {
        #expect(f.nothingRefused)
        #expect(f.world.endpoints.isEmpty)
    }

    @Test("a linked empty zone breaks every shared name: NXDOMAIN")
    func emptyZoneNXDOMAIN() {
        f.expect("vnet-policy", "appi-ops", .ingest, .nxdomain, via: nil,
                 chain: ["dc.applicationinsights.azure.com", "global.in.ai.monitor.azure.com",
                         "global.in.ai.privatelink.monitor.azure.com"])
        f.expect("vnet-policy", "appi-ops", .ingestRegional, .nxdomain, via: nil,
                 chain: ["eastus-4.in.applicationinsights.azure.com", "eastus-4.in.ai.monitor.azure.com",
                         "eastus-4.in.ai.privatelink.monitor.azure.com"])
        f.expect("vnet-policy", "appi-ops", .live, .nxdomain, via: nil,
                 chain: ["eastus.livediagnostics.monitor.azure.com", "eastus.livediagnostics.privatelink.monitor.azure.com"])
        f.expect("vnet-policy", "appi-ops", .profiler, .nxdomain, via: nil,
                 chain: ["profiler.monitor.azure.com", "profiler.privatelink.monitor.azure.com"])
        f.expect("vnet-policy", "appi-ops", .snapshot, .nxdomain, via: nil)
        f.expect("vnet-policy", "appi-ops", .query, .nxdomain, via: nil,
                 chain: ["api.applicationinsights.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        f.expect("vnet-policy", "law-ops", .query, .nxdomain, via: nil,
                 chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        for row in f.rows where row.network == "vnet-policy" && row.status == .nxdomain {
            #expect(row.answer == nil)
        }
    }

    @Test("a workspace outside every AMPLS is not broken by an empty zone of its own")
    func workspaceUnaffected() {
        // alz-ods (privatelink.ods.opinsights.azure.com) is linked to vnet-policy and empty, but
        // law-ops's CNAME into it is not published: its client name answers publicly.
        for endpoint in [EndpointKind.ods, .oms, .agentsvc] {
            f.expectPublicAnswer("vnet-policy", "law-ops", endpoint)
        }
        f.expectPublicAnswer("vnet-policy", "law-ops", .ods, chain: ["\(ws).ods.opinsights.azure.com"])
    }

    @Test("the same empty zone linked with fallback to internet resolves publicly")
    func fallbackPublic() {
        for endpoint in componentEndpoints { f.expectPublicAnswer("vnet-fallback", "appi-ops", endpoint) }
        for endpoint in workspaceEndpoints { f.expectPublicAnswer("vnet-fallback", "law-ops", endpoint) }
        f.expectPublicAnswer("vnet-fallback", "appi-ops", .ingest,
                             chain: ["dc.applicationinsights.azure.com", "global.in.ai.monitor.azure.com",
                                     "global.in.ai.privatelink.monitor.azure.com"])
    }

    @Test("a stale record to an address no PE holds is dangling; fallback does not help it")
    func staleDangling() {
        // api.privatelink.monitor.azure.com EXISTS in stale-monitor (A 10.0.3.200), so the zone
        // answers it and fallback (which applies only on NXDOMAIN) never runs.
        f.expect("vnet-stale", "appi-ops", .query, .dangling, via: nil, answer: "10.0.3.200",
                 chain: ["api.applicationinsights.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        f.expect("vnet-stale", "law-ops", .query, .dangling, via: nil, answer: "10.0.3.200",
                 chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        // The other privatelink names are NXDOMAIN in stale-monitor, whose link falls back: public.
        for endpoint in componentSharedIngestion { f.expectPublicAnswer("vnet-stale", "appi-ops", endpoint) }
        for endpoint in [EndpointKind.ods, .oms, .agentsvc] { f.expectPublicAnswer("vnet-stale", "law-ops", endpoint) }
    }
}
