import Testing
@testable import AmplsimEngine
import AmplsimRender

/// MODEL.md section 7: limits and rules; a refused step changes nothing.
@Suite("Limits")
struct LimitsTests {
    /// Today's limits (the default), with the given overrides.
    func limits(scopesPerNetwork: Int = 1, scopesPerResource: Int = 5, workspacesPerScope: Int? = 300,
                componentsPerScope: Int? = 1000, resourcesPerScope: Int? = nil, endpointsPerScope: Int = 10) -> Settings {
        var settings = Settings()
        settings.limits.scopesPerNetwork = scopesPerNetwork
        settings.limits.scopesPerResource = scopesPerResource
        settings.limits.workspacesPerScope = workspacesPerScope
        settings.limits.componentsPerScope = componentsPerScope
        settings.limits.resourcesPerScope = resourcesPerScope
        settings.limits.endpointsPerScope = endpointsPerScope
        return settings
    }

    /// The seed's limits of 2020 (`limits: seed`).
    var seedSettings: Settings {
        var settings = Settings()
        settings.limits = .seed
        return settings
    }

    func guid(_ n: Int) -> String {
        let tail = String(n)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - tail.count) + tail
    }

    @Test("the default limits are today's: 1, 5, 300 workspaces, 1,000 components, no cap on resources, 10")
    func defaultValues() {
        // Rule: the documented values of section 7 (v2); no limit on DCEs, so none on resources of every kind.
        let l = Settings().limits
        #expect([l.scopesPerNetwork, l.scopesPerResource, l.endpointsPerScope] == [1, 5, 10])
        #expect(l.workspacesPerScope == 300)
        #expect(l.componentsPerScope == 1000)
        #expect(l.resourcesPerScope == nil)
    }

    @Test("the seed limits are 1, 5, 50 and 10")
    func seedValues() {
        // Rule: `limits: seed` applies the seed values of 2020: 50 resources of any kind per scope.
        let l = Limits.seed
        #expect([l.scopesPerNetwork, l.scopesPerResource, l.resourcesPerScope, l.endpointsPerScope] == [1, 5, 50, 10])
        #expect(l.workspacesPerScope == nil)
        #expect(l.componentsPerScope == nil)
    }

    // MARK: Scopes per network

    func scopesPerNetworkWorld(_ settings: Settings = Settings()) -> World {
        build(Topology(settings: settings, networks: [vnet("hub", "10.0.0.0/16")], zones: amplsZones("z", links: ["hub"]),
                       workspaces: [ws("ws1", WS1), ws("ws2", WS2), ws("ws3", WS3)],
                       scopes: [scope("s1", ["ws1"]), scope("s2", ["ws2"]), scope("s3", ["ws3"])],
                       privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))]))
    }

    @Test("a network has private endpoints to at most one scope")
    func scopesPerNetwork() {
        // Rule: a network has private endpoints to at most 1 scope.
        var w = scopesPerNetworkWorld()
        let refusal = expectRefused(&w, .createEndpoint(pe("pe2", "hub", "10.0.2.0/24", scope: "s2", zones: amplsZoneIDs("z"))),
                                    mentioning: "scopesPerNetwork")
        #expect(refusal?.rule == .limit)
        // Another endpoint to the same scope is fine.
        expectAccepted(&w, .createEndpoint(pe("pe3", "hub", "10.0.2.0/24", scope: "s1")))
    }

    @Test("settings.limits.scopesPerNetwork overrides the default value")
    func scopesPerNetworkOverride() {
        // Rule: a topology may override the limits.
        var w = scopesPerNetworkWorld(limits(scopesPerNetwork: 2))
        expectAccepted(&w, .createEndpoint(pe("pe2", "hub", "10.0.2.0/24", scope: "s2")))
        expectRefused(&w, .createEndpoint(pe("pe3", "hub", "10.0.3.0/24", scope: "s3")), mentioning: "scopesPerNetwork")
    }

    @Test("after its only endpoint is deleted, a network may connect to another scope")
    func scopesPerNetworkCountsLiveEndpoints() {
        // Rule: the limit counts the network's private endpoints (deleted ones no longer count).
        var w = scopesPerNetworkWorld()
        expectAccepted(&w, .deleteEndpoint("pe1"))
        expectAccepted(&w, .createEndpoint(pe("pe2", "hub", "10.0.2.0/24", scope: "s2")))
    }

    // MARK: Scopes per resource

    func scopesPerResourceWorld(_ settings: Settings = Settings()) -> World {
        build(Topology(settings: settings, networks: [vnet("hub", "10.0.0.0/16")], zones: amplsZones("z", links: ["hub"]),
                       workspaces: [ws("ws1", WS1)],
                       scopes: (1...6).map { scope("s\($0)", $0 <= 5 ? ["ws1"] : []) },
                       privateEndpoints: [pe("pe6", "hub", "10.0.1.0/24", scope: "s6", zones: amplsZoneIDs("z"))]))
    }

    @Test("a resource belongs to at most five scopes")
    func scopesPerResource() {
        // Rule: a resource belongs to at most 5 scopes.
        var w = scopesPerResourceWorld()
        let refusal = expectRefused(&w, .linkResource(scope: "s6", resource: "ws1"), mentioning: "scopesPerResource")
        #expect(refusal?.rule == .limit)
        #expect(aSet(w, "z-ods", "\(WS1).\(PL.ods)") == nil)
    }

    @Test("settings.limits.scopesPerResource overrides the default value")
    func scopesPerResourceOverride() {
        // Rule: a topology may override the limits. MODEL.md 5 (v2): pe6's empty scope holds api .4,
        // global.in.ai .5, profiler .6, live .7, diagservices-query .8, snapshot .9, scadvisorcontentpl
        // .10, global.handler.control .11; ws1's eastus keys then take oms .12, ods .13, agentsvc .14.
        var w = scopesPerResourceWorld(limits(scopesPerResource: 6))
        expectAccepted(&w, .linkResource(scope: "s6", resource: "ws1"))
        #expect(aSet(w, "z-ods", "\(WS1).\(PL.ods)") == [ip("10.0.1.13")])
    }

    // MARK: Resources per scope

    func resourcesPerScopeWorld(_ settings: Settings = Settings(), members: Int = 50) -> World {
        build(Topology(settings: settings, networks: [vnet("hub", "10.0.0.0/16")], zones: amplsZones("z", links: ["hub"]),
                       workspaces: (1...51).map { ws("w\($0)", guid($0)) },
                       scopes: [scope("s1", (1...members).map { "w\($0)" })],
                       privateEndpoints: [pe("pe1", "hub", "10.0.0.0/22", scope: "s1", zones: amplsZoneIDs("z"))]))
    }

    @Test("with limits: seed, a scope holds at most fifty resources")
    func resourcesPerScope() {
        // Rule: `limits: seed` holds a scope to 50 resources of any kind.
        var w = resourcesPerScopeWorld(seedSettings)
        let refusal = expectRefused(&w, .linkResource(scope: "s1", resource: "w51"), mentioning: "resourcesPerScope")
        #expect(refusal?.rule == .limit)
    }

    @Test("with today's limits, a fifty-first resource is accepted")
    func resourcesPerScopeToday() {
        // Rule: no limit on resources of every kind by default; the 51st eastus workspace shares the
        // region's three keys (MODEL.md 5 (v2)), so the endpoint takes no new address.
        var w = resourcesPerScopeWorld()
        let before = w.endpoint("pe1").map { Set($0.addresses.values) }
        expectAccepted(&w, .linkResource(scope: "s1", resource: "w51"))
        #expect(w.scope("s1")?.resources.count == 51)
        #expect(w.endpoint("pe1").map { Set($0.addresses.values) } == before)
        #expect(before?.count == 11)
    }

    @Test("a scope holds at most 300 workspaces by default")
    func workspacesPerScope() {
        // Rule: a scope holds at most 300 workspaces (section 7, v2).
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")],
                               workspaces: (1...301).map { ws("w\($0)", guid($0)) },
                               scopes: [scope("s1", (1...300).map { "w\($0)" })]))
        let refusal = expectRefused(&w, .linkResource(scope: "s1", resource: "w301"), mentioning: "workspacesPerScope 300")
        #expect(refusal?.rule == .limit)
    }

    @Test("settings.limits.workspacesPerScope and componentsPerScope count their own kind only")
    func perKindLimits() {
        // Rule: the per-kind limits count workspaces and components apart; a DCE counts against neither.
        var w = build(Topology(settings: limits(workspacesPerScope: 1, componentsPerScope: 1),
                               networks: [vnet("hub", "10.0.0.0/16")],
                               workspaces: [ws("ws1", WS1), ws("ws2", WS2)], components: [app("app1"), app("app2")],
                               dataCollectionEndpoints: [DataCollectionEndpoint(name: "dce1", id: "ab12", region: "eastus", publicIngestion: true)],
                               scopes: [scope("s1", ["ws1"])]))
        expectAccepted(&w, .linkResource(scope: "s1", resource: "app1"))
        expectAccepted(&w, .linkResource(scope: "s1", resource: "dce1"))
        expectRefused(&w, .linkResource(scope: "s1", resource: "ws2"), mentioning: "workspacesPerScope 1")
        expectRefused(&w, .linkResource(scope: "s1", resource: "app2"), mentioning: "componentsPerScope 1")
    }

    @Test("settings.limits.resourcesPerScope overrides the default value", arguments: [3, 51])
    func resourcesPerScopeOverride(limit: Int) {
        // Rule: a topology may override the limits.
        var w = resourcesPerScopeWorld(limits(resourcesPerScope: limit), members: limit - 1)
        expectAccepted(&w, .linkResource(scope: "s1", resource: "w\(limit)"))
        expectRefused(&w, .linkResource(scope: "s1", resource: "w\(limit == 3 ? 4 : 1)"),
                      mentioning: limit == 3 ? "resourcesPerScope" : nil)
    }

    // MARK: Endpoints per scope

    func endpointsWorld(_ settings: Settings = Settings(), count: Int) -> (World, [StepOutcome]) {
        Timeline.finalWorld(of: Topology(settings: settings, networks: [vnet("hub", "10.0.0.0/16")],
                                         workspaces: [ws("ws1", WS1)], scopes: [scope("s1", ["ws1"])],
                                         privateEndpoints: (1...count).map { pe("pe\($0)", "hub", "10.0.\($0).0/24", scope: "s1") }))
    }

    @Test("a scope has at most ten private endpoints")
    func endpointsPerScope() {
        // Rule: a scope holds at most 10 private endpoints.
        let (world, outcomes) = endpointsWorld(count: 10)
        #expect(outcomes.allSatisfy { $0.refusal == nil })
        var w = world
        let refusal = expectRefused(&w, .createEndpoint(pe("pe11", "hub", "10.0.11.0/24", scope: "s1")), mentioning: "endpointsPerScope")
        #expect(refusal?.rule == .limit)
        expectAccepted(&w, .deleteEndpoint("pe3"))
        expectAccepted(&w, .createEndpoint(pe("pe11", "hub", "10.0.11.0/24", scope: "s1")))
    }

    @Test("settings.limits.endpointsPerScope applies to the topology's own endpoints")
    func endpointsPerScopeOverride() {
        // Rule: a topology may override the limits; a creation breaking one is refused and skipped.
        let (world, outcomes) = endpointsWorld(limits(endpointsPerScope: 2), count: 3)
        #expect(outcomes.map { $0.refusal == nil } == [true, true, false])
        #expect(outcomes[2].refusal?.message.contains("endpointsPerScope") == true)
        #expect(world.endpoints.map(\.name) == ["pe1", "pe2"])
        #expect(world.owners.values.allSatisfy { $0 != "pe3" })
    }

    // MARK: Rules

    @Test("a network links at most one zone of a given name")
    func oneZoneOfAName() {
        // Rule: a network links at most one zone of a given name.
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")],
                               zones: [zone("a", PL.monitor, links: ["hub"]), zone("b", PL.monitor), zone("c", PL.ods)]))
        expectRefused(&w, .linkZone(zone: "b", network: "hub", fallbackToInternet: false), mentioning: "at most one zone")
        expectAccepted(&w, .linkZone(zone: "c", network: "hub", fallbackToInternet: false))
        expectAccepted(&w, .unlinkZone(zone: "a", network: "hub"))
        expectAccepted(&w, .linkZone(zone: "b", network: "hub", fallbackToInternet: false))
    }

    @Test("a resource that belongs to a scope cannot be deleted")
    func deleteResourceInScope() {
        // Rule: a resource that belongs to a scope cannot be deleted (even a scope with no endpoint).
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")], workspaces: [ws("ws1", WS1)], components: [app("app1")],
                               scopes: [scope("s1", ["app1"]), scope("s2", ["ws1"])]))
        let refusal = expectRefused(&w, .deleteResource("ws1"))
        #expect(refusal?.rule == .resourceInScope)
        #expect(rows(w).contains { $0.resource == "ws1" })
        expectRefused(&w, .deleteResource("app1"))
        expectAccepted(&w, .unlinkResource(scope: "s2", resource: "ws1"))
        expectAccepted(&w, .deleteResource("ws1"))
    }

    @Test("deleting a deleted endpoint is refused and changes nothing")
    func deleteDeletedEndpoint() {
        // Rule: a step that names something that no longer exists (deleting a deleted endpoint) is refused.
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16"), vnet("spoke", "10.1.0.0/16")],
                               zones: amplsZones("z", links: ["hub"]), workspaces: [ws("ws1", WS1)],
                               scopes: [scope("s1", ["ws1"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z")),
                                                  pe("pe2", "spoke", "10.1.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))]))
        expectAccepted(&w, .deleteEndpoint("pe2"))
        let refusal = expectRefused(&w, .deleteEndpoint("pe2"))
        #expect(refusal?.rule == .missing)
    }

    @Test("a zone group holds at most five zones, of distinct names")
    func zoneGroupRules() {
        // Rule: a zone group holds at most 5 zones, of distinct names.
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")],
                               zones: amplsZones("z", links: ["hub"]) + [zone("extra", "corp.test"), zone("z2-monitor", PL.monitor)],
                               workspaces: [ws("ws1", WS1)], scopes: [scope("s1", ["ws1"])]))
        expectRefused(&w, .createEndpoint(pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z") + ["extra"])))
        expectRefused(&w, .createEndpoint(pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: ["z-monitor", "z2-monitor"])))
        expectAccepted(&w, .createEndpoint(pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))))
    }
}
