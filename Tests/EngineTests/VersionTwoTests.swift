import Testing
@testable import AmplsimEngine
import AmplsimRender

// MODEL.md version 2: data collection endpoints, address keys, DNS Private Resolver inbound
// endpoints and forwarding rulesets, DNS by address, server flavors, gateway transit, the
// settled corner cases and today's limits. Every expectation is reasoned from MODEL.md in a
// comment; none is copied from the program's output.

private func dce(_ name: ResourceID, _ id: String, _ region: String = "eastus", ingestion: Bool = true) -> DataCollectionEndpoint {
    DataCollectionEndpoint(name: name, id: id, region: region, publicIngestion: ingestion)
}

/// The hub of the resolver tests: a hub VNet 10.0.0.0/16 with a resolver whose inbound endpoint
/// is 10.0.0.4, the five zones linked to the hub only, one workspace, one component and one DCE
/// in scope `ampls`, whose endpoint pe-hub (subnet 10.0.1.0/24) writes the five zones.
private func resolverHub(spokes: [Network], rulesets: [ForwardingRuleset] = [], servers: [DNSServer] = [],
                         extraNetworks: [Network] = [], hubTransit: Bool = false, gatewayTransit: Bool = false) -> Topology {
    var hub = vnet("hub", "10.0.0.0/16", peerings: spokes.filter { $0.kind == .vnet }.map(\.name), transit: hubTransit)
    hub.gatewayTransit = gatewayTransit
    hub.connections = spokes.filter { $0.kind == .onprem }.map(\.name)
    return Topology(
        networks: [hub] + spokes + extraNetworks,
        dnsServers: servers,
        zones: amplsZones("hub", links: ["hub"]),
        workspaces: [ws("law", WS1)],
        components: [app("appi", "westeurope", stamp: 5)],
        dataCollectionEndpoints: [dce("dce-linux", "q7lu")],
        dnsResolvers: [DNSResolver(name: "hub-resolver", network: "hub", inbound: [ip("10.0.0.4")])],
        forwardingRulesets: rulesets,
        scopes: [scope("ampls", ["law", "appi", "dce-linux"])],
        privateEndpoints: [pe("pe-hub", "hub", "10.0.1.0/24", scope: "ampls", zones: amplsZoneIDs("hub"))])
}

private func rule(_ domain: String, _ targets: String..., enabled: Bool = true) -> ForwardingRule {
    ForwardingRule(domain: domain == "." ? DNSName(canonical: "") : dn(domain), targets: targets.map(ip), enabled: enabled)
}

