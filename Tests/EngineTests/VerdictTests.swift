import Testing
@testable import AmplsimEngine

/// MODEL.md section 6: from an answer to a verdict, and `via`.
@Suite("Verdicts")
struct VerdictTests {
    /// hub (10.0/16) and spoke (10.1/16), both linking the shared zones `z-*`.
    /// s1 = [ws1, app1 (eastus-0)] with pe1 in hub 10.0.1.0/24, created first;
    /// s2 = [ws2, app2 (westus-0)] with pe2 in spoke 10.1.1.0/24, created second.
    ///
    /// MODEL.md 5 (v2), keys in allocation order: pe1 holds oms/ws1 .4, ods/ws1 .5, agentsvc/ws1 .6
    /// (the eastus keys), api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11,
    /// snapshot .12, scadvisorcontentpl .13, global.handler.control .14, eastus-0.in.ai .15,
    /// eastus.livediagnostics .16 (in 10.0.1.0/24); pe2 ws2's .4–.6, the same shared names
    /// .7–.14, westus-0.in.ai .15, westus.livediagnostics .16 (in 10.1.1.0/24).
    /// pe2 writes last, so the shared names hold pe2's addresses.
    struct TwoScopes {
        var s2Ingestion = AccessMode.privateOnly
        var s2Query = AccessMode.privateOnly
        var exclusions: [Exclusion] = []
        var app1Ingestion = true
        var app1Query = true
        var peered = true
        var hubHosts: [String: String] = [:]
        var extraNetworks: [Network] = []
        var steps: [Step] = []

