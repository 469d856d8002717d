import AmplsimTestSupport
import Foundation
import Testing

/// The DOT and Markdown reports, pinned by golden files in `Tests/CLITests/Golden/reports/`
/// (AMPLSIM_RECORD_GOLDEN=1 re-records them and fails; review the diff). Every DOT golden also goes
/// through Graphviz, which must accept it.
@Suite struct ReportGoldenTests {
    /// (golden file, amplsim arguments); paths relative to the package root, where tests run.
    static let cases: [(String, [String])] = [
        ("simulate-two-vnets.dot", ["simulate", "Fixtures/topologies/two-vnets-shared-dns.yaml", "--format", "dot"]),
        ("simulate-two-vnets-vnet1.dot", ["simulate", "Fixtures/topologies/two-vnets-shared-dns.yaml", "--format", "dot", "--network", "vnet1"]),
        ("simulate-onprem-forwarder.dot", ["simulate", "Fixtures/topologies/onprem-forwarder.yaml", "--format", "dot"]),
        ("simulate-hub-spoke-transit.dot", ["simulate", "Fixtures/topologies/hub-spoke-transit.yaml", "--format", "dot"]),
        ("simulate-empty-monitor-zone-failures.dot", ["simulate", "Fixtures/topologies/empty-monitor-zone.yaml", "--format", "dot", "--failures-only"]),
        ("simulate-two-vnets.md", ["simulate", "Fixtures/topologies/two-vnets-shared-dns.yaml", "--format", "markdown"]),
        ("simulate-hub-spoke-single-pe.md", ["simulate", "Fixtures/topologies/hub-spoke-single-pe.yaml", "--format", "markdown", "--failures-only"]),
        ("audit-two-vnet-override.md", ["audit", "Fixtures/audit/two-vnet-override.yaml", "--format", "markdown"]),
        ("audit-healthy-hub.md", ["audit", "Fixtures/audit/healthy-hub.yaml", "--format", "markdown"]),
        ("what-if-vnet2-connects.md", ["what-if", "Fixtures/scenarios/two-vnets-before.yaml", "--scenario",
                                       "Fixtures/scenarios/vnet2-connects.yaml", "--format", "markdown"]),
    ]

    @Test(arguments: cases.map(\.0))
    func goldenFilePinsTheText(_ name: String) throws {
        let arguments = try #require(Self.cases.first { $0.0 == name }?.1)
        let run = try amplsim(arguments)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        expectGolden(run.stdout, path: "Tests/CLITests/Golden/reports/\(name)")
        // Same input, same bytes.
        #expect(try amplsim(arguments).stdoutData == run.stdoutData)
    }

    @Test(.enabled(if: Tools.dotTests), arguments: cases.map(\.0).filter { $0.hasSuffix(".dot") })
    func graphvizAcceptsTheDOT(_ name: String) throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Tests/CLITests/Golden/reports/\(name)"), encoding: .utf8)
        let run = try Tools.dotSVG(text)
        #expect(run.status == 0, "dot -Tsvg \(name): \(run.stderr)")
        #expect(run.stderr.isEmpty, "dot -Tsvg \(name) warned: \(run.stderr)")
        #expect(run.stdout.contains("<svg"))
    }

    /// Exit statuses keep their meaning in every format: simulate 0 (without --fail-on-broken),
    /// audit 1 on errors, what-if 1 on breaks.
    @Test func exitStatusesFollowTheCommand() throws {
        #expect(try amplsim(Self.cases[0].1).status == 0)
        #expect(try amplsim(["simulate", "Fixtures/topologies/two-vnets-shared-dns.yaml", "--format", "dot", "--fail-on-broken"]).status == 1)
        #expect(try amplsim(Self.cases.first { $0.0 == "audit-two-vnet-override.md" }!.1).status == 1)
        #expect(try amplsim(Self.cases.first { $0.0 == "audit-healthy-hub.md" }!.1).status == 0)
        #expect(try amplsim(Self.cases.first { $0.0 == "what-if-vnet2-connects.md" }!.1).status == 1)
    }

    /// The pull-request comment leads with the verdict and counts, reasoned as in DiagramTests:
    /// vnet1 17 unroutable of 20; vnet2 3 unroutable and 7 not-in-scope of 20.
    @Test func simulateMarkdownLeadsWithTheVerdict() throws {
        let text = try amplsim(Self.cases.first { $0.0 == "simulate-two-vnets.md" }!.1).stdout
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "## amplsim simulate `two-vnets-shared-dns.yaml`")
        #expect(lines[2].hasPrefix("❌ **27 of 40 rows fail** in 2 networks of 2: 13 private, 0 public, 27 failed"))
        #expect(text.contains("| vnet1 | 3 | 17 | 17 `unroutable` |"))
        #expect(text.contains("| vnet2 | 10 | 10 | 3 `unroutable`, 7 `not-in-scope` |"))
        #expect(text.contains("| vnet1 | ❌ | pe2 (private endpoint) | `unroutable` | 17 | law-app1, law-app2, appi-app1, appi-app2 |"))
        // 27 failing rows: 25 shown, 2 folded.
        #expect(text.contains("<details><summary>2 more failing rows</summary>"))
        #expect(text.contains("<details><summary>Every row (40)</summary>"))
    }

    /// Names may hold `_`, which Markdown reads as emphasis: cells escape it.
    @Test func markdownCellsEscapeEmphasis() throws {
        let path = try temporaryFile("""
        version: 1
        networks:
          - {name: spoke_a, addressSpace: [10.0.0.0/24]}
        workspaces:
          - {name: law_x, id: 11111111-1111-4111-8111-111111111111, region: eastus}
        """)
        let run = try amplsim(["simulate", path, "--format", "markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| spoke\\_a | 4 | 0 |  |"))
        #expect(run.stdout.contains("| ✅ | spoke\\_a | law\\_x | ods | `public` |"))
        #expect(!run.stdout.contains("spoke_a"))
    }
}
