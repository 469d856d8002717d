@testable import AmplsimApp
import AmplsimHost
@testable import AmplsimRender
import AmplsimTestSupport
import Foundation
import Testing

/// The table on a terminal and elsewhere (Docs/report.md, "Tables"): colour and wrapping decided
/// from `--color`, `NO_COLOR` and standard output; `--summary`; `--failures-only` counts.
@Suite struct TerminalOutputTests {
    static let twoVNets = fixture("topologies/two-vnets-shared-dns.yaml")
    static let escape = "\u{1B}["

    @Test func colourAndWidthFollowTheTerminal() {
        let piped = TerminalInfo(isTerminal: false, columns: nil, noColor: false)
        let terminal = TerminalInfo(isTerminal: true, columns: 132, noColor: false)
        let unsized = TerminalInfo(isTerminal: true, columns: nil, noColor: false)
        // Piped: never wrapped, colour only when asked for.
        #expect(TerminalStyle.standardOutput(.auto, terminal: piped) == TerminalStyle(width: nil, color: false))
        #expect(TerminalStyle.standardOutput(.always, terminal: piped) == TerminalStyle(width: nil, color: true))
        // A terminal: its width, colour unless NO_COLOR, a dumb terminal or --color never.
        #expect(TerminalStyle.standardOutput(.auto, terminal: terminal) == TerminalStyle(width: 132, color: true))
        #expect(TerminalStyle.standardOutput(.never, terminal: terminal).color == false)
        #expect(TerminalStyle.standardOutput(.auto, terminal: TerminalInfo(isTerminal: true, columns: 132, noColor: true)).color == false)
        #expect(TerminalStyle.standardOutput(.auto, terminal: TerminalInfo(isTerminal: true, columns: 132, noColor: false, dumb: true)).color == false)
        #expect(TerminalStyle.standardOutput(.always, terminal: TerminalInfo(isTerminal: true, columns: 132, noColor: true)).color == true)
        // A terminal that does not say how wide it is gets 80 columns.
        #expect(TerminalStyle.standardOutput(.auto, terminal: unsized).width == 80)
        // NO_COLOR counts only when set to something (no-color.org).
        #expect(TerminalInfo.standardOutput(environment: ["NO_COLOR": ""]).noColor == false)
        #expect(TerminalInfo.standardOutput(environment: ["NO_COLOR": "1"]).noColor == true)
    }