        func world() -> World {
            build(Topology(
                networks: [vnet("hub", "10.0.0.0/16", peerings: peered ? ["spoke"] : [], hosts: hubHosts),
                           vnet("spoke", "10.1.0.0/16")] + extraNetworks,
                zones: amplsZones("z", links: ["hub", "spoke"]),
                workspaces: [ws("ws1", WS1), ws("ws2", WS2)],
                components: [app("app1", "eastus", ingestion: app1Ingestion, query: app1Query), app("app2", "westus")],
                scopes: [scope("s1", ["ws1", "app1"]),
                         scope("s2", ["ws2", "app2"], ingestion: s2Ingestion, query: s2Query, exclusions: exclusions)],
                privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z")),
                                   pe("pe2", "spoke", "10.1.1.0/24", scope: "s2", zones: amplsZoneIDs("z"))],
                steps: steps.map { TimelineStep($0) }))
        }
    }

    // MARK: Private endpoint addresses

    @Test("a member resource through its scope's private endpoint is private, via that endpoint")
    func privateVerdict() {
        // Rule: address of PE P (scope A), R is a member of A → `private`, via P.
        let all = rows(TwoScopes().world())
        let ods = row(all, "hub", "ws1", .ods)
        #expect(ods?.answer == ip("10.0.1.5"))
        #expect(ods?.status == .private)
        #expect(ods?.via == "pe1")
        // Through a peering, to the other scope's endpoint.
        let ws2 = row(all, "hub", "ws2", .ods)
        #expect(ws2?.answer == ip("10.1.1.5"))
        #expect(ws2?.status == .private)
        #expect(ws2?.via == "pe2")
        // Regional names written by pe1 only stay pe1's.
        #expect(row(all, "hub", "app1", .ingestRegional)?.answer == ip("10.0.1.15"))
        #expect(row(all, "hub", "app1", .live)?.status == .private)
    }

    @Test("a shared name answered by another scope's endpoint in PrivateOnly mode is not-in-scope, via it")
    func notInScopePrivateOnly() {
        // Rule: R not in A, A's mode for C is PrivateOnly → `not-in-scope`, via P.
        let all = rows(TwoScopes().world())
        for kind in [EndpointKind.ingest, .profiler, .snapshot] {
            let r = row(all, "hub", "app1", kind)
            #expect(r?.status == .notInScope, "\(kind)")
            #expect(r?.via == "pe2", "\(kind)")
        }
        #expect(row(all, "hub", "app1", .ingest)?.answer == ip("10.1.1.8"))   // pe2's global.in.ai
    }

    @Test("Open mode and a resource that allows public traffic is public, via the endpoint")
    func publicThroughOpenScope() {
        // Rule: R not in A, mode Open, R allows public C → `public`, via P.
        let all = rows(TwoScopes(s2Ingestion: .open).world())
        let r = row(all, "hub", "app1", .profiler)
        #expect(r?.status == .public)
        #expect(r?.via == "pe2")
        #expect(r?.answer == ip("10.1.1.9"))   // pe2's profiler
    }

    @Test("Open mode and a resource that denies public traffic is public-denied, via the endpoint")
    func publicDeniedThroughOpenScope() {
        // Rule: R not in A, mode Open, R denies public C → `public-denied`, via P.
        let all = rows(TwoScopes(s2Ingestion: .open, app1Ingestion: false).world())
        let r = row(all, "hub", "app1", .profiler)
        #expect(r?.status == .publicDenied)
        #expect(r?.via == "pe2")
    }

    @Test("the mode that counts is the scope's mode for the endpoint's category", arguments: [
        (AccessMode.open, AccessMode.privateOnly), (.privateOnly, .open),
    ])
    func modePerCategory(ingestion: AccessMode, query: AccessMode) {
        // Rule: A's mode *for C* decides. The hosts file pins the query name on pe2's api address so that
        // this test depends on the verdict only.
        let all = rows(TwoScopes(s2Ingestion: ingestion, s2Query: query, hubHosts: ["api.applicationinsights.io": "10.1.1.7"]).world())
        let profiler = row(all, "hub", "app1", .profiler)
        let q = row(all, "hub", "app1", .query)
        #expect(q?.answer == ip("10.1.1.7"))
        #expect(profiler?.status == (ingestion == .open ? .public : .notInScope))
        #expect(q?.status == (query == .open ? .public : .notInScope))
        #expect(q?.via == "pe2")
    }

    @Test("public-denied through an Open scope follows the resource's setting for the category", arguments: [
        (true, false), (false, true),
    ])
    func denialPerCategory(app1Ingestion: Bool, app1Query: Bool) {
        // Rule: "R denies public C": only the category of the endpoint counts.
        let all = rows(TwoScopes(s2Ingestion: .open, s2Query: .open, app1Ingestion: app1Ingestion, app1Query: app1Query,
                                 hubHosts: ["api.applicationinsights.io": "10.1.1.7"]).world())
        #expect(row(all, "hub", "app1", .profiler)?.status == (app1Ingestion ? .public : .publicDenied))
        #expect(row(all, "hub", "app1", .query)?.status == (app1Query ? .public : .publicDenied))
    }

    @Test("exclusions override the scope's mode for their endpoint only", arguments: [
        // scope ingestion mode, exclusion endpoint, exclusion ingestion, exclusion query, expected profiler status
        (AccessMode.privateOnly, EndpointID("pe2"), AccessMode?.some(.open), AccessMode?.none, Status.public),
        (.open, "pe2", .some(.privateOnly), nil, .notInScope),
        (.privateOnly, "pe1", .some(.open), nil, .notInScope),        // an exclusion for another endpoint
        (.privateOnly, "pe2", nil, .some(.open), .notInScope),        // an exclusion for the other category
    ])
    func exclusions(mode: AccessMode, endpoint: EndpointID, exIngestion: AccessMode?, exQuery: AccessMode?, expected: Status) {
        // Rule: A's mode for C *after exclusions* decides.
        let all = rows(TwoScopes(s2Ingestion: mode,
                                 exclusions: [Exclusion(endpoint: endpoint, ingestionAccessMode: exIngestion, queryAccessMode: exQuery)]).world())
        let r = row(all, "hub", "app1", .profiler)
        #expect(r?.status == expected)
        #expect(r?.via == "pe2")
    }

    @Test("a resource-specific name answered by another scope's endpoint is not-in-scope even in Open mode")
    func notInScopeResourceSpecific() {
        // Rule: R not in A, E resource-specific → `not-in-scope` (whatever the mode and R's public access).
        // ws1's ods name is pointed at pe2's ods address (.5, ws2's).
        let all = rows(TwoScopes(s2Ingestion: .open, s2Query: .open,
                                 steps: [.setRecord(zone: "z-ods", record: A("\(WS1).privatelink.ods.opinsights.azure.com", "10.1.1.5"))]).world())
        let r = row(all, "hub", "ws1", .ods)
        #expect(r?.answer == ip("10.1.1.5"))
        #expect(r?.status == .notInScope)
        #expect(r?.via == "pe2")
        #expect(row(all, "hub", "ws1", .oms)?.status == .private)
    }

    @Test("an endpoint address in an unreachable network is unroutable, via the endpoint, before any scope check")
    func unroutable() {
        // Rule: address of PE P in W, W not reachable from V → `unroutable`, via P.
        let all = rows(TwoScopes(peered: false).world())
        let member = row(all, "hub", "ws2", .ods)     // ws2 is a member of s2: still unroutable
        #expect(member?.status == .unroutable)
        #expect(member?.via == "pe2")
        let outsider = row(all, "hub", "app1", .profiler)
        #expect(outsider?.status == .unroutable)
        #expect(outsider?.via == "pe2")
        #expect(row(all, "hub", "ws1", .ods)?.status == .private)
        #expect(row(all, "spoke", "ws1", .ods)?.status == .unroutable)
    }

    // MARK: Private addresses no endpoint holds

    @Test("a private address owned by no private endpoint is dangling, via nothing", arguments: [
        "10.0.9.9",       // inside hub's address space, not held by an endpoint
        "192.168.7.7",    // RFC 1918, in no network
        "172.20.0.1",     // RFC 1918 (172.16.0.0/12)
        "20.5.0.9",       // not RFC 1918, but inside a network's address space
    ])
    func dangling(address: String) {
        // Rule: a private address (any network's space or RFC 1918) owned by no PE → `dangling`, via null.
        let all = rows(TwoScopes(extraNetworks: [vnet("pubnet", "20.5.0.0/16")],
                                 steps: [.setRecord(zone: "z-monitor", record: A("profiler.privatelink.monitor.azure.com", address))]).world())
        let r = row(all, "hub", "app1", .profiler)
        #expect(r?.answer == ip(address))
        #expect(r?.status == .dangling)
        #expect(r?.via == nil)
    }

    @Test("the address of a deleted private endpoint is dangling")
    func danglingAfterDeletion() {
        // Rule: an address held by no (live) private endpoint is dangling.
        // The hosts file pins ws2's ods name on the ods address pe2 held (.5).
        let all = rows(TwoScopes(hubHosts: ["\(WS2).ods.opinsights.azure.com": "10.1.1.5"], steps: [.deleteEndpoint("pe2")]).world())
        let r = row(all, "hub", "ws2", .ods)
        #expect(r?.status == .dangling)
        #expect(r?.via == nil)
    }

    // MARK: Failures of resolution

    /// hub links the zones `z-*` (no fallback) and `fb` networks link them with fallback; ws3 is in s3,
    /// whose endpoint pe3 (manual DNS, in `far`) publishes ws3's CNAMEs but writes no record.
    func missingRecordWorld(steps: [Step] = []) -> World {
        build(Topology(networks: [vnet("hub", "10.0.0.0/16"), vnet("fb", "10.3.0.0/16"), vnet("far", "10.2.0.0/16")],
                       zones: amplsZones("z", links: ["hub"], fallback: ["fb"]),
                       workspaces: [ws("ws3", WS3)], scopes: [scope("s3", ["ws3"])],
                       privateEndpoints: [pe("pe3", "far", "10.2.1.0/24", scope: "s3")],
                       steps: steps.map { TimelineStep($0) }))
    }

    @Test("NXDOMAIN is nxdomain, via nothing")
    func nxdomain() {
        // Rule: NXDOMAIN → `nxdomain`, via null.
        let all = rows(missingRecordWorld())
        let r = row(all, "hub", "ws3", .ods)
        #expect(r?.resolution.chain == [dn("\(WS3).ods.opinsights.azure.com"), dn("\(WS3).privatelink.ods.opinsights.azure.com")])
        #expect(r?.status == .nxdomain)
        #expect(r?.via == nil)
        #expect(r?.answer == nil)
        // With fallback, public DNS answers the privatelink name.
        let fb = row(all, "fb", "ws3", .ods)
        #expect(fb?.status == .public)
        #expect(fb?.via == nil)
    }

    @Test("NODATA counts as nxdomain, and does not fall back")
    func nodataIsNxdomain() {
        // Rule: NODATA counts as NXDOMAIN for the verdict but not for fallback.
        let all = rows(missingRecordWorld(steps: [
            .setRecord(zone: "z-ods", record: TXT("\(WS3).privatelink.ods.opinsights.azure.com")),
        ]))
        for network: NetworkID in ["hub", "fb"] {
            let r = row(all, network, "ws3", .ods)
            #expect(r?.resolution.outcome == .nodata)
            #expect(r?.status == .nxdomain)
            #expect(r?.via == nil)
        }
    }

    @Test("SERVFAIL is servfail, via nothing")
    func servfail() {
        // Rule: SERVFAIL → `servfail`, via null (here Azure DNS asked from on-premises).
        let w = build(Topology(networks: [onprem("corp", "192.168.0.0/16", connections: ["hub"]), vnet("hub", "10.0.0.0/16")],
                               zones: amplsZones("z", links: ["hub"]),
                               workspaces: [ws("ws1", WS1)], components: [app("app1")], scopes: [scope("s1", ["ws1", "app1"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))]))
        let corp = rows(w).filter { $0.network == "corp" }
        #expect(corp.count == 10)
        for r in corp {
            #expect(r.status == .servfail, "\(r.fqdn)")
            #expect(r.via == nil)
        }
    }

    // MARK: Public addresses

    func publicWorld(egress: Bool = true, ingestion: Bool = true, query: Bool = true) -> [Row] {
        rows(build(Topology(networks: [vnet("v", "10.0.0.0/16", egress: egress)],
                            workspaces: [ws("ws4", WS4, ingestion: ingestion, query: query)])))
    }

    @Test("a public address is public, via nothing")
    func publicAddress() {
        // Rule: public address, otherwise → `public`, via null.
        for r in publicWorld() {
            #expect(r.status == .public, "\(r.fqdn)")
            #expect(r.via == nil)
        }
    }

    @Test("a public address for a resource that denies public traffic of the category is public-denied, via nothing")
    func publicDeniedAddress() {
        // Rule: public address, R denies public C → `public-denied`, via null; the other category is unaffected.
        let noIngestion = publicWorld(ingestion: false)
        #expect(row(noIngestion, "v", "ws4", .ods)?.status == .publicDenied)
        #expect(row(noIngestion, "v", "ws4", .ods)?.via == nil)
        #expect(row(noIngestion, "v", "ws4", .query)?.status == .public)
        let noQuery = publicWorld(query: false)
        #expect(row(noQuery, "v", "ws4", .query)?.status == .publicDenied)
        #expect(row(noQuery, "v", "ws4", .agentsvc)?.status == .public)
    }

    @Test("a public address from a network without internet egress is egress-blocked, before public-denied", arguments: [true, false])
    func egressBlocked(allowsPublic: Bool) {
        // Rule: public address, V has no internet egress → `egress-blocked`, via null (the row before public-denied).
        for r in publicWorld(egress: false, ingestion: allowsPublic, query: allowsPublic) {
            #expect(r.status == .egressBlocked, "\(r.fqdn)")
            #expect(r.via == nil)
        }
    }

    @Test("only private and public succeed")
    func successes() {
        // Rule: `private` and `public` succeed; every other status is a failure.
        #expect(Status.allCases.filter(\.succeeds) == [.private, .public])
        #expect(Status.allCases.map(\.rawValue).sorted() == ["dangling", "egress-blocked", "not-in-scope", "nxdomain", "private",
                                                             "public", "public-denied", "servfail", "unroutable"])
    }

    // MARK: The query names, end to end

    @Test("the query endpoints follow the shared api chain into the zone")
    func queryEndToEnd() {
        // Rule (sections 3 and 6): api.loganalytics.io and api.applicationinsights.io CNAME to
        // api.monitor.azure.com, which CNAMEs to api.privatelink.monitor.azure.com; pe1 wrote api.
        // MODEL.md 5 (v2): the eastus workspace's oms .4, ods .5, agentsvc .6, then api .7.
        let w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")], zones: amplsZones("z", links: ["hub"]),
                               workspaces: [ws("ws1", WS1)], components: [app("app1")], scopes: [scope("s1", ["ws1", "app1"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))]))
        let all = rows(w)
        for resource: ResourceID in ["ws1", "app1"] {
            let r = row(all, "hub", resource, .query)
            #expect(r?.resolution.chain.last == dn("api.privatelink.monitor.azure.com"), "\(resource)")
            #expect(r?.answer == ip("10.0.1.7"), "\(resource)")
            #expect(r?.status == .private, "\(resource)")
            #expect(r?.via == "pe1", "\(resource)")
        }
    }

    @Test("rows: networks in order, workspaces then components, endpoints in table order; deleted resources have none")
    func rowOrder() {
        // Rule (FORMAT.md, as the verdict matrix): one row per (network, resource, endpoint).
        let w = build(Topology(networks: [vnet("b", "10.1.0.0/16"), vnet("a", "10.0.0.0/16")],
                               workspaces: [ws("wsz", WS2), ws("wsa", WS1)], components: [app("c1")],
                               steps: [TimelineStep(.deleteResource("wsa"))]))
        let all = rows(w)
        #expect(all.map(\.network) == Array(repeating: "b", count: 10) + Array(repeating: "a", count: 10))
        #expect(all.prefix(10).map(\.resource) == Array(repeating: "wsz", count: 4) + Array(repeating: "c1", count: 6))
        #expect(all.prefix(10).map(\.endpoint) == [.ods, .oms, .agentsvc, .query, .ingest, .ingestRegional, .live, .profiler, .snapshot, .query])
    }
}
