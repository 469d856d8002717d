import AmplsimEngine
import AmplsimImport
import AmplsimTopology
import Testing

/// The topology writer: names that YAML would read as something else are quoted, and what is
/// written loads back as the same objects.
@Suite struct TopologyYAMLTests {
    @Test func namesYAMLWouldMisreadAreQuoted() throws {
        var topology = Topology()
        // Valid topology names that plain YAML reads as a boolean, a null or a number.
        for name in ["yes", "null", "1e3", "0x1F", "2026-01-02", "no"] {
            topology.networks.append(Network(name: NetworkID(name), addressSpace: []))
        }
        for (i, _) in topology.networks.enumerated() {
            topology.networks[i].addressSpace = [CIDR(base: IPv4Address(UInt32(10 << 24 | i << 16)), prefix: 16)]
        }
        topology.networks.append(Network(name: "vnet.hub_1-a", addressSpace: [CIDR(base: IPv4Address(0x0B00_0000), prefix: 16)],
                                         peerings: ["yes"]))
        let text = TopologyYAML.text(ImportResult(topology: topology, notes: [ImportNote(.unmapped, "x", "a note: with \"quotes\"\nand a line break")]))
        #expect(text.contains("- name: \"yes\""))
        #expect(text.contains("- name: \"1e3\""))
        #expect(text.contains("- name: vnet.hub_1-a"))
        #expect(text.contains("#   unmapped: x: a note: with \"quotes\" and a line break"))
        let loaded = try TopologyLoader().load(text: text, file: "t.yaml", folder: ".")
        #expect(loaded.networks.map(\.name) == topology.networks.map(\.name))
        #expect(loaded.networks.last?.peerings == ["yes"])
    }
}
