import AmplsimEngine
import Testing

// The version-2 fixtures of Fixtures/topologies/ (MODEL.md version 2). Every expected row is
// worked out by hand in the comments, from MODEL.md sections 3-6; none is copied from output.

private let law1 = "11111111-1111-4111-8111-111111111111"

/// dce-scopes.yaml: DCEs in and out of the scope, region-shared workspace addresses, a spoke
/// created by a step.
///
/// Hand derivation: pe-hub (10.0.1.0/24) takes, in MODEL.md 5's order, eastus oms .4, ods .5,
/// agentsvc .6; westeurope .7, .8, .9; dce-in handler.control .10, ingest .11, metrics.ingest
/// .12; api .13, global.in.ai .14, profiler .15, live .16, diagservices-query .17, snapshot .18;
/// scadvisorcontentpl .19; global.handler.control .20. Section 3: dce-in is in a scope with an
/// endpoint, so its three CNAMEs are published; dce-out is in none, so its names end at public
/// addresses. spoke-new (created by a step, peered with hub) links only the monitor zone.
@Suite("dce-scopes.yaml: data collection endpoints and region-shared addresses")
struct DCEScopesFixtureTests {
    let f: Fixture
    init() throws { f = try Fixture("dce-scopes.yaml") }

    @Test("the endpoint, the new network and its link are all accepted")
    func nothingRefused() { #expect(f.nothingRefused) }

    @Test("workspaces of one region share three addresses; the DCE takes three; 17 in all")
    func addresses() {
        let a = f.addresses(of: "pe-hub")
        #expect(a["\(law1).privatelink.oms.opinsights.azure.com"] == "10.0.1.4")
        #expect(a["33333333-3333-4333-8333-333333333333.privatelink.oms.opinsights.azure.com"] == "10.0.1.4")
        #expect(a["33333333-3333-4333-8333-333333333333.privatelink.agentsvc.azure-automation.net"] == "10.0.1.6")
        #expect(a["22222222-2222-4222-8222-222222222222.privatelink.ods.opinsights.azure.com"] == "10.0.1.8")
        #expect(a["dce-in-ab12.eastus-1.handler.control.privatelink.monitor.azure.com"] == "10.0.1.10")
        #expect(a["dce-in-ab12.eastus-1.metrics.ingest.privatelink.monitor.azure.com"] == "10.0.1.12")
        #expect(a["api.privatelink.monitor.azure.com"] == "10.0.1.13")
        #expect(a["snapshot.privatelink.monitor.azure.com"] == "10.0.1.18")
        #expect(a["global.handler.control.privatelink.monitor.azure.com"] == "10.0.1.20")
        // 2 regions × 3 + 3 (DCE) + 6 + 1 + 1.
        #expect(Set(a.values).count == 17)
    }

    @Test("from the hub: every member private, dce-out's own names public, its config-global not-in-scope")
    func hub() {
        f.expect("hub", "law-east-2", .ods, .private, via: "pe-hub", answer: "10.0.1.5")
        f.expect("hub", "law-west", .oms, .private, via: "pe-hub", answer: "10.0.1.7")
        f.expect("hub", "dce-in", .configGlobal, .private, via: "pe-hub", answer: "10.0.1.20")
        f.expect("hub", "dce-in", .config, .private, via: "pe-hub", answer: "10.0.1.10",
                 chain: ["dce-in-ab12.eastus-1.handler.control.monitor.azure.com",
                         "dce-in-ab12.eastus-1.handler.control.privatelink.monitor.azure.com"])
        f.expect("hub", "dce-in", .ingest, .private, via: "pe-hub", answer: "10.0.1.11")
        f.expect("hub", "dce-in", .metrics, .private, via: "pe-hub", answer: "10.0.1.12")
        for kind in [EndpointKind.config, .ingest, .metrics] {
            f.expectPublicAnswer("hub", "dce-out", kind)
        }
        f.expect("hub", "dce-out", .configGlobal, .notInScope, via: "pe-hub", answer: "10.0.1.20")
    }

    @Test("rows: workspaces, then DCEs, each DCE's four endpoints in MODEL.md's order; spoke-new last")
    func order() {
        let hub = f.rows.filter { $0.network == "hub" }
        #expect(hub.map(\.resource).suffix(8) == Array(repeating: "dce-in", count: 4) + Array(repeating: "dce-out", count: 4))
        #expect(hub.suffix(4).map(\.endpoint) == [.configGlobal, .config, .ingest, .metrics])
        #expect(f.rows.last?.network == "spoke-new")
        // 3 workspaces × 4 + 2 DCEs × 4 = 20 rows per network, 2 networks.
        #expect(f.rows.count == 40)
    }

    @Test("spoke-new, created by a step: monitor names private through pe-hub, workspace names public")
    func createdSpoke() {
        f.expect("spoke-new", "law-east-1", .query, .private, via: "pe-hub", answer: "10.0.1.13")
        f.expect("spoke-new", "dce-in", .ingest, .private, via: "pe-hub", answer: "10.0.1.11")
        // privatelink.ods is not linked to spoke-new: the published CNAME ends in public DNS.
        f.expectPublicAnswer("spoke-new", "law-east-1", .ods)
        f.expect("spoke-new", "dce-out", .configGlobal, .notInScope, via: "pe-hub")
    }
}

/// resolver-rules.yaml: the resolver, rulesets and a firewall DNS proxy.
///
/// Hand derivation: pe-hub (10.0.1.0/24): oms .4, ods .5, agentsvc .6, api .7, global.in.ai .8,
/// profiler .9, live .10, diagservices-query .11, snapshot .12, scadvisorcontentpl .13,
/// global.handler.control .14, appi's westeurope-5.in.ai .15, westeurope.livediagnostics .16
/// (appi's region, stamp and live region come from its connection string).
@Suite("resolver-rules.yaml: DNS Private Resolver, rulesets and a firewall DNS proxy")
struct ResolverRulesFixtureTests {
    let f: Fixture
    init() throws { f = try Fixture("resolver-rules.yaml") }

