import AmplsimTestSupport
import Foundation
import Testing

/// The formats every command has (Docs/report.md): `audit --format html` and
/// `replay --format markdown|html`, laid out like the others.
@Suite struct MoreReportFormatsTests {
    static let replayArguments = ["replay", fixture("scenarios/hub-two-spokes.yaml"),
                                  "--scenario", fixture("scenarios/delete-later-endpoint.yaml")]

    /// hub-two-spokes: pe-a (spoke1, ampls-a) then pe-b (spoke2, ampls-b), both scopes holding
    /// law-shared and appi-shop, both spokes reaching both endpoints through the transit hub.
    /// Each network has 14 rows (2 workspaces × 4 + 6 of the component).
    /// Step 1, pe-a: per spoke law-shared's query and appi-shop's 6 go from NXDOMAIN (the linked
    /// monitor zone is empty) to private (7 heals), law-shared's own 3 from public to private
    /// (the CNAMEs are published once it is in a scope with an endpoint), law-late's query from
    /// NXDOMAIN to not-in-scope: 11 changes, 22 for both spokes, 14 heals.
    /// Step 2, pe-b: it overwrites the same names with its own addresses; every status stays.
    /// Step 3, deleting pe-b deletes every record set it wrote (MODEL.md section 5), pe-a's names
    /// included: law-shared's 4 and appi-shop's 6 rows break to NXDOMAIN (10 per spoke, 20), and
    /// law-late's query goes from not-in-scope to NXDOMAIN (still broken): 22 changes.
    @Test func replayMarkdownCountsEachStep() throws {
        let run = try amplsim(Self.replayArguments + ["--format", "markdown"])
        #expect(run.status == 0, "\(run)")
        let text = run.stdout
        #expect(text.hasPrefix("## amplsim replay `hub-two-spokes.yaml`\n"))
        #expect(text.contains("**3 steps**, 0 refused: 44 row changes (20 breaks, 14 heals)."))
        #expect(text.contains("applied, 22 rows changed (0 breaks, 14 heals)\n"))
        #expect(text.contains("2. `createEndpoint pe-b"))
        #expect(text.contains("applied, 0 rows changed\n"))
        #expect(text.contains("\"retire spoke2's endpoint\": applied, 22 rows changed (20 breaks, 0 heals)\n"))
        #expect(text.contains("| 3 | spoke1 | law-shared | ods | `private` → `nxdomain` |"))
    }

    @Test func replayHTMLListsEveryChangedRow() throws {
        let run = try amplsim(Self.replayArguments + ["--format", "html"])
        #expect(run.status == 0, "\(run)")
        let page = run.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<h2>Every changed row</h2>"))
        // 22 + 0 + 22 changed rows (reasoned above), one table line each.
        #expect(page.components(separatedBy: "<tr class=\"").count - 1 == 44)
        #expect(page.contains("<div class=\"card fail\"><b>20</b>breaks</div>"))
        // Self-contained: no address to load (the page draws no SVG).
        #expect(!page.contains("http://") && !page.contains("https://"))
    }

    /// two-vnet-override: the audit's findings, each a line of the page's table with its
    /// networks listed for the network filter; the same findings as `--format json`.
    @Test func auditHTMLHasEveryFinding() throws {
        let path = fixture("audit/two-vnet-override.yaml")
        let json = try amplsim(["audit", path, "--format", "json"])
        let findings = (try JSONSerialization.jsonObject(with: json.stdoutData) as! [String: Any])["findings"] as! [[String: Any]]
        #expect(!findings.isEmpty)
        let run = try amplsim(["audit", path, "--format", "html"])
        // Errors exit 1, whatever the format.
        #expect(run.status == json.status)
        let page = run.stdout
        #expect(page.contains("<h2>Findings</h2>"))
        #expect(page.components(separatedBy: "<tr class=\"").count - 1 == findings.count)
        for finding in findings {
            #expect(page.contains("<td>\(finding["code"] as! String)</td>"))
            let networks = (finding["networks"] as! [String]).joined(separator: " ")
            #expect(page.contains("data-network=\"\(networks)\""))
        }
        #expect(page.contains("<option value=\"\">any severity</option><option>error</option>"))
    }
}
