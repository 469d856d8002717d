import AmplsimEngine
import AmplsimTopology
import Testing

/// Each rule the loader and the steps share (Docs/topology.md#rules-and-refusals), checked both
/// ways: written in a file, and as a step applied to a world. The outcomes follow MODEL.md
/// section 7 and Docs/topology.md: a topology whose own objects break a rule is bad input, and so
/// is a step whose own words break one (it would be wrong at any moment); a step that breaks a
/// rule only because of the state it meets is refused and changes nothing.
@Suite("Model rules: one check for files and steps")
struct ModelRulesTests {
    /// A valid topology: two VNets and an on-premises network, a server and a resolver in the
    /// hub, two rulesets of one domain (only the first linked), two zones of one name (only the
    /// first linked), one scope with one workspace.
    static let base = """
    version: 2
    settings:
      limits: {workspacesPerScope: 1}
    networks:
      - {name: hub, addressSpace: [10.0.0.0/16]}
      - {name: spoke, addressSpace: [10.1.0.0/16]}
      - {name: onprem, kind: onprem, addressSpace: [192.168.0.0/16]}
    dnsServers:
      - {name: dns1, network: hub, address: 10.0.0.10}
    dnsResolvers:
      - {name: res, network: hub, inbound: [10.0.0.4]}
    forwardingRulesets:
      - {name: rs1, resolver: res, links: [spoke], rules: [{domain: contoso.com, to: [10.0.0.10]}]}
      - {name: rs2, resolver: res, rules: [{domain: contoso.com, to: [10.0.0.10]}]}
    zones:
      - {id: mon, name: privatelink.monitor.azure.com, links: [hub]}
      - {id: mon2, name: privatelink.monitor.azure.com}
      - {id: corp, name: corp.example.com}
    workspaces:
      - {name: law, id: 9f1c2d3e-0000-4000-8000-000000000001, region: westeurope}
      - {name: law2, id: 9f1c2d3e-0000-4000-8000-000000000002, region: westeurope}
    scopes:
      - {name: ampls, resources: [law]}

    """

    /// `base` with `old` replaced by `new` (one occurrence, checked).
    func text(replacing old: String, with new: String) -> String {
        precondition(ModelRulesTests.base.contains(old), "the base topology has no '\(old)'")
        return ModelRulesTests.base.replacingOccurrences(of: old, with: new)
    }