@Suite("MODEL.md v2 section 5: address keys in the observed order")
struct AddressKeyTests {
    @Test("a real endpoint's listing is reproduced address for address")
    func realListing() {
        // ../shared/real/observed-endpoint-records.md: subnet 192.168.0.64/26, .68 held by
        // something else (a DNS server here), one eastus workspace and four eastus DCEs in member
        // order. Section 5's order: the region's oms, ods, agentsvc (.69-.71), each DCE's three
        // names (.72-.83), api, global.in.ai, profiler, live, diagservices-query, snapshot
        // (.84-.89), scadvisorcontentpl (.90), global.handler.control (.91). The subnet's first
        // four addresses (.64-.67) are reserved.
        let dces = [dce("dce-jp-commonsecuritylog-eastus", "udpx"), dce("dce-jp-securityevent-eastus", "oj6f"),
                    dce("dce-jp-windowsevent-eastus", "efse"), dce("dce-jp-syslog-eastus", "6pfd")]
        let topology = Topology(
            networks: [vnet("vnet", "192.168.0.0/24")],
            dnsServers: [DNSServer(name: "holder", network: "vnet", address: ip("192.168.0.68"))],
            zones: amplsZones("z", links: ["vnet"]),
            workspaces: [ws("law", WS1)],
            dataCollectionEndpoints: dces,
            scopes: [scope("ampls", ["law"] + dces.map(\.name))],
            privateEndpoints: [pe("pe", "vnet", "192.168.0.64/26", scope: "ampls", zones: amplsZoneIDs("z"))])
        let world = build(topology)
        #expect(aRecord(world, "z-oms", "\(WS1).\(PL.oms)") == ip("192.168.0.69"))
        #expect(aRecord(world, "z-ods", "\(WS1).\(PL.ods)") == ip("192.168.0.70"))
        #expect(aRecord(world, "z-agentsvc", "\(WS1).\(PL.agentsvc)") == ip("192.168.0.71"))
        var next = 72
        for d in dces {
            for service in ["handler.control", "ingest", "metrics.ingest"] {
                let name = "\(d.name)-\(d.id).eastus-1.\(service).\(PL.monitor)"
                #expect(aRecord(world, "z-monitor", name) == ip("192.168.0.\(next)"), "\(name)")
                next += 1
            }
        }
        for label in ["api", "global.in.ai", "profiler", "live", "diagservices-query", "snapshot"] {
            #expect(aRecord(world, "z-monitor", "\(label).\(PL.monitor)") == ip("192.168.0.\(next)"), "\(label)")
            next += 1
        }
        #expect(aRecord(world, "z-blob", "scadvisorcontentpl.\(PL.blob)") == ip("192.168.0.90"))
        #expect(aRecord(world, "z-monitor", "global.handler.control.\(PL.monitor)") == ip("192.168.0.91"))
        #expect(world.endpoint("pe")?.addresses.values.map(\.description).sorted().first == "192.168.0.69")
        // 3 + 12 + 6 + 1 + 1 = 23 distinct addresses.
        #expect(Set(world.endpoint("pe")!.addresses.values).count == 23)
    }

    @Test("workspaces of one region share their three addresses; another region takes three more")
    func regionSharing() {
        // Subnet 10.0.1.0/24: the first free address is .4. Member order ws-a (eastus), ws-w
        // (westeurope), ws-b (eastus): eastus keys .4 .5 .6 (ws-a and ws-b share them),
        // westeurope .7 .8 .9, then api .10.
        var west = ws("ws-w", WS2)
        west.region = "westeurope"
        let topology = Topology(
            networks: [vnet("vnet", "10.0.0.0/16")],
            zones: amplsZones("z", links: ["vnet"]),
            workspaces: [ws("ws-a", WS1), west, ws("ws-b", WS3)],
            scopes: [scope("ampls", ["ws-a", "ws-w", "ws-b"])],
            privateEndpoints: [pe("pe", "vnet", "10.0.1.0/24", scope: "ampls", zones: amplsZoneIDs("z"))])
        var world = build(topology)
        #expect(aRecord(world, "z-oms", "\(WS1).\(PL.oms)") == ip("10.0.1.4"))
        #expect(aRecord(world, "z-oms", "\(WS3).\(PL.oms)") == ip("10.0.1.4"))
        #expect(aRecord(world, "z-ods", "\(WS3).\(PL.ods)") == ip("10.0.1.5"))
        #expect(aRecord(world, "z-agentsvc", "\(WS3).\(PL.agentsvc)") == ip("10.0.1.6"))
        #expect(aRecord(world, "z-oms", "\(WS2).\(PL.oms)") == ip("10.0.1.7"))
        #expect(aRecord(world, "z-agentsvc", "\(WS2).\(PL.agentsvc)") == ip("10.0.1.9"))
        #expect(aRecord(world, "z-monitor", "api.\(PL.monitor)") == ip("10.0.1.10"))
        // 2 regions × 3 + 6 + 1 + 1 = 14 addresses.
        #expect(Set(world.endpoint("pe")!.addresses.values).count == 14)

        // A workspace of a region already present takes no address (section 5).
        world = World(Topology(networks: topology.networks, zones: topology.zones,
                               workspaces: topology.workspaces + [ws("ws-c", WS4)], scopes: topology.scopes,
                               privateEndpoints: topology.privateEndpoints))
        _ = Timeline.run(Timeline.steps(of: topology), on: &world)
        let before = Set(world.endpoint("pe")!.addresses.values)
        expectAccepted(&world, .linkResource(scope: "ampls", resource: "ws-c"))
        #expect(Set(world.endpoint("pe")!.addresses.values) == before)
        #expect(aRecord(world, "z-ods", "\(WS4).\(PL.ods)") == ip("10.0.1.5"))
    }

