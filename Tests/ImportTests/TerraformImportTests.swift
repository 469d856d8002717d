import AmplsimEngine
import AmplsimImport
import Foundation
import Testing

/// Terraform plans of `Fixtures/import/`, all on one prior state: vnet-hub (10.1.0.0/16) peered
/// with vnet-spoke1 and vnet-spoke2 (no transit), the five AMPLS zones linked to all three,
/// ampls-hub (PrivateOnly) holding law-hub, and pe-hub in vnet-hub's 10.1.1.0/26 writing the five
/// zones at .4 to .14 (MODEL.md 5's order: eastus oms .4, ods .5, agentsvc .6, api .7, ...).
@Suite struct TerraformImportTests {
    static func plan(_ name: String) throws -> ImportResult { try TerraformImporter.read(path: importFixture(name)) }

    @Test func priorStateRows() throws {
        let rows = simulate(try TerraformImportTests.plan("plan-spoke-override.json").topology)
        // The prior state: every network resolves api.privatelink.monitor.azure.com to pe-hub's
        // .7 in the hub, which every spoke reaches by its peering: private.
        for network in ["vnet-hub", "vnet-spoke1", "vnet-spoke2"] {
            #expect(verdict(rows, NetworkID(network), "law-hub", .query) == "private 10.1.1.7 pe-hub")
        }
        // law-spoke2 is in no scope yet: its CNAMEs are not published, public address: public.
        #expect(verdict(rows, "vnet-spoke1", "law-spoke2", .ods)?.hasPrefix("public ") == true)
    }

    @Test func overridePlanSteps() throws {
        let result = try TerraformImportTests.plan("plan-spoke-override.json")
        // The new scope is declared unused (no step creates a scope); its member and endpoint follow.
        #expect(result.topology.scopes.map(\.name) == ["ampls-hub", "ampls-spoke2"])
        #expect(result.topology.scopes[1].resources.isEmpty)
        #expect(result.scenario.map(\.label) == ["azurerm_monitor_private_link_scoped_service.spoke2", "azurerm_private_endpoint.spoke2"])
        #expect(result.scenario.first?.step == .linkResource(scope: "ampls-spoke2", resource: "law-spoke2"))
        guard case .createEndpoint(let spec)? = result.scenario.last?.step else { Issue.record("no createEndpoint"); return }
        // The scope's id is unknown until apply: the configuration's reference names it.
        #expect(spec.scope == "ampls-spoke2" && spec.network == "vnet-spoke2" && spec.subnet.description == "10.3.1.0/26")
        #expect(spec.dnsZones.count == 5 && spec.addresses.isEmpty)   // addresses left to MODEL.md's allocation
    }

    @Test func overridePlanAfterItsSteps() throws {
        var topology = try TerraformImportTests.plan("plan-spoke-override.json").topology
        topology.steps = try TerraformImportTests.plan("plan-spoke-override.json").scenario
        let rows = simulate(topology)
        // pe-spoke2 (scope ampls-spoke2, law-spoke2 eastus) takes .4 to .14 of 10.3.1.0/26 and
        // overwrites the shared names in the hub's zones: api is now 10.3.1.7 in vnet-spoke2.
        // vnet-spoke1 does not reach vnet-spoke2 (vnet-hub is no transit): unroutable.
        #expect(verdict(rows, "vnet-spoke1", "law-hub", .query) == "unroutable 10.3.1.7 pe-spoke2")
        // vnet-hub reaches it, but law-hub is not in ampls-spoke2, PrivateOnly: not-in-scope.
        #expect(verdict(rows, "vnet-hub", "law-hub", .query) == "not-in-scope 10.3.1.7 pe-spoke2")
        // law-hub's own names were not overwritten (another workspace's names): still pe-hub.
        #expect(verdict(rows, "vnet-spoke1", "law-hub", .ods) == "private 10.1.1.5 pe-hub")
    }

