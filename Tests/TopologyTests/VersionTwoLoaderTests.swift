import AmplsimEngine
import AmplsimTopology
import Testing

/// The loader reads version 2 of the topology file (FORMAT.md) into the model of MODEL.md
/// version 2. Every expectation below is read off those two documents, as the comments say.
@Suite("version 2 topologies load into the version 2 model")
struct VersionTwoLoaderTests {
    /// FORMAT.md's own example, cut to what the loader checks; the comments in the text say which
    /// FORMAT.md line each entry follows.
    static let example = """
    version: 2
    settings:
      limits: seed
    networks:
      - name: hub
        addressSpace: [10.0.0.0/16]
        dns: 10.0.0.4
        peerings: [spoke-1]
        connections: [onprem]
        gatewayTransit: true
      - {name: spoke-1, addressSpace: [10.1.0.0/16], dns: 168.63.129.16}
      - {name: spoke-2, addressSpace: [10.2.0.0/16], dns: corp-dns}
      - {name: onprem, kind: onprem, addressSpace: [192.168.0.0/16], dns: 192.168.0.10}
    dnsServers:
      - name: corp-dns
        network: onprem
        address: 192.168.0.10
        flavor: windows
        forwarders:
          - {domain: monitor.azure.com, to: azure}
          - {domain: opinsights.azure.com, to: 10.0.0.4}
          - {domain: contoso.com, to: 168.63.129.16}
          - {domain: fabrikam.com, to: 172.16.9.9}
        default: 10.0.0.4
      - {name: plain-dns, network: hub}
    dnsResolvers:
      - name: hub-resolver
        network: hub
        inbound: [10.0.0.4, 10.0.0.5]
    forwardingRulesets:
      - name: spoke-rules
        resolver: hub-resolver
        links: [spoke-1]
        rules:
          - {domain: corp.contoso.com, to: [192.168.0.10, 192.168.0.11], enabled: true}
          - {domain: ., to: [192.168.0.10]}
          - {domain: old.contoso.com, to: [192.168.0.12], enabled: false}
    zones:
      - id: hub-monitor
        name: privatelink.monitor.azure.com
        links: [hub]
        records:
          - {name: api, type: A, value: 10.0.1.4}
          - {name: privatelink.monitor.azure.com, type: TXT, value: "no dot"}
          - {name: privatelink.monitor.azure.com., type: MX, value: "10 mail.example.com."}
          - {name: "@", type: SPF, value: "v=spf1 -all"}
          - {name: live.privatelink.monitor.azure.com, type: A, value: 10.0.1.9}
          - {name: www, type: CNAME, value: api.privatelink.monitor.azure.com.}
    workspaces:
      - {name: ws-prod, id: 9f1c2d3e-0000-4000-8000-000000000001, region: eastus}
    components:
      - {name: app-web, region: eastus, stamp: 8}
      - {name: app-api, connectionString: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://northeurope.livediagnostics.monitor.azure.com/"}
    dataCollectionEndpoints:
      - {name: dce-linux, id: q7lu, region: EastUS, publicIngestion: false}
    scopes:
      - {name: ampls-a, resources: [ws-prod, app-web, dce-linux]}
    privateEndpoints:
      - name: pe-a
        network: hub
        subnet: 10.0.1.0/24
        scope: ampls-a
        dnsZones: [hub-monitor]
        addresses: {westeurope-5.in.ai.privatelink.monitor.azure.com: 10.0.1.50}
    steps:
      - createNetwork: {name: spoke-4, addressSpace: [10.4.0.0/16], peerings: [hub], dns: 10.0.0.4, gatewayTransit: false}
      - linkRuleset:   {ruleset: spoke-rules, network: spoke-4}
      - unlinkRuleset: {ruleset: spoke-rules, network: spoke-4}
      - setRule:       {ruleset: spoke-rules, domain: monitor.azure.com, to: [10.0.0.4], enabled: true}
      - deleteRule:    {ruleset: spoke-rules, domain: monitor.azure.com}
      - setDns:        {network: spoke-4, dns: 192.168.0.10}
      - setDns:        {network: spoke-2, dns: 168.63.129.16}
      - peer:          [spoke-4, spoke-1]
      - linkResource:  {scope: ampls-a, resource: app-api}

    """

