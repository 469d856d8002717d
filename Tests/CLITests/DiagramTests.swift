import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import Foundation
import Testing

/// The topology diagram: which flows it draws (reasoned from MODEL.md sections 5-6 and the
/// seed's pictures, never copied from output), what `--network` keeps, and DOT text that Graphviz
/// accepts whatever the names hold.
@Suite struct DiagramTests {
    static let twoVNets = fixture("topologies/two-vnets-shared-dns.yaml")

    /// The seed's "DNS overrides in multiple VNets": pe1 (vnet1, ampls1) writes every name first;
    /// pe2 (vnet2, ampls2) writes last and takes over the shared names (api, global.in.ai,
    /// eastus-5.in.ai, eastus.livediagnostics, profiler, snapshot) and writes law-app2's own
    /// names. law-app1's own names (ods, oms, agentsvc) stay pe1's. The VNets are not peered.
    @Test func twoVNetsShowVNet1LosingItsSharedNames() throws {
        let evaluation = try Evaluation(Self.twoVNets)
        let diagram = TopologyDiagram(world: evaluation.world, rows: evaluation.rows)

        // vnet1: law-app1's three own names reach pe1 in vnet1 and law-app1 is in ampls1: private.
        let own = try #require(diagram.flow("vnet1", .endpoint("pe1"), .private))
        #expect(own.rows == 3)
        #expect(own.sharedNames == 0)
        #expect(own.resources == ["law-app1"])
        // Every other vnet1 row answers with pe2's address, which vnet1 cannot route to:
        // law-app1 query (1), law-app2's four, and both components' six shared endpoints.
        let lost = try #require(diagram.flow("vnet1", .endpoint("pe2"), .unroutable))
        #expect(lost.rows == 1 + 4 + 6 + 6)
        #expect(lost.sharedNames == 7)   // api.loganalytics.io, api.applicationinsights.io, dc, regional, live, profiler, snapshot
        #expect(lost.names.count == 7 + 3)   // and law-app2's ods, oms, agentsvc
        #expect(lost.names.contains("api.loganalytics.io"))
        #expect(lost.resources == ["law-app1", "law-app2", "appi-app1", "appi-app2"])
        // Nothing of vnet1 succeeds through pe2.
        #expect(diagram.flows.filter { $0.network == "vnet1" && $0.target == .endpoint("pe2") }.map(\.status) == [.unroutable])

        // vnet2 reaches pe2 in its own network: ampls2's members connect (law-app2 4, appi-app2 6)...
        let served = try #require(diagram.flow("vnet2", .endpoint("pe2"), .private))
        #expect(served.rows == 10)
        #expect(served.resources == ["law-app2", "appi-app2"])
        // ...and the others fail validation, all or nothing: law-app1's query, appi-app1's six.
        let outside = try #require(diagram.flow("vnet2", .endpoint("pe2"), .notInScope))
        #expect(outside.rows == 7)
        #expect(outside.resources == ["law-app1", "appi-app1"])
        // law-app1's own names still point at pe1, in vnet1, which vnet2 cannot reach.
        #expect(diagram.flow("vnet2", .endpoint("pe1"), .unroutable)?.rows == 3)

        // Every row is in exactly one flow.
        #expect(diagram.flows.reduce(0) { $0 + $1.rows } == evaluation.rows.count)
        #expect(diagram.summary == Summary(rows: evaluation.rows))
        // The five shared zones link both VNets: one box, two lines.
        #expect(diagram.zoneGroups.count == 1)
        #expect(diagram.zoneGroups[0].zones.count == 5)
        #expect(diagram.zoneGroups[0].links.map(\.network) == ["vnet1", "vnet2"])
        #expect(diagram.joins.isEmpty)
        #expect(diagram.scopes.map(\.name) == ["ampls1", "ampls2"])
    }

    /// The same, as DOT: the arrow vnet1 -> pe2 is red and labelled unroutable; vnet2 -> pe2 has
    /// a green arrow (private) beside its red not-in-scope one.
    @Test func twoVNetsDOTColoursAndLabelsTheArrows() throws {
        let evaluation = try Evaluation(Self.twoVNets)
        let dot = DiagramDOT.render(TopologyDiagram(world: evaluation.world, rows: evaluation.rows), title: "two")
        let lines = dot.split(separator: "\n").map(String.init)
        func edges(_ from: String, _ to: String) -> [String] {
            lines.filter { $0.hasPrefix("  \"net:\(from)\" -> \"pe:\(to)\"") }
        }
        let lost = edges("vnet1", "pe2")
        #expect(lost.count == 1)
        #expect(lost.first?.contains("color=\"\(DiagramDOT.Palette.failure)\"") == true)
        #expect(lost.first?.contains("label=\"unroutable\\n") == true)
        let served = edges("vnet2", "pe2")
        #expect(served.count == 2)
        #expect(served.contains { $0.contains("color=\"\(DiagramDOT.Palette.success)\"") && $0.contains("label=\"private\\n") })
        #expect(served.contains { $0.contains("color=\"\(DiagramDOT.Palette.failure)\"") && $0.contains("label=\"not-in-scope\\n") })
        // Endpoints sit inside their network's box; their label names scope and addresses
        // (pe1's subnet 10.0.1.0/27: .0-.3 reserved, 13 names from .4).
        #expect(dot.contains("subgraph \"cluster_net:vnet1\""))
        #expect(dot.contains("\"pe:pe1\" [style=\"filled\""))
        #expect(dot.contains("scope ampls1\\l"))
        #expect(dot.contains("10.0.1.4-10.0.1.16 (13 addresses)\\l"))
    }