    @Test("a fixed address fixes its whole key; two names of a key fixed apart are refused")
    func fixedKeys() {
        // WS1 and WS3 are both eastus: their oms names are one key. Fixing WS1's oms name to .50
        // gives WS3's oms name .50 too; the other keys start at .4.
        let base = Topology(
            networks: [vnet("vnet", "10.0.0.0/16")],
            zones: amplsZones("z", links: ["vnet"]),
            workspaces: [ws("ws-a", WS1), ws("ws-b", WS3)],
            scopes: [scope("ampls", ["ws-a", "ws-b"])])
        var world = World(base)
        expectAccepted(&world, .createEndpoint(pe("pe", "vnet", "10.0.1.0/24", scope: "ampls", zones: amplsZoneIDs("z"),
                                                  fixed: ["\(WS1).\(PL.oms)": "10.0.1.50"])))
        #expect(aRecord(world, "z-oms", "\(WS3).\(PL.oms)") == ip("10.0.1.50"))
        #expect(aRecord(world, "z-ods", "\(WS1).\(PL.ods)") == ip("10.0.1.4"))

        var other = World(base)
        expectRefused(&other, .createEndpoint(pe("pe", "vnet", "10.0.1.0/24", scope: "ampls", zones: amplsZoneIDs("z"),
                                                 fixed: ["\(WS1).\(PL.oms)": "10.0.1.50", "\(WS3).\(PL.oms)": "10.0.1.51"])),
                      mentioning: "share one address")
        // Two different keys fixed to one address: each key needs an address of its own.
        var same = World(base)
        expectRefused(&same, .createEndpoint(pe("pe", "vnet", "10.0.1.0/24", scope: "ampls", zones: amplsZoneIDs("z"),
                                                fixed: ["api.\(PL.monitor)": "10.0.1.50", "profiler.\(PL.monitor)": "10.0.1.50"])),
                      mentioning: "address each")
    }

    @Test("a fixed address may name a record the scope needs only later")
    func fixedLater() {
        // ws-w (westeurope) joins after the endpoint exists: its oms key takes the fixed .60
        // when it is first needed; its ods and agentsvc keys take the lowest free addresses.
        var west = ws("ws-w", WS2)
        west.region = "westeurope"
        let topology = Topology(
            networks: [vnet("vnet", "10.0.0.0/16")],
            zones: amplsZones("z", links: ["vnet"]),
            workspaces: [ws("ws-a", WS1), west],
            scopes: [scope("ampls", ["ws-a"])],
            privateEndpoints: [pe("pe", "vnet", "10.0.1.0/24", scope: "ampls", zones: amplsZoneIDs("z"),
                                  fixed: ["\(WS2).\(PL.oms)": "10.0.1.60"])])
        var world = build(topology)
        #expect(world.owner(of: ip("10.0.1.60")) == nil, "not taken before the key is needed")
        // eastus .4-.6, six shared .7-.12, blob .13, global.handler.control .14: next free .15.
        expectAccepted(&world, .linkResource(scope: "ampls", resource: "ws-w"))
        #expect(aRecord(world, "z-oms", "\(WS2).\(PL.oms)") == ip("10.0.1.60"))
        #expect(aRecord(world, "z-ods", "\(WS2).\(PL.ods)") == ip("10.0.1.15"))
        #expect(aRecord(world, "z-agentsvc", "\(WS2).\(PL.agentsvc)") == ip("10.0.1.16"))
    }