    func load(_ text: String) throws -> LoadedTopology {
        try TopologyLoader().loadWithWarnings(text: text, file: "t.yaml", folder: ".")
    }

    func error(_ text: String) -> String? {
        do {
            _ = try TopologyLoader().load(text: text, file: "t.yaml", folder: ".")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("FORMAT.md's example loads; its one warning is for the region written in upper case (every component has a stamp or a connection string)")
    func exampleLoads() throws {
        let loaded = try load(Self.example)
        #expect(loaded.warnings.map(\.description) == [
            "t.yaml:55: warning: dataCollectionEndpoints[0].region: 'EastUS': regions are lower-case; did you mean 'eastus'? (read as eastus)",
        ])
        #expect(loaded.topology.networks.map(\.name) == ["hub", "spoke-1", "spoke-2", "onprem"])
    }

    @Test("limits: seed is the seed's values of 2020")
    func limitsSeed() throws {
        // MODEL.md 7: `limits: seed` applies 1 scope per network, 5 scopes per resource, 50
        // resources of any kind per scope, 10 endpoints per scope, and no per-kind caps.
        let limits = try load(Self.example).topology.settings.limits
        #expect(limits == Limits.seed)
        #expect(limits.resourcesPerScope == 50)
        #expect(limits.workspacesPerScope == nil)
        #expect(limits.componentsPerScope == nil)
    }

    @Test("limits as a mapping: the keys given, Azure's values for the rest")
    func limitsMapping() throws {
        // FORMAT.md: limits {scopesPerNetwork, scopesPerResource, workspacesPerScope,
        // componentsPerScope, endpointsPerScope}; resourcesPerScope unset by default (MODEL.md 7:
        // 300 workspaces, 1,000 components, 10 endpoints per scope).
        let text = Self.example.replacingOccurrences(of: "limits: seed", with: "limits: {workspacesPerScope: 7, componentsPerScope: 8, resourcesPerScope: 9, scopesPerNetwork: 2, scopesPerResource: 3}")
        let limits = try load(text).topology.settings.limits
        #expect(limits.workspacesPerScope == 7)
        #expect(limits.componentsPerScope == 8)
        #expect(limits.resourcesPerScope == 9)
        #expect(limits.scopesPerNetwork == 2)
        #expect(limits.scopesPerResource == 3)
        #expect(limits.endpointsPerScope == 10)
        let defaults = try load(Self.example.replacingOccurrences(of: "settings:\n  limits: seed\n", with: "")).topology.settings.limits
        #expect(defaults == Limits())
        #expect(defaults.workspacesPerScope == 300)
        #expect(defaults.componentsPerScope == 1000)
        #expect(defaults.resourcesPerScope == nil)
    }

    @Test("networks: dns by address, 168.63.129.16 is azure, gatewayTransit")
    func networkDNS() throws {
        let t = try load(Self.example).topology
        func network(_ name: String) -> Network? { t.networks.first { $0.name.name == name } }
        // MODEL.md 4: a network's dns is azure, a server's name, or an address held by a DNS
        // server or an inbound endpoint; 168.63.129.16 means azure.
        #expect(network("hub")?.dns == .address(IPv4Address("10.0.0.4")!))
        #expect(network("spoke-1")?.dns == .azure)
        #expect(network("spoke-2")?.dns == .server("corp-dns"))
        #expect(network("onprem")?.dns == .address(IPv4Address("192.168.0.10")!))
        // FORMAT.md: gatewayTransit defaults to false.
        #expect(network("hub")?.gatewayTransit == true)
        #expect(network("spoke-1")?.gatewayTransit == false)
    }

