import AmplsimEngine
import Testing

// The findings about MODEL.md version 2's objects: forwarding rulesets (rule-loop,
// dot-rule-reserved, rule-zone-unseen) and private endpoint subnets (subnet-too-small). The
// topology loader does not read version-2 keys yet, so every world here is built in Swift. Each
// expectation is reasoned from MODEL.md in the comment above it, never read off the program.
//
// component-stamp-defaulted has no test: the model keeps a component's stamp as a number and
// cannot tell a defaulted 0 from a written one, so audit does not produce it (Docs/audit.md).

// MARK: Builders

private let wsHub = "11111111-1111-4111-8111-111111111111"

private func address(_ text: String) -> IPv4Address {
    guard let a = IPv4Address(text) else { preconditionFailure("bad test address \(text)") }
    return a
}

private func block(_ text: String) -> CIDR {
    guard case .success(let b) = CIDR.parse(text) else { preconditionFailure("bad test CIDR \(text)") }
    return b
}

private func name(_ text: String) -> DNSName {
    guard let n = DNSName(text) else { preconditionFailure("bad test name \(text)") }
    return n
}

/// The five AMPLS zones, ids `pl-monitor`, `pl-oms`, `pl-ods`, `pl-agentsvc`, `pl-blob`.
private let amplsZones: [(id: ZoneID, name: String)] = [
    ("pl-monitor", "privatelink.monitor.azure.com"), ("pl-oms", "privatelink.oms.opinsights.azure.com"),
    ("pl-ods", "privatelink.ods.opinsights.azure.com"), ("pl-agentsvc", "privatelink.agentsvc.azure-automation.net"),
    ("pl-blob", "privatelink.blob.core.windows.net"),
]

/// A healthy hub: VNet hub 10.0.0.0/16 links the five AMPLS zones; scope ampls-hub holds the
/// workspace law-hub (eastus); private endpoint pe-hub in `subnet` writes the five zones. Every
/// row from the hub is `private` and an audit of it alone finds nothing.
private func hubTopology(subnet: String = "10.0.1.0/27", zoneLinks: [NetworkID] = ["hub"]) -> Topology {
    Topology(
        networks: [Network(name: "hub", addressSpace: [block("10.0.0.0/16")])],
        zones: amplsZones.map { Zone(id: $0.id, name: name($0.name), links: zoneLinks.map { ZoneLink(network: $0) }) },
        workspaces: [Workspace(name: "law-hub", id: wsHub, region: "eastus")],
        scopes: [Scope(name: "ampls-hub", resources: ["law-hub"])],
        privateEndpoints: [EndpointSpec(name: "pe-hub", network: "hub", subnet: block(subnet), scope: "ampls-hub",
                                        dnsZones: amplsZones.map(\.id))])
}

/// The hub's DNS Private Resolver, inbound endpoint 10.0.0.4 (outside pe-hub's subnet).
private let hubResolver = DNSResolver(name: "hub-resolver", network: "hub", inbound: [address("10.0.0.4")])

private func rule(_ domain: String, _ targets: String..., enabled: Bool = true) -> ForwardingRule {
    ForwardingRule(domain: domain == "." ? DNSName(canonical: "") : name(domain), targets: targets.map(address), enabled: enabled)
}

/// Audits the world after the topology's timeline, exactly as `amplsim audit` does; every
/// creation must have been accepted.
private func audit(_ topology: Topology, sourceLocation: SourceLocation = #_sourceLocation) -> (World, [Finding]) {
    let (world, outcomes) = Timeline.finalWorld(of: topology)
    for outcome in outcomes where outcome.refusal != nil {
        Issue.record("step \(outcome.index) refused: \(outcome.refusal!.message)", sourceLocation: sourceLocation)
    }
    let simulation = Simulation(world: world)
    return (world, Audit(simulation: simulation, outcomes: outcomes).findings())
}

// MARK: Healthy

@Suite("audit, version 2: a healthy hub")
struct HealthyVersionTwoAuditTests {
    @Test("the healthy hub alone has no findings")
    func healthyHub() {
        // MODEL.md 5: pe-hub takes 11 addresses of 10.0.1.0/27 (27 usable) and writes the five
        // zones the hub links; MODEL.md 4: the hub's Azure DNS answers every chain from them,
        // and the endpoint is in the hub itself: every row private, nothing to report.
        let (_, findings) = audit(hubTopology())
        expectFindings(findings, label: "healthy hub", [])
    }
}