    @Test("addresses held by a DNS server or an inbound endpoint are skipped; too few is refused with counts")
    func holdersAndCounts() {
        // A /28 (10.0.1.0/28) has 16 addresses, 5 reserved: .4 to .14, 11 free. One workspace
        // needs 11 keys (3 + 6 + 1 + 1): it just fits. With .4 held by an inbound endpoint only
        // 10 are free: refused, naming both numbers.
        let fits = Topology(networks: [vnet("vnet", "10.0.0.0/16")], zones: amplsZones("z", links: ["vnet"]),
                            workspaces: [ws("law", WS1)], scopes: [scope("ampls", ["law"])])
        var world = World(fits)
        expectAccepted(&world, .createEndpoint(pe("pe", "vnet", "10.0.1.0/28", scope: "ampls")))
        #expect(world.endpoint("pe").map { Set($0.addresses.values).count } == 11)

        var held = fits
        held.dnsResolvers = [DNSResolver(name: "r", network: "vnet", inbound: [ip("10.0.1.4")])]
        var small = World(held)
        expectRefused(&small, .createEndpoint(pe("pe", "vnet", "10.0.1.0/28", scope: "ampls")), mentioning: "10 free addresses")
        if let refusal = small.apply(.createEndpoint(pe("pe", "vnet", "10.0.1.0/28", scope: "ampls"))) {
            #expect(refusal.message.contains("needs 11"))
        }
    }
}

@Suite("MODEL.md v2 sections 2-3: data collection endpoints")
struct DataCollectionEndpointTests {
    @Test("a DCE in the scope connects privately on all four endpoints")
    func inScope() {
        let world = build(resolverHub(spokes: []))
        let matrix = rows(world)
        // The endpoint wrote the DCE's three names and global.handler.control (section 5); its
        // public CNAMEs are published (the DCE is in a scope with an endpoint, section 3).
        for kind in [EndpointKind.configGlobal, .config, .ingest, .metrics] {
            #expect(row(matrix, "hub", "dce-linux", kind)?.status == .private, "\(kind)")
            #expect(row(matrix, "hub", "dce-linux", kind)?.via == "pe-hub")
        }
        #expect(row(matrix, "hub", "dce-linux", .config)?.fqdn == dn("dce-linux-q7lu.eastus-1.handler.control.monitor.azure.com"))
        #expect(row(matrix, "hub", "dce-linux", .metrics)?.fqdn == dn("dce-linux-q7lu.eastus-1.metrics.ingest.monitor.azure.com"))
    }

    @Test("a DCE outside every scope: its own names stay public, config-global hits the scope")
    func outOfScope() {
        var topology = resolverHub(spokes: [])
        topology.dataCollectionEndpoints.append(dce("dce-other", "ab12"))
        let matrix = rows(build(topology))
        // Its three CNAMEs are not published (section 3): public addresses, `public`.
        for kind in [EndpointKind.config, .ingest, .metrics] {
            #expect(row(matrix, "hub", "dce-other", kind)?.status == .public, "\(kind)")
        }
        // global.handler.control is shared: pe-hub's address, scope PrivateOnly, not a member.
        #expect(row(matrix, "hub", "dce-other", .configGlobal)?.status == .notInScope)
        // Rows come after workspaces and components (FORMAT.md).
        let order = matrix.filter { $0.network == "hub" }.map(\.resource)
        #expect(order.firstIndex(of: "dce-linux")! > order.firstIndex(of: "appi")!)
    }

    @Test("a resource deleted by a step takes its public names with it")
    func deletedNamesLeave() {
        // appi is the only westeurope-5 component: after unlink and delete, public DNS has no
        // westeurope-5.in.applicationinsights.azure.com any more (section 3).
        var world = build(resolverHub(spokes: []))
        #expect(Resolver(world: world).publicDNS.lookup(dn("westeurope-5.in.applicationinsights.azure.com")) != nil)
        expectAccepted(&world, .unlinkResource(scope: "ampls", resource: "appi"))
        expectAccepted(&world, .deleteResource("appi"))
        #expect(Resolver(world: world).publicDNS.lookup(dn("westeurope-5.in.applicationinsights.azure.com")) == nil)
        #expect(Resolver(world: world).publicDNS.lookup(dn("api.applicationinsights.io")) != nil, "shared names stay")
    }
}

