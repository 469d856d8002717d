import AmplsimRender
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// `check`, `fix` and what-if's intents, run as the executable, on `Fixtures/intents/` (the
/// fixtures' comments reason every expected verdict and fix from MODEL.md).
@Suite struct IntentCommandTests {
    func intents(_ name: String) -> String { packageRoot.appendingPathComponent("Fixtures/intents/\(name)").path }

    struct CheckAnswer: Decodable {
        struct Intent: Decodable {
            var index: Int
            var label: String?
            var networks, resources: [String]
            var endpoints: [String]?
            var expect: String
            var holds: Bool
            var rows, failing: Int
            var counts: [String: Int]
            var violations: [Violation]
            var bestFix: Fix?
        }
        struct Violation: Decodable { var network, resource, endpoint, status, detail: String }
        struct Fix: Decodable {
            struct Change: Decodable { var text: String; var weakensIsolation: String?; var steps: [[String: AnyJSON]]? }
            var changes: [Change]
            var satisfiesAll: Bool
            var breaksRows: Int?
            var weakensIsolation: Bool
        }
        var version: Int
        var intents: [Intent]
        var summary: [String: Int]
    }

    /// Any JSON value (the steps' bodies differ by keyword).
    struct AnyJSON: Decodable {
        init(from decoder: Decoder) throws {}
    }

    // MARK: check

