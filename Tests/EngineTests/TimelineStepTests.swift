import Testing
@testable import AmplsimEngine

/// The timeline: endpoints then steps, refused steps skipped, and what each step changes.
@Suite("Timeline steps")
struct TimelineStepTests {
    /// hub (10.0/16) and spoke (10.1/16, not peered); zones `z-*` linked to hub; s1 = [ws1, app1] with pe1 in hub;
    /// ws2 and app2 belong to no scope.
    func base(steps: [Step] = [], dnsServers: [DNSServer] = []) -> Topology {
        Topology(networks: [vnet("hub", "10.0.0.0/16"), vnet("spoke", "10.1.0.0/16")],
                 dnsServers: dnsServers,
                 zones: amplsZones("z", links: ["hub"]),
                 workspaces: [ws("ws1", WS1), ws("ws2", WS2)], components: [app("app1"), app("app2", "westus")],
                 scopes: [scope("s1", ["ws1", "app1"])],
                 privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))],
                 steps: steps.map { TimelineStep($0) })
    }

    @Test("the endpoints are created first, then the steps; a refused step is skipped and reported")
    func outcomes() {
        // Rule: a refused step changes nothing, and the timeline goes on.
        let (world, outcomes) = Timeline.finalWorld(of: base(steps: [
            .deleteEndpoint("nope"),
            .setResourceAccess(resource: "ws1", publicIngestion: false, publicQuery: nil),
        ]))
        #expect(outcomes.map(\.index) == [1, 2, 3])
        #expect(outcomes[0].refusal == nil)
        #expect(outcomes[1].refusal != nil)
        #expect(outcomes[2].refusal == nil)
        #expect(world.resource("ws1").map { $0.allowsPublic(.ingestion) } == false)
    }

    @Test("peer makes an endpoint routable; unpeer makes it unroutable again")
    func peerAndUnpeer() {
        // Rule (section 6): reachability follows peerings added and removed by steps.
        var w = build(base(steps: [.linkZone(zone: "z-ods", network: "spoke", fallbackToInternet: false)]))
        #expect(row(rows(w), "spoke", "ws1", .ods)?.status == .unroutable)
        expectAccepted(&w, .peer("spoke", "hub"))
        #expect(row(rows(w), "spoke", "ws1", .ods)?.status == .private)
        expectAccepted(&w, .unpeer("hub", "spoke"))
        #expect(row(rows(w), "spoke", "ws1", .ods)?.status == .unroutable)
    }

    @Test("linkZone and unlinkZone change what Azure DNS of the network sees")
    func linkAndUnlinkZone() {
        // Rule (section 4): Azure DNS in V sees exactly the zones linked to V.
        var w = build(base(steps: [.peer("hub", "spoke")]))
        #expect(row(rows(w), "spoke", "app1", .profiler)?.status == .public)
        expectAccepted(&w, .linkZone(zone: "z-monitor", network: "spoke", fallbackToInternet: false))
        #expect(row(rows(w), "spoke", "app1", .profiler)?.status == .private)
        expectAccepted(&w, .unlinkZone(zone: "z-monitor", network: "spoke"))
        #expect(row(rows(w), "spoke", "app1", .profiler)?.status == .public)
    }

    @Test("linkZone with fallback makes a missing name fall back to public DNS")
    func linkZoneWithFallback() {
        // Rule (section 4): NXDOMAIN falls back when the link has fallback to internet.
        var w = build(base())
        expectAccepted(&w, .linkZone(zone: "z-ods", network: "spoke", fallbackToInternet: true))
        expectAccepted(&w, .linkZone(zone: "z-oms", network: "spoke", fallbackToInternet: false))
        expectAccepted(&w, .deleteRecord(zone: "z-ods", name: dn("\(WS1).\(PL.ods)"), type: "A"))
        expectAccepted(&w, .deleteRecord(zone: "z-oms", name: dn("\(WS1).\(PL.oms)"), type: "A"))
        let all = rows(w)
        #expect(row(all, "spoke", "ws1", .ods)?.status == .public)
        #expect(row(all, "spoke", "ws1", .oms)?.status == .nxdomain)
    }

    @Test("linkZone refuses on-premises networks and fallback outside privatelink zones")
    func linkZoneRules() {
        // Rule: an on-prem network cannot be linked to a zone; fallback is for privatelink.* zones only.
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16"), onprem("corp", "192.168.0.0/16")],
                               zones: [zone("pl", PL.monitor), zone("corp-zone", "corp.test")]))
        expectRefused(&w, .linkZone(zone: "pl", network: "corp", fallbackToInternet: false))
        expectRefused(&w, .linkZone(zone: "corp-zone", network: "hub", fallbackToInternet: true))
        expectAccepted(&w, .linkZone(zone: "corp-zone", network: "hub", fallbackToInternet: false))
        expectAccepted(&w, .linkZone(zone: "pl", network: "hub", fallbackToInternet: true))
    }

    @Test("setDns switches a network's resolver")
    func setDns() {
        // Rule (section 4): a network's `dns` is azure or the name of a DNS server.
        let dns1 = DNSServer(name: "dns1", network: "spoke", defaultTarget: .internet)
        var w = build(base(dnsServers: [dns1]))
        #expect(row(rows(w), "hub", "ws1", .ods)?.status == .private)
        expectAccepted(&w, .setDns(network: "hub", dns: .server("dns1")))
        // dns1 runs in spoke, which hub cannot reach.
        #expect(row(rows(w), "hub", "ws1", .ods)?.status == .servfail)
        expectRefused(&w, .setDns(network: "hub", dns: .server("nope")))
        expectAccepted(&w, .setDns(network: "hub", dns: .azure))
        #expect(row(rows(w), "hub", "ws1", .ods)?.status == .private)
    }

    @Test("setAccess on a resource changes its public access per category")
    func setResourceAccess() {
        // Rule (section 6): R denies public C → public-denied for category C only.
        var w = build(base())
        expectAccepted(&w, .setResourceAccess(resource: "ws2", publicIngestion: false, publicQuery: nil))
        let all = rows(w)
        #expect(row(all, "spoke", "ws2", .ods)?.status == .publicDenied)
        #expect(row(all, "spoke", "ws2", .query)?.status == .public)
    }

    @Test("setAccess on a scope changes its access modes")
    func setScopeAccess() {
        // Rule (section 6): R not in A: PrivateOnly → not-in-scope; after setAccess to Open → public, via P.
        var w = build(base())
        #expect(row(rows(w), "hub", "app2", .profiler)?.status == .notInScope)
        expectAccepted(&w, .setScopeAccess(scope: "s1", ingestionAccessMode: .open, queryAccessMode: nil))
        #expect(w.scope("s1")?.ingestionAccessMode == .open)
        #expect(w.scope("s1")?.queryAccessMode == .privateOnly)
        let r = row(rows(w), "hub", "app2", .profiler)
        #expect(r?.status == .public)
        #expect(r?.via == "pe1")
    }

    @Test("setRecord outside its zone and deleteRecord of a missing record are refused")
    func recordSteps() {
        // Rule (section 7): a step naming something that does not exist is refused and changes nothing.
        var w = build(base())
        expectRefused(&w, .setRecord(zone: "z-ods", record: A("x.example.com", "10.0.0.1")))
        expectRefused(&w, .setRecord(zone: "nope", record: A("x.\(PL.ods)", "10.0.0.1")))
        expectRefused(&w, .deleteRecord(zone: "z-ods", name: dn("x.\(PL.ods)"), type: "A"))
        expectRefused(&w, .deleteRecord(zone: "z-ods", name: dn("\(WS1).\(PL.ods)"), type: "TXT"))
    }

    @Test("deleteResource removes a resource in no scope: it has no rows")
    func deleteResource() {
        // Rule (FORMAT.md): a resource deleted by a step has no rows.
        var w = build(base())
        expectAccepted(&w, .deleteResource("ws2"))
        #expect(!rows(w).contains { $0.resource == "ws2" })
        expectRefused(&w, .deleteResource("ws2"))
        expectRefused(&w, .linkResource(scope: "s1", resource: "ws2"))
    }

    @Test("steps naming things that do not exist are refused and change nothing", arguments: [
        Step.deleteEndpoint("nope"),
        .linkResource(scope: "nope", resource: "ws2"),
        .linkResource(scope: "s1", resource: "nope"),
        .linkResource(scope: "s1", resource: "ws1"),           // already a member
        .unlinkResource(scope: "s1", resource: "ws2"),         // not a member
        .deleteResource("nope"),
        .linkZone(zone: "nope", network: "hub", fallbackToInternet: false),
        .linkZone(zone: "z-ods", network: "nope", fallbackToInternet: false),
        .linkZone(zone: "z-ods", network: "hub", fallbackToInternet: false),   // already linked
        .unlinkZone(zone: "z-ods", network: "spoke"),
        .peer("hub", "nope"),
        .peer("hub", "hub"),
        .setDns(network: "nope", dns: .azure),
        .setResourceAccess(resource: "nope", publicIngestion: true, publicQuery: nil),
        .setScopeAccess(scope: "nope", ingestionAccessMode: .open, queryAccessMode: nil),
        .createEndpoint(pe("pe1", "hub", "10.0.2.0/24", scope: "s1")),          // duplicate name
        .createEndpoint(pe("pe9", "nope", "10.0.2.0/24", scope: "s1")),
        .createEndpoint(pe("pe9", "hub", "10.0.2.0/24", scope: "nope")),
        .createEndpoint(pe("pe9", "hub", "10.0.2.0/24", scope: "s1", zones: ["nope"])),
        .createEndpoint(pe("pe9", "hub", "10.7.2.0/24", scope: "s1")),          // subnet outside hub
    ])
    func missingThings(step: Step) {
        // Rule: a step that names something that no longer exists (or breaks a rule) is refused: all or nothing.
        var w = build(base())
        expectRefused(&w, step)
    }
}