    /// The 1-based line of `text` holding `marker`.
    func line(of marker: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(marker) } ?? -1) + 1
    }

    /// Loading `text` fails at the line holding `marker`, with `message` after the field's path.
    func expectBadInput(_ text: String, at marker: String, _ message: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try TopologyLoader().load(text: text, file: "t.yaml", folder: ".")
            Issue.record("loaded; expected \(message)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.line == line(of: marker, in: text), "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.hasSuffix(message), "\(error)", sourceLocation: sourceLocation)
        }
    }

    /// A scenario of `steps` against the base topology fails at the line holding `marker`.
    func expectBadStep(_ steps: String, at marker: String, _ message: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let topology = try TopologyLoader().load(text: ModelRulesTests.base, file: "t.yaml", folder: ".")
        do {
            _ = try TopologyLoader().loadScenario(text: steps, file: "s.yaml", for: topology)
            Issue.record("loaded; expected \(message)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.line == line(of: marker, in: steps), "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.hasSuffix(message), "\(error)", sourceLocation: sourceLocation)
        }
    }

    /// The base topology's world after its timeline.
    func world() throws -> World {
        Timeline.finalWorld(of: try TopologyLoader().load(text: ModelRulesTests.base, file: "t.yaml", folder: ".")).world
    }

    /// `step`, given as a value (as Terraform plans and ways out give steps), applied to the base
    /// world is refused with `facts`.
    func expectRefused(_ step: Step, _ facts: Refusal.Facts, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var world = try world()
        #expect(world.apply(step)?.facts == facts, sourceLocation: sourceLocation)
    }

    func spec(network: NetworkID = "hub", subnet: String = "10.0.1.0/24", zones: [ZoneID] = ["mon"],
              addresses: [DNSName: IPv4Address] = [:]) throws -> EndpointSpec {
        let cidr = try CIDR.parse(subnet).get()
        return EndpointSpec(name: "pe", network: network, subnet: cidr, scope: "ampls", dnsZones: zones, addresses: addresses)
    }

    // MARK: What a value says on its own: bad input in any file, refused when given as a step value

    /// MODEL.md section 1: a private endpoint lives in an Azure VNet.
    @Test func endpointInOnPremisesNetwork() throws {
        expectBadInput(ModelRulesTests.base + "privateEndpoints:\n  - {name: pe, network: onprem, subnet: 192.168.1.0/24, scope: ampls}\n",
                       at: "name: pe", "onprem is an on-premises network: a private endpoint lives in an Azure VNet")
        try expectBadStep("- createEndpoint: {name: pe, network: onprem, subnet: 192.168.1.0/24, scope: ampls}\n",
                          at: "createEndpoint", "onprem is an on-premises network: a private endpoint lives in an Azure VNet")
        try expectRefused(.createEndpoint(try spec(network: "onprem", subnet: "192.168.1.0/24")),
                          .onPremises(network: "onprem", .privateEndpoint))
    }

    /// FORMAT.md: a subnet lies inside its network's address space (10.9.0.0/24 is not in hub's 10.0.0.0/16).
    @Test func subnetOutsideNetwork() throws {
        expectBadInput(ModelRulesTests.base + "privateEndpoints:\n  - {name: pe, network: hub, subnet: 10.9.0.0/24, scope: ampls}\n",
                       at: "name: pe", "subnet 10.9.0.0/24 lies outside hub's address space (10.0.0.0/16)")
        try expectRefused(.createEndpoint(try spec(subnet: "10.9.0.0/24")),
                          .subnetOutsideNetwork(subnet: try CIDR.parse("10.9.0.0/24").get(), network: "hub"))
    }

    /// MODEL.md section 5: a zone group holds zones of distinct names; mon and mon2 are both
    /// privatelink.monitor.azure.com, so the second is at fault.
    @Test func zoneGroupOfOneNameTwice() throws {
        expectBadInput(ModelRulesTests.base + "privateEndpoints:\n  - {name: pe, network: hub, subnet: 10.0.1.0/24, scope: ampls, dnsZones: [mon, mon2]}\n",
                       at: "name: pe", "the zone group already holds mon, also named privatelink.monitor.azure.com.; a zone group holds zones of distinct names")
        try expectRefused(.createEndpoint(try spec(zones: ["mon", "mon2"])),
                          .zoneGroupSameName(endpoint: "pe", name: "privatelink.monitor.azure.com", first: "mon", second: "mon2"))
    }

    /// MODEL.md section 5: a fixed address lies in the endpoint's subnet, and 10.0.0.10 is
    /// dns1's (a DNS server holds its address).
    @Test func fixedAddresses() throws {
        let api: DNSName = "api.privatelink.monitor.azure.com"
        expectBadInput(ModelRulesTests.base + "privateEndpoints:\n  - name: pe\n    network: hub\n    subnet: 10.0.1.0/24\n    scope: ampls\n    addresses: {api.privatelink.monitor.azure.com: 10.0.2.5}\n",
                       at: "addresses", "fixed address 10.0.2.5 lies outside subnet 10.0.1.0/24")
        try expectRefused(.createEndpoint(try spec(addresses: [api: IPv4Address("10.0.2.5")!])),
                          .fixedOutsideSubnet(address: IPv4Address("10.0.2.5")!, name: api, subnet: try CIDR.parse("10.0.1.0/24").get()))
        expectBadInput(ModelRulesTests.base + "privateEndpoints:\n  - name: pe\n    network: hub\n    subnet: 10.0.0.0/24\n    scope: ampls\n    addresses: {api.privatelink.monitor.azure.com: 10.0.0.10}\n",
                       at: "addresses", "fixed address 10.0.0.10 is already held by DNS server dns1")
        try expectRefused(.createEndpoint(try spec(subnet: "10.0.0.0/24", addresses: [api: IPv4Address("10.0.0.10")!])),
                          .fixedAddressHeld(address: IPv4Address("10.0.0.10")!, endpoint: nil, name: api, by: .holder(.server("dns1"))))
    }

    /// MODEL.md section 1: private DNS zones link only to Azure VNets.
    @Test func zoneLinkedToOnPremises() throws {
        expectBadInput(text(replacing: "{id: corp, name: corp.example.com}", with: "{id: corp, name: corp.example.com, links: [onprem]}"),
                       at: "id: corp", "onprem is an on-premises network: private DNS zones link only to Azure VNets")
        try expectBadStep("- linkZone: {zone: corp, network: onprem}\n",
                          at: "linkZone", "onprem is an on-premises network: private DNS zones link only to Azure VNets")
        try expectRefused(.linkZone(zone: "corp", network: "onprem", fallbackToInternet: false), .onPremises(network: "onprem", .zone))
    }

    /// MODEL.md section 4: fallback to internet is a property of links of privatelink.* zones only.
    @Test func fallbackOutsidePrivateLink() throws {
        let message = "fallback to internet applies to privatelink.* zones only, not corp.example.com."
        expectBadInput(text(replacing: "{id: corp, name: corp.example.com}",
                            with: "{id: corp, name: corp.example.com, links: [spoke], fallbackToInternet: [spoke]}"),
                       at: "id: corp", message)
        try expectBadStep("- linkZone:\n    zone: corp\n    network: spoke\n    fallbackToInternet: true\n", at: "fallbackToInternet", message)
        try expectRefused(.linkZone(zone: "corp", network: "spoke", fallbackToInternet: true), .fallbackOutsidePrivateLink(zone: "corp.example.com"))
    }

    /// MODEL.md section 4: forwarding rulesets link only to Azure VNets.
    @Test func rulesetLinkedToOnPremises() throws {
        expectBadInput(text(replacing: "{name: rs2, resolver: res, rules:", with: "{name: rs2, resolver: res, links: [onprem], rules:"),
                       at: "name: rs2", "onprem is an on-premises network: forwarding rulesets link only to Azure VNets")
        try expectBadStep("- linkRuleset: {ruleset: rs2, network: onprem}\n",
                          at: "linkRuleset", "onprem is an on-premises network: forwarding rulesets link only to Azure VNets")
        try expectRefused(.linkRuleset(ruleset: "rs2", network: "onprem"), .onPremises(network: "onprem", .forwardingRuleset))
    }

    /// A network is not joined to itself.
    @Test func selfPeering() throws {
        expectBadInput(text(replacing: "{name: spoke, addressSpace: [10.1.0.0/16]}", with: "{name: spoke, addressSpace: [10.1.0.0/16], peerings: [spoke]}"),
                       at: "name: spoke", "a network cannot be joined to itself")
        try expectBadStep("- peer: [hub, hub]\n", at: "peer", "a network cannot be joined to itself")
        try expectRefused(.peer("hub", "hub"), .selfPeering("hub"))
    }

    /// MODEL.md section 4: a rule may not target 168.63.129.16.
    @Test func ruleTargetingAzureDNS() throws {
        let message = "a forwarding rule may not target 168.63.129.16 (Azure DNS)"
        expectBadInput(text(replacing: "rules: [{domain: contoso.com, to: [10.0.0.10]}]}\n  - {name: rs2",
                            with: "rules: [{domain: contoso.com, to: [168.63.129.16]}]}\n  - {name: rs2"),
                       at: "name: rs1", message)
        try expectBadStep("- setRule: {ruleset: rs1, domain: fabrikam.com, to: [168.63.129.16]}\n", at: "setRule", message)
        try expectRefused(.setRule(ruleset: "rs1", rule: ForwardingRule(domain: "fabrikam.com", targets: [.azureDNS])), .ruleTargetsAzureDNS)
    }

    /// MODEL.md section 4: a `dns` address must be held by a DNS server or an inbound endpoint;
    /// nothing holds 10.0.0.99.
    @Test func dnsAddressNothingHolds() throws {
        let message = "no DNS server or resolver inbound endpoint holds 10.0.0.99"
        expectBadInput(text(replacing: "{name: spoke, addressSpace: [10.1.0.0/16]}", with: "{name: spoke, addressSpace: [10.1.0.0/16], dns: 10.0.0.99}"),
                       at: "name: spoke", message)
        try expectBadStep("- setDns: {network: spoke, dns: 10.0.0.99}\n", at: "setDns", message)
        try expectRefused(.setDns(network: "spoke", dns: .address(IPv4Address("10.0.0.99")!)), .addressUnheld(IPv4Address("10.0.0.99")!))
    }

    // MARK: What a state holds: bad input in a topology, a refusal for a step that meets it

    /// MODEL.md section 4: a network sees one enabled rule per domain. rs1 and rs2 both have
    /// contoso.com: linking rs2 to spoke too breaks it.
    @Test func ruleConflict() throws {
        expectBadInput(text(replacing: "{name: rs2, resolver: res, rules: [{domain: contoso.com",
                            with: "{name: rs2, resolver: res, links: [spoke], rules: [{domain: contoso.com"),
                       at: "name: rs2", "rulesets rs1 and rs2 both have an enabled rule for contoso.com. and are both linked to spoke; a network sees one enabled rule per domain")
        try expectLoadsAndIsRefused("- linkRuleset: {ruleset: rs2, network: spoke}\n",
                                    .ruleConflict(ruleset: "rs2", other: "rs1", domain: "contoso.com", network: "spoke"))
    }

    /// MODEL.md section 7: a network links at most one zone of a given name; hub links mon, and
    /// mon2 has the same name.
    @Test func oneZoneOfANamePerNetwork() throws {
        expectBadInput(text(replacing: "{id: mon2, name: privatelink.monitor.azure.com}", with: "{id: mon2, name: privatelink.monitor.azure.com, links: [hub]}"),
                       at: "id: mon2", "hub already links zone mon of the same name privatelink.monitor.azure.com.; a network links at most one zone of a given name")
        try expectLoadsAndIsRefused("- linkZone: {zone: mon2, network: hub}\n",
                                    .sameNameZoneLinked(network: "hub", other: "mon", name: "privatelink.monitor.azure.com"))
    }

    /// MODEL.md section 7 with `workspacesPerScope: 1`: ampls holds law, so law2 is one too many.
    @Test func workspacesPerScope() throws {
        expectBadInput(text(replacing: "{name: ampls, resources: [law]}", with: "{name: ampls, resources: [law, law2]}"),
                       at: "name: ampls", "scope ampls holds 2 workspaces; the limit is 1 (settings.limits.workspacesPerScope)")
        try expectLoadsAndIsRefused("- linkResource: {scope: ampls, resource: law2}\n",
                                    .scopeFull(scope: "ampls", count: 1, limit: 1, of: .workspaces))
    }

    // MARK: What networks and links say together

    /// Docs/model.md#what-writes-records: address spaces do not overlap. 10.1.0.0/24 lies inside
    /// spoke's own 10.1.0.0/16, and 10.0.5.0/24 inside hub's 10.0.0.0/16; the error names the
    /// later block of the two. A step's own blocks are its words (bad input); another network's
    /// are the state it meets (refused). Given as a value, both are refused.
    @Test func overlappingAddressSpaces() throws {
        let cidr = { (text: String) in try CIDR.parse(text).get() }
        expectBadInput(text(replacing: "{name: spoke, addressSpace: [10.1.0.0/16]}", with: "{name: spoke, addressSpace: [10.1.0.0/16, 10.1.0.0/24]}"),
                       at: "name: spoke", "10.1.0.0/24 overlaps its own 10.1.0.0/16; network address spaces must not overlap")
        expectBadInput(text(replacing: "{name: spoke, addressSpace: [10.1.0.0/16]}", with: "{name: spoke, addressSpace: [10.0.5.0/24]}"),
                       at: "name: spoke", "10.0.5.0/24 overlaps 10.0.0.0/16 of network hub; network address spaces must not overlap")
        try expectBadStep("- createNetwork:\n    name: new\n    addressSpace: [10.7.0.0/16, 10.7.1.0/24]\n",
                          at: "10.7.1.0/24", "10.7.1.0/24 overlaps its own 10.7.0.0/16; network address spaces must not overlap")
        try expectLoadsAndIsRefused("- createNetwork: {name: new, addressSpace: [10.7.0.0/16, 10.0.5.0/24]}\n",
                                    .overlappingSpace(try cidr("10.0.5.0/24"), network: "new", other: "hub", otherSpace: try cidr("10.0.0.0/16")))
        try expectRefused(.createNetwork(Network(name: "new", addressSpace: [try cidr("10.7.0.0/16"), try cidr("10.7.1.0/24")])),
                          .overlappingSpace(try cidr("10.7.1.0/24"), network: "new", other: "new", otherSpace: try cidr("10.7.0.0/16")))
    }

    /// Two networks are joined one way: spoke listing hub as a peering and as a connection, or
    /// hub peering spoke while spoke connects hub, is ambiguous. The pair is named in name order.
    @Test func peeredAndConnected() throws {
        let message = "hub and spoke are listed both as a peering and as a connection"
        expectBadInput(text(replacing: "{name: spoke, addressSpace: [10.1.0.0/16]}",
                            with: "{name: spoke, addressSpace: [10.1.0.0/16], peerings: [hub], connections: [hub]}"),
                       at: "name: spoke", message)
        expectBadInput(text(replacing: "{name: hub, addressSpace: [10.0.0.0/16]}\n  - {name: spoke, addressSpace: [10.1.0.0/16]}",
                            with: "{name: hub, addressSpace: [10.0.0.0/16], peerings: [spoke]}\n  - {name: spoke, addressSpace: [10.1.0.0/16], connections: [hub]}"),
                       at: "name: spoke", message)
        try expectBadStep("- createNetwork:\n    name: new\n    addressSpace: [10.7.0.0/16]\n    peerings: [hub]\n    connections: [hub]\n",
                          at: "connections", "hub and new are listed both as a peering and as a connection")
        var new = Network(name: "new", addressSpace: [try CIDR.parse("10.7.0.0/16").get()])
        new.peerings = ["hub"]
        new.connections = ["hub"]
        try expectRefused(.createNetwork(new), .peeredAndConnected("hub", "new"))
    }

    /// A zone or a ruleset links to a network once: in a file, the second entry is the error; as
    /// a step, linking what is linked already is refused (mon links hub, rs1 links spoke).
    @Test func linkedTwice() throws {
        expectBadInput(text(replacing: "{id: mon, name: privatelink.monitor.azure.com, links: [hub]}",
                            with: "{id: mon, name: privatelink.monitor.azure.com, links: [hub, hub]}"),
                       at: "id: mon,", "hub is linked twice")
        try expectLoadsAndIsRefused("- linkZone: {zone: mon, network: hub}\n", .zoneAlreadyLinked(zone: "mon", network: "hub"))
        expectBadInput(text(replacing: "{name: rs1, resolver: res, links: [spoke]", with: "{name: rs1, resolver: res, links: [spoke, spoke]"),
                       at: "name: rs1", "spoke is linked twice")
        try expectLoadsAndIsRefused("- linkRuleset: {ruleset: rs1, network: spoke}\n", .rulesetAlreadyLinked(ruleset: "rs1", network: "spoke"))
    }

    /// The scenario loads (the step's own words are fine), and its step is refused at its moment.
    func expectLoadsAndIsRefused(_ steps: String, _ facts: Refusal.Facts, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var topology = try TopologyLoader().load(text: ModelRulesTests.base, file: "t.yaml", folder: ".")
        topology.steps = try TopologyLoader().loadScenario(text: steps, file: "s.yaml", for: topology)
        let outcomes = Timeline.finalWorld(of: topology).outcomes
        #expect(outcomes.last?.refusal?.facts == facts, sourceLocation: sourceLocation)
    }
}
