import AmplsimTopology
import Foundation
import Testing
@testable import AmplsimEngine
import AmplsimRender

/// Intents (MODEL.md section 6's statuses, FORMAT.md's `intents:`), their evaluation, the ranking
/// of fixes and the fix search, on the worlds of `Fixtures/intents/` (each fixture's comment
/// reasons its expected verdicts and its minimal fix from MODEL.md).
@Suite struct IntentTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/intents")

    /// A fixture's final world and its intents (those of `intents`, an intents file, if given).
    static func load(_ name: String, intents file: String? = nil) throws -> (world: World, intents: [Intent]) {
        let loader = TopologyLoader()
        let topology = try loader.load(path: folder.appendingPathComponent(name).path)
        let intents = try file.map { try loader.loadIntents(path: folder.appendingPathComponent($0).path, for: topology) }
            ?? topology.intents
        return (Timeline.finalWorld(of: topology).world, intents)
    }

    static func search(_ name: String, intents file: String? = nil) throws -> (FixSearch, IntentFix) {
        let (world, intents) = try load(name, intents: file)
        let fix = IntentFix(world: world, intents: intents)
        return (fix.search(), fix)
    }

    // MARK: Patterns and expectations

    @Test func patternsMatchWholeNamesWithStarsForAnyRun() {
        let cases: [(String, String, Bool)] = [
            ("spoke-*", "spoke-1", true), ("spoke-*", "spoke-", true), ("spoke-*", "hub", false),
            ("spoke-*", "a-spoke-1", false), ("*", "anything", true), ("*-prod", "law-prod", true),
            ("*-prod", "law-prod-2", false), ("law-*-eu*", "law-x-eu", true), ("law-*-eu*", "law-x-us", false),
            ("a*b*c", "abc", true), ("a*b*c", "aXbYc", true), ("a*b*c", "acb", false), ("ab*ba", "aba", false),
            ("**", "x", true), ("hub", "hub", true), ("hub", "hub2", false),
        ]
        for (pattern, name, expected) in cases {
            #expect(NamePattern(pattern).matches(name) == expected, "\(pattern) vs \(name)")
        }
    }

    @Test func expectationsFollowModelSectionSix() {
        for status in Status.allCases {
            #expect(Expectation.private.accepts(status) == (status == .private))
            #expect(Expectation.public.accepts(status) == (status == .public))
            #expect(Expectation.success.accepts(status) == status.succeeds)
            #expect(Expectation.failure.accepts(status) == !status.succeeds)
        }
    }

    // MARK: Evaluation

    @Test func everyFormOfIntentOnTheFormsFixture() throws {
        let (world, intents) = try Self.load("check-forms.yaml")
        let results = IntentCheck.evaluate(intents, in: world)
        // Reasoned in check-forms.yaml: 1-4 hold, 5 and 6 fail.
        #expect(results.map(\.holds) == [true, true, true, true, false, false])
        // 1: spoke-1 and spoke-2 x law-prod's four endpoints, all private.
        #expect(results[0].covered == 8)
        // 2: endpoints narrow the rows to lab's one query row, public.
        #expect(results[1].covered == 1)
        // 3: `*` is every network: hub, spoke-1, spoke-2, lab.
        #expect(results[2].covered == 16)
        // 4: failure holds on public-denied and not-in-scope rows alike.
        #expect(results[3].covered == 12)
        // 5: appi-x from spoke-2: the shared names answer pe-hub (not-in-scope), its own regional
        // names are in no zone (nxdomain).
        #expect(results[4].counts == [.notInScope: 4, .nxdomain: 2])
        #expect(results[4].violations.map(\.endpoint) == [.ingest, .ingestRegional, .live, .profiler, .snapshot, .query])
        #expect(results[4].violations.allSatisfy { $0.network == "spoke-2" && $0.resource == "appi-x" })
        // 6: lab reaches law-prod publicly, not privately.
        #expect(results[5].counts == [.public: 4])
    }

    @Test func anIntentOverADeletedResourceHoldsOnlyForFailure() throws {
        let text = """
        version: 2
        networks: [{name: vnet, addressSpace: [10.0.0.0/16]}]
        workspaces: [{name: law-gone, id: 99999999-9999-4999-8999-999999999999, region: eastus}]
        steps: [{deleteResource: law-gone}]
        intents:
          - {networks: [vnet], resources: [law-gone], expect: success}
          - {networks: [vnet], resources: [law-gone], expect: failure}
        """
        let topology = try TopologyLoader().load(text: text, file: "gone.yaml", folder: ".")
        let results = IntentCheck.evaluate(topology.intents, in: Timeline.finalWorld(of: topology).world)
        #expect(results.map(\.covered) == [0, 0])
        #expect(results.map(\.holds) == [false, true])
    }

    /// A candidate world judged through the shared pieces (public DNS, reachability, views, the
    /// base's answers) gives the same rows as a fresh simulation of that world: every candidate of
    /// every fixture, and the pairs of the first ones, on an intent that covers every row.
    @Test func sharedEvaluationAgreesWithAFreshSimulation() throws {
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".intents.yaml") }.sorted()
        let topologies = URL(fileURLWithPath: Self.folder.deletingLastPathComponent().appendingPathComponent("topologies").path)
        let others = try FileManager.default.contentsOfDirectory(atPath: topologies.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(fixtures.count >= 7)
        var compared = 0
        for path in fixtures.map({ Self.folder.appendingPathComponent($0).path }) + others.map({ topologies.appendingPathComponent($0).path }) {
            let topology = try TopologyLoader().load(path: path)
            let world = Timeline.finalWorld(of: topology).world
            let intents = [Intent(networks: ["*"], resources: ["*"], expect: .private)] + topology.intents
            let fix = IntentFix(world: world, intents: intents)
            let changes = IntentFix.candidates(for: fix.before, in: Simulation(world: world)).changes
            let sets = changes.map { [$0] } + zip(changes.prefix(6), changes.dropFirst().prefix(6)).map { [$0, $1] }
            for set in sets {
                guard let shared = fix.evaluate(set)?.results else { continue }
                var copy = world
                for change in set { #expect(change.apply(to: &copy)) }
                let fresh = IntentCheck.evaluate(intents, in: copy)
                for (a, b) in zip(shared, fresh) {
                    let left = a.violations.map { "\($0.key) \($0.status) \($0.answer?.description ?? "-") \($0.via ?? "-")" }
                    let right = b.violations.map { "\($0.key) \($0.status) \($0.answer?.description ?? "-") \($0.via ?? "-")" }
                    #expect(left == right, "\(path): \(set.map(\.text))")
                }
                compared += 1
            }
        }
        #expect(compared > 50)
    }

    // MARK: Ranking

    /// dev-override.yaml: among single changes, making every intent hold comes first: adding
    /// law-prod to ampls-dev (weakening) satisfies both intents, writing pe-hub's records again
    /// breaks intent 2 (dev's query then answers pe-hub, whose scope lacks law-dev).
    @Test func satisfyingEveryIntentRanksFirstAmongSingleChanges() throws {
        let (world, intents) = try Self.load("dev-override.yaml")
        let fix = IntentFix(world: world, intents: intents)
        let changes = fix.candidates()
        let rewrite = try #require(changes.first { $0.text.hasPrefix("write pe-hub's records again") })
        let link = try #require(changes.first { $0.steps == [.linkResource(scope: "ampls-dev", resource: "law-prod")] })
        let rewritten = try #require(fix.evaluate([rewrite]))
        #expect(rewritten.holds(0))
        #expect(!rewritten.holdsAll)
        #expect(rewritten.brokenIntents == [1])
        let linked = try #require(fix.evaluate([link]))
        #expect(linked.holdsAll)
        #expect(linked.weakensIsolation)
        #expect(link.weakens?.contains("law-prod belongs to ampls-prod") == true)
        let best = try #require(fix.bestFix(for: 0))
        #expect(best.changes == [link])
    }

    /// The same world: the search goes on to pairs, since no single change is clean, and finds one
    /// that keeps isolation: pe-hub's records written again, then hub-monitor unlinked from dev
    /// (dev's shared names then resolve publicly; law-dev accepts public query). Never prod's
    /// workspace in the dev scope first.
    @Test func weakeningIsolationRanksLast() throws {
        let (search, fix) = try Self.search("dev-override.yaml")
        let found = try #require(search.fix)
        #expect(!found.weakensIsolation)
        #expect(found.changes.count == 2)
        #expect(found.changes[0].text.hasPrefix("write pe-hub's records again"))
        #expect(found.changes[1].steps == [.unlinkZone(zone: "hub-monitor", network: "dev")])
        // pe-hub's subnet 10.0.1.0/24, one eastus workspace (MODEL.md 5): oms .4, ods .5,
        // agentsvc .6, api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11,
        // snapshot .12, scadvisorcontentpl .13, global.handler.control .14. pe-dev overwrote the
        // eight shared names; its own workspace names are its own.
        var written: [String: String] = [:]
        for case .setRecord(let zone, let record) in found.changes[0].steps { written["\(zone) \(record.name.text)"] = record.value.description }
        #expect(written == [
            "hub-monitor api.privatelink.monitor.azure.com": "10.0.1.7",
            "hub-monitor global.in.ai.privatelink.monitor.azure.com": "10.0.1.8",
            "hub-monitor profiler.privatelink.monitor.azure.com": "10.0.1.9",
            "hub-monitor live.privatelink.monitor.azure.com": "10.0.1.10",
            "hub-monitor diagservices-query.privatelink.monitor.azure.com": "10.0.1.11",
            "hub-monitor snapshot.privatelink.monitor.azure.com": "10.0.1.12",
            "hub-blob scadvisorcontentpl.privatelink.blob.core.windows.net": "10.0.1.13",
            "hub-monitor global.handler.control.privatelink.monitor.azure.com": "10.0.1.14",
        ])
        // It costs rows no intent covers: hub, spoke-1 and spoke-2 reached law-dev's query through
        // pe-dev (private); it now answers pe-hub, whose scope lacks law-dev (not-in-scope).
        #expect(found.brokenRows == 3)
        #expect(fix.evaluate(found.changes)?.holdsAll == true)
        #expect(search.evaluated[1] > 0)
    }

    /// With the spokes' intent alone, writing pe-hub's records again (which breaks dev's rows,
    /// no intent's) still beats adding law-prod to ampls-dev (which breaks none but weakens
    /// isolation).
    @Test func weakeningRanksAfterBreakingRows() throws {
        let (search, fix) = try Self.search("dev-override.yaml", intents: "dev-override-prod-only.intents.yaml")
        let found = try #require(search.fix)
        #expect(found.changes.count == 1)
        #expect(found.changes[0].text.hasPrefix("write pe-hub's records again"))
        // dev's query (private through pe-dev) plus hub's and the spokes' query of law-dev.
        #expect(found.brokenRows == 4)
        let weakening = try #require(fix.candidates().first { $0.weakens != nil })
        var linked = try #require(fix.evaluate([weakening]))
        fix.countBrokenRows(&linked)
        #expect(linked.holdsAll && linked.brokenRows == 0)
    }

    /// almost-empty-zone.yaml: unlinking the zone heals law-app in one step but breaks intent 1
    /// (appi-a's regional row goes public, and appi-a denies public ingestion); relinking with
    /// fallback breaks nothing.
    @Test func aFixThatBreaksAPassingIntentNeverWins() throws {
        let (search, fix) = try Self.search("almost-empty-zone.yaml")
        let change = try #require(fix.candidates().first { $0.steps == [.unlinkZone(zone: "prep-monitor", network: "app-vnet")] })
        let unlink = try #require(fix.evaluate([change]))
        #expect(unlink.brokenIntents == [0])
        #expect(search.fix?.changes.flatMap(\.steps) == [.unlinkZone(zone: "prep-monitor", network: "app-vnet"),
                                                         .linkZone(zone: "prep-monitor", network: "app-vnet", fallbackToInternet: true)])
    }

    /// The same world with law-app's intent alone: both single changes make it hold; the unlink
    /// breaks appi-a's regional row (private -> public-denied), so the two-step fallback wins.
    @Test func breakingNoWorkingRowRanksBeforeFewerSteps() throws {
        let (search, _) = try Self.search("almost-empty-zone.yaml", intents: "almost-empty-zone-law-only.intents.yaml")
        let found = try #require(search.fix)
        #expect(found.stepCount == 2)
        #expect(found.brokenRows == 0)
        #expect(found.changes.first?.text.hasPrefix("set fallback to internet") == true)
    }

    /// empty-zone.yaml: unlinking (one step) and relinking with fallback (two) both heal and
    /// break nothing: the fewest steps win.
    @Test func fewestStepsWin() throws {
        let (search, fix) = try Self.search("empty-zone.yaml")
        #expect(search.fix?.changes.flatMap(\.steps) == [.unlinkZone(zone: "prep-monitor", network: "app-vnet")])
        let fallback = try #require(fix.candidates().first { $0.steps.count == 2 })
        #expect(fix.evaluate([fallback])?.holdsAll == true)
    }

    // MARK: fix on worlds whose minimal fix is known

    /// (a) unpeered-spoke.yaml: spoke-2 gets pe-hub's addresses and has no route to the hub.
    @Test func fixPeersTheSpoke() throws {
        let (search, _) = try Self.search("unpeered-spoke.yaml")
        let found = try #require(search.fix)
        #expect(found.changes.flatMap(\.steps) == [.peer("spoke-2", "hub")])
        #expect(found.isClean)
        #expect(search.evaluated == [2, 0, 0])
    }

    /// (b) empty-zone.yaml: the empty linked zone answers NXDOMAIN: unlink it.
    @Test func fixUnlinksTheEmptyZone() throws {
        let (search, _) = try Self.search("empty-zone.yaml")
        #expect(search.fix?.changes.flatMap(\.steps) == [.unlinkZone(zone: "prep-monitor", network: "app-vnet")])
        #expect(search.fix?.brokenRows == 0)
    }

    /// (d) component-outside-scope.yaml: appi-b belongs to no scope; adding it to ampls-a is no
    /// loss of isolation.
    @Test func fixLinksTheComponentWithoutWeakening() throws {
        let (search, _) = try Self.search("component-outside-scope.yaml")
        let found = try #require(search.fix)
        #expect(found.changes.flatMap(\.steps) == [.linkResource(scope: "ampls-a", resource: "appi-b")])
        #expect(found.changes[0].weakens == nil)
        #expect(found.isClean)
    }

    /// (e) onprem-azure-dns.yaml: on-prem asks Azure DNS (SERVFAIL); hub-dns, which onprem
    /// reaches, asks Azure DNS of the hub; corp-dns would answer publicly.
    @Test func fixPointsOnPremAtTheHubServer() throws {
        let (search, fix) = try Self.search("onprem-azure-dns.yaml")
        #expect(search.fix?.changes.flatMap(\.steps) == [.setDns(network: "onprem", dns: .server("hub-dns"))])
        let corp = try #require(fix.candidates().first { $0.steps == [.setDns(network: "onprem", dns: .server("corp-dns"))] })
        #expect(fix.evaluate([corp])?.results?[0].counts == [.public: 4])
    }

    /// Nothing can make law-app private in empty-zone.yaml: no endpoint exists.
    @Test func noFixWhenNoWayOutApplies() throws {
        let (search, _) = try Self.search("empty-zone.yaml", intents: "empty-zone-private.intents.yaml")
        #expect(search.fix == nil)
        #expect(search.candidates == 0)
    }

    @Test func nothingToFixWhenEveryIntentHolds() throws {
        let (world, intents) = try Self.load("check-forms.yaml")
        let fix = IntentFix(world: world, intents: Array(intents.prefix(4)))
        #expect(fix.allHold)
        #expect(fix.search().fix?.changes.isEmpty == true)
    }

    /// Twenty spokes none of which is peered with the hub: changes of their own for twelve, no
    /// set of three heals twenty, and the search says where it was bounded.
    @Test func theSearchIsBoundedAndSaysSo() throws {
        var text = "version: 2\nnetworks:\n  - {name: hub, addressSpace: [10.0.0.0/16]}\n"
        let spokes = (1...20).map { "spoke-\($0)" }
        for (i, spoke) in spokes.enumerated() { text += "  - {name: \(spoke), addressSpace: [10.\(i + 1).0.0/16]}\n" }
        let links = (["hub"] + spokes).joined(separator: ", ")
        text += """
        zones:
          - {id: m, name: privatelink.monitor.azure.com, links: [\(links)]}
          - {id: o, name: privatelink.oms.opinsights.azure.com, links: [\(links)]}
        workspaces: [{name: law, id: 11111111-1111-4111-8111-111111111111, region: eastus}]
        scopes: [{name: s, resources: [law]}]
        privateEndpoints: [{name: pe, network: hub, subnet: 10.0.1.0/24, scope: s, dnsZones: [m, o]}]
        intents: [{networks: [spoke-*], resources: [law], expect: private}]

        """
        let topology = try TopologyLoader().load(text: text, file: "many.yaml", folder: ".")
        let fix = IntentFix(world: Timeline.finalWorld(of: topology).world, intents: topology.intents)
        let search = fix.search()
        #expect(search.fix == nil)
        #expect(search.cuts.contains { $0.contains("12 failing networks; 8 more got none") })
        #expect(search.evaluated[1] <= 30 * 29 / 2 && search.evaluated[2] <= 4060)
        #expect(search.closest != nil)
    }
}
