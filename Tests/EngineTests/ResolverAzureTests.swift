import Testing
@testable import AmplsimEngine

/// MODEL.md section 4: the client's hosts file and Azure DNS in a network.
@Suite("Resolver: hosts file and Azure DNS")
struct ResolverAzureTests {
    let profiler = "profiler.monitor.azure.com"
    let profilerPL = "profiler.privatelink.monitor.azure.com"

    func publicAddress(_ name: String) -> IPv4Address? {
        // Public DNS as seen from a network that links nothing.
        let w = build(Topology(networks: [vnet("bare", "10.200.0.0/16")]))
        return resolve(w, name, from: "bare").outcome.address
    }

    @Test("Azure DNS sees exactly the zones linked to the network")
    func linkedZonesOnly() {
        // Rule: Azure DNS in V sees exactly the zones linked to V; other names go to public DNS.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16"), vnet("spoke", "10.1.0.0/16")],
                         zones: [zone("pl", PL.monitor, links: ["hub"], records: [A(profilerPL, "10.0.1.5")])])
        let w = build(t)
        let fromHub = resolve(w, profiler, from: "hub")
        #expect(fromHub.chain == [dn(profiler), dn(profilerPL)])
        #expect(fromHub.outcome == .address(ip("10.0.1.5")))
        let fromSpoke = resolve(w, profiler, from: "spoke")
        #expect(fromSpoke.chain == [dn(profiler), dn(profilerPL)])
        #expect(fromSpoke.outcome.address == publicAddress(profilerPL))
        #expect(fromSpoke.outcome.address != ip("10.0.1.5"))
    }

    @Test("the longest linked zone containing the name answers")
    func longestZoneWins() {
        // Rule: if the name is inside a zone linked to V, the longest matching zone name answers.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16")],
                         zones: [zone("parent", "monitor.azure.com", links: ["hub"],
                                      records: [A("profiler.privatelink.monitor.azure.com", "10.0.9.9"),
                                                A("snapshot.privatelink.monitor.azure.com", "10.0.9.8"),
                                                CNAME("profiler.monitor.azure.com", "profiler.privatelink.monitor.azure.com")]),
                                 zone("pl", PL.monitor, links: ["hub"], records: [A(profilerPL, "10.0.1.5")])])
        let w = build(t)
        #expect(resolve(w, profiler, from: "hub").outcome == .address(ip("10.0.1.5")))
        // The longest zone lacks snapshot: NXDOMAIN there, the shorter zone is not consulted.
        #expect(resolve(w, "snapshot.privatelink.monitor.azure.com", from: "hub").outcome == .nxdomain)
    }

    @Test("a linked parent zone answers the names inside it instead of public DNS")
    func parentZoneShadowsPublic() {
        // Rule: a name inside a linked zone is answered by that zone, not by public DNS.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16")],
                         zones: [zone("parent", "monitor.azure.com", links: ["hub"], records: [A("other.monitor.azure.com", "10.0.9.9")])])
        let r = resolve(build(t), profiler, from: "hub")
        #expect(r.chain == [dn(profiler)])
        #expect(r.outcome == .nxdomain)
    }

    @Test("NXDOMAIN in a privatelink zone falls back to public DNS only where the link has fallback")
    func fallback() {
        // Rule: on NXDOMAIN, a privatelink.* zone whose link to V has fallback lets public DNS answer.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16"), vnet("spoke", "10.1.0.0/16")],
                         zones: [zone("pl", PL.monitor, links: ["hub"], fallback: ["spoke"],
                                      records: [A("api.privatelink.monitor.azure.com", "10.0.1.4")])])
        let w = build(t)
        let simulation = Simulation(world: w)   // one resolver for both: their answers must not mix
        let noFallback = simulation.resolver.resolve(dn(profiler), from: "hub")
        let withFallback = simulation.resolver.resolve(dn(profiler), from: "spoke")
        #expect(noFallback.outcome == .nxdomain)
        #expect(withFallback.chain == [dn(profiler), dn(profilerPL)])
        #expect(withFallback.outcome.address == publicAddress(profilerPL))
        #expect(withFallback.outcome.address != nil)
    }

    @Test("NODATA does not fall back")
    func nodataDoesNotFallBack() {
        // Rule: NODATA (the name exists without an A record) does not fall back, even with fallback on the link.
        let t = Topology(networks: [vnet("spoke", "10.1.0.0/16")],
                         zones: [zone("pl", PL.monitor, fallback: ["spoke"], records: [TXT(profilerPL)])])
        #expect(resolve(build(t), profiler, from: "spoke").outcome == .nodata)
    }

    @Test("fallback applies only to privatelink.* zones")
    func fallbackOnlyForPrivatelinkZones() {
        // Rule: only a `privatelink.*` zone's NXDOMAIN falls back (a model built in Swift can ask for more).
        let t = Topology(networks: [vnet("spoke", "10.1.0.0/16")],
                         zones: [zone("parent", "monitor.azure.com", fallback: ["spoke"], records: [A("other.monitor.azure.com", "10.1.0.9")])])
        #expect(resolve(build(t), profiler, from: "spoke").outcome == .nxdomain)
    }

    @Test("a CNAME target outside every linked zone is answered by public DNS, and back into a zone")
    func chainCrossesZonesAndPublic() {
        // Rule: at each name of the chain, a linked zone answers if the name is inside one, else public DNS.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16")],
                         zones: [zone("corp", "corp.test", links: ["hub"], records: [CNAME("mon.corp.test", profiler)]),
                                 zone("pl", PL.monitor, links: ["hub"], records: [A(profilerPL, "10.0.1.5")])])
        let r = resolve(build(t), "mon.corp.test", from: "hub")
        #expect(r.chain == [dn("mon.corp.test"), dn(profiler), dn(profilerPL)])
        #expect(r.outcome == .address(ip("10.0.1.5")))
    }

    @Test("Azure DNS from an on-premises network is SERVFAIL for every name", arguments: [
        "profiler.monitor.azure.com", "www.example.com", "dc.applicationinsights.azure.com",
    ])
    func azureFromOnPrem(name: String) {
        // Rule: Azure DNS serves only Azure networks: from an on-prem network every name is SERVFAIL.
        let t = Topology(networks: [onprem("corp", "192.168.0.0/16", dns: .azure, connections: ["hub"]), vnet("hub", "10.0.0.0/16")])
        guard case .servfail = resolve(build(t), name, from: "corp").outcome else {
            Issue.record("expected SERVFAIL"); return
        }
    }

    @Test("a DNS server in an on-prem network forwarding to azure gets SERVFAIL")
    func serverOnPremForwardingToAzure() {
        // Rule: a server in an on-prem network forwarding to `azure` gets SERVFAIL (the hybrid mistake).
        let t = Topology(networks: [onprem("corp", "192.168.0.0/16", dns: .server("corp-dns"))],
                         dnsServers: [DNSServer(name: "corp-dns", network: "corp",
                                                forwarders: [Forwarder(domain: "monitor.azure.com", target: .azure)])])
        let w = build(t)
        guard case .servfail = resolve(w, profiler, from: "corp").outcome else { Issue.record("expected SERVFAIL"); return }
        // Control: a chain whose every name the server sends to the internet resolves.
        #expect(resolve(w, "scadvisorcontentpl.blob.core.windows.net", from: "corp").outcome.address != nil)
    }

    @Test("an on-prem client whose server (or its forwarder) runs in a VNet gets Azure DNS of that VNet")
    func onPremThroughVNetServer() {
        // Rule: Azure DNS is refused only from an on-prem network; `azure` is Azure DNS of the server's network.
        let t = Topology(networks: [onprem("corp", "192.168.0.0/16", dns: .server("corp-dns"), connections: ["hub"]),
                                    onprem("branch", "172.16.0.0/16", dns: .server("hub-dns"), connections: ["hub"]),
                                    vnet("hub", "10.0.0.0/16")],
                         dnsServers: [DNSServer(name: "corp-dns", network: "corp",
                                                forwarders: [Forwarder(domain: "monitor.azure.com", target: .server("hub-dns"))]),
                                      DNSServer(name: "hub-dns", network: "hub", defaultTarget: .azure)],
                         zones: [zone("pl", PL.monitor, links: ["hub"], records: [A(profilerPL, "10.0.1.5")])])
        let w = build(t)
        #expect(resolve(w, profiler, from: "corp").outcome == .address(ip("10.0.1.5")))
        #expect(resolve(w, profiler, from: "branch").outcome == .address(ip("10.0.1.5")))
    }

    // MARK: Hosts file

    @Test("a hosts entry answers its exact name without CNAME following")
    func hostsExact() {
        // Rule: the client first checks its network's hosts entries (exact name, no CNAME following).
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16", hosts: [profiler: "10.0.3.3"])],
                         zones: [zone("pl", PL.monitor, links: ["hub"], records: [A(profilerPL, "10.0.1.5")])])
        let r = resolve(build(t), profiler, from: "hub")
        #expect(r.chain == [dn(profiler)])
        #expect(r.outcome == .address(ip("10.0.3.3")))
    }

    @Test("a hosts entry is not consulted for CNAME targets")
    func hostsNotForTargets() {
        // Rule: hosts entries match the queried name only: the resolver's chain never returns to them.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16", hosts: [profilerPL: "10.0.3.3"])])
        let r = resolve(build(t), profiler, from: "hub")
        #expect(r.chain == [dn(profiler), dn(profilerPL)])
        #expect(r.outcome.address == publicAddress(profilerPL))
    }

    @Test("a name under a hosts entry is not matched")
    func hostsNotWildcard() {
        // Rule: hosts entries are exact names: a name below an entry goes to the resolver.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16", hosts: ["monitor.azure.com": "10.0.3.3", "x.profiler.monitor.azure.com": "10.0.3.4"])])
        let w = build(t)
        #expect(resolve(w, profiler, from: "hub").outcome.address == publicAddress(profilerPL))
        #expect(resolve(w, "y.x.profiler.monitor.azure.com", from: "hub").outcome == .nxdomain)
    }

    @Test("hosts entries compare case-insensitively and win even when the resolver is unreachable")
    func hostsCaseAndPrecedence() {
        // Rule: the hosts file is checked first; names compare case-insensitively.
        let t = Topology(networks: [vnet("lonely", "10.5.0.0/16", dns: .server("far-dns"), hosts: ["Profiler.Monitor.Azure.com": "10.5.0.9"]),
                                    vnet("far", "10.6.0.0/16")],
                         dnsServers: [DNSServer(name: "far-dns", network: "far")])
        let w = build(t)
        #expect(resolve(w, "PROFILER.monitor.azure.com", from: "lonely").outcome == .address(ip("10.5.0.9")))
        guard case .servfail = resolve(w, "snapshot.monitor.azure.com", from: "lonely").outcome else {
            Issue.record("expected SERVFAIL for a name not in the hosts file"); return
        }
    }

    @Test("names in zones compare case-insensitively")
    func zoneCaseInsensitive() {
        // Rule: names compare case-insensitively (RFC 4343).
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16")],
                         zones: [zone("pl", "PrivateLink.Monitor.Azure.COM", links: ["hub"], records: [A("PROFILER.privatelink.monitor.azure.com.", "10.0.1.5")])])
        #expect(resolve(build(t), "Profiler.Monitor.Azure.Com", from: "hub").outcome == .address(ip("10.0.1.5")))
    }

    // MARK: Chains

    /// A zone `chain.test` of `count` names: c1 CNAME c2 … c(count) A 10.0.0.77.
    static func chainRecords(_ count: Int, domain: String = "chain.test", last: String = "10.0.0.77") -> [Record] {
        (1..<count).map { CNAME("c\($0).\(domain)", "c\($0 + 1).\(domain)") } + [A("c\(count).\(domain)", last)]
    }

    @Test("a chain of 16 names answers; 17 names is SERVFAIL", arguments: [(16, true), (17, false), (15, true), (30, false)])
    func chainLimit(length: Int, answers: Bool) {
        // Rule: the chain is at most 16 names; a longer chain is SERVFAIL.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16")],
                         zones: [zone("c", "chain.test", links: ["hub"], records: Self.chainRecords(length))])
        let r = resolve(build(t), "c1.chain.test", from: "hub")
        if answers {
            #expect(r.outcome == .address(ip("10.0.0.77")))
            #expect(r.chain.count == length)
        } else {
            guard case .servfail = r.outcome else { Issue.record("expected SERVFAIL, got \(r.outcome)"); return }
        }
    }

    @Test("a CNAME loop is SERVFAIL", arguments: [
        [CNAME("a.loop.test", "a.loop.test")],
        [CNAME("a.loop.test", "b.loop.test"), CNAME("b.loop.test", "a.loop.test")],
        [CNAME("a.loop.test", "b.loop.test"), CNAME("b.loop.test", "c.loop.test"), CNAME("c.loop.test", "b.loop.test")],
    ])
    func cnameLoop(records: [Record]) {
        // Rule: a CNAME loop never ends: SERVFAIL (the chain would pass 16 names).
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16")], zones: [zone("l", "loop.test", links: ["hub"], records: records)])
        guard case .servfail = resolve(build(t), "a.loop.test", from: "hub").outcome else { Issue.record("expected SERVFAIL"); return }
    }
}