    @Test func checkPrintsEachViolatedIntentWithItsCauseAndBestFix() throws {
        let run = try amplsim("check", intents("check-forms.yaml"))
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("check: 6 intents, 2 violated\n"))
        #expect(run.stdout.contains("PASS  intent 1 \"spokes private\" (spoke-* → law-prod: private)"))
        #expect(run.stdout.contains("FAIL  intent 5 \"appi from spoke-2\" (spoke-2 → appi-*: private)"))
        #expect(run.stdout.contains("6 of 6 rows miss private (not-in-scope 4, nxdomain 2)"))
        #expect(run.stdout.contains("cause (not-in-scope): spoke-2 appi-x ingest: hub-monitor answers"))
        // appi-x belongs to no scope: adding it to ampls-prod weakens nothing.
        #expect(run.stdout.contains("best fix: add appi-x to scope ampls-prod\n"))
        #expect(run.stdout.contains("- linkResource appi-x to ampls-prod"))
        #expect(run.stdout.contains("summary: 4 of 6 intents hold, 2 violated"))
    }

    @Test func checkJSONCountsViolationsByStatus() throws {
        let run = try amplsim("check", intents("check-forms.yaml"), "--format", "json")
        #expect(run.status == 1)
        let answer = try JSONDecoder().decode(CheckAnswer.self, from: Data(run.stdout.utf8))
        #expect(answer.version == 1)
        #expect(answer.summary == ["intents": 6, "hold": 4, "violated": 2])
        #expect(answer.intents.map(\.holds) == [true, true, true, true, false, false])
        #expect(answer.intents[1].endpoints == ["query"])
        #expect(answer.intents[3].expect == "failure")
        #expect(answer.intents[4].counts == ["not-in-scope": 4, "nxdomain": 2])
        #expect(answer.intents[4].violations.count == 6)
        #expect(answer.intents[5].counts == ["public": 4])
        #expect(answer.intents[0].bestFix == nil)
        let fix = try #require(answer.intents[4].bestFix)
        #expect(fix.changes.map(\.text) == ["add appi-x to scope ampls-prod"])
        #expect(fix.changes[0].steps?.count == 1)
        #expect(fix.breaksRows == 0)
        #expect(!fix.weakensIsolation)
    }

    @Test func checkMarkdownAndTheExitStatusOfAPass() throws {
        let markdown = try amplsim("check", intents("check-forms.yaml"), "--format", "markdown")
        #expect(markdown.stdout.hasPrefix("## amplsim check `check-forms.yaml`\n\n❌ **2 intents violated** of 6."))
        #expect(markdown.stdout.contains("**Best fix:** add appi-x to scope ampls-prod"))
        // Intents 1 to 4 alone all hold: exit 0.
        let file = try temporaryFile("""
            - {networks: [spoke-*], resources: [law-prod], expect: private}
            - {networks: [lab], resources: [law-prod], endpoints: [query], expect: public}
            - {networks: ["*"], resources: [law-prod], expect: success}
            - {networks: [lab, "spoke-*"], resources: [law-secret], expect: failure}
            """, name: "pass.yaml")
        let pass = try amplsim("check", intents("check-forms.yaml"), "--intents", file)
        #expect(pass.status == 0)
        #expect(pass.stdout.contains("summary: 4 of 4 intents hold, 0 violated"))
    }

    /// dev-override.yaml: the best single change weakens isolation, so check shows the clean pair
    /// fix finds (pe-hub's records written again, hub-monitor unlinked from dev).
    @Test func checkShowsTheSearchedFixWhenNoSingleChangeIsClean() throws {
        let run = try amplsim("check", intents("dev-override.yaml"))
        #expect(run.status == 1)
        #expect(run.stdout.contains("best fix: write pe-hub's records again (8 record sets, as recreating its zone group would), then unlink hub-monitor from dev"))
        #expect(!run.stdout.contains("best fix: add law-prod"))
    }

    @Test func checkWithoutIntentsIsBadInput() throws {
        let run = try amplsim("check", fixture("topologies/two-vnets-shared-dns.yaml"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("no intents to check: add `intents:` to the topology or give --intents FILE"))
    }

    // MARK: bad input

    static let base = """
    version: 2
    networks:
      - {name: spoke-1, addressSpace: [10.1.0.0/16]}
      - {name: spoke-2, addressSpace: [10.2.0.0/16]}
    workspaces:
      - {name: law-prod, id: 11111111-1111-4111-8111-111111111111, region: eastus}
    intents:

    """

    @Test(arguments: [
        ("  - {networks: [spoke-*], resources: [law-prod], expect: privat}",
         "t.yaml:8: error: intents[0].expect: 'privat' is not one of private, public, success, failure; did you mean 'private'?"),
        ("  - {network: [spoke-*], resources: [law-prod], expect: private}",
         "t.yaml:8: error: intents[0]: unknown key 'network'; did you mean 'networks'?"),
        ("  - {networks: [spok-*], resources: [law-prod], expect: private}",
         "t.yaml:8: error: intents[0].networks[0]: 'spok-*' matches no network (known: spoke-1, spoke-2)"),
        ("  - {networks: [spoke-3], resources: [law-prod], expect: private}",
         "t.yaml:8: error: intents[0].networks[0]: no network named 'spoke-3'; did you mean 'spoke-1'?"),
        ("  - {networks: [spoke-1], resources: [law-prd], expect: private}",
         "t.yaml:8: error: intents[0].resources[0]: no workspace, component or DCE named 'law-prd'; did you mean 'law-prod'?"),
        ("  - {networks: [spoke-1], resources: [law-prod], endpoints: [config], expect: private}",
         "t.yaml:8: error: intents[0].endpoints[0]: no resource the intent names has an endpoint 'config'"),
        ("  - {networks: [spoke-1], resources: [law-prod], endpoints: [qury], expect: private}",
         "t.yaml:8: error: intents[0].endpoints[0]: 'qury' is not one of ods, oms, agentsvc, ingest, ingest-regional, live, profiler, snapshot, query, config-global, config, metrics; did you mean 'query'?"),
        ("  - {networks: [\"spoke 1\"], resources: [law-prod], expect: private}",
         "t.yaml:8: error: intents[0].networks[0]: 'spoke 1' is not a name pattern (letters, digits, '.', '_', '-', and '*' for any run of characters)"),
        ("  - {networks: [], resources: [law-prod], expect: private}",
         "t.yaml:8: error: intents[0].networks: must not be empty"),
        ("  - {networks: [spoke-1], resources: [law-prod]}",
         "t.yaml:8: error: intents[0]: missing required key 'expect'"),
    ])
    func badIntentsNameTheLineAndTheField(_ appended: String, _ expected: String) {
        do {
            _ = try TopologyLoader().load(text: Self.base + appended + "\n", file: "t.yaml", folder: ".")
            Issue.record("loaded: \(appended)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func anIntentsFileIsCheckedAgainstTheTopology() throws {
        let topology = try TopologyLoader().load(text: Self.base.replacingOccurrences(of: "intents:\n", with: "")
            + "steps: [{createNetwork: {name: spoke-7, addressSpace: [10.7.0.0/16]}}]\n", file: "t.yaml", folder: ".")
        // A network that a step creates counts.
        let list = try TopologyLoader().loadIntents(text: "- {networks: [spoke-7], resources: [law-*], expect: success}",
                                                    file: "i.yaml", for: topology)
        #expect(list.map(\.summary) == ["spoke-7 → law-*: success"])
        let mapping = try TopologyLoader().loadIntents(text: "{intents: [{networks: [\"*\"], resources: [law-prod], expect: failure, label: x}]}",
                                                       file: "i.json", for: topology)
        #expect(mapping.first?.label == "x")
        #expect(throws: InputError(file: "i.yaml", line: 1, message: "intents[0].networks[0]: no network named 'spoke-9'; did you mean 'spoke-1'?")) {
            try TopologyLoader().loadIntents(text: "- {networks: [spoke-9], resources: [law-prod], expect: success}", file: "i.yaml", for: topology)
        }
        let run = try amplsim("check", intents("unpeered-spoke.yaml"), "--intents", try temporaryFile("- {networks: [hub2], resources: [law-prod], expect: success}\n"))
        #expect(run.status == 2)
        #expect(run.stderr.contains(":1: error: intents[0].networks[0]: no network named 'hub2'; did you mean 'hub'?"))
    }

    // MARK: fix

    /// The five worlds whose minimal fix is known (reasoned in each fixture), as scenario files.
    @Test(arguments: [
        ("unpeered-spoke.yaml", [#"{"peer":["spoke-2","hub"],"label":"peer spoke-2 with hub: "#]),
        ("empty-zone.yaml", [#"{"unlinkZone":{"zone":"prep-monitor","network":"app-vnet"},"label":"unlink prep-monitor from app-vnet: "#]),
        ("almost-empty-zone.yaml", [#"{"unlinkZone":{"zone":"prep-monitor","network":"app-vnet"},"label":"set fallback to internet on prep-monitor's link to app-vnet (step 1 of 2): "#,
                                    #"{"linkZone":{"zone":"prep-monitor","network":"app-vnet","fallbackToInternet":true},"label":"set fallback to internet on prep-monitor's link to app-vnet (step 2 of 2): "#]),
        ("component-outside-scope.yaml", [#"{"linkResource":{"scope":"ampls-a","resource":"appi-b"},"label":"add appi-b to scope ampls-a: "#]),
        ("onprem-azure-dns.yaml", [#"{"setDns":{"network":"onprem","dns":"hub-dns"},"label":"set onprem's DNS to hub-dns (DNS server hub-dns in hub): "#]),
    ])
    func fixPrintsTheKnownMinimalFix(_ name: String, _ steps: [String]) throws {
        let run = try amplsim("fix", intents(name))
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let stepLines = lines.filter { $0.hasPrefix("  - ") }
        #expect(stepLines.count == steps.count)
        for (line, prefix) in zip(stepLines, steps) { #expect(line.hasPrefix("  - " + prefix), "\(line)") }
        #expect(lines.first?.hasPrefix("# amplsim fix \(name): 1 change") == true)
        #expect(run.stdout.contains("# makes") && run.stdout.contains("breaks no row that works now"))
        // The scenario applies, and once its steps follow the topology's, every intent holds.
        let topology = try String(contentsOfFile: intents(name), encoding: .utf8)
        let combined = try temporaryFile(topology + "\n" + run.stdout, name: name)
        let check = try amplsim("check", combined)
        #expect(check.status == 0, "\(check.stdout)")
        let scenario = try temporaryFile(run.stdout, name: "fix.yaml")
        let whatIf = try amplsim("what-if", intents(name), "--scenario", scenario)
        #expect(whatIf.status == 0)
        #expect(whatIf.stdout.contains("intents: \(name == "almost-empty-zone.yaml" ? 2 : 1) checked, 0 broken by the scenario"))
    }

    /// dev-override.yaml: two changes, never law-prod in ampls-dev.
    @Test func fixOnTheDevOverrideKeepsIsolation() throws {
        let run = try amplsim("fix", intents("dev-override.yaml"))
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("# amplsim fix dev-override.yaml: 2 changes (9 steps) make every intent hold\n"))
        #expect(run.stdout.contains("breaks 3 rows that work now"))
        #expect(!run.stdout.contains("linkResource"))
        #expect(run.stdout.contains(#"{"setRecord":{"zone":"hub-monitor","name":"api.privatelink.monitor.azure.com","type":"A","value":"10.0.1.7","ttl":10},"label":"write pe-hub's records again (8 record sets, as recreating its zone group would) (step 1 of 8): api.privatelink.monitor.azure.com. in hub-monitor back to 10.0.1.7 (pe-dev wrote 10.9.1.7)"}"#))
        #expect(run.stdout.contains(#"{"unlinkZone":{"zone":"hub-monitor","network":"dev"},"label":"unlink hub-monitor from dev: "#))
    }

    @Test func fixSaysSoWhenNothingSatisfiesEveryIntent() throws {
        let run = try amplsim("fix", intents("empty-zone.yaml"), "--intents", intents("empty-zone-private.intents.yaml"))
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("# amplsim fix empty-zone.yaml: no set of up to three changes makes every intent hold\n"))
        #expect(run.stdout.hasSuffix("steps: []\n"))
        #expect(run.stderr.contains("no set of up to three changes makes every intent hold (no candidate change applies)"))
    }

    @Test func fixWithNothingToDo() throws {
        let file = try temporaryFile("- {networks: [spoke-1], resources: [law-prod], expect: private}\n")
        let run = try amplsim("fix", intents("unpeered-spoke.yaml"), "--intents", file)
        #expect(run.status == 0)
        #expect(run.stdout == "# amplsim fix unpeered-spoke.yaml: every intent holds (1); nothing to change\nsteps: []\n")
    }

    // MARK: what-if

    /// Deleting pe-dev deletes the records it wrote (MODEL.md 5), api among them: dev's query of
    /// law-dev is NXDOMAIN, intent 2 breaks. Intent 1 failed already: not "broken".
    @Test func whatIfReportsTheIntentsAScenarioBreaks() throws {
        let step = "{deleteEndpoint: pe-dev}"
        let table = try amplsim("what-if", intents("dev-override.yaml"), "--step", step)
        #expect(table.status == 1)
        #expect(table.stdout.contains("\nintents: 2 checked, 1 broken by the scenario\n  BROKEN intent 2 \"dev reaches its workspace\" (dev → law-dev: success): 1 of 4 rows miss success (nxdomain 1)\n"))
        let json = try amplsim("what-if", intents("dev-override.yaml"), "--step", step, "--format", "json")
        struct Answer: Decodable {
            struct Intents: Decodable { var checked: Int; var broken: [CheckAnswer.Intent] }
            var intents: Intents
        }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(json.stdout.utf8))
        #expect(answer.intents.checked == 2)
        #expect(answer.intents.broken.map(\.index) == [2])
        #expect(answer.intents.broken.first?.violations.map(\.endpoint) == ["query"])
        let markdown = try amplsim("what-if", intents("dev-override.yaml"), "--step", step, "--format", "markdown")
        #expect(markdown.stdout.contains("### Intents\n\n❌ 1 intent of 2 broken by the scenario:\n\n- intent 2 \"dev reaches its workspace\""))
    }

    /// A scenario that breaks an intent but no row that works now (law-secret opened to public
    /// query from lab: a failure intent broken by a heal) still exits 1.
    @Test func anIntentBrokenByAHealExitsOne() throws {
        let run = try amplsim("what-if", intents("check-forms.yaml"), "--step", "{setAccess: {resource: law-secret, publicQuery: true}}")
        #expect(run.status == 1)
        #expect(run.stdout.contains("summary: 0 breaks"))
        #expect(run.stdout.contains("BROKEN intent 4 \"secret stays closed\""))
    }

    @Test func whatIfWithoutIntentsIsUnchanged() throws {
        let run = try amplsim("what-if", fixture("topologies/two-vnets-shared-dns.yaml"), "--step", "{peer: [vnet1, vnet2]}", "--format", "json")
        #expect(!run.stdout.contains("\"intents\""))
        let table = try amplsim("what-if", fixture("topologies/two-vnets-shared-dns.yaml"), "--step", "{peer: [vnet1, vnet2]}")
        #expect(!table.stdout.contains("intents:"))
    }

    @Test func helpDescribesTheCommands() throws {
        let check = try amplsim("check", "--help")
        #expect(check.stdout.contains("--intents <FILE>"))
        #expect(check.stdout.contains("weakens isolation"))
        let fix = try amplsim("fix", "--help")
        #expect(fix.stdout.contains("4,060"))
        let top = try amplsim("--help")
        #expect(top.stdout.contains("check") && top.stdout.contains("fix"))
    }
}