    @Test func reasonsWrapAtTheWidthWithoutLosingAWord() {
        let text = "shared-monitor answers 10.0.2.7, address of pe2 in vnet2; vnet1 has no route to vnet2"
        let wrapped = TerminalStyle(width: 40).wrap(text, indent: "         ")
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 40 && $0.hasPrefix("         ") })
        // Joined again, the words are all there, in order.
        #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == text)
        // Without a width: one line, whole.
        #expect(TerminalStyle.plain.wrap(text, indent: "  ") == "  " + text + "\n")
    }

    @Test func colourAlwaysColoursEvenWhenPiped() throws {
        let plain = try amplsim(["simulate", Self.twoVNets])
        #expect(!plain.stdout.contains(Self.escape))
        let coloured = try amplsim(["simulate", Self.twoVNets, "--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}[31m  FAIL\u{1B}[0m"))
        #expect(coloured.stdout.contains("\u{1B}[32m  ok  \u{1B}[0m"))
        // Without the codes, the coloured table is the plain one.
        let stripped = coloured.stdout.replacing(#/\x1B\[[0-9;]*m/#, with: "")
        #expect(stripped == plain.stdout)
        // NO_COLOR and a pipe: none, as with --color never.
        let noColor = try amplsim(["simulate", Self.twoVNets], environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains(Self.escape))
    }

    /// --failures-only keeps the failing rows but each network's header counts all of its rows:
    /// vnet1 has 3 rows that succeed (law-app1's own names, from pe1 in vnet1) and 17 that fail;
    /// vnet2 10 and 10 (MODEL.md sections 5 and 6, reasoned in CommandTests).
    @Test func failuresOnlyCountsEveryRow() throws {
        let run = try amplsim(["simulate", Self.twoVNets, "--failures-only"])
        #expect(run.stdout.contains("== vnet1 (vnet, 10.0.1.0/24; Azure DNS) -- 3 ok, 17 failed\n"))
        #expect(run.stdout.contains("== vnet2 (vnet, 10.0.2.0/24; Azure DNS) -- 10 ok, 10 failed\n"))
        #expect(!run.stdout.contains("  ok  "))
        #expect(run.stdout.components(separatedBy: "  FAIL ").count - 1 == 27)
    }

    @Test func simulateSummaryLeadsWithCausesThenOneLinePerNetwork() throws {
        let run = try amplsim(["simulate", Self.twoVNets, "--summary"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "== causes (2)")
        // pe2 wrote the shared names last: vnet1's 14 shared rows and law-app2's 3 own rows
        // (unroutable: pe2 is in vnet2), vnet2's 7 rows of app1's resources (not in ampls2).
        #expect(lines.contains { $0.hasPrefix("  - pe2 (scope ampls2, in vnet2) wrote the answering records last") &&
                                 $0.hasSuffix(": 24 rows in 2 networks fail (unroutable 17, not-in-scope 7)") })
        #expect(lines.contains("  vnet1: 3 ok, 17 failed (unroutable 17)"))
        #expect(lines.contains("  vnet2: 10 ok, 10 failed (unroutable 3, not-in-scope 7)"))
        #expect(lines.contains("summary: 13 private, 0 public, 27 failed (20 unroutable, 7 not-in-scope)"))
        #expect(!run.stdout.contains("  FAIL "))
    }

    /// Spokes with the same links, DNS and verdicts are one line: 12 spokes peered to a hub that
    /// holds the only endpoint, each linked to the hub's zones, all reach it (peering, one hop):
    /// each spoke's 4 rows are private, alike. The hub's are private too, but it reaches the
    /// endpoint in its own network, not through a peering: a line of its own.
    @Test func alikeNetworksAreOneLine() throws {
        var yaml = "version: 2\nnetworks:\n  - {name: hub, addressSpace: [10.0.0.0/16], peerings: ["
        let spokes = (1...12).map { String(format: "spoke-%02d", $0) }
        yaml += spokes.joined(separator: ", ") + "]}\n"
        for (i, spoke) in spokes.enumerated() { yaml += "  - {name: \(spoke), addressSpace: [10.\(i + 1).0.0/16]}\n" }
        let links = (["hub"] + spokes).joined(separator: ", ")
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
        let path = try temporaryFolder().appendingPathComponent("spokes.yaml")
        try Data(yaml.utf8).write(to: path)
        let run = try amplsim(["simulate", path.path, "--summary"])
        #expect(run.stdout.contains("== networks (13)\n  hub: 4 ok, 0 failed\n  spoke-01 … spoke-12 (12 networks alike): 4 ok, 0 failed\n"),
                "\(run.stdout)")
    }

    @Test func summaryIsATableForm() throws {
        let run = try amplsim(["simulate", Self.twoVNets, "--format", "json", "--summary"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--summary is a form of the table; it does not apply to --format json"))
    }

    @Test func whatIfReplayAndAuditSummaries() throws {
        // vnet2-connects: pe2 in vnet2 writes the shared zones last (Fixtures/scenarios/README.md).
        let whatIf = try amplsim(["what-if", fixture("scenarios/two-vnets-before.yaml"),
                                  "--scenario", fixture("scenarios/vnet2-connects.yaml"), "--summary"])
        #expect(whatIf.stdout.contains("== causes of the breaks ("), "\(whatIf)")
        #expect(whatIf.stdout.contains("== networks that change ("))
        #expect(!whatIf.stdout.contains("ways out:"))
        let replay = try amplsim(["replay", Self.twoVNets, "--summary"])
        #expect(replay.stdout.hasPrefix("step 1 "))
        #expect(replay.stdout.contains("\nsummary: "))
        let audit = try amplsim(["audit", fixture("audit/two-vnet-override.yaml"), "--summary"])
        #expect(audit.stdout.contains("== errors ("))
        #expect(!audit.stdout.contains("fix: "))
    }
}
