import AmplsimEngine
import AmplsimTopology
import Testing

/// Bad topologies: each gives one error naming the file, the line and the field.
@Suite struct LoaderErrorTests {
    static let base = """
    version: 1
    networks:
      - {name: vnet1, addressSpace: [10.0.1.0/24]}
      - {name: vnet2, addressSpace: [10.0.2.0/24]}
    zones:
      - {id: monitor, name: privatelink.monitor.azure.com, links: [vnet1]}
    workspaces:
      - {name: ws1, id: 11111111-1111-4111-8111-111111111111, region: eastus}
    scopes:
      - {name: ampls1, resources: [ws1]}

    """

    func error(_ text: String) -> String? {
        do {
            _ = try TopologyLoader().load(text: text, file: "t.yaml", folder: ".")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theBaseLoads() throws {
        let topology = try TopologyLoader().load(text: Self.base, file: "t.yaml", folder: ".")
        #expect(topology.networks.map(\.name) == ["vnet1", "vnet2"])
        #expect(topology.scopes.first?.resources == ["ws1"])
    }

    @Test(arguments: [
        // (appended text, expected error)
        ("privateEndpoints:\n  - {name: pe1, network: vnet9, subnet: 10.0.1.0/24, scope: ampls1}\n",
         "t.yaml:12: error: privateEndpoints[0].network: no network named 'vnet9'; did you mean 'vnet1'?"),
        ("privateEndpoints:\n  - {name: pe1, network: vnet1, subnet: 10.0.2.0/24, scope: ampls1}\n",
         "t.yaml:12: error: privateEndpoints[0].subnet: subnet 10.0.2.0/24 lies outside vnet1's address space (10.0.1.0/24)"),
        ("privateEndpoints:\n  - {name: pe1, network: vnet1, subnet: 10.0.1.0/24, scope: ampls1, dnsZone: [monitor]}\n",
         "t.yaml:12: error: privateEndpoints[0]: unknown key 'dnsZone'; did you mean 'dnsZones'?"),
        ("privateEndpoints:\n  - {name: pe1, network: vnet1, subnet: 10.0.1.0/24, scope: ampls1,\n     addresses: {api.privatelink.monitor.azure.com: 10.0.2.9}}\n",
         "t.yaml:13: error: privateEndpoints[0].addresses.api.privatelink.monitor.azure.com: fixed address 10.0.2.9 lies outside subnet 10.0.1.0/24"),
        ("components:\n  - {name: ws1, region: eastus}\n",
         "t.yaml:12: error: components[0].name: duplicate resource name 'ws1' (workspaces, components and DCEs share one namespace)"),
        ("steps:\n  - deleteEndpoint: pe-x\n",
         "t.yaml:12: error: steps[0].deleteEndpoint: no private endpoint named 'pe-x' is created before this step"),
        ("steps:\n  - peer: [vnet1]\n",
         "t.yaml:12: error: steps[0].peer: expected a pair of network names, like [vnet1, vnet2]"),
    ])
    func appendedErrors(_ appended: String, _ expected: String) {
        #expect(error(Self.base + appended) == expected)
    }

    @Test(arguments: [
        ("addressSpace: [10.0.1.0/24]}", "addressSpace: [10.0.1.0/33]}",
         "t.yaml:3: error: networks[0].addressSpace[0]: '10.0.1.0/33' is not an IPv4 CIDR (like 10.0.0.0/16)"),
        ("addressSpace: [10.0.1.0/24]}", "addressSpace: [10.0.1.5/24]}",
         "t.yaml:3: error: networks[0].addressSpace[0]: '10.0.1.5/24' has host bits set; did you mean 10.0.1.0/24?"),
        ("addressSpace: [10.0.2.0/24]}", "addressSpace: [10.0.0.0/16]}",
         "t.yaml:4: error: networks[1].addressSpace[0]: 10.0.0.0/16 overlaps 10.0.1.0/24 of network vnet1; network address spaces must not overlap"),
        ("11111111-1111-4111-8111-111111111111", "1111-nope",
         "t.yaml:8: error: workspaces[0].id: '1111-nope' is not a GUID (8-4-4-4-12 hexadecimal digits, like 9f1c2d3e-0000-4000-8000-000000000001)"),
        ("{name: vnet2,", "{name: vnet1,",
         "t.yaml:4: error: networks[1].name: duplicate network name 'vnet1'"),
        ("links: [vnet1]}", "links: [vnet1], fallbackToInternet: [vnet2]}",
         "t.yaml:6: error: zones[0].fallbackToInternet[0]: vnet2 is not in this zone's links; fallback is a property of a link"),
        ("version: 1", "version: 3", "t.yaml:1: error: version: this amplsim reads topology versions 1 and 2"),
        ("resources: [ws1]}", "resources: [ws1, ws2]}",
         "t.yaml:10: error: scopes[0].resources[1]: no workspace, component or DCE named 'ws2'; did you mean 'ws1'?"),
        ("{name: vnet1, addressSpace", "{name: vnet1, kind: cloud, addressSpace",
         "t.yaml:3: error: networks[0].kind: 'cloud' is not one of vnet, onprem"),
        ("links: [vnet1]}", "links: [vnet1, vnet1]}", "t.yaml:6: error: zones[0].links[1]: vnet1 is linked twice"),
        ("networks:\n", "networks:\n  - {name: vnet0, addressSpace: [10.0.0.0/24], transit: yes please}\n",
         "t.yaml:3: error: networks[0].transit: expected true or false, found a string 'yes please'"),
    ])
    func replacedErrors(_ old: String, _ new: String, _ expected: String) {
        let text = Self.base.replacingOccurrences(of: old, with: new)
        #expect(text != Self.base)
        #expect(error(text) == expected)
    }

    @Test func twoZonesOfOneNameLinkedToOneNetwork() {
        let text = Self.base.replacingOccurrences(of: "workspaces:", with: """
          - {id: monitor2, name: privatelink.monitor.azure.com, links: [vnet1]}
        workspaces:
        """)
        #expect(error(text) == "t.yaml:7: error: zones[1].links[0]: vnet1 already links zone monitor of the same name privatelink.monitor.azure.com.; a network links at most one zone of a given name")
    }

    /// Three zones of one name: monitor links vnet1, monitor2 vnet2, monitor3 vnet2 then vnet1.
    /// monitor3's first link is the first mistake in file order, and the zone it collides with is
    /// the first earlier zone of the name that links vnet2: monitor2 (not monitor, which is
    /// earlier in the file but links vnet1 only). Line 8 is monitor3's.
    @Test func theFirstLinkOfAThirdZoneOfOneNameNamesTheZoneThatLinksItsNetwork() {
        let text = Self.base.replacingOccurrences(of: "workspaces:", with: """
          - {id: monitor2, name: privatelink.monitor.azure.com, links: [vnet2]}
          - {id: monitor3, name: privatelink.monitor.azure.com, links: [vnet2, vnet1]}
        workspaces:
        """)
        #expect(error(text) == "t.yaml:8: error: zones[2].links[0]: vnet2 already links zone monitor2 of the same name privatelink.monitor.azure.com.; a network links at most one zone of a given name")
    }

    @Test func yamlSyntaxErrorsKeepTheirLine() throws {
        // The list is never closed; the parser notices at the end of the file, and the message
        // points where the list began.
        let message = try #require(error("version: 1\nnetworks: [1, 2\n"))
        #expect(message.hasPrefix("t.yaml:2:11: error: YAML syntax: "))
    }

    @Test func independentErrorsOfOneListComeOutTogether() {
        let text = """
        version: 2
        networks:
          - {name: hub, addressSpace: [10.0.0.0/16]}
          - {name: spoke, addressSpace: [10.1.0.0/16], peerings: [hbu]}
          - {name: spoke2, addressSpace: [10.2.0.0/33]}
        workspaces:
          - {name: w1, id: 6f1c0b52-3c6e-4f4e-9a57-2d8e1f3b7a10, region: West Europe}

        """
        // The networks' errors, both; the workspaces are not read, since they come after a list
        // with errors (later lists name what earlier ones declare).
        #expect(error(text) == """
            t.yaml:4: error: networks[1].peerings[0]: no network named 'hbu'
            t.yaml:5: error: networks[2].addressSpace[0]: '10.2.0.0/33' is not an IPv4 CIDR (like 10.0.0.0/16)
            """)
    }

    @Test func atMostTwentyErrorsAreReported() throws {
        let networks = (1...25).map { "  - {name: n\($0), addressSpace: [10.\($0).0.0/33]}\n" }.joined()
        let message = try #require(error("version: 2\nnetworks:\n" + networks))
        let lines = message.split(separator: "\n")
        #expect(lines.count == 20)
        #expect(lines.first == "t.yaml:3: error: networks[0].addressSpace[0]: '10.1.0.0/33' is not an IPv4 CIDR (like 10.0.0.0/16)")
        #expect(lines.last == "t.yaml:22: error: networks[19].addressSpace[0]: '10.20.0.0/33' is not an IPv4 CIDR (like 10.0.0.0/16)")
    }

    @Test func onPremNetworksCannotBeLinked() {
        let text = Self.base.replacingOccurrences(of: "{name: vnet2, addressSpace", with: "{name: vnet2, kind: onprem, addressSpace")
            .replacingOccurrences(of: "links: [vnet1]}", with: "links: [vnet1, vnet2]}")
        #expect(error(text) == "t.yaml:6: error: zones[0].links[1]: vnet2 is an on-premises network: private DNS zones link only to Azure VNets")
    }

    @Test func scopeLimitsHoldForTheTopologyItself() {
        let text = Self.base.replacingOccurrences(of: "version: 1", with: "version: 1\nsettings: {limits: {resourcesPerScope: 1}}")
            .replacingOccurrences(of: "resources: [ws1]}", with: "resources: [ws1, app1]}\ncomponents:\n  - {name: app1, region: eastus}")
        #expect(error(text) == "t.yaml:11: error: scopes[0].resources: scope ampls1 holds 2 resources; the limit is 1 (settings.limits.resourcesPerScope)")
    }
}
