import AmplsimEngine
import AmplsimLab
import Testing

/// DNS Private Resolver, forwarding rulesets, DNS by address and server flavors (MODEL.md v2
/// section 4) in the BIND configuration, and the rows BIND cannot be asked. No named needed.
/// Ports as `lab export` gives them: the lab server 5300, the internet server 5301, the nowhere
/// server 5302, then the DNS servers in topology order.
@Suite("lab export: resolvers, rulesets and flavors")
struct LabResolverTests {
    /// resolverLabWorld: hub is network 1, so Azure DNS of the hub is the view asked from
    /// 127.0.2.1. spoke-a's DNS is 10.0.0.4, hub-resolver's inbound endpoint: its clients get
    /// Azure DNS of the hub, so its view forwards to the lab server from 127.0.2.1.
    @Test("a client on an inbound endpoint address asks the Azure DNS view of the resolver's network")
    func inboundClients() throws {
        let lab = try configuration(resolverLabWorld())
        let clients = lab.view("clients-of-spoke-a", in: "lab.conf")
        #expect(clients.contains("match-clients { 127.0.1.2; };"))
        #expect(clients.contains("query-source address 127.0.2.1;"))
        #expect(clients.contains("forwarders { 127.0.0.1 port 5300; };"))
        // spoke-a's own Azure DNS stays a view of its own, for whoever asks it.
        #expect(lab.view("azure-dns-of-spoke-a", in: "lab.conf").contains("match-clients { 127.0.2.2; };"))
        #expect(lab.view("azure-dns-of-hub", in: "lab.conf").contains("match-clients { 127.0.1.1; 127.0.2.1; };"))
        #expect(lab.file("README.md").contains("| spoke-a | vnet | 10.0.0.4 | 127.0.1.2 | 127.0.2.2 |"))
    }

    /// spoke-b links `spoke-rules` (monitor.azure.com → 10.0.0.4): one forward zone to the lab
    /// server, asked from 127.0.2.1 (Azure DNS of the hub); the other names go to the internet
    /// server. The hub links no ruleset: no forward zone, no query source.
    @Test("each enabled rule is a forward zone in the Azure DNS view of each linked network")
    func ruleZones() throws {
        let lab = try configuration(resolverLabWorld())
        let spoke = lab.view("azure-dns-of-spoke-b", in: "lab.conf")
        #expect(spoke.contains("match-clients { 127.0.1.3; 127.0.2.3; };"))
        #expect(spoke.contains("query-source address 127.0.2.1;"))
        #expect(spoke.contains("zone \"monitor.azure.com.\" { type forward; forward only; forwarders { 127.0.0.1 port 5300; }; };  // rule spoke-rules monitor.azure.com -> 10.0.0.4 (Azure DNS of hub)"))
        #expect(spoke.contains("forwarders { 127.0.0.1 port 5301; };  // names in no linked zone: public DNS"))
        let hub = lab.view("azure-dns-of-hub", in: "lab.conf")
        #expect(!hub.contains("type forward;"))
        #expect(!hub.contains("query-source"))
    }

    /// spoke-c links `all` (`.` → 10.0.0.4). A `.` rule cannot be a zone beside the root hints:
    /// it is the view's forwarders. Section 4: it does not match names under Azure's six reserved
    /// domains, which go to public DNS: one forward zone each, to the internet server.
    @Test("a `.` rule is the view's forwarders; each reserved domain goes back to the internet server")
    func rootRule() throws {
        let lab = try configuration(resolverLabWorld())
        let spoke = lab.view("azure-dns-of-spoke-c", in: "lab.conf")
        #expect(spoke.contains("forwarders { 127.0.0.1 port 5300; };  // rule all . -> 10.0.0.4"))
        #expect(spoke.contains("query-source address 127.0.2.1;"))
        #expect(!spoke.contains("zone \".\" { type forward"))
        #expect(spoke.contains("zone \".\" { type hint; file \"root.hint\"; };"))
        for domain in ["azure.com", "azure.net", "azure-automation.net", "windows.net", "windowsazure.com", "visualstudio.com"] {
            #expect(spoke.contains("zone \"\(domain).\" { type forward; forward only; forwarders { 127.0.0.1 port 5301; }; };  // reserved domain"), "\(domain)")
        }
        #expect(!spoke.contains("port 5301; };  // names in no linked zone"))
    }