// MARK: rule-loop

@Suite("audit, version 2: rule-loop")
struct RuleLoopAuditTests {
    /// The hub's resolver and a ruleset linked to the hub that sends two corporate domains to
    /// the resolver's own inbound endpoint; a spoke whose DNS setting is that inbound endpoint.
    static func looping() -> Topology {
        var t = hubTopology()
        t.networks.append(Network(name: "spoke", addressSpace: [block("10.1.0.0/16")], dns: .address(address("10.0.0.4")),
                                  peerings: ["hub"]))
        t.dnsResolvers = [hubResolver]
        t.forwardingRulesets = [ForwardingRuleset(name: "hub-rules", resolver: "hub-resolver", links: ["hub"],
                                                  rules: [rule("corp.contoso.com", "10.0.0.4"), rule("onprem.contoso.com", "10.0.0.4")])]
        return t
    }

    @Test("a rule linked to the hub and targeting the hub's own inbound endpoint loops, found with no row crossing it")
    func foundFromTheTopology() {
        // MODEL.md 4: "A ruleset linked to R whose rule targets R's own inbound endpoint loops".
        // hub-rules is linked to the hub and both rules target 10.0.0.4, an inbound endpoint of
        // hub-resolver in the hub; no zone linked to the hub contains corp.contoso.com or
        // onprem.contoso.com, so Azure DNS of the hub applies each rule, hands the name to its own
        // inbound endpoint, which is Azure DNS of the hub again: a loop, SERVFAIL. No Azure
        // Monitor name is under those domains (every row is private: the spoke asks the hub's
        // inbound endpoint, which answers from the zones, and reaches pe-hub through the
        // peering), yet each rule is one rule-loop finding, named by its domain. Hurt: the hub
        // (its Azure DNS loops) and the spoke (its DNS setting is that inbound endpoint).
        let (_, findings) = audit(Self.looping())
        expectFindings(findings, label: "rule-loop", [
            finding(.ruleLoop, name: "corp.contoso.com", ["hub", "spoke"]),
            finding(.ruleLoop, name: "onprem.contoso.com", ["hub", "spoke"]),
        ])
        let first = findings.first { $0.name?.text == "corp.contoso.com" }
        #expect(first?.message.contains("hub-rules") == true)
        #expect(first?.message.contains("10.0.0.4") == true)
        #expect(first?.fix.contains("unlink hub-rules from hub") == true)
    }

    @Test("the SERVFAIL rows of a looping rule merge into the one finding read from the topology")
    func rowsMerge() {
        // The rule is for monitor.azure.com. law-hub's query name api.loganalytics.io is a
        // public CNAME to api.monitor.azure.com (MODEL.md 3), which no linked zone contains
        // (privatelink.monitor.azure.com is below it), so the rule sends it to the hub's own
        // inbound endpoint: a loop, SERVFAIL, for the query row of the hub. The workspace's
        // ods, oms and agentsvc names are under opinsights.azure.com and azure-automation.net:
        // private. One rule: one rule-loop finding, named monitor.azure.com, for the hub, with
        // the topology's message (it names the target).
        var t = hubTopology()
        t.dnsResolvers = [hubResolver]
        t.forwardingRulesets = [ForwardingRuleset(name: "hub-rules", resolver: "hub-resolver", links: ["hub"],
                                                  rules: [rule("monitor.azure.com", "10.0.0.4")])]
        let (world, findings) = audit(t)
        let failing = Simulation(world: world).rows().filter { !$0.status.succeeds }
        #expect(failing.map { "\($0.resource) \($0.endpoint.rawValue) \($0.status.rawValue)" } == ["law-hub query servfail"])
        expectFindings(findings, label: "rule-loop rows", [finding(.ruleLoop, name: "monitor.azure.com", ["hub"])])
        #expect(findings.first?.message.contains("targets 10.0.0.4") == true)
    }

