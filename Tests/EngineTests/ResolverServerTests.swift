import Testing
@testable import AmplsimEngine

/// MODEL.md section 4: custom DNS servers, their routes, and reaching resolvers.
@Suite("Resolver: DNS servers")
struct ResolverServerTests {
    let profiler = "profiler.monitor.azure.com"
    let profilerPL = "profiler.privatelink.monitor.azure.com"

    /// hub (10.0/16, links `pl-hub`: profiler → 10.0.1.5) and spoke (10.1/16, peered, links
    /// `pl-spoke`: profiler → 10.1.1.5) whose clients ask `dns1`, a server in hub.
    func topology(_ dns1: DNSServer, more servers: [DNSServer] = [], hubEgress: Bool = true,
                  extraZones: [Zone] = [], extraNetworks: [Network] = []) -> Topology {
        Topology(networks: [vnet("hub", "10.0.0.0/16", peerings: ["spoke"], egress: hubEgress),
                            vnet("spoke", "10.1.0.0/16", dns: .server(dns1.name))] + extraNetworks,
                 dnsServers: [dns1] + servers,
                 zones: [zone("pl-hub", PL.monitor, links: ["hub"], records: [A(profilerPL, "10.0.1.5")]),
                         zone("pl-spoke", PL.monitor, links: ["spoke"], records: [A(profilerPL, "10.1.1.5")])] + extraZones)
    }

    func publicAddress(_ name: String) -> IPv4Address? {
        let w = build(Topology(networks: [vnet("bare", "10.200.0.0/16")]))
        return resolve(w, name, from: "bare").outcome.address
    }

    func isServfail(_ r: Resolution) -> Bool {
        if case .servfail = r.outcome { return true }
        return false
    }

    // MARK: Routes