    /// `--network vnet1`: flows of vnet1 only; vnet2 drawn as context because pe2 lives there.
    @Test func focusKeepsTheNetworkAndWhatItsNamesReach() throws {
        let evaluation = try Evaluation(Self.twoVNets)
        let rows = evaluation.rows.filter { $0.network == "vnet1" }
        let diagram = TopologyDiagram(world: evaluation.world, rows: rows, focus: ["vnet1"])
        #expect(diagram.networks.map(\.name) == ["vnet1", "vnet2"])
        #expect(diagram.networks.map(\.focused) == [true, false])
        #expect(Set(diagram.flows.map(\.network)) == ["vnet1"])
        #expect(diagram.endpoints.map(\.name) == ["pe1", "pe2"])
    }

    /// A focused spoke of a hub: the diagram leaves out the spokes it does not lead to.
    @Test func focusLeavesOutUnrelatedNetworks() throws {
        let evaluation = try Evaluation(fixture("topologies/hub-spoke-single-pe.yaml"))
        let homes = Set(evaluation.world.endpoints.map(\.spec.network))
        let focus = try #require(evaluation.world.networks.first { !homes.contains($0.name) })
        let rows = evaluation.rows.filter { $0.network == focus.name }
        let diagram = TopologyDiagram(world: evaluation.world, rows: rows, focus: [focus.name])
        #expect(Set(diagram.networks.map(\.name)) == Set([focus.name]).union(homes))
        #expect(diagram.networks.count < evaluation.world.networks.count)
    }

    /// On-premises: the branch asks Azure DNS and the lab's server forwards to Azure DNS, which
    /// serves only Azure networks (MODEL.md section 4): every row SERVFAIL. The data centre's
    /// server forwards to the hub's resolver over the connection: private through pe-corp.
    @Test func onPremSitesAreDistinctAndTheirFailuresNamed() throws {
        let evaluation = try Evaluation(fixture("topologies/onprem-forwarder.yaml"))
        let diagram = TopologyDiagram(world: evaluation.world, rows: evaluation.rows)
        #expect(diagram.flow("onprem-branch", .failure(.servfail), .servfail)?.rows == 10)
        #expect(diagram.flow("onprem-lab", .failure(.servfail), .servfail)?.rows == 10)
        #expect(diagram.flow("onprem-dc", .endpoint("pe-corp"), .private)?.rows == 10)
        #expect(diagram.forwards.map(\.from) == ["corp-dns"])
        #expect(diagram.forwards.map(\.to) == ["hub-resolver"])
        #expect(diagram.forwards.first?.domains == ["monitor.azure.com", "opinsights.azure.com", "azure-automation.net",
                                                   "applicationinsights.azure.com", "loganalytics.io", "applicationinsights.io",
                                                   "blob.core.windows.net"])
        #expect(diagram.joins.allSatisfy { $0.kind == .connection })
        let dot = DiagramDOT.render(diagram, title: "onprem")
        #expect(dot.contains("\"net:onprem-dc\" [shape=\"house\""))
        #expect(dot.contains("\"net:vnet-hub\" [shape=\"box\""))
        #expect(dot.contains("\"fail:servfail\" [shape=\"octagon\""))
        #expect(dot.contains("\"net:onprem-dc\" -> \"dns:corp-dns\""))
    }

    @Test func dotStringsEscapeQuotesBackslashesAndLineBreaks() {
        #expect(DOTText.quote("plain") == "\"plain\"")
        #expect(DOTText.quote("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"")
        #expect(DOTText.quote("tab\there\u{7}") == "\"tab here \"")
        #expect(DOTText.attributes(["label": .leftLines(["x\"", "y\\"])]) == " [label=\"x\\\"\\ly\\\\\\l\"]")
    }

    /// A title full of DOT's special characters still draws, and reads back as written.
    @Test(.enabled(if: Tools.dotTests)) func hostileTitlesDrawAsWritten() throws {
        let evaluation = try Evaluation(Self.twoVNets)
        let title = "we\"ird \\ name <&> {graph} ];\n// x"
        let dot = DiagramDOT.render(TopologyDiagram(world: evaluation.world, rows: evaluation.rows), title: title)
        let run = try Tools.dotSVG(dot)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(">we&quot;ird \\ name &lt;&amp;&gt; {graph} ];</text>"))
        #expect(run.stdout.contains(">// x</text>"))
    }

    @Test func addressesFoldIntoRanges() throws {
        let evaluation = try Evaluation(Self.twoVNets)
        let diagram = TopologyDiagram(world: evaluation.world, rows: evaluation.rows)
        #expect(diagram.endpoints.map(\.addresses) == [["10.0.1.4-10.0.1.16"], ["10.0.2.4-10.0.2.16"]])
    }
}