    @Test("no loop: the ruleset linked to the spoke only, or a zone linked to the hub that answers first")
    func negative() {
        // The fix: hub-rules linked to the spoke, not the hub. The spoke's clients ask the hub's
        // inbound endpoint, i.e. Azure DNS of the hub, which applies no ruleset: no loop, and the
        // rows are as in the healthy hub. No finding at all.
        var fixed = Self.looping()
        fixed.forwardingRulesets[0].links = ["spoke"]
        expectFindings(audit(fixed).1, label: "ruleset on the spoke", [])

        // A zone linked to the hub contains both domains (contoso.com): MODEL.md 4, "a linked
        // zone never falls through to a rule", so the rules never apply in the hub. No finding.
        var shadowed = Self.looping()
        shadowed.zones.append(Zone(id: "corp", name: name("contoso.com"), links: [ZoneLink(network: "hub")],
                                   records: [Record(name: name("www.contoso.com"), value: .a(address("203.0.113.10")))]))
        expectFindings(audit(shadowed).1, label: "zone answers first", [])
    }
}

// MARK: dot-rule-reserved

@Suite("audit, version 2: dot-rule-reserved")
struct DotRuleReservedAuditTests {
    /// A spoke that links the five zones and a ruleset linked to it sending "." to an
    /// on-premises DNS server, reached through the hub's connection.
    static func dotRule(_ domain: String = ".", enabled: Bool = true) -> Topology {
        var t = hubTopology(zoneLinks: ["hub", "spoke"])
        t.networks[0].connections = ["onprem"]
        t.networks.append(Network(name: "spoke", addressSpace: [block("10.1.0.0/16")], peerings: ["hub"]))
        t.networks.append(Network(name: "onprem", kind: .onprem, addressSpace: [block("192.168.0.0/16")], dns: .server("corp-dns")))
        t.dnsServers = [DNSServer(name: "corp-dns", network: "onprem", address: address("192.168.0.10"))]
        t.dnsResolvers = [hubResolver]
        t.forwardingRulesets = [ForwardingRuleset(name: "spoke-rules", resolver: "hub-resolver", links: ["spoke"],
                                                  rules: [rule(domain, "192.168.0.10", enabled: enabled)])]
        return t
    }

    @Test("a \".\" rule linked to the spoke: one warning naming the exempt names")
    func found() {
        // MODEL.md 4: "the domain `.` matches every name except those under Azure's reserved
        // domains". spoke-rules is linked to the spoke and has an enabled rule for ".": one
        // dot-rule-reserved warning, about the ruleset (no name), for the spoke. It does no harm
        // to a row here (the ingestion names stay with the spoke's Azure DNS and its zones:
        // private; the query name goes to corp-dns, which recurses publicly: public, allowed),
        // so it is the only finding.
        let (world, findings) = audit(Self.dotRule())
        expectFindings(findings, label: "dot rule", [finding(.dotRuleReserved, ["spoke"])])
        let message = findings.first?.message ?? ""
        for exempt in ["*.monitor.azure.com", "*.opinsights.azure.com", "*.azure-automation.net", "*.blob.core.windows.net",
                       "api.loganalytics.io", "api.applicationinsights.io"] {
            #expect(message.contains(exempt), "the message names \(exempt)")
        }
        // What the message says, as the resolver does it: the query name reaches the rule's
        // target, a workspace's ingestion name does not.
        let resolver = Resolver(world: world)
        let viaRule: (String) -> Bool = { text in
            resolver.resolve(name(text), from: "spoke").hops.contains { if case .rule = $0.source { return true } else { return false } }
        }
        #expect(viaRule("api.loganalytics.io"))
        #expect(!viaRule("\(wsHub).ods.opinsights.azure.com"))
    }

    @Test("no warning for a rule of a named domain, or a disabled \".\" rule")
    func negative() {
        // A rule for contoso.com is what it says; a disabled rule matches nothing (MODEL.md 4,
        // "an enabled rule"). The rest of the world is healthy: no finding at all.
        expectFindings(audit(Self.dotRule("contoso.com")).1, label: "named domain", [])
        expectFindings(audit(Self.dotRule(enabled: false)).1, label: "disabled", [])
    }
}

// MARK: rule-zone-unseen

