import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import Foundation
import Testing

/// Diagrams of big estates (Docs/report.md, "The diagram"): past eight networks, networks alike
/// in everything drawn (no endpoint or DNS server of their own, the same DNS, peerings, zone links
/// and flows) are one box naming how many it stands for.
@Suite struct AlikeNetworksDiagramTests {
    /// A hub with the only private endpoint, and `spokes` spokes peered to it, every network
    /// linked to the four zones the endpoint writes. Each spoke reaches the endpoint over its
    /// peering (one hop, no transit needed: MODEL.md section 6) and the workspace is in the
    /// endpoint's scope: every spoke's 4 rows are private, the same way.
    static func hubAndSpokes(_ spokes: Int, odd: Bool = false) -> String {
        let names = (0..<spokes).map { String(format: "spoke-%03d", $0) }
        var yaml = "version: 2\nnetworks:\n  - {name: hub, addressSpace: [10.0.0.0/16], peerings: [\(names.joined(separator: ", "))]}\n"
        for (i, name) in names.enumerated() {
            yaml += "  - {name: \(name), addressSpace: [10.\(1 + i / 256).\(i % 256).0/24]"
            // The odd one out has no internet egress.
            if odd && i == spokes / 2 { yaml += ", internetEgress: false" }
            yaml += "}\n"
        }
        let links = (["hub"] + names).joined(separator: ", ")
        yaml += """
        zones:
          - {id: mon, name: privatelink.monitor.azure.com, links: [\(links)]}
          - {id: oms, name: privatelink.oms.opinsights.azure.com, links: [\(links)]}
          - {id: ods, name: privatelink.ods.opinsights.azure.com, links: [\(links)]}
          - {id: agentsvc, name: privatelink.agentsvc.azure-automation.net, links: [\(links)]}
        workspaces:
          - {name: law, id: 0a1b2c3d-0000-4000-8000-000000000001, region: westeurope}
        scopes:
          - {name: ampls, resources: [law]}
        privateEndpoints:
          - {name: pe, network: hub, subnet: 10.0.1.0/24, scope: ampls, dnsZones: [mon, oms, ods, agentsvc]}

        """
        return yaml
    }

    static func dot(_ yaml: String) throws -> String {
        let path = try temporaryFolder().appendingPathComponent("estate.yaml")
        try Data(yaml.utf8).write(to: path)
        let run = try amplsim(["simulate", path.path, "--format", "dot"])
        #expect(run.status == 0, "\(run)")
        return run.stdout
    }

    /// Node statements (`"id" [...]`), not edges.
    static func nodes(_ dot: String) -> [Substring] {
        dot.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.contains(" -> ") && $0.contains("\" [")
            && !$0.contains("\"cluster_") && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("graph") }
    }

    @Test func twoHundredIdenticalSpokesDrawAsOneBox() throws {
        let dot = try Self.dot(Self.hubAndSpokes(200))
        let nodes = Self.nodes(dot)
        // zones, hub clients, pe, spokes' box, scope: 5 nodes; at most a dozen in any case.
        #expect(nodes.count <= 12, "\(nodes.joined(separator: "\n"))")
        #expect(dot.contains("spoke-000 … spoke-199  (200 VNets alike)"))
        // The box's arrow counts every spoke's rows: 200 × 4 private rows.
        #expect(dot.contains("\"net:spoke-000\" -> \"pe:pe\" [color=\"\(DiagramDOT.Palette.success)\""))
        #expect(dot.contains("label=\"private, 800\""))
        // Every spoke is named in the box's tooltip.
        #expect(dot.contains("spoke-000\\nspoke-001\\n"))
        #expect(dot.contains("\\nspoke-199\""))
        // One peering line and one zone line for the 200.
        #expect(dot.components(separatedBy: "\"net:hub\" -> \"net:spoke-").count - 1 == 1)
    }

    /// A spoke without internet egress resolves privately too (the zones answer; egress matters
    /// only for public answers), but its box says "no internet egress": it is not alike, and keeps
    /// a box of its own. The other 19 stay one box although it sits among them: alike networks
    /// need not follow each other. 19 × 4 private rows on their arrow.
    @Test func theOddOneOutKeepsItsOwnBox() throws {
        let dot = try Self.dot(Self.hubAndSpokes(20, odd: true))
        #expect(dot.contains("spoke-000 … spoke-019  (19 VNets alike)"))
        #expect(dot.contains("\"cluster_net:spoke-010\""))
        #expect(dot.contains("label=\"private, 76\""))
    }

    /// Small diagrams draw every network: eight networks or fewer are never merged.
    @Test func smallDiagramsDrawEveryNetwork() throws {
        let dot = try Self.dot(Self.hubAndSpokes(7))
        #expect(!dot.contains("alike"))
        #expect(dot.contains("\"cluster_net:spoke-006\""))
    }
}
