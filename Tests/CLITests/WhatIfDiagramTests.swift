import AmplsimRender
import AmplsimTestSupport
import Foundation
import Testing

/// `what-if --format dot|svg|png`: one diagram of the change (Docs/report.md), the state after the
/// steps with arrows coloured by what their rows did.
@Suite struct WhatIfDiagramTests {
    static let arguments = ["what-if", fixture("scenarios/two-vnets-before.yaml"), "--scenario",
                            fixture("scenarios/vnet2-connects.yaml")]

    static func arrow(_ dot: String, _ from: String, _ to: String, _ label: String) -> Substring? {
        dot.split(separator: "\n").first { $0.contains("\"net:\(from)\" -> \"pe:\(to)\"") && $0.contains("label=\"\(label)\"") }
    }

    /// Before: pe1 (vnet1, ampls1) wrote every name. vnet1's rows: law-app1 and appi-app1 private
    /// (10), law-app2's own names public (it is in no scope with an endpoint yet, so its CNAMEs
    /// are not published: MODEL.md section 3), law-app2's query and appi-app2's six not-in-scope
    /// (7; pe1's addresses, ampls1 does not hold them). After pe2 (vnet2, ampls2) writes the
    /// shared names and law-app2's names, vnet1's 17 shared-name rows end at pe2, which it cannot
    /// reach: 10 of them worked before (break), 7 failed before (still broken, new reason).
    /// vnet2's shared names for ampls2's members become private: 7 heal. law-app1's own names
    /// stay pe1's (unroutable from vnet2 before and after): grey.
    @Test func arrowsSayWhatBrokeAndHealed() throws {
        let run = try amplsim(Self.arguments + ["--format", "dot"])
        #expect(run.status == 1, "\(run)")   // something breaks
        let dot = run.stdout
        let broke = try #require(Self.arrow(dot, "vnet1", "pe2", "unroutable: 10 broke, 7 still broken, for a new reason"))
        #expect(broke.contains("color=\"\(DiagramDOT.Palette.failure)\""))
        let healed = try #require(Self.arrow(dot, "vnet2", "pe2", "private: 7 healed"))
        #expect(healed.contains("color=\"\(DiagramDOT.Palette.success)\""))
        let same = try #require(Self.arrow(dot, "vnet2", "pe1", "unroutable, 3 rows, unchanged"))
        #expect(same.contains("color=\"\(DiagramDOT.unchanged)\""))
        #expect(dot.contains("red: rows that break; green: rows that heal"))
    }

    @Test(.enabled(if: Tools.dotTests)) func svgAndTheHTMLPageDrawIt() throws {
        let svg = try amplsim(Self.arguments + ["--format", "svg"])
        #expect(svg.stdout.hasPrefix("<?xml"), "\(svg.stderr)")
        #expect(svg.stdout.contains("10 broke"))
        let page = try amplsim(Self.arguments + ["--format", "html"]).stdout
        let change = try #require(page.range(of: "<h2>What changes</h2>"))
        let before = try #require(page.range(of: "<h3>Before</h3>"))
        #expect(change.upperBound < before.lowerBound)
        #expect(page.contains("id=\"change-graph0\""))
    }
}

/// `simulate --cause N` draws the rows of one cause (Docs/report.md, "The diagram").
@Suite struct CauseFocusTests {
    static let twoVNets = fixture("topologies/two-vnets-shared-dns.yaml")

    /// Two VNets sharing zones (MODEL.md section 5): pe2 wrote the shared names last (cause 1, 24
    /// rows in both networks); pe1's own workspace names for law-app1 stay pe1's, and vnet2
    /// cannot reach vnet1 (cause 2, 3 rows in vnet2). --cause 2 draws vnet2's one red arrow to
    /// pe1 and nothing else; vnet1 is drawn because pe1 lives there.
    @Test func theSecondCauseIsVNet2LosingLawApp1() throws {
        let run = try amplsim(["simulate", Self.twoVNets, "--format", "dot", "--cause", "2"])
        #expect(run.status == 0, "\(run)")
        let arrows = run.stdout.split(separator: "\n").filter { $0.contains("-> \"pe:") && $0.contains("\"net:") }
        #expect(arrows.count == 1)
        #expect(arrows.first?.hasPrefix("  \"net:vnet2\" -> \"pe:pe1\"") == true)
        #expect(arrows.first?.contains("3 rows: law-app1") == true)
    }