    @Test("nothing refused; the connection string gives region, stamp and live region")
    func loaded() {
        #expect(f.nothingRefused)
        let appi = f.topology.components.first { $0.name == "appi" }
        #expect(appi?.region == "westeurope")
        #expect(appi?.stamp == 5)
        #expect(appi?.liveRegion == "westeurope")
    }

    @Test("spoke-fw asks the firewall proxy by address; it forwards to Azure DNS of the hub: private")
    func firewallProxy() {
        // fw-dns (10.0.2.4, hub) default azure = Azure DNS of its own network, the hub.
        f.expect("spoke-fw", "law", .ods, .private, via: "pe-hub", answer: "10.0.1.5")
        f.expect("spoke-fw", "law", .query, .private, via: "pe-hub", answer: "10.0.1.7")
        f.expect("spoke-fw", "appi", .ingestRegional, .private, via: "pe-hub", answer: "10.0.1.15")
        f.expect("spoke-fw", "appi", .live, .private, via: "pe-hub", answer: "10.0.1.16")
    }

    @Test("spoke-dot: the `.` rule catches loganalytics.io and applicationinsights.io, not Azure's reserved domains")
    func dotRule() {
        // api.loganalytics.io: `.` matches (not reserved); hub-resolver's inbound answers the
        // whole chain from the hub's zones.
        f.expect("spoke-dot", "law", .query, .private, via: "pe-hub", answer: "10.0.1.7")
        f.expect("spoke-dot", "appi", .query, .private, via: "pe-hub", answer: "10.0.1.7")
        // opinsights.azure.com and monitor.azure.com are under azure.com (reserved): public DNS
        // answers the whole chain, ending at a public address; both allow public ingestion.
        f.expectPublicAnswer("spoke-dot", "law", .ods)
        f.expectPublicAnswer("spoke-dot", "law", .agentsvc)
        f.expectPublicAnswer("spoke-dot", "appi", .ingest)
        f.expectPublicAnswer("spoke-dot", "appi", .profiler)
    }