@Suite("MODEL.md v2 section 4: DNS Private Resolver and forwarding rulesets")
struct RulesetTests {
    @Test("a spoke using the hub's inbound endpoint by address resolves through the hub's zones")
    func inboundByAddress() {
        // spoke dns 10.0.0.4 = hub-resolver's inbound: answers as Azure DNS of hub; the spoke is
        // peered to the hub, so it reaches the endpoint: private.
        let world = build(resolverHub(spokes: [vnet("spoke", "10.1.0.0/16", dns: .address(ip("10.0.0.4")), peerings: ["hub"])],
                                      extraNetworks: [vnet("lonely", "10.9.0.0/16", dns: .address(ip("10.0.0.4")))]))
        let matrix = rows(world)
        #expect(row(matrix, "spoke", "law", .query)?.status == .private)
        #expect(row(matrix, "spoke", "dce-linux", .ingest)?.status == .private)
        let trace = resolve(world, "api.loganalytics.io", from: "spoke")
        #expect(trace.hops.first?.resolver == .inbound(resolver: "hub-resolver", address: ip("10.0.0.4")))
        // A network that cannot reach the hub cannot ask its inbound endpoint: SERVFAIL.
        #expect(row(matrix, "lonely", "law", .query)?.status == .servfail)
    }

    @Test("a rule sends a domain to the hub; Azure DNS takes the whole answer and routes no CNAME target")
    func ruleWholeAnswer() {
        // spoke (dns azure) links no zone; its ruleset forwards monitor.azure.com to 10.0.0.4.
        // api.loganalytics.io: public DNS CNAME api.monitor.azure.com (no rule for
        // loganalytics.io), which the rule sends to the hub: the hub's chain ends at pe-hub.
        // law's ods name: no rule for opinsights.azure.com, so public DNS answers the whole
        // chain: a public address, `public` (law allows public ingestion).
        let rules = ForwardingRuleset(name: "spoke-rules", resolver: "hub-resolver", links: ["spoke"],
                                      rules: [rule("monitor.azure.com", "10.0.0.4")])
        let world = build(resolverHub(spokes: [vnet("spoke", "10.1.0.0/16", peerings: ["hub"])], rulesets: [rules]))
        let matrix = rows(world)
        #expect(row(matrix, "spoke", "law", .query)?.status == .private)
        #expect(row(matrix, "spoke", "law", .ods)?.status == .public)
        let trace = resolve(world, "api.loganalytics.io", from: "spoke")
        #expect(trace.hops.contains { $0.source == .rule(ruleset: "spoke-rules", domain: dn("monitor.azure.com"), target: ip("10.0.0.4")) })
        #expect(trace.chain.last == dn("api.privatelink.monitor.azure.com"))
    }

    @Test("a `.` rule does not catch Azure's reserved domains")
    func reservedDomains() {
        // The `.` rule catches api.loganalytics.io (loganalytics.io is not reserved): the hub
        // answers the whole chain, private. profiler.monitor.azure.com is under azure.com: the
        // rule does not match, public DNS answers, and its CNAME target is under azure.com too:
        // a public address, `public` (appi allows public ingestion).
        let rules = ForwardingRuleset(name: "all", resolver: "hub-resolver", links: ["spoke"], rules: [rule(".", "10.0.0.4")])
        let matrix = rows(build(resolverHub(spokes: [vnet("spoke", "10.1.0.0/16", peerings: ["hub"])], rulesets: [rules])))
        #expect(row(matrix, "spoke", "law", .query)?.status == .private)
        #expect(row(matrix, "spoke", "appi", .profiler)?.status == .public)
        #expect(row(matrix, "spoke", "law", .oms)?.status == .public, "opinsights.azure.com is under azure.com")
    }