@Suite("audit, version 2: rule-zone-unseen")
struct RuleZoneUnseenAuditTests {
    /// A spoke whose ruleset sends the five privatelink domains to the inbound endpoint
    /// 10.2.0.4 of a resolver in VNet shared (peered with hub and spoke); the zones are linked
    /// to `zoneLinks`.
    static func forwarded(zoneLinks: [NetworkID]) -> Topology {
        var t = hubTopology(zoneLinks: zoneLinks)
        t.networks[0].peerings = ["spoke", "shared"]
        t.networks.append(Network(name: "spoke", addressSpace: [block("10.1.0.0/16")], peerings: ["shared"]))
        t.networks.append(Network(name: "shared", addressSpace: [block("10.2.0.0/16")]))
        t.dnsResolvers = [DNSResolver(name: "shared-resolver", network: "shared", inbound: [address("10.2.0.4")])]
        t.forwardingRulesets = [ForwardingRuleset(name: "spoke-rules", resolver: "shared-resolver", links: ["spoke"],
                                                  rules: amplsZones.map { rule($0.name, "10.2.0.4") })]
        return t
    }

    @Test("privatelink rules sent to a resolver whose network links none of the zones: one warning per rule")
    func found() {
        // The zones are linked to the hub only. Each of spoke-rules' five rules is for a
        // privatelink.* zone name and targets 10.2.0.4, an inbound endpoint of shared-resolver
        // in shared, which links no zone of that name: MODEL.md 4, the inbound endpoint answers
        // as Azure DNS of shared, which has no such zone and no rule, so public DNS answers
        // (api.privatelink.monitor.azure.com has a public address). One rule-zone-unseen per
        // rule, named by its domain, for the spoke (the network that applies the rule). The
        // rows are public, and the workspace allows public access: no other finding; the spoke
        // sees none of the zones, so no partial-zone-set either.
        let (_, findings) = audit(Self.forwarded(zoneLinks: ["hub"]))
        expectFindings(findings, label: "rule-zone-unseen", amplsZones.map { finding(.ruleZoneUnseen, name: $0.name, ["spoke"]) })
        let monitor = findings.first { $0.name?.text == "privatelink.monitor.azure.com" }
        #expect(monitor?.message.contains("10.2.0.4") == true)
        #expect(monitor?.fix.contains("to shared") == true)
    }

    @Test("a rule for a name inside a privatelink zone is checked against that zone")
    func nameInsideZone() {
        // One rule, for api.privatelink.monitor.azure.com: a name inside the privatelink.*
        // zone privatelink.monitor.azure.com, which shared does not link. MODEL.md 4 as above:
        // shared's Azure DNS answers api.privatelink.monitor.azure.com from public DNS. One
        // rule-zone-unseen, named by the rule's domain, for the spoke.
        var t = Self.forwarded(zoneLinks: ["hub"])
        t.forwardingRulesets[0].rules = [rule("api.privatelink.monitor.azure.com", "10.2.0.4")]
        let (_, findings) = audit(t)
        expectFindings(findings, label: "name inside a zone", [finding(.ruleZoneUnseen, name: "api.privatelink.monitor.azure.com", ["spoke"])])
        #expect(findings.first?.message.contains("no privatelink.monitor.azure.com. zone") == true)
    }

    @Test("a spoke that links a zone itself never uses that rule")
    func shadowedRule() {
        // pl-monitor is linked to the spoke too: the spoke's own zone answers every name under
        // privatelink.monitor.azure.com before any rule (MODEL.md 4), so that rule is not
        // reported; the four others are. The spoke now sees the monitor zone but not oms, ods
        // and agentsvc, which ampls-hub needs: a partial-zone-set warning for the spoke too.
        var t = Self.forwarded(zoneLinks: ["hub"])
        t.zones[0].links.append(ZoneLink(network: "spoke"))
        let (_, findings) = audit(t)
        expectFindings(findings, label: "shadowed", amplsZones.dropFirst().map { finding(.ruleZoneUnseen, name: $0.name, ["spoke"]) }
            + [finding(.partialZoneSet, ["spoke"])])
    }

    @Test("no warning when the resolver's network links the zones")
    func negative() {
        // The zones are linked to the hub and to shared: the rules reach Azure DNS of shared,
        // which answers from the zones; pe-hub lies in the hub, which the spoke reaches by
        // peering: every row private, no finding at all.
        expectFindings(audit(Self.forwarded(zoneLinks: ["hub", "shared"])).1, label: "zones linked to shared", [])
    }
}