    @Test func aCauseOutOfRangeIsAUsageError() throws {
        let run = try amplsim(["simulate", Self.twoVNets, "--format", "dot", "--cause", "3"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--cause 3: the rows asked for have 2 causes"))
        let table = try amplsim(["simulate", Self.twoVNets, "--cause", "1"])
        #expect(table.status == 64)
        #expect(table.stderr.contains("--cause focuses a diagram"))
    }
}

/// what-if leads with the causes of its breaks in every format (Docs/scenarios.md).
@Suite struct WhatIfCausesTests {
    /// vnet2-connects (reasoned in WhatIfDiagramTests): the 10 breaks are all vnet1's rows that
    /// now end at pe2, which wrote the shared names last: one cause, pe2, 10 unroutable rows.
    @Test func everyFormatLeadsWithTheCauseOfTheBreaks() throws {
        let table = try amplsim(WhatIfDiagramTests.arguments)
        let cause = try #require(table.stdout.range(of: "== causes of the breaks (1)\n  - pe2 (scope ampls2, in vnet2) wrote the answering records last"))
        #expect(table.stdout.contains(": 10 rows in 1 network fail (unroutable 10)\n"))
        let firstNetwork = try #require(table.stdout.range(of: "== vnet1: 10 breaks"))
        #expect(cause.upperBound < firstNetwork.lowerBound)

        let json = try amplsim(WhatIfDiagramTests.arguments + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as! [String: Any]
        let causes = object["causes"] as! [[String: Any]]
        #expect(causes.count == 1)
        #expect(causes.first?["endpoint"] as? String == "pe2")
        // Its rows index the breaks: all ten of them.
        #expect(causes.first?["rows"] as? [Int] == Array(0..<10))
        #expect((object["breaks"] as! [Any]).count == 10)

        let markdown = try amplsim(WhatIfDiagramTests.arguments + ["--format", "markdown"])
        #expect(markdown.stdout.contains("### Causes of the breaks"))
        let html = try amplsim(WhatIfDiagramTests.arguments + ["--format", "html"])
        #expect(html.stdout.contains("<h3 id=\"causes\">Causes of the breaks</h3>"))
    }
}

/// Issue-level check of safe advice (Docs/scenarios.md, "Ways out"): deleting the dev spoke's
/// endpoint in dev-spoke-override.
@Suite struct DeletedEndpointWaysOutTests {
    /// pe-dev wrote the shared names last; deleting it deletes every record set its zone group
    /// wrote (Docs/model.md), so those names are NXDOMAIN in the hub and the dev spoke. The dev
    /// resources' rows that were private through pe-dev break: appi-dev's 6 endpoints and
    /// law-dev's query, in 2 networks: 14 breaks. No endpoint of ampls-dev is left, so no
    /// endpoint of their own scope can write them again; pe-hub can, once they are linked to
    /// ampls-prod, which routes them through the prod scope: offered, checked, labelled as
    /// weakening isolation, and ranked first because it heals (12 of appi-dev's, 2 of law-dev's).
    @Test func theFirstWayOutHealsAndSaysItWeakensIsolation() throws {
        let arguments = ["what-if", fixture("audit/dev-spoke-override.yaml"), "--step", "{deleteEndpoint: pe-dev}"]
        let markdown = try amplsim(arguments + ["--format", "markdown"]).stdout
        #expect(markdown.contains("❌ **14 breaks**"))
        let ways = try #require(markdown.range(of: "### Ways out\n\n| way out | when applied |\n|---|---|\n"))
        let first = markdown[ways.upperBound...].prefix { $0 != "\n" }
        #expect(first.hasPrefix("| add appi-dev to scope ampls-prod and write pe-hub's records again (weakens isolation:"), "\(first)")
        #expect(first.hasSuffix("| ✅ heals 12 of 12 breaks |"))
        #expect(markdown.contains("| add law-dev to scope ampls-prod and write pe-hub's records again (weakens isolation: law-dev belongs to ampls-dev, and its traffic would go through ampls-prod and pe-hub) | ✅ heals 2 of 2 breaks |"))
        // No hosts entry anywhere names a public address (they name pe-hub's 10.0.1.x).
        let json = try amplsim(arguments + ["--format", "json"]).stdout
        for match in json.matches(of: #/a hosts-file entry \S+ (\d+)\.(\d+)\./#) {
            #expect(match.1 == "10", "\(match.0)")
        }
    }
}