    /// The hub links `hub-rules`: a rule inside its linked privatelink.monitor.azure.com (the zone
    /// answers first: a comment), monitor.azure.com → 10.0.0.4 (the hub's own inbound endpoint:
    /// a loop, SERVFAIL in the engine, so the nowhere server), loganalytics.io → 10.7.7.7 (held by
    /// nothing: SERVFAIL) and a disabled rule (not written).
    @Test("rules inside a linked zone are comments; a loop and a rule without target go nowhere; disabled rules are not written")
    func ruleCorners() throws {
        let lab = try configuration(ruleCornerWorld())
        let hub = lab.view("azure-dns-of-hub", in: "lab.conf")
        #expect(hub.contains("// rule hub-rules privatelink.monitor.azure.com -> 10.0.0.4 not written: linked zone hub-monitor answers every name in it"))
        #expect(!hub.contains("zone \"privatelink.monitor.azure.com.\" { type forward"))
        #expect(hub.contains("zone \"monitor.azure.com.\" { type forward; forward only; forwarders { 127.0.0.1 port 5302; }; };  // rule hub-rules monitor.azure.com -> 10.0.0.4 (SERVFAIL: a loop: hub-resolver's inbound endpoint 10.0.0.4 is Azure DNS of hub itself)"))
        #expect(hub.contains("zone \"loganalytics.io.\" { type forward; forward only; forwarders { 127.0.0.1 port 5302; }; };"))
        #expect(hub.contains("// rule hub-rules applicationinsights.io -> 10.0.0.4 disabled: not written"))
        #expect(!hub.contains("zone \"applicationinsights.io.\""))
        #expect(!hub.contains("query-source"))
        // The engine agrees that both go nowhere: SERVFAIL, by a loop and for want of a target.
        let queries = LabQuery.all(layout: lab.layout).filter { $0.network == "hub" }
        let api = try #require(queries.first { $0.name == "api.applicationinsights.io" })
        #expect(api.expected.outcome == .servfail(.ruleLoop(ruleset: "hub-rules", name: dn("api.monitor.azure.com"))))
        let query = try #require(queries.first { $0.name == "api.loganalytics.io" })
        #expect(query.expected.outcome == .servfail(.noRuleTarget(ruleset: "hub-rules", domain: dn("loganalytics.io"))))
        #expect(queries.allSatisfy { $0.skipReason == nil })
    }

    /// corp-dns runs on-premises and forwards privatelink.monitor.azure.com to 10.0.0.4: it asks
    /// Azure DNS of the hub (network 1) from 127.0.2.1, not of its own network. It is a windows
    /// server: the configuration says what the lab does about it.
    @Test("a DNS server forwarding to an inbound endpoint asks as the resolver's network; windows servers are marked")
    func serverToInbound() throws {
        let lab = try configuration(resolverLabWorld())
        let corp = lab.view("corp-dns", in: "server-corp-dns.conf")
        #expect(corp.contains("query-source address 127.0.2.1;  // asks Azure DNS of hub as hub"))
        #expect(corp.contains("zone \"privatelink.monitor.azure.com.\" { type forward; forward only; forwarders { 127.0.0.1 port 5300; }; };  // to 10.0.0.4 (Azure DNS of hub)"))
        #expect(corp.contains("zone \"applicationinsights.io.\" { type forward; forward only; forwarders { 127.0.0.1 port 5304; }; };  // to 192.168.0.11 (corp-upstream)"))
        #expect(corp.contains("// flavor windows:"))
        #expect(!lab.view("corp-upstream", in: "server-corp-upstream.conf").contains("flavor"))
        #expect(!lab.view("corp-upstream", in: "server-corp-upstream.conf").contains("query-source"))
    }