    @Test("DNS servers: address, flavor, forwarders and default by address")
    func servers() throws {
        let t = try load(Self.example).topology
        let corp = try #require(t.dnsServers.first { $0.name == "corp-dns" })
        #expect(corp.address == IPv4Address("192.168.0.10"))
        #expect(corp.flavor == .windows)
        // MODEL.md 4: a forwarder's target is internet, azure (or 168.63.129.16), a server's
        // name, or any address (one nothing holds answers nothing, but it is not an input error).
        #expect(corp.forwarders.map(\.target) == [.azure, .address(IPv4Address("10.0.0.4")!), .azure,
                                                  .address(IPv4Address("172.16.9.9")!)])
        #expect(corp.defaultTarget == .address(IPv4Address("10.0.0.4")!))
        // FORMAT.md: address optional, flavor bind by default.
        let plain = try #require(t.dnsServers.first { $0.name == "plain-dns" })
        #expect(plain.address == nil)
        #expect(plain.flavor == .bind)
    }

    @Test("DNS resolvers and forwarding rulesets")
    func resolversAndRulesets() throws {
        let t = try load(Self.example).topology
        #expect(t.dnsResolvers == [DNSResolver(name: "hub-resolver", network: "hub",
                                               inbound: [IPv4Address("10.0.0.4")!, IPv4Address("10.0.0.5")!])])
        let ruleset = try #require(t.forwardingRulesets.first)
        #expect(ruleset.name == "spoke-rules")
        #expect(ruleset.resolver == "hub-resolver")
        #expect(ruleset.links == ["spoke-1"])
        // FORMAT.md: `.` is the root; enabled defaults to true.
        #expect(ruleset.rules == [
            ForwardingRule(domain: "corp.contoso.com", targets: [IPv4Address("192.168.0.10")!, IPv4Address("192.168.0.11")!]),
            ForwardingRule(domain: DNSName(canonical: ""), targets: [IPv4Address("192.168.0.10")!]),
            ForwardingRule(domain: "old.contoso.com", targets: [IPv4Address("192.168.0.12")!], enabled: false),
        ])
    }

    @Test("data collection endpoints: name, id, region lower-cased, publicIngestion")
    func dataCollectionEndpoints() throws {
        let t = try load(Self.example).topology
        // MODEL.md 3: regions are lower-cased; 2: `<d>` is `dce-linux-q7lu`.
        #expect(t.dataCollectionEndpoints == [DataCollectionEndpoint(name: "dce-linux", id: "q7lu", region: "eastus", publicIngestion: false)])
        #expect(t.dataCollectionEndpoints.first?.label == "dce-linux-q7lu")
        // FORMAT.md: a scope's resources may name DCEs.
        #expect(t.scopes.first?.resources == ["ws-prod", "app-web", "dce-linux"])
    }

    @Test("a connection string gives region, stamp, live region and suffix")
    func connectionString() throws {
        let t = try load(Self.example).topology
        // MODEL.md 2: IngestionEndpoint https://westeurope-5.in... gives region westeurope and
        // stamp 5; LiveEndpoint https://northeurope.livediagnostics... gives the live region.
        let api = try #require(t.components.first { $0.name == "app-api" })
        #expect(api.region == "westeurope")
        #expect(api.stamp == 5)
        #expect(api.liveRegion == "northeurope")
        #expect(api.endpointSuffix == nil)
        #expect(api.publicIngestion && api.publicQuery)
    }

    @Test("connection string keys are case-insensitive; no LiveEndpoint: the live region is the region")
    func connectionStringVariants() throws {
        let text = """
        version: 2
        components:
          - name: app-1
            connectionString: "instrumentationkey=x; ingestionendpoint=https://EastUS2-12.in.applicationinsights.azure.com/ ;ENDPOINTSUFFIX=Internal.Monitor.Azure.com;"
            publicQuery: false

        """
        let c = try #require(try load(text).topology.components.first)
        // MODEL.md 2 and 3: keys case-insensitive, regions and suffixes lower-cased, no
        // LiveEndpoint means the live region is the region, the public flags stay fields.
        #expect(c.region == "eastus2")
        #expect(c.stamp == 12)
        #expect(c.liveRegion == "eastus2")
        #expect(c.endpointSuffix == DNSName("internal.monitor.azure.com"))
        #expect(c.publicQuery == false)
    }

    @Test("a component without stamp and without connection string: stamp 0, and a warning")
    func defaultedStampWarns() throws {
        let text = """
        version: 2
        components:
          - {name: app-1, region: eastus, stamp: 3}
          - {name: app-2, region: eastus}

        """
        let loaded = try load(text)
        // MODEL.md 2: stamp 0, and the loader warns (two components of one region on different
        // stamps do not share a name). The warning names the file, the line and the entry.
        #expect(loaded.topology.components.map(\.stamp) == [3, 0])
        #expect(loaded.warnings.map(\.description) == [
            "t.yaml:4: warning: components[1]: app-2 has no stamp and no connection string: stamp 0 is assumed, and components of one region on different stamps do not share a name",
        ])
    }

    @Test("a record named by the zone's own name, with or without its dot, is the apex")
    func apexRecords() throws {
        let t = try load(Self.example).topology
        let zone = try #require(t.zones.first)
        func owners(_ type: String) -> [String] { zone.records.filter { $0.type == type }.map(\.name.text) }
        // FORMAT.md: `@` or the zone's own name is its apex; a name ending in the zone's name
        // (or in a dot) is taken as it is; other names are relative to the zone.
        #expect(owners("TXT") == ["privatelink.monitor.azure.com"])
        #expect(owners("MX") == ["privatelink.monitor.azure.com"])
        #expect(owners("SPF") == ["privatelink.monitor.azure.com"])
        #expect(owners("A") == ["api.privatelink.monitor.azure.com", "live.privatelink.monitor.azure.com"])
        #expect(owners("CNAME") == ["www.privatelink.monitor.azure.com"])
    }

    @Test("a fixed address may name a record the scope needs only later")
    func fixedAddressForLaterRecord() throws {
        // MODEL.md 5: a fixed address may name a record of a resource linked after the endpoint
        // (app-api joins ampls-a in the last step); it must still lie in the subnet.
        let spec = try #require(try load(Self.example).topology.privateEndpoints.first)
        #expect(spec.addresses == [DNSName(canonical: "westeurope-5.in.ai.privatelink.monitor.azure.com"): IPv4Address("10.0.1.50")!])
    }

    @Test("the version 2 steps")
    func steps() throws {
        let steps = try load(Self.example).topology.steps.map(\.step)
        // FORMAT.md's step list; createNetwork's network is known to the steps after it.
        #expect(steps == [
            .createNetwork(Network(name: "spoke-4", addressSpace: [CIDR(base: IPv4Address("10.4.0.0")!, prefix: 16)],
                                   dns: .address(IPv4Address("10.0.0.4")!), peerings: ["hub"])),
            .linkRuleset(ruleset: "spoke-rules", network: "spoke-4"),
            .unlinkRuleset(ruleset: "spoke-rules", network: "spoke-4"),
            .setRule(ruleset: "spoke-rules", rule: ForwardingRule(domain: "monitor.azure.com", targets: [IPv4Address("10.0.0.4")!])),
            .deleteRule(ruleset: "spoke-rules", domain: "monitor.azure.com"),
            .setDns(network: "spoke-4", dns: .address(IPv4Address("192.168.0.10")!)),
            .setDns(network: "spoke-2", dns: .azure),
            .peer("spoke-4", "spoke-1"),
            .linkResource(scope: "ampls-a", resource: "app-api"),
        ])
    }

    @Test("a scenario loaded against a version 2 topology knows its rulesets, DCEs, addresses and created networks")
    func scenarioKnowsVersionTwoNames() throws {
        let topology = try load(Self.example).topology
        let scenario = """
        - unlinkResource: {scope: ampls-a, resource: dce-linux}
        - linkRuleset: {ruleset: spoke-rules, network: spoke-4}
        - setDns: {network: spoke-4, dns: 10.0.0.5}
        - deleteRule: {ruleset: spoke-rules, domain: .}

        """
        let steps = try TopologyLoader().loadScenario(text: scenario, file: "s.yaml", for: topology).map(\.step)
        #expect(steps == [
            .unlinkResource(scope: "ampls-a", resource: "dce-linux"),
            .linkRuleset(ruleset: "spoke-rules", network: "spoke-4"),
            .setDns(network: "spoke-4", dns: .address(IPv4Address("10.0.0.5")!)),
            .deleteRule(ruleset: "spoke-rules", domain: DNSName(canonical: "")),
        ])
        #expect(throws: InputError.self) {
            _ = try TopologyLoader().loadScenario(text: "- setDns: {network: spoke-4, dns: 10.0.0.6}\n", file: "s.yaml", for: topology)
        }
    }

    @Test("version 1 files still load, with the version 2 defaults")
    func versionOne() throws {
        let text = """
        version: 1
        networks:
          - {name: vnet1, addressSpace: [10.0.1.0/24]}

        """
        let t = try load(text).topology
        #expect(t.networks.map(\.name) == ["vnet1"])
        // MODEL.md: version-1 topologies keep their verdicts except the default limits.
        #expect(t.settings.limits == Limits())
    }

    // MARK: Input errors

    @Test("a topology whose own scopes break a limit is an input error")
    func scopeLimits() {
        // MODEL.md 7: workspaces and components per scope are limits of the topology's own
        // scopes too (here lowered to 1 each); DCEs have no documented limit.
        let base = """
        version: 2
        settings:
          limits: {workspacesPerScope: 1, componentsPerScope: 1}
        workspaces:
          - {name: ws-1, id: 9f1c2d3e-0000-4000-8000-000000000001, region: eastus}
          - {name: ws-2, id: 9f1c2d3e-0000-4000-8000-000000000002, region: eastus}
        components:
          - {name: app-1, region: eastus, stamp: 1}
          - {name: app-2, region: eastus, stamp: 1}
        dataCollectionEndpoints:
          - {name: dce-1, id: aaaa, region: eastus}
          - {name: dce-2, id: bbbb, region: eastus}
        scopes:
          - {name: ampls-a, resources: [ws-1, app-1, dce-1, dce-2]}

        """
        #expect(error(base) == nil)
        #expect(error(base.replacingOccurrences(of: "[ws-1, app-1,", with: "[ws-1, app-1, app-2,"))
                == "t.yaml:14: error: scopes[0].resources: scope ampls-a holds 2 components; the limit is 1 (settings.limits.componentsPerScope)")
        #expect(error(base.replacingOccurrences(of: "[ws-1, app-1,", with: "[ws-1, ws-2, app-1,"))
                == "t.yaml:14: error: scopes[0].resources: scope ampls-a holds 2 workspaces; the limit is 1 (settings.limits.workspacesPerScope)")
        // resourcesPerScope, when set, counts every kind together.
        #expect(error(base.replacingOccurrences(of: "componentsPerScope: 1}", with: "componentsPerScope: 1, resourcesPerScope: 3}"))
                == "t.yaml:14: error: scopes[0].resources: scope ampls-a holds 4 resources; the limit is 3 (settings.limits.resourcesPerScope)")
    }

    @Test(arguments: [
        // (old text, new text, the error)
        // MODEL.md 2: connectionString beside region, stamp or endpointSuffix is an input error.
        ("{name: app-web, region: eastus, stamp: 8}",
         "{name: app-web, stamp: 8, connectionString: \"IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/\"}",
         "t.yaml:52: error: components[0].stamp: stamp beside connectionString: the connection string gives the region, stamp and suffix; give one or the other"),
        ("IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/", "IngestionEndpoint=https://westeurope.in.applicationinsights.azure.com/",
         "t.yaml:53: error: components[1].connectionString: IngestionEndpoint 'https://westeurope.in.applicationinsights.azure.com/' is not https://<region>-<stamp>.in.applicationinsights.azure.com/"),
        // MODEL.md 5: a DNS server's address lies in its network and nothing else holds it.
        ("address: 192.168.0.10", "address: 10.0.0.9",
         "t.yaml:17: error: dnsServers[0].address: address 10.0.0.9 lies outside onprem's address space (192.168.0.0/16)"),
        ("inbound: [10.0.0.4, 10.0.0.5]", "inbound: [10.0.0.4, 10.0.0.4]",
         "t.yaml:29: error: dnsResolvers[0].inbound[1]: 10.0.0.4 is already held by an inbound endpoint of DNS resolver hub-resolver"),
        ("{name: plain-dns, network: hub}", "{name: plain-dns, network: hub, address: 10.0.0.5}",
         "t.yaml:29: error: dnsResolvers[0].inbound[1]: 10.0.0.5 is already held by DNS server plain-dns"),
        // MODEL.md 4: a network's dns address must be held by a server or an inbound endpoint.
        ("[10.1.0.0/16], dns: 168.63.129.16}", "[10.1.0.0/16], dns: 10.1.0.4}",
         "t.yaml:11: error: networks[1].dns: no DNS server or resolver inbound endpoint holds 10.1.0.4"),
        ("[10.1.0.0/16], dns: 168.63.129.16}", "[10.1.0.0/16], dns: 10.1.0.400}", "t.yaml:11: error: networks[1].dns: '10.1.0.400' is not an IPv4 address"),
        // FORMAT.md: a resolver lives in a VNet; rules: one per domain in a ruleset.
        ("network: hub\n    inbound", "network: onprem\n    inbound",
         "t.yaml:28: error: dnsResolvers[0].network: onprem is an on-premises network: a DNS resolver lives in an Azure VNet"),
        ("{domain: ., to: [192.168.0.10]}", "{domain: corp.contoso.com., to: [192.168.0.10]}",
         "t.yaml:36: error: forwardingRulesets[0].rules[1].domain: a second rule for corp.contoso.com.; a ruleset holds one rule per domain"),
        ("resolver: hub-resolver", "resolver: hub-resolvr",
         "t.yaml:32: error: forwardingRulesets[0].resolver: no DNS resolver named 'hub-resolvr'; did you mean 'hub-resolver'?"),
        // FORMAT.md: workspaces, components and DCEs form one kind, resources.
        ("{name: dce-linux, id: q7lu", "{name: app-web, id: q7lu",
         "t.yaml:55: error: dataCollectionEndpoints[0].name: duplicate resource name 'app-web' (workspaces, components and DCEs share one namespace)"),
        ("{name: dce-linux, id: q7lu", "{name: dce-linux, id: q7lu5",
         "t.yaml:55: error: dataCollectionEndpoints[0].id: DCE id must be 4 lower-case letters or digits (Azure appends them to the name), got q7lu5"),
        // MODEL.md 7: a topology whose own scopes break a limit is an input error.
        ("limits: seed", "limits: {componentsPerScope: 0}",
         "t.yaml:3: error: settings.limits.componentsPerScope: 0 is out of range 1...1000000"),
        // Steps: malformed values and names of nothing are input errors.
        ("addressSpace: [10.4.0.0/16], peerings", "addressSpace: [10.4.0.1/16], peerings",
         "t.yaml:66: error: steps[0].createNetwork.addressSpace[0]: '10.4.0.1/16' has host bits set; did you mean 10.4.0.0/16?"),
        ("- linkRuleset:   {ruleset: spoke-rules, network: spoke-4}", "- linkRuleset:   {ruleset: spoke-rules, network: onprem}",
         "t.yaml:67: error: steps[1].linkRuleset.network: onprem is an on-premises network: forwarding rulesets link only to Azure VNets"),
        ("domain: monitor.azure.com, to: [10.0.0.4], enabled: true}", "domain: monitor.azure.com, to: [168.63.129.16]}",
         "t.yaml:69: error: steps[3].setRule.to[0]: a forwarding rule may not target 168.63.129.16 (Azure DNS)"),
        ("{ruleset: spoke-rules, domain: monitor.azure.com}", "{ruleset: spoke-rule, domain: monitor.azure.com}",
         "t.yaml:70: error: steps[4].deleteRule.ruleset: no forwarding ruleset named 'spoke-rule'; did you mean 'spoke-rules'?"),
        ("{network: spoke-4, dns: 192.168.0.10}", "{network: spoke-4, dns: 192.168.0.11}",
         "t.yaml:71: error: steps[5].setDns.dns: no DNS server or resolver inbound endpoint holds 192.168.0.11"),
        ("- peer:          [spoke-4, spoke-1]", "- peer:          [spoke-5, spoke-1]",
         "t.yaml:73: error: steps[7].peer[0]: no network named 'spoke-5'; did you mean 'spoke-1'?"),
    ])
    func inputErrors(_ old: String, _ new: String, _ expected: String) {
        let text = Self.example.replacingOccurrences(of: old, with: new)
        #expect(text != Self.example)
        #expect(error(text) == expected)
    }
}