    @Test("a linked zone answers before any rule, and never falls through to one")
    func zoneBeforeRule() {
        // spoke links an empty privatelink.monitor.azure.com and has a rule for the same domain
        // to the hub: the linked zone answers first (NXDOMAIN), section 4 step 1.
        var topology = resolverHub(spokes: [vnet("spoke", "10.1.0.0/16", peerings: ["hub"])],
                                   rulesets: [ForwardingRuleset(name: "r", resolver: "hub-resolver", links: ["spoke"],
                                                                rules: [rule("privatelink.monitor.azure.com", "10.0.0.4")])])
        topology.zones.append(zone("spoke-monitor", PL.monitor, links: ["spoke"]))
        let matrix = rows(build(topology))
        #expect(row(matrix, "spoke", "law", .query)?.status == .nxdomain)
    }

    @Test("a ruleset linked to the resolver's own network whose rule targets its inbound endpoint loops")
    func ruleLoop() {
        // hub applies monitor.azure.com → 10.0.0.4, its own inbound endpoint: Azure DNS of hub
        // is asked for api.monitor.azure.com while resolving it: SERVFAIL (loop).
        let rules = ForwardingRuleset(name: "hub-rules", resolver: "hub-resolver", links: ["hub"],
                                      rules: [rule("monitor.azure.com", "10.0.0.4")])
        let world = build(resolverHub(spokes: [], rulesets: [rules]))
        let trace = resolve(world, "api.loganalytics.io", from: "hub")
        #expect(trace.outcome == .servfail(.ruleLoop(ruleset: "hub-rules", name: dn("api.monitor.azure.com"))))
        #expect(row(rows(world), "hub", "law", .query)?.status == .servfail)
    }

    @Test("targets that do not answer are skipped; none answering is SERVFAIL")
    func targets() {
        // 10.7.7.7 is held by nothing: skipped; 10.0.0.4 answers. A ruleset whose only target
        // lies in a network the resolver's network cannot reach: SERVFAIL.
        let skip = ForwardingRuleset(name: "skip", resolver: "hub-resolver", links: ["spoke"],
                                     rules: [rule("monitor.azure.com", "10.7.7.7", "10.0.0.4")])
        let ok = rows(build(resolverHub(spokes: [vnet("spoke", "10.1.0.0/16", peerings: ["hub"])], rulesets: [skip])))
        #expect(row(ok, "spoke", "law", .query)?.status == .private)

        let far = ForwardingRuleset(name: "far", resolver: "hub-resolver", links: ["spoke"],
                                    rules: [rule("monitor.azure.com", "10.9.0.10")])
        let topology = resolverHub(spokes: [vnet("spoke", "10.1.0.0/16", peerings: ["hub"])], rulesets: [far],
                                   servers: [DNSServer(name: "island-dns", network: "island", address: ip("10.9.0.10"))],
                                   extraNetworks: [vnet("island", "10.9.0.0/16")])
        let world = build(topology)
        #expect(resolve(world, "api.loganalytics.io", from: "spoke").outcome
                == .servfail(.noRuleTarget(ruleset: "far", domain: dn("monitor.azure.com"))))
    }
}

@Suite("MODEL.md v2 section 4: server flavors and forwarded SERVFAIL")
struct FlavorTests {
    /// On-prem server corp-dns (flavor given) forwards loganalytics.io to corp-upstream (which
    /// recurses to the internet), privatelink.monitor.azure.com to the hub's inbound endpoint,
    /// and recurses to the internet for the rest. The on-prem site is connected to the hub.
    private func world(_ flavor: ServerFlavor) -> World {
        let corp = DNSServer(name: "corp-dns", network: "onprem",
                             forwarders: [Forwarder(domain: dn("loganalytics.io"), target: .server("corp-upstream")),
                                          Forwarder(domain: dn("privatelink.monitor.azure.com"), target: .address(ip("10.0.0.4")))],
                             address: ip("192.168.0.10"), flavor: flavor)
        let upstream = DNSServer(name: "corp-upstream", network: "onprem", address: ip("192.168.0.11"))
        return build(resolverHub(spokes: [onprem("onprem", "192.168.0.0/16", dns: .server("corp-dns"))],
                                 servers: [corp, upstream]))
    }

