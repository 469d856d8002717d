import AmplsimTestSupport
import Foundation
import Testing

/// `replay` and `what-if` on the scenario fixtures, with expectations reasoned from the seed and
/// MODEL.md (comments give the reasoning).
@Suite struct TimelineCommandTests {
    func scenario(_ name: String) -> String { fixture("scenarios/\(name)") }

    struct Change: Decodable {
        var network, resource, endpoint: String
        var before, after: String?
        var afterAnswer, via: String?
        var waysOut: [Way]?
    }

    struct Way: Decodable {
        var text: String
        var heals: Bool?
        var breaksOthers: Int?
    }

    struct Step: Decodable {
        var index: Int
        var label: String?
        var error: String?
        var rule: String?
        var changes: [Change]
    }

    struct Answer: Decodable {
        var version: Int
        var steps: [Step]
        var breaks: [Change]?
        var heals: [Change]?
        var stillBroken: [Change]?
        var otherChanges: [Change]?
    }

    func decode(_ run: ProcessRun) throws -> Answer { try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8)) }

    @Test func vnet2ConnectsBreaksVNet1sSharedEndpoints() throws {
        let run = try amplsim("what-if", scenario("two-vnets-before.yaml"), "--scenario", scenario("vnet2-connects.yaml"), "--format", "json")
        // Something breaks: exit 1.
        #expect(run.status == 1)
        let answer = try decode(run)
        let breaks = try #require(answer.breaks)
        let vnet1 = breaks.filter { $0.network == "vnet1" }
        // The shared names of vnet1's own resources now answer with pe2's addresses, in vnet2,
        // which vnet1 cannot reach (not peered): private -> unroutable via pe2.
        for (resource, endpoint) in [("law-app1", "query"), ("appi-app1", "ingest"), ("appi-app1", "ingest-regional"),
                                     ("appi-app1", "live"), ("appi-app1", "profiler"), ("appi-app1", "snapshot"),
                                     ("appi-app1", "query")] {
            let change = try #require(vnet1.first { $0.resource == resource && $0.endpoint == endpoint }, "\(resource) \(endpoint)")
            #expect(change.before == "private")
            #expect(change.after == "unroutable")
            #expect(change.via == "pe2")
        }
        // pe2's subnet is 10.0.2.0/27; MODEL.md 5 (v2): the eastus workspace's oms .4, ods .5,
        // agentsvc .6, then api .7: 10.0.2.7.
        #expect(vnet1.first { $0.resource == "law-app1" && $0.endpoint == "query" }?.afterAnswer == "10.0.2.7")
        // vnet1's own workspace ingestion names were written by pe1 only: they stay private.
        let everyChange = answer.steps.flatMap(\.changes)
        for endpoint in ["ods", "oms", "agentsvc"] {
            #expect(!everyChange.contains { $0.network == "vnet1" && $0.resource == "law-app1" && $0.endpoint == endpoint })
        }
    }

    @Test func waysOutAreCheckedByApplyingThem() throws {
        let answer = try decode(try amplsim("what-if", scenario("two-vnets-before.yaml"), "--scenario", scenario("vnet2-connects.yaml"), "--format", "json"))
        let query = try #require(answer.breaks?.first { $0.network == "vnet1" && $0.resource == "law-app1" && $0.endpoint == "query" })
        let ways = Dictionary(uniqueKeysWithValues: (query.waysOut ?? []).map { ($0.text, $0.heals) })
        // Peering vnet1 with vnet2 makes pe2 reachable, but pe2's scope ampls2 does not hold
        // law-app1 and is PrivateOnly: the row becomes not-in-scope, not healed (all or nothing).
        #expect(ways["peer vnet1 with vnet2"] == .some(false))
        // Its own zones, with pe1's records, give vnet1 back pe1's addresses: healed.
        #expect(ways["give vnet1 its own private DNS zones"] == .some(true))
        // A hosts entry with pe1's api address (10.0.1.7, as pe2's above): healed.
        #expect(ways["a hosts-file entry api.loganalytics.io 10.0.1.7 on vnet1's machines"] == .some(true))
        // A hub needs a design the engine cannot guess: not checked.
        #expect(ways["put the private endpoint in a hub network that vnet1 is peered with"] == .some(nil))
    }

    @Test func waysOutAreSafe() throws {
        let answer = try decode(try amplsim("what-if", scenario("two-vnets-before.yaml"), "--scenario", scenario("vnet2-connects.yaml"), "--format", "json"))
        let breaks = try #require(answer.breaks)
        // A hosts entry never pins a public address: every one offered names an address of pe1
        // (10.0.1.0/27), the endpoint vnet1 reaches. Before, law-app1's ods/oms/agentsvc breaks
        // were offered their public addresses.
        let hosts = breaks.flatMap { $0.waysOut ?? [] }.filter { $0.text.hasPrefix("a hosts-file entry") }
        #expect(!hosts.isEmpty)
        for way in hosts {
            let address = way.text.split(separator: " ").dropFirst(4).first.map(String.init) ?? ""
            #expect(address.hasPrefix("10.0.1."), "\(way.text)")
        }
        // Writing pe1's records again heals vnet1's shared names, but takes them back from pe2:
        // vnet2's own resources (law-app2's query name and appi-app2's six names: 7 rows) then
        // get pe1's addresses in vnet1, which vnet2 cannot reach. The way out says so.
        let rewrite = breaks.flatMap { $0.waysOut ?? [] }.first { $0.text == "write pe1's records again (recreate its zone group)" }
        #expect(rewrite?.heals == true)
        #expect(rewrite?.breaksOthers == 7)
    }

    @Test func rowsThatStayBrokenForAnotherReasonAreStillBroken() throws {
        // vnet2's view of ampls1's resources changes from unroutable (pe1's shared names, in
        // vnet1) to not-in-scope (pe2's, whose scope lacks them); vnet1's view of ampls2's from
        // not-in-scope to unroutable: 7 rows each way, failing before and after. They are
        // "still broken", not "other changes".
        let answer = try decode(try amplsim("what-if", scenario("two-vnets-before.yaml"), "--scenario", scenario("vnet2-connects.yaml"), "--format", "json"))
        let still = try #require(answer.stillBroken)
        #expect(still.count == 14)
        #expect(still.filter { $0.network == "vnet2" }.allSatisfy { $0.before == "unroutable" && $0.after == "not-in-scope" })
        #expect(still.filter { $0.network == "vnet1" }.allSatisfy { $0.before == "not-in-scope" && $0.after == "unroutable" })
        #expect(!(answer.otherChanges ?? []).contains { change in still.contains { $0.network == change.network && $0.resource == change.resource && $0.endpoint == change.endpoint } })
    }

    @Test func deletingTheLaterEndpointRemovesSharedNamesForBothSpokes() throws {
        let run = try amplsim("what-if", scenario("hub-two-spokes.yaml"), "--scenario", scenario("delete-later-endpoint.yaml"), "--format", "json")
        #expect(run.status == 1)
        let breaks = try #require(try decode(run).breaks)
        // pe-b wrote the shared names last; deleting it deletes them by name although pe-a wrote
        // them first: NXDOMAIN (the zone is linked, the public CNAME leads into it) in both spokes.
        for network in ["spoke1", "spoke2"] {
            for (resource, endpoint) in [("law-shared", "query"), ("appi-shop", "ingest"), ("appi-shop", "profiler")] {
                let change = try #require(breaks.first { $0.network == network && $0.resource == resource && $0.endpoint == endpoint })
                #expect(change.before == "private")
                #expect(change.after == "nxdomain")
            }
        }
    }

    @Test func aWorkspaceAddedLaterSharesItsRegionsAddresses() throws {
        let run = try amplsim("replay", scenario("hub-two-spokes.yaml"), "--scenario", scenario("add-workspace-later.yaml"), "--format", "json")
        #expect(run.status == 0)
        let answer = try decode(run)
        // Steps: pe-a, pe-b (the topology's endpoints), then the scenario's link.
        #expect(answer.steps.map(\.index) == [1, 2, 3])
        let link = answer.steps[2]
        #expect(link.label == "onboard law-late to ampls-a")
        // MODEL.md 5 (v2): pe-a holds 13 addresses, .4 to .16: law-shared's region westeurope, oms .4,
        // ods .5, agentsvc .6; api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11,
        // snapshot .12; scadvisorcontentpl .13; global.handler.control .14; appi-shop's
        // westeurope-2.in.ai .15, westeurope.livediagnostics .16. law-late is westeurope too: its
        // new names take the region's keys, oms .4, ods .5, agentsvc .6, and no new address.
        // Both spokes see the zones.
        for network in ["spoke1", "spoke2"] {
            for (endpoint, address) in [("oms", "10.0.1.4"), ("ods", "10.0.1.5"), ("agentsvc", "10.0.1.6")] {
                let change = try #require(link.changes.first { $0.network == network && $0.resource == "law-late" && $0.endpoint == endpoint })
                // Before: law-late belonged to no scope with an endpoint, so its names resolved publicly.
                #expect(change.before == "public")
                #expect(change.after == "private")
                #expect(change.afterAnswer == address)
            }
        }
        #expect(link.changes.count == 6)
    }

    @Test func anExclusionOpensOneEndpoint() throws {
        let run = try amplsim("what-if", scenario("exclusion-opens.yaml"), "--scenario", scenario("swap-to-open-endpoint.yaml"), "--format", "json")
        // Nothing breaks: exit 0.
        #expect(run.status == 0)
        let heals = try #require(try decode(run).heals)
        // appi-partner is outside ampls-core. Through pe-open the exclusion makes ingestion Open,
        // and appi-partner allows public ingestion: its ingestion endpoints heal to public.
        #expect(Set(heals.filter { $0.resource == "appi-partner" }.map(\.endpoint)) == ["ingest", "ingest-regional", "live", "profiler", "snapshot"])
        #expect(heals.allSatisfy { $0.after == "public" && $0.via == "pe-open" })
        // The query mode stays PrivateOnly: appi-partner's query is not healed.
        #expect(!heals.contains { $0.endpoint == "query" })
    }

    @Test func eachLimitRefusesAStepAndChangesNothing() throws {
        let run = try amplsim("replay", scenario("limits.yaml"), "--scenario", scenario("limit-steps.yaml"), "--format", "json")
        #expect(run.status == 0)
        let steps = try decode(run).steps
        #expect(steps.map(\.rule) == [nil, "limit", "limit", "limit", "limit", "resource-in-scope", "addresses", nil, "missing"])
        #expect(steps[1].error?.contains("scopesPerNetwork") == true)
        #expect(steps[2].error?.contains("endpointsPerScope") == true)
        #expect(steps[3].error?.contains("resourcesPerScope") == true)
        #expect(steps[4].error?.contains("scopesPerResource") == true)
        for step in steps where step.error != nil { #expect(step.changes.isEmpty) }
    }

    @Test func stepsApplyInCommandLineOrder() throws {
        let create = "{createEndpoint: {name: pe2, network: vnet2, subnet: 10.0.2.0/27, scope: ampls2, dnsZones: [shared-monitor]}}"
        let delete = "{deleteEndpoint: pe2}"
        // Create, then delete: the shared names pe2 wrote are deleted by name, pe1's with them,
        // so vnet1 ends with NXDOMAIN where it had private answers: a break.
        let first = try amplsim("what-if", scenario("two-vnets-before.yaml"), "--step", create, "--step", delete, "--format", "json")
        #expect(try decode(first).steps.map(\.rule) == [nil, nil])
        #expect(first.status == 1)
        // Delete first: the deletion names an endpoint that nothing has created before it, which
        // is bad input (as in a topology's own steps), so the order is visible in the error.
        let second = try amplsim("what-if", scenario("two-vnets-before.yaml"), "--step", delete, "--step", create, "--format", "json")
        #expect(second.status == 2)
        #expect(second.stderr.hasPrefix("--step #1:1: error: deleteEndpoint: no private endpoint named 'pe2' is created before this step"))
    }

    @Test func scenarioFilesAndStepsInterleaveInCommandLineOrder() throws {
        let create = "{createEndpoint: {name: pe2, network: vnet2, subnet: 10.0.2.0/27, scope: ampls2, dnsZones: [shared-monitor]}}"
        let deletion = try temporaryFile("- deleteEndpoint: pe2\n", name: "delete-pe2.yaml")
        // --step before --scenario: pe2 is created, then the file's step deletes it (two steps,
        // both applied; the deletion takes the shared names with it, a break: exit 1).
        let first = try amplsim("what-if", scenario("two-vnets-before.yaml"), "--step=\(create)", "--scenario", deletion, "--format", "json")
        #expect(first.status == 1)
        #expect(try decode(first).steps.map(\.rule) == [nil, nil])
        // The file first: its deletion names an endpoint nothing created yet, bad input whose
        // error names the file, so the file's step was read before the --step that follows it.
        let second = try amplsim("what-if", scenario("two-vnets-before.yaml"), "--scenario=\(deletion)", "--step", create)
        #expect(second.status == 2)
        #expect(second.stderr.hasPrefix("\(deletion):1: error: "))
    }

    @Test func badScenarioIsBadInput() throws {
        let path = try temporaryFile("- createEndpoint: {name: pe9, network: vnet7, subnet: 10.0.2.0/27, scope: ampls2}\n", name: "bad.yaml")
        let run = try amplsim("what-if", scenario("two-vnets-before.yaml"), "--scenario", path)
        #expect(run.status == 2)
        #expect(run.stderr == "\(path):1: error: [0].createEndpoint.network: no network named 'vnet7'; did you mean 'vnet1'?\n")
        #expect(try amplsim("what-if", scenario("two-vnets-before.yaml")).status == 64)
    }
}