// MARK: subnet-too-small

@Suite("audit, version 2: subnet-too-small")
struct SubnetTooSmallAuditTests {
    @Test("a /28 holds one workspace's 11 addresses and is warned, with the count of needed and free addresses")
    func found() {
        // MODEL.md 5: 10.0.1.0/28 has 16 addresses; Azure reserves .0 to .3 and .15, leaving
        // .4 to .14: 11. ampls-hub (one eastus workspace) has 11 address keys: oms, ods,
        // agentsvc of eastus, the six shared names, scadvisorcontentpl, global.handler.control.
        // So the endpoint is created (the /28 "just holds" it) with 0 addresses left, and
        // "Azure documents a /27 as the smallest subnet it supports, which audit warns about":
        // one subnet-too-small warning for the hub, the endpoint's network.
        let (world, findings) = audit(hubTopology(subnet: "10.0.1.0/28"))
        #expect(world.endpoint("pe-hub")?.addresses.values.map(\.description).sorted()
                == (4...14).map { "10.0.1.\($0)" }.sorted())
        expectFindings(findings, label: "/28", [finding(.subnetTooSmall, ["hub"])])
        let message = findings.first?.message ?? ""
        #expect(message.contains("pe-hub") && message.contains("10.0.1.0/28"))
        #expect(message.contains("leave 11 usable"))
        #expect(message.contains("needs 11"))
        #expect(message.contains("0 are free"))
    }

    @Test("the counts follow the scope: one component needs 10, leaving 1 free")
    func counts() {
        // A scope holding one component (eastus, stamp 0) has 10 address keys (MODEL.md 5): the
        // six shared names, scadvisorcontentpl, global.handler.control, eastus-0.in.ai and
        // eastus.livediagnostics. Of the /28's 11 usable addresses, 1 stays free. Only the
        // monitor and blob zones are created and linked (the oms, ods and agentsvc zones would
        // be empty, an empty-zone error). The component's rows are private; the scope holds no
        // workspace, so it needs no other zone: the one warning only.
        var t = hubTopology(subnet: "10.0.1.0/28")
        t.zones = t.zones.filter { $0.id == "pl-monitor" || $0.id == "pl-blob" }
        t.privateEndpoints[0].dnsZones = ["pl-monitor", "pl-blob"]
        t.workspaces = []
        t.components = [Component(name: "appi-hub", region: "eastus", stamp: 0)]
        t.scopes = [Scope(name: "ampls-hub", resources: ["appi-hub"])]
        let (_, findings) = audit(t)
        expectFindings(findings, label: "/28 with a component", [finding(.subnetTooSmall, ["hub"])])
        let message = findings.first?.message ?? ""
        #expect(message.contains("needs 10"))
        #expect(message.contains("1 is free"))
    }

    @Test("a /27 is not warned")
    func negative() {
        // /27 is the smallest subnet Azure documents: no warning; the healthy hub has no finding.
        expectFindings(audit(hubTopology(subnet: "10.0.1.0/27")).1, label: "/27", [])
    }
}

// MARK: The version-2 audit fixtures, through the topology loader

@Suite("version-2 audit fixtures (Fixtures/audit)")
struct VersionTwoAuditFixtureTests {
    @Test("rule-loop.yaml: one rule-loop error for hub-rules' monitor.azure.com, hurting the hub and the spoke")
    func ruleLoop() throws {
        // hub-rules is linked to the hub and its rule targets the hub's own inbound endpoint: the
        // hub loops; the spoke's Azure DNS applies the same rule, reaches the hub's inbound
        // endpoint, which applies it again: the spoke loops too. One finding for the rule.
        let run = try AuditRun("rule-loop.yaml")
        let loops = run.findings(.ruleLoop)
        #expect(loops.count == 1)
        #expect(loops.first?.name?.text == "monitor.azure.com")
        #expect(loops.first?.networks == ["hub", "spoke"])
        #expect(run.rows.contains { $0.network == "hub" && $0.status == .servfail })
    }