    @Test("a hosted zone answers every name inside it, even when a forwarder's domain is longer")
    func hostedZoneBeatsLongerForwarder() {
        // Rule: route = the longest hosted zone containing the name, whatever its forwarders say.
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["corp-mon"],
                             forwarders: [Forwarder(domain: dn(profiler), target: .internet),
                                          Forwarder(domain: dn(profilerPL), target: .azure)])
        let corp = zone("corp-mon", "monitor.azure.com", records: [A(profiler, "10.0.5.5"), A(profilerPL, "10.0.5.6")])
        let w = build(topology(dns1, extraZones: [corp]))
        #expect(resolve(w, profiler, from: "spoke").outcome == .address(ip("10.0.5.5")))
        #expect(resolve(w, profilerPL, from: "spoke").outcome == .address(ip("10.0.5.6")))
    }

    @Test("a hosted zone answers without fallback")
    func hostedZoneNoFallback() {
        // Rule: a hosted zone answers as a zone does, never with fallback (even if a VNet link has it).
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["pl-fb"])
        let plfb = zone("pl-fb", PL.monitor, fallback: ["hub"], records: [A("api.privatelink.monitor.azure.com", "10.0.1.4")])
        let w = build(Topology(networks: [vnet("hub", "10.0.0.0/16", dns: .server("dns1"))],
                               dnsServers: [dns1], zones: [plfb]))
        let r = resolve(w, profiler, from: "hub")
        #expect(r.chain == [dn(profiler), dn(profilerPL)])
        #expect(r.outcome == .nxdomain)
    }

    @Test("the conditional forwarder with the longest matching domain wins, whatever the list order", arguments: [false, true])
    func longestForwarder(reversed: Bool) {
        // Rule: else its conditional forwarder with the longest matching domain.
        var forwarders = [Forwarder(domain: "azure.com", target: .internet), Forwarder(domain: "monitor.azure.com", target: .azure)]
        if reversed { forwarders.reverse() }
        let w = build(topology(DNSServer(name: "dns1", network: "hub", forwarders: forwarders, defaultTarget: .internet)))
        #expect(resolve(w, profiler, from: "spoke").outcome == .address(ip("10.0.1.5")))
    }

    @Test("a forwarder for . matches every name and beats the default")
    func rootForwarder() {
        // Rule: the forwarder domain `.` matches every name (so the default is never used).
        let dns1 = DNSServer(name: "dns1", network: "hub", forwarders: [Forwarder(domain: DNSName(canonical: ""), target: .azure)],
                             defaultTarget: .internet)
        #expect(resolve(build(topology(dns1)), profiler, from: "spoke").outcome == .address(ip("10.0.1.5")))
    }

    @Test("with no matching forwarder the default route is used", arguments: [ForwardTarget.azure, .internet, .server("dns2")])
    func defaultRoute(target: ForwardTarget) {
        // Rule: else its `default`, as a forwarder for `.`.
        let dns1 = DNSServer(name: "dns1", network: "hub", forwarders: [Forwarder(domain: "example.com", target: .azure)],
                             defaultTarget: target)
        let dns2 = DNSServer(name: "dns2", network: "hub", zones: ["corp-pl"])
        let corp = zone("corp-pl", PL.monitor, records: [A(profilerPL, "10.0.6.6")])
        let r = resolve(build(topology(dns1, more: [dns2], extraZones: [corp])), profiler, from: "spoke")
        switch target {
        case .azure: #expect(r.outcome == .address(ip("10.0.1.5")))
        case .internet: #expect(r.outcome.address == publicAddress(profilerPL))
        case .server: #expect(r.outcome == .address(ip("10.0.6.6")))
        case .address: Issue.record("not one of this test's arguments")
        }
    }

    @Test("a forwarder to azure asks Azure DNS of the server's network, not the client's")
    func azureOfServerNetwork() {
        // Rule: `azure` in a forwarder is Azure DNS of S's network.
        let dns1 = DNSServer(name: "dns1", network: "hub", defaultTarget: .azure)
        let r = resolve(build(topology(dns1)), profiler, from: "spoke")
        #expect(r.outcome == .address(ip("10.0.1.5")))
    }

    @Test("internet recursion: public DNS answers one name, the server routes the CNAME target itself")
    func internetThenOwnRoute() {
        // Rule: `internet` is S's own recursion: public DNS answers this one name, and S resolves a
        // CNAME target itself, by its own route.
        let dns1 = DNSServer(name: "dns1", network: "hub",
                             forwarders: [Forwarder(domain: dn(PL.monitor), target: .azure)], defaultTarget: .internet)
        let r = resolve(build(topology(dns1)), profiler, from: "spoke")
        #expect(r.chain == [dn(profiler), dn(profilerPL)])
        #expect(r.outcome == .address(ip("10.0.1.5")))
    }

    @Test("a hosted zone's CNAME target is routed by the server itself")
    func hostedCnameRoutedByServer() {
        // Rule: S works through the chain itself, name by name.
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["corp"],
                             forwarders: [Forwarder(domain: dn(PL.monitor), target: .azure)])
        let corp = zone("corp", "corp.test", records: [CNAME("mon.corp.test", profilerPL)])
        let r = resolve(build(topology(dns1, extraZones: [corp])), "mon.corp.test", from: "spoke")
        #expect(r.chain == [dn("mon.corp.test"), dn(profilerPL)])
        #expect(r.outcome == .address(ip("10.0.1.5")))
    }

    // MARK: Keeping forwarded names (BIND 9)

    @Test("names the target returns are re-resolved from the first one the server routes to a hosted zone")
    func forwardedChainLeavesAtHostedZone() {
        // Rule: S keeps the target's names while its own route for each is that same forwarder, and
        // resolves the first name it would route elsewhere itself. Here Azure DNS of hub would answer
        // profiler.privatelink with 10.0.1.5, but dns1 hosts that zone and answers 10.0.7.7.
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["own-pl"],
                             forwarders: [Forwarder(domain: "monitor.azure.com", target: .azure)])
        let own = zone("own-pl", PL.monitor, records: [A(profilerPL, "10.0.7.7")])
        let r = resolve(build(topology(dns1, extraZones: [own])), profiler, from: "spoke")
        #expect(r.chain == [dn(profiler), dn(profilerPL)])
        #expect(r.outcome == .address(ip("10.0.7.7")))
    }

    @Test("names the target returns are re-resolved from the first one routed to another forwarder")
    func forwardedChainLeavesAtOtherForwarder() {
        // Rule: as above, with the second name routed to a different forwarder (internet): Azure DNS of
        // hub would answer 10.0.1.5, dns1's own recursion gets the public address.
        let dns1 = DNSServer(name: "dns1", network: "hub",
                             forwarders: [Forwarder(domain: "monitor.azure.com", target: .azure),
                                          Forwarder(domain: dn(PL.monitor), target: .internet)])
        let r = resolve(build(topology(dns1)), profiler, from: "spoke")
        #expect(r.chain == [dn(profiler), dn(profilerPL)])
        #expect(r.outcome.address == publicAddress(profilerPL))
    }

    @Test("names kept while the route is the same forwarder: the target's answer stands")
    func forwardedChainKept() {
        // Rule: S keeps the names of the target's chain while its own route for each is that same forwarder.
        let dns1 = DNSServer(name: "dns1", network: "hub",
                             forwarders: [Forwarder(domain: "monitor.azure.com", target: .azure)], defaultTarget: .internet)
        let r = resolve(build(topology(dns1)), profiler, from: "spoke")
        #expect(r.chain == [dn(profiler), dn(profilerPL)])
        #expect(r.outcome == .address(ip("10.0.1.5")))
    }

    @Test("a chain leaving a forwarded target and coming back to the same forwarder")
    func forwardedChainLeavesAndReturns() {
        // Rule: S resolves the first name routed elsewhere itself, by its own route, name by name.
        // Azure DNS of hub: m1.fwd.test CNAME x.own.test (hub links a zone own.test saying x → 10.0.8.1);
        // dns1 hosts own.test, where x CNAME m2.fwd.test; dns1 forwards fwd.test to azure: m2 → 10.0.8.2.
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["own-dns1"],
                             forwarders: [Forwarder(domain: "fwd.test", target: .azure)])
        let fwd = zone("fwd", "fwd.test", links: ["hub"], records: [CNAME("m1.fwd.test", "x.own.test"), A("m2.fwd.test", "10.0.8.2")])
        let ownHub = zone("own-hub", "own.test", links: ["hub"], records: [A("x.own.test", "10.0.8.1")])
        let ownDns1 = zone("own-dns1", "own.test", records: [CNAME("x.own.test", "m2.fwd.test")])
        let r = resolve(build(topology(dns1, extraZones: [fwd, ownHub, ownDns1])), "m1.fwd.test", from: "spoke")
        #expect(r.chain == [dn("m1.fwd.test"), dn("x.own.test"), dn("m2.fwd.test")])
        #expect(r.outcome == .address(ip("10.0.8.2")))
    }

    // MARK: Reaching resolvers

    @Test("internet from a network without egress is SERVFAIL")
    func internetWithoutEgress() {
        // Rule: `internet` (a forwarder or default naming it) from a network without internet egress is SERVFAIL.
        let dns1 = DNSServer(name: "dns1", network: "hub", forwarders: [Forwarder(domain: dn(PL.monitor), target: .azure)],
                             defaultTarget: .internet)
        let w = build(topology(dns1, hubEgress: false))
        #expect(isServfail(resolve(w, profiler, from: "spoke")))
        // Control: a name routed to azure only still resolves from the egress-less hub.
        #expect(resolve(w, profilerPL, from: "spoke").outcome == .address(ip("10.0.1.5")))
    }

    @Test("an internet forwarder from a network without egress is SERVFAIL")
    func internetForwarderWithoutEgress() {
        // Rule: `internet` named by a forwarder (not only the default) needs egress.
        let dns1 = DNSServer(name: "dns1", network: "hub", forwarders: [Forwarder(domain: "monitor.azure.com", target: .internet)],
                             defaultTarget: .azure)
        #expect(isServfail(resolve(build(topology(dns1, hubEgress: false)), profiler, from: "spoke")))
    }

    @Test("a forwarder whose target runs in a network the server cannot reach is SERVFAIL")
    func forwarderTargetUnreachable() {
        // Rule: a forwarder whose target server runs in a network S cannot reach gives SERVFAIL.
        let dns1 = DNSServer(name: "dns1", network: "hub", defaultTarget: .server("dns2"))
        let dns2 = DNSServer(name: "dns2", network: "island", defaultTarget: .internet)
        let w = build(topology(dns1, more: [dns2], extraNetworks: [vnet("island", "10.9.0.0/16")]))
        #expect(isServfail(resolve(w, profiler, from: "spoke")))
    }

    @Test("forwarder reachability is judged from the server's network, not the client's")
    func forwarderReachFromServerNetwork() {
        // Rule: the forwarding server S must reach the target (the client need not).
        let dns1 = DNSServer(name: "dns1", network: "hub", defaultTarget: .server("dns2"))
        let dns2 = DNSServer(name: "dns2", network: "spoke2", zones: ["pl2"])
        let pl2 = zone("pl2", PL.monitor, records: [A(profilerPL, "10.2.1.5")])
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16", peerings: ["spoke", "spoke2"]),
                                    vnet("spoke", "10.1.0.0/16", dns: .server("dns1")),
                                    vnet("spoke2", "10.2.0.0/16")],
                         dnsServers: [dns1, dns2], zones: [pl2])
        let w = build(t)
        #expect(!Reachability(world: w).reaches("spoke", "spoke2"))
        #expect(resolve(w, profiler, from: "spoke").outcome == .address(ip("10.2.1.5")))
    }

    @Test("a client whose DNS server is unreachable gets SERVFAIL; transit makes it reachable", arguments: [false, true])
    func clientServerUnreachable(hubTransit: Bool) {
        // Rule: a client whose DNS server runs in a network it cannot reach gets SERVFAIL.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16", peerings: ["spoke1", "spoke2"], transit: hubTransit),
                                    vnet("spoke1", "10.1.0.0/16", dns: .server("dns2")),
                                    vnet("spoke2", "10.2.0.0/16")],
                         dnsServers: [DNSServer(name: "dns2", network: "spoke2")])
        let r = resolve(build(t), profiler, from: "spoke1")
        if hubTransit {
            #expect(r.outcome.address == publicAddress(profilerPL))
        } else {
            #expect(isServfail(r))
        }
    }

    // MARK: Chain length and loops

    @Test("16 names across a hosted zone and a forwarded zone answer; 17 is SERVFAIL", arguments: [(8, true), (9, false)])
    func chainLimitAcrossForwarding(forwardedNames: Int, answers: Bool) {
        // Rule: the whole chain is at most 16 names, wherever its names are answered.
        let hosted = (1...8).map { i in
            i < 8 ? CNAME("a\(i).a.test", "a\(i + 1).a.test") : CNAME("a8.a.test", "c1.b.test")
        }
        let forwarded = ResolverAzureTests.chainRecords(forwardedNames, domain: "b.test", last: "10.0.0.88")
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["a"], forwarders: [Forwarder(domain: "b.test", target: .azure)])
        let w = build(topology(dns1, extraZones: [zone("a", "a.test", records: hosted),
                                                  zone("b", "b.test", links: ["hub"], records: forwarded)]))
        let r = resolve(w, "a1.a.test", from: "spoke")
        if answers {
            #expect(r.chain.count == 16)
            #expect(r.outcome == .address(ip("10.0.0.88")))
        } else {
            #expect(isServfail(r))
        }
    }

    @Test("a chain of 16 names in a hosted zone answers; 17 is SERVFAIL", arguments: [(16, true), (17, false)])
    func chainLimitInHostedZone(length: Int, answers: Bool) {
        // Rule: the chain is at most 16 names; a longer chain is SERVFAIL.
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["c"])
        let w = build(topology(dns1, extraZones: [zone("c", "chain.test", records: ResolverAzureTests.chainRecords(length))]))
        let r = resolve(w, "c1.chain.test", from: "spoke")
        #expect(answers ? r.outcome == .address(ip("10.0.0.77")) : isServfail(r))
    }

    @Test("a CNAME loop in a hosted zone is SERVFAIL")
    func hostedCnameLoop() {
        // Rule: a CNAME loop is SERVFAIL.
        let dns1 = DNSServer(name: "dns1", network: "hub", zones: ["l"])
        let loop = zone("l", "loop.test", records: [CNAME("a.loop.test", "b.loop.test"), CNAME("b.loop.test", "a.loop.test")])
        #expect(isServfail(resolve(build(topology(dns1, extraZones: [loop])), "a.loop.test", from: "spoke")))
    }

    @Test("a forwarding loop between two servers is SERVFAIL")
    func forwardingLoop() {
        // Rule: a forwarding loop (a server asked for a name it is itself still resolving) is SERVFAIL.
        let dns1 = DNSServer(name: "dns1", network: "hub", forwarders: [Forwarder(domain: "loop.test", target: .server("dns2"))],
                             defaultTarget: .internet)
        let dns2 = DNSServer(name: "dns2", network: "hub", defaultTarget: .server("dns1"))
        let w = build(topology(dns1, more: [dns2]))
        let simulation = Simulation(world: w)
        #expect(isServfail(simulation.resolver.resolve(dn("x.loop.test"), from: "spoke")))
        // Control: names outside the loop still resolve, through the same resolver afterwards.
        #expect(simulation.resolver.resolve(dn(profiler), from: "spoke").outcome.address == publicAddress(profilerPL))
    }

    @Test("a default-route forwarding loop is SERVFAIL for every name")
    func forwardingLoopDefaults() {
        // Rule: a forwarding loop is SERVFAIL.
        let dns1 = DNSServer(name: "dns1", network: "hub", defaultTarget: .server("dns2"))
        let dns2 = DNSServer(name: "dns2", network: "hub", defaultTarget: .server("dns1"))
        let w = build(topology(dns1, more: [dns2]))
        #expect(isServfail(resolve(w, profiler, from: "spoke")))
        #expect(isServfail(resolve(w, "www.example.com", from: "spoke")))
    }
}