    /// MODEL.md section 4 on resolverLabWorld, name by name:
    /// - spoke-c's `.` rule sends api.loganalytics.io and api.applicationinsights.io (not under a
    ///   reserved domain) to the hub, whose answer goes on with api.monitor.azure.com: Azure DNS
    ///   takes it whole, BIND routes that name to the reserved azure.com zone itself. 2 rows.
    ///   spoke-c's other names are all under azure.com or azure-automation.net: no rule.
    /// - spoke-b's monitor.azure.com rule: every answer goes on inside monitor.azure.com, the same
    ///   forward zone: compared.
    /// - corp-dns (windows) forwards api.loganalytics.io to corp-upstream, whose answer goes on
    ///   with api.monitor.azure.com, which corp-dns routes by its default: 1 row. Its
    ///   applicationinsights.io forward ends in SERVFAIL (dark-dns cannot recurse), which BIND takes
    ///   whole too: compared. Its privatelink.monitor.azure.com answers end at the first name.
    @Test("rows BIND would re-route are skipped with the reason; a forwarded SERVFAIL is compared")
    func skipped() throws {
        let queries = LabQuery.all(layout: try LabLayout(world: resolverLabWorld()))
        #expect(queries.count == 6 * 14)
        let skipped = queries.filter { $0.skipReason != nil }.map { "\($0.network) \($0.name): \($0.skipReason!)" }
        #expect(skipped == [
            "spoke-c api.loganalytics.io: forwarding rule all .: Azure takes the whole answer, BIND re-routes api.monitor.azure.com",
            "spoke-c api.applicationinsights.io: forwarding rule all .: Azure takes the whole answer, BIND re-routes api.monitor.azure.com",
            "onprem api.loganalytics.io: windows server corp-dns takes the forwarded answer whole; BIND re-routes",
        ])
        let servfail = try #require(queries.first { $0.network == "onprem" && $0.name == "api.applicationinsights.io" })
        guard case .servfail = servfail.expected.outcome else {
            Issue.record("expected SERVFAIL, got \(servfail.expected.outcome)")
            return
        }
        #expect(servfail.skipReason == nil)
        // BIND's answer to it: SERVFAIL, with no chain (corp-upstream passes dark-dns's SERVFAIL on).
        let bind = LabObservation(status: "SERVFAIL", chain: [servfail.name], addresses: [])
        #expect(LabRow.judging(servfail, bind).verdict == .agree(note: nil))
    }

    /// A second resolver, spoke-resolver in spoke-b (10.2.0.4). hub-dns (in the hub, the client
    /// DNS of spoke-a) asks Azure DNS of the hub by default and forwards loganalytics.io to
    /// 10.2.0.4; spoke-c's ruleset sends monitor.azure.com to 10.0.0.4 and loganalytics.io to
    /// 10.2.0.4. A named, and a view, ask the lab server from one source address: the first
    /// network each needs (the hub) is written, the other goes nowhere, and the rows that need it
    /// are skipped.
    @Test("a named or a view that needs Azure DNS of two networks: the second is unsupported, its rows skipped")
    func twoAzureNetworks() throws {
        let world = unsupportedWorld()
        let lab = try configuration(world)
        let server = lab.view("hub-dns", in: "server-hub-dns.conf")
        #expect(server.contains("query-source address 127.0.2.1;"))
        #expect(server.contains("forwarders { 127.0.0.1 port 5300; };  // default: azure (Azure DNS of hub)"))
        #expect(server.contains("zone \"loganalytics.io.\" { type forward; forward only; forwarders { 127.0.0.1 port 5302; }; };  // to 10.2.0.4 (SERVFAIL: DNS server hub-dns forwards to Azure DNS of hub and of spoke-b: a named asks the lab server from one source address)"))
        let view = lab.view("azure-dns-of-spoke-c", in: "lab.conf")
        #expect(view.contains("query-source address 127.0.2.1;"))
        #expect(view.contains("zone \"monitor.azure.com.\" { type forward; forward only; forwarders { 127.0.0.1 port 5300; }; };"))
        #expect(view.contains("zone \"loganalytics.io.\" { type forward; forward only; forwarders { 127.0.0.1 port 5302; }; };  // rule two-hubs loganalytics.io -> 10.2.0.4 (SERVFAIL: Azure DNS of spoke-c forwards rules to Azure DNS of hub and of spoke-b: a view asks the lab server from one source address)"))

        // api.loganalytics.io is the only name under loganalytics.io: one row from spoke-a
        // (through hub-dns) and one from spoke-c (through the rule); nothing else is skipped.
        let queries = LabQuery.all(layout: lab.layout)
        let skipped = queries.filter { $0.skipReason != nil }.map { "\($0.network) \($0.name): \($0.skipReason!)" }
        #expect(skipped == [
            "spoke-a api.loganalytics.io: DNS server hub-dns forwards to Azure DNS of hub and of spoke-b: a named asks the lab server from one source address",
            "spoke-c api.loganalytics.io: Azure DNS of spoke-c forwards rules to Azure DNS of hub and of spoke-b: a view asks the lab server from one source address",
        ])
    }
}

/// resolverHub alone, linked to `hub-rules` (LabResolverTests.ruleCorners).
func ruleCornerWorld() -> World {
    let rules = ForwardingRuleset(name: "hub-rules", resolver: "hub-resolver", links: ["hub"],
                                  rules: [rule("privatelink.monitor.azure.com", "10.0.0.4"), rule("monitor.azure.com", "10.0.0.4"),
                                          rule("loganalytics.io", "10.7.7.7"), rule("applicationinsights.io", "10.0.0.4", enabled: false)])
    return resolverHub(spokes: [], rulesets: [rules])
}

/// resolverHub with spoke-a (DNS hub-dns), spoke-b (with spoke-resolver, inbound 10.2.0.4) and
/// spoke-c (ruleset two-hubs), all peered with the hub.
func unsupportedWorld() -> World {
    let spokes = [
        Network(name: "spoke-a", addressSpace: [cidr("10.1.0.0/16")], dns: .server("hub-dns"), peerings: ["hub"]),
        Network(name: "spoke-b", addressSpace: [cidr("10.2.0.0/16")], peerings: ["hub"]),
        Network(name: "spoke-c", addressSpace: [cidr("10.3.0.0/16")], peerings: ["hub"]),
    ]
    let hubDNS = DNSServer(name: "hub-dns", network: "hub",
                           forwarders: [Forwarder(domain: dn("loganalytics.io"), target: .address(ip("10.2.0.4")))],
                           defaultTarget: .azure, address: ip("10.0.0.10"))
    let rules = ForwardingRuleset(name: "two-hubs", resolver: "hub-resolver", links: ["spoke-c"],
                                  rules: [rule("monitor.azure.com", "10.0.0.4"), rule("loganalytics.io", "10.2.0.4")])
    return resolverHub(spokes: spokes, servers: [hubDNS], rulesets: [rules],
                       resolvers: [DNSResolver(name: "spoke-resolver", network: "spoke-b", inbound: [ip("10.2.0.4")])])
}