    @Test("dot-rule-reserved.yaml: a warning for the spoke's `.` rule, and every row still succeeds")
    func dotRule() throws {
        let run = try AuditRun("dot-rule-reserved.yaml")
        #expect(run.findings(.dotRuleReserved).map(\.networks) == [["spoke"]])
        #expect(run.findings.allSatisfy { $0.severity != .error })
        // api.loganalytics.io reaches the hub through the rule: private; law-hub's ods name is
        // under azure.com: public DNS, public (it accepts public ingestion).
        #expect(run.rows.first { $0.network == "spoke" && $0.endpoint == .query }?.status == .private)
        #expect(run.rows.first { $0.network == "spoke" && $0.endpoint == .ods }?.status == .public)
    }

    @Test("rule-zone-unseen.yaml: the privatelink rule targets a resolver whose network sees no such zone")
    func ruleZoneUnseen() throws {
        let run = try AuditRun("rule-zone-unseen.yaml")
        let found = run.findings(.ruleZoneUnseen)
        #expect(found.count == 1)
        #expect(found.first?.name?.text == "privatelink.monitor.azure.com")
        #expect(found.first?.networks == ["spoke"])
    }

    @Test("subnet-too-small.yaml: a /28 holds the 11 addresses of one workspace and is warned about")
    func subnetTooSmall() throws {
        let run = try AuditRun("subnet-too-small.yaml")
        #expect(run.outcomes.allSatisfy { $0.refusal == nil })
        #expect(run.findings(.subnetTooSmall).count == 1)
        #expect(run.findings(.subnetTooSmall).first?.severity == .warning)
        #expect(run.findings.filter { $0.code != .subnetTooSmall }.isEmpty)
    }
}

@Suite("component-stamp-defaulted")
struct StampDefaultedTests {
    @Test("a component without stamp or connection string is reported (info); one with either is not")
    func stampDefaulted() {
        // MODEL.md 2: "A component without stamp or connection string has stamp 0, and the loader
        // warns". The loader marks it; audit reports it once, as info, naming the component.
        var guessed = Component(name: "appi-guess", region: "eastus")
        guessed.stampDefaulted = true
        let given = Component(name: "appi-given", region: "eastus", stamp: 3)
        let topology = Topology(networks: [Network(name: "hub", addressSpace: [CIDR(base: IPv4Address(0x0A00_0000), prefix: 16)])],
                                components: [guessed, given])
        let (world, outcomes) = Timeline.finalWorld(of: topology)
        let findings = Audit(simulation: Simulation(world: world), outcomes: outcomes).findings()
        let stamps = findings.filter { $0.code == .componentStampDefaulted }
        #expect(stamps.map(\.resource) == ["appi-guess"])
        #expect(stamps.first?.severity == .info)
    }
}

@Suite("advice that is safe to follow")
struct SafeAdviceTests {
    @Test("dev-spoke-override.yaml: pe-dev is named as the cause; the first fix neither adds prod resources to the dev scope nor opens it")
    func devSpokeOverride() throws {
        // pe-dev (ampls-dev, in spoke-dev) was created after pe-hub and writes the same zones:
        // the shared names hold pe-dev's addresses (last writer wins, MODEL.md 5). law-prod and
        // appi-prod belong to ampls-prod; through pe-dev (PrivateOnly, not a member) their shared
        // rows are not-in-scope from both networks (MODEL.md 6).
        let run = try AuditRun("dev-spoke-override.yaml")
        let missing = run.findings(.scopeMissingResource)
        #expect(Set(missing.compactMap(\.resource)) == ["law-prod", "appi-prod"])
        for finding in missing {
            #expect(finding.message.hasPrefix("private endpoint pe-dev of scope ampls-dev, in spoke-dev, wrote the shared names last"))
            // The first fix (before the first ";") is about who writes the zones, not membership.
            let first = finding.fix.split(separator: ";").first.map(String.init) ?? ""
            #expect(first.contains("pe-hub") && first.contains("pe-dev"), "\(finding.fix)")
            #expect(!first.contains("to ampls-dev") && !first.contains("Open") && !first.contains("open"), "\(finding.fix)")
            // The membership and Open-mode fixes are still named, and labelled as weakening isolation.
            #expect(finding.fix.contains("weakens isolation"))
        }
    }
}