    @Test("spoke-zone: the linked empty zone answers before the rule of the same domain: NXDOMAIN")
    func zoneBeforeRule() {
        f.expect("spoke-zone", "law", .query, .nxdomain, via: nil)
        f.expect("spoke-zone", "appi", .ingestRegional, .nxdomain, via: nil)
        f.expect("spoke-zone", "appi", .snapshot, .nxdomain, via: nil)
        // No zone and no rule for opinsights.azure.com: public DNS, public.
        f.expectPublicAnswer("spoke-zone", "law", .oms)
    }

    @Test("loopnet: the rule to its own inbound endpoint loops for monitor.azure.com names only")
    func loop() {
        // api.loganalytics.io → CNAME api.monitor.azure.com, which the rule sends to loopnet's own
        // inbound endpoint: Azure DNS of loopnet is asked again for it: SERVFAIL.
        f.expect("loopnet", "law", .query, .servfail, via: nil)
        f.expect("loopnet", "appi", .ingest, .servfail, via: nil)
        if let row = f.row("loopnet", "law", .query) {
            #expect(row.resolution.outcome == .servfail(.ruleLoop(ruleset: "loop-rules", name: "api.monitor.azure.com")))
        }
        // law's ods name never passes monitor.azure.com: public DNS, public.
        f.expectPublicAnswer("loopnet", "law", .ods)
    }
}

/// gateway-flavors.yaml: gateway transit and bind vs windows on-prem servers.
///
/// Hand derivation: pe-spoke1 (10.1.1.0/24): oms .4, ods .5, agentsvc .6, api .7, global.in.ai .8,
/// profiler .9, live .10, diagservices-query .11, snapshot .12, scadvisorcontentpl .13,
/// global.handler.control .14. hub has gatewayTransit only: onprem → spoke-1 enters hub by the
/// connection and leaves by a peering (allowed); spoke-2 → spoke-1 enters and leaves by peerings
/// (not allowed).
@Suite("gateway-flavors.yaml: gateway transit, bind and windows DNS servers")
struct GatewayFlavorsFixtureTests {
    let f: Fixture
    init() throws { f = try Fixture("gateway-flavors.yaml") }

    @Test("the hub reaches spoke-1 directly: private")
    func hub() {
        for kind in workspaceEndpoints { f.expect("hub", "law", kind, .private, via: "pe-spoke1") }
    }

    @Test("spoke-2 sees the zones but cannot reach spoke-1 through a gateway-only hub: unroutable")
    func spokeToSpoke() {
        f.expect("spoke-2", "law", .ods, .unroutable, via: "pe-spoke1", answer: "10.1.1.5")
        f.expect("spoke-2", "law", .query, .unroutable, via: "pe-spoke1", answer: "10.1.1.7")
    }

    @Test("spoke-1 links no zone: public DNS answers, public")
    func spokeOne() {
        f.expectPublicAnswer("spoke-1", "law", .query)
        f.expectPublicAnswer("spoke-1", "law", .ods)
    }