    @Test("bind re-routes the forwarded chain; windows takes the whole answer")
    func bindVersusWindows() {
        // api.loganalytics.io goes to corp-upstream, which answers the whole public chain.
        // bind keeps api.loganalytics.io, then routes api.monitor.azure.com itself (internet,
        // a different entry), whose CNAME api.privatelink.monitor.azure.com goes to the inbound
        // endpoint: pe-hub's address, reached over the connection: private.
        #expect(row(rows(world(.bind)), "onprem", "law", .query)?.status == .private)
        // windows keeps corp-upstream's whole answer: a public address, `public` (law allows
        // public query), the way on-prem Active Directory DNS breaks Private Link.
        #expect(row(rows(world(.windows)), "onprem", "law", .query)?.status == .public)
    }

    @Test("a forwarded SERVFAIL ends the resolution, even where bind would route the next name elsewhere")
    func forwardedServfail() {
        // T hosts corp.example with a.corp.example CNAME api.loganalytics.io, and recurses to
        // the internet from a network without egress: it answers [a.corp.example,
        // api.loganalytics.io] then SERVFAIL. S forwards corp.example to T and would route
        // api.loganalytics.io to the internet itself; T's SERVFAIL sends back no chain: SERVFAIL.
        let t = DNSServer(name: "t", network: "dark", zones: ["corp"], address: ip("10.5.0.10"))
        let s = DNSServer(name: "s", network: "hub", forwarders: [Forwarder(domain: dn("corp.example"), target: .server("t"))])
        var topology = resolverHub(spokes: [], servers: [s, t],
                                   extraNetworks: [vnet("dark", "10.5.0.0/16", peerings: ["hub"], egress: false),
                                                   vnet("client", "10.6.0.0/16", dns: .server("s"), peerings: ["hub"])])
        topology.networks[0].peerings += ["dark", "client"]
        topology.networks[0].transit = true
        topology.zones.append(zone("corp", "corp.example", records: [CNAME("a.corp.example", "api.loganalytics.io")]))
        let trace = resolve(build(topology), "a.corp.example", from: "client")
        guard case .servfail = trace.outcome else {
            Issue.record("expected SERVFAIL, got \(trace.outcome)")
            return
        }
    }
}

@Suite("MODEL.md v2 section 6: gateway transit")
struct GatewayTransitTests {
    @Test("on-prem reaches every spoke through a gateway hub; spokes do not reach each other")
    func gatewayTransit() {
        let topology = resolverHub(spokes: [vnet("spoke-1", "10.1.0.0/16", peerings: ["hub"]),
                                            vnet("spoke-2", "10.2.0.0/16", peerings: ["hub"]),
                                            onprem("onprem", "192.168.0.0/16")],
                                   gatewayTransit: true)
        let reach = Reachability(world: build(topology))
        #expect(reach.reaches("onprem", "spoke-1"))
        #expect(reach.reaches("spoke-2", "onprem"))
        #expect(reach.path(from: "onprem", to: "spoke-1")?.via == ["hub"])
        #expect(!reach.reaches("spoke-1", "spoke-2"), "enters and leaves by peerings")
        #expect(reach.paths(from: "onprem")["spoke-2"] != nil)
        #expect(reach.paths(from: "spoke-1")["spoke-2"] == nil)
        #expect(reach.paths(from: "spoke-1")["onprem"]?.via == ["hub"])
    }
}