    @Test func whatIfTerraformExitsOneAndNamesTheBrokenNetworks() throws {
        let run = try amplsim(["what-if", "--terraform", importFixture("plan-spoke-override.json"), "--format", "json"])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        var broken = Set<String>()
        for step in steps {
            for change in step["changes"] as? [[String: Any]] ?? [] {
                let before = change["before"] as? String, after = change["after"] as? String
                if before == "private" || before == "public", after != "private", after != "public", let network = change["network"] as? String {
                    broken.insert(network)
                }
            }
        }
        // Reasoned above: the hub (not-in-scope) and both spokes (spoke1 unroutable; spoke2 not-in-scope).
        #expect(broken == ["vnet-hub", "vnet-spoke1", "vnet-spoke2"])
        #expect(run.stderr.contains("amplsim import terraform"))
        let table = try amplsim(["what-if", "--terraform", importFixture("plan-spoke-override.json")])
        #expect(table.status == 1)
        #expect(table.stdout.contains("BREAK vnet-spoke1 law-hub"))
        #expect(table.stdout.contains("azurerm_private_endpoint.spoke2"))
    }

    @Test func deletePlan() throws {
        var topology = try TerraformImportTests.plan("plan-delete-endpoint.json").topology
        let scenario = try TerraformImportTests.plan("plan-delete-endpoint.json").scenario
        #expect(scenario.map(\.step) == [.deleteEndpoint("pe-hub")])
        #expect(scenario.map(\.label) == ["azurerm_private_endpoint.hub"])
        topology.steps = scenario
        // pe-hub's records are deleted: the chain enters the linked monitor zone, which no longer
        // has api: NXDOMAIN (no fallback on the links) in every network.
        #expect(verdict(simulate(topology), "vnet-spoke1", "law-hub", .query) == "nxdomain - -")
        let run = try amplsim(["what-if", "--terraform", importFixture("plan-delete-endpoint.json")])
        #expect(run.status == 1)
    }

    @Test func unknownValuesGetStablePlaceholders() throws {
        let first = try TerraformImportTests.plan("plan-unknown-values.json")
        let second = try TerraformImportTests.plan("plan-unknown-values.json")
        #expect(TopologyYAML.text(first) == TopologyYAML.text(second))
        #expect(TopologyYAML.scenario(first.scenario, header: []) == TopologyYAML.scenario(second.scenario, header: []))
        let placeholders = first.sortedNotes.filter { $0.kind == .placeholder }
        #expect(Set(placeholders.map(\.subject)) == ["azurerm_application_insights.new", "azurerm_log_analytics_workspace.new",
                                                     "azurerm_monitor_data_collection_endpoint.new"])
        let workspace = try #require(first.topology.workspaces.first { $0.name == "law-new" })
        #expect(workspace.id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(placeholders.contains { $0.message.contains(workspace.id) })
        let dce = try #require(first.topology.dataCollectionEndpoints.first { $0.name == "dce-new" })
        #expect(dce.id.count == 4 && !dce.publicIngestion)
        // References unknown until apply, followed through the configuration: the new network's
        // peering and zone link, and the three memberships.
        #expect(first.scenario.map(\.step.keyword) == ["createNetwork", "peer", "linkZone", "linkResource", "linkResource", "linkResource"])
        #expect(first.scenario[1].step == .peer("vnet-hub", "vnet-spoke3"))
        #expect(first.scenario[2].step == .linkZone(zone: "privatelink.monitor.azure.com", network: "vnet-spoke3", fallbackToInternet: true))
    }

    @Test func unknownValuesRows() throws {
        var topology = try TerraformImportTests.plan("plan-unknown-values.json").topology
        topology.steps = try TerraformImportTests.plan("plan-unknown-values.json").scenario
        let rows = simulate(topology)
        // vnet-spoke3 links the monitor zone only (with fallback): api is pe-hub's .7, in the hub
        // it is peered with: private.
        #expect(verdict(rows, "vnet-spoke3", "law-hub", .query) == "private 10.1.1.7 pe-hub")
        // law-new (eastus, like law-hub) joins ampls-hub and shares law-hub's three addresses
        // (MODEL.md 5); from the hub its ods name is in the linked ods zone at .5: private.
        #expect(verdict(rows, "vnet-hub", "law-new", .ods) == "private 10.1.1.5 pe-hub")
        // From vnet-spoke3, which links no ods zone, law-new's ods chain ends in a public address;
        // it allows public ingestion: public.
        #expect(verdict(rows, "vnet-spoke3", "law-new", .ods)?.hasPrefix("public ") == true)
        // dce-new takes three new addresses after pe-hub's eleven: .15 to .17, in member order
        // (appi-new's keys come after: MODEL.md 5 puts DCEs before the shared names, but these
        // keys are new to an endpoint that already holds the old ones, so they take the lowest
        // free addresses in key order).
        #expect(verdict(rows, "vnet-hub", "dce-new", .config)?.hasPrefix("private 10.1.1.") == true)
    }
}