    @Test("bind re-routes the forwarded chain to the inbound endpoint: private through the gateway")
    func bind() {
        // corp-bind: api.loganalytics.io to corp-upstream-a; api.monitor.azure.com by its own
        // route (internet); api.privatelink.monitor.azure.com to 10.0.0.4 (hub-resolver inbound,
        // reached over the connection): hub-monitor answers .7, in spoke-1, which onprem-a
        // reaches through the hub's gateway.
        f.expect("onprem-a", "law", .query, .private, via: "pe-spoke1", answer: "10.1.1.7",
                 chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        // No forwarder for privatelink.ods: the server's own recursion ends at a public address.
        f.expectPublicAnswer("onprem-a", "law", .ods)
    }

    @Test("windows takes the upstream's whole answer: public")
    func windows() {
        f.expectPublicAnswer("onprem-b", "law", .query,
                             chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
    }
}

/// dce-real-listing.yaml: ../shared/real/observed-endpoint-records.md as a topology.
///
/// Hand derivation: 192.168.0.64/26, .64-.67 reserved, .68 held by holder-68: the keys take .69
/// upward in MODEL.md 5's order: the eastus workspace's oms .69, ods .70, agentsvc .71; the four
/// DCEs' handler.control, ingest and metrics.ingest .72-.83 in member order; api .84,
/// global.in.ai .85, profiler .86, live .87, diagservices-query .88, snapshot .89;
/// scadvisorcontentpl .90; global.handler.control .91. Exactly the observed listing.
@Suite("dce-real-listing.yaml: a real endpoint's listing, address for address")
struct RealListingFixtureTests {
    let f: Fixture
    init() throws { f = try Fixture("dce-real-listing.yaml") }

    @Test("every record at the observed address")
    func listing() {
        #expect(f.nothingRefused)
        let ws = "e5d5e7ab-03b1-4ec4-9340-e76a7af134c0"
        #expect(f.aRecord("oms", "\(ws).privatelink.oms.opinsights.azure.com") == "192.168.0.69")
        #expect(f.aRecord("ods", "\(ws).privatelink.ods.opinsights.azure.com") == "192.168.0.70")
        #expect(f.aRecord("agentsvc", "\(ws).privatelink.agentsvc.azure-automation.net") == "192.168.0.71")
        var next = 72
        for dce in ["dce-jp-commonsecuritylog-eastus-udpx", "dce-jp-securityevent-eastus-oj6f",
                    "dce-jp-windowsevent-eastus-efse", "dce-jp-syslog-eastus-6pfd"] {
            for service in ["handler.control", "ingest", "metrics.ingest"] {
                #expect(f.aRecord("monitor", "\(dce).eastus-1.\(service).privatelink.monitor.azure.com") == "192.168.0.\(next)")
                next += 1
            }
        }
        for label in ["api", "global.in.ai", "profiler", "live", "diagservices-query", "snapshot"] {
            #expect(f.aRecord("monitor", "\(label).privatelink.monitor.azure.com") == "192.168.0.\(next)", "\(label)")
            next += 1
        }
        #expect(f.aRecord("blob", "scadvisorcontentpl.privatelink.blob.core.windows.net") == "192.168.0.90")
        #expect(f.aRecord("monitor", "global.handler.control.privatelink.monitor.azure.com") == "192.168.0.91")
        #expect(Set(f.addresses(of: "pe-monitoring").values).count == 23)
    }

    @Test("every endpoint of the workspace and the four DCEs is private")
    func rows() {
        #expect(f.rows.count == 4 + 4 * 4)
        for row in f.rows { #expect(row.status == .private && row.via == "pe-monitoring", "\(row.resource) \(row.endpoint.rawValue)") }
    }
}

/// hub-resolver-rulesets.yaml: a hub resolver asked by address from the spokes, a Windows on-prem
/// server forwarding the Azure Monitor domains to the inbound endpoint, a ruleset for a corporate
/// domain, gateway transit.
///
/// Hand derivation: pe-hub (10.0.1.0/24): eastus oms .4, ods .5, agentsvc .6; dce-hub .7-.9;
/// api .10, global.in.ai .11, profiler .12, live .13, diagservices-query .14, snapshot .15;
/// scadvisorcontentpl .16; global.handler.control .17; appi-web (eastus-8 from its connection
/// string) eastus-8.in.ai .18, eastus.livediagnostics .19. The spokes ask 10.0.0.4 = Azure DNS of
/// the hub (peered: reachable); on-prem's corp-dns forwards every Azure Monitor domain to
/// 10.0.0.4 (reached over the connection) and takes its whole answer; every answer is pe-hub's,
/// in the hub, which each network reaches directly: every row private.
@Suite("hub-resolver-rulesets.yaml: a resolver serving spokes and on-prem")
struct HubResolverFixtureTests {
    let f: Fixture
    init() throws { f = try Fixture("hub-resolver-rulesets.yaml") }

    @Test("every row of every network is private through pe-hub")
    func allPrivate() {
        #expect(f.nothingRefused)
        // 4 networks × (4 + 6 + 4) rows.
        #expect(f.rows.count == 4 * 14)
        for row in f.rows { #expect(row.status == .private && row.via == "pe-hub", "\(row.network) \(row.resource) \(row.endpoint.rawValue)") }
        f.expect("onprem", "appi-web", .ingestRegional, .private, via: "pe-hub", answer: "10.0.1.18")
        f.expect("spoke-2", "dce-hub", .metrics, .private, via: "pe-hub", answer: "10.0.1.9")
        f.expect("spoke-1", "law-hub", .query, .private, via: "pe-hub", answer: "10.0.1.10")
    }

    @Test("a corporate name from a spoke: inbound endpoint, then the hub's rule to corp-dns")
    func corporateName() {
        let trace = f.simulation.resolver.resolve("app.corp.contoso.com", from: "spoke-1")
        #expect(trace.outcome == .address(IPv4Address("192.168.1.20")!))
        #expect(trace.hops.contains { $0.source == .rule(ruleset: "corp-rules", domain: "corp.contoso.com", target: IPv4Address("192.168.0.10")!) })
    }
}

/// Root causes (the advice issue): failing rows grouped by what makes them fail.
@Suite("causes: failing rows grouped by cause")
struct CauseTests {
    @Test("two-vnets-shared-dns.yaml: pe2 wrote the shared names last (24 rows), pe1 holds vnet1's workspace names (3)")
    func twoVNets() throws {
        // vnet1 fails 17 rows, all answered by pe2 (written last, MODEL.md 5), unroutable: law-app1's
        // query, law-app2's four names, appi-app1's and appi-app2's six each. vnet2 fails 10: law-app1's
        // ods/oms/agentsvc answered by pe1 (vnet1, unroutable: 3), law-app1's query and appi-app1's six
        // shared names answered by pe2 whose scope lacks them (not-in-scope: 7).
        let f = try Fixture("two-vnets-shared-dns.yaml")
        let groups = CauseCollector.group(f.rows, in: f.world)
        #expect(groups.count == 2)
        #expect(groups.first?.cause == .endpoint("pe2", writtenBy: .endpoint("pe2")))
        #expect(groups.first?.rows.count == 24)
        #expect(groups.first?.byStatus.map(\.rows) == [17, 7])
        #expect(groups.first?.networks == ["vnet1", "vnet2"])
        #expect(groups.last?.cause == .endpoint("pe1", writtenBy: .endpoint("pe1")))
        #expect(groups.last?.rows.count == 3)
        #expect(groups.last?.networks == ["vnet2"])
        // Every failing row is explained once.
        #expect(groups.map(\.rows.count).reduce(0, +) == f.rows.filter { !$0.status.succeeds }.count)
    }

    @Test("resolver-rules.yaml: the loop and the empty zone are causes of their own")
    func resolverRules() throws {
        // loopnet's SERVFAIL rows share one cause (the rule loop); spoke-zone's NXDOMAIN rows are
        // explained by its empty zone spoke-zone-monitor.
        let f = try Fixture("resolver-rules.yaml")
        let groups = CauseCollector.group(f.rows, in: f.world)
        let empty = groups.first { $0.cause == .zoneLacksName(zone: "spoke-zone-monitor") }
        #expect(empty?.networks == ["spoke-zone"])
        #expect(empty?.rows.count == f.rows.filter { $0.network == "spoke-zone" && $0.status == .nxdomain }.count)
        let loop = groups.first { $0.cause == .servfail(.ruleLoop(ruleset: "loop-rules", name: "api.monitor.azure.com")) }
        #expect(loop?.networks == ["loopnet"])
    }
}
