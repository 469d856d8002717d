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