@Suite("MODEL.md v2: new steps and limits")
struct VersionTwoStepTests {
    @Test("createNetwork adds a spoke whose rows appear; an overlapping one is refused")
    func createNetwork() {
        var world = build(resolverHub(spokes: []))
        var spoke = vnet("spoke-new", "10.4.0.0/16", dns: .address(ip("10.0.0.4")), peerings: ["hub"])
        spoke.kind = .vnet
        expectAccepted(&world, .createNetwork(spoke))
        #expect(row(rows(world), "spoke-new", "law", .query)?.status == .private)
        expectRefused(&world, .createNetwork(vnet("clash", "10.4.1.0/24")), mentioning: "overlaps")
        expectRefused(&world, .createNetwork(vnet("odd", "10.8.0.0/16", dns: .address(ip("10.8.0.9")))), mentioning: "10.8.0.9")
    }

    @Test("rulesets: link, set and delete rules; two enabled rules of a domain on one network are refused")
    func rulesetSteps() {
        let a = ForwardingRuleset(name: "a", resolver: "hub-resolver", links: [], rules: [rule("monitor.azure.com", "10.0.0.4")])
        let b = ForwardingRuleset(name: "b", resolver: "hub-resolver", links: ["spoke"], rules: [rule("monitor.azure.com", "10.0.0.4")])
        var world = build(resolverHub(spokes: [vnet("spoke", "10.1.0.0/16", peerings: ["hub"])], rulesets: [a, b]))
        #expect(row(rows(world), "spoke", "law", .query)?.status == .private)
        expectRefused(&world, .linkRuleset(ruleset: "a", network: "spoke"), mentioning: "monitor.azure.com")
        expectAccepted(&world, .deleteRule(ruleset: "b", domain: dn("monitor.azure.com")))
        // Without the rule the spoke's Azure DNS answers from public DNS: public.
        #expect(row(rows(world), "spoke", "law", .query)?.status == .public)
        expectAccepted(&world, .setRule(ruleset: "b", rule: rule("loganalytics.io", "10.0.0.4")))
        #expect(row(rows(world), "spoke", "law", .query)?.status == .private)
        expectRefused(&world, .setRule(ruleset: "b", rule: rule("x.example", "168.63.129.16")), mentioning: "168.63.129.16")
        expectAccepted(&world, .unlinkRuleset(ruleset: "b", network: "spoke"))
        expectRefused(&world, .unlinkRuleset(ruleset: "b", network: "spoke"))
    }

    @Test("today's limits hold 300 workspaces per scope; limits: seed holds 50 resources")
    func limits() {
        // Default (Azure's documented values): no cap of 50 resources per scope, 300 workspaces.
        func topology(_ limits: Limits) -> Topology {
            var settings = Settings()
            settings.limits = limits
            let workspaces = (0..<50).map { i in ws("w\(i)", "\(String(repeating: "0", count: 8 - String(i, radix: 16).count))\(String(i, radix: 16))-0000-4000-8000-000000000000") }
            return Topology(settings: settings, networks: [vnet("vnet", "10.0.0.0/16")], workspaces: workspaces + [ws("extra", WS1)],
                            scopes: [scope("s", workspaces.map(\.name))])
        }
        var today = World(topology(Limits()))
        expectAccepted(&today, .linkResource(scope: "s", resource: "extra"))
        var seed = World(topology(.seed))
        expectRefused(&seed, .linkResource(scope: "s", resource: "extra"), mentioning: "resourcesPerScope 50")
    }
}

@Suite("Status.ordinal")
struct StatusOrdinalTests {
    @Test("ordinal is the place in allCases, and count their number")
    func ordinal() {
        #expect(Status.allCases.map(\.ordinal) == Array(0..<Status.allCases.count))
        #expect(Status.count == Status.allCases.count)
    }

    @Test("an endpoint kind's ordinal is its place in allCases")
    func endpointOrdinal() {
        // The table indexes its endpoint names by ordinal: two kinds on one place would print
        // one kind's name for the other's rows.
        #expect(EndpointKind.allCases.map(\.ordinal) == Array(0..<EndpointKind.allCases.count))
    }
}
