import Testing
@testable import AmplsimEngine

/// MODEL.md section 7: limits and rules; a refused step changes nothing.
@Suite("Limits")
struct LimitsTests {
    func limits(scopesPerNetwork: Int = 1, scopesPerResource: Int = 5, resourcesPerScope: Int = 50, endpointsPerScope: Int = 10) -> Settings {
        var settings = Settings()
        settings.limits.scopesPerNetwork = scopesPerNetwork
        settings.limits.scopesPerResource = scopesPerResource
        settings.limits.resourcesPerScope = resourcesPerScope
        settings.limits.endpointsPerScope = endpointsPerScope
        return settings
    }

    func guid(_ n: Int) -> String {
        let tail = String(n)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - tail.count) + tail
    }

    @Test("the seed limits are 1, 5, 50 and 10")
    func seedValues() {
        // Rule: the seed values of section 7.
        let l = Settings().limits
        #expect([l.scopesPerNetwork, l.scopesPerResource, l.resourcesPerScope, l.endpointsPerScope] == [1, 5, 50, 10])
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

    @Test("settings.limits.scopesPerNetwork overrides the seed value")
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

    @Test("settings.limits.scopesPerResource overrides the seed value")
    func scopesPerResourceOverride() {
        // Rule: a topology may override the limits.
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

    @Test("a scope holds at most fifty resources")
    func resourcesPerScope() {
        // Rule: a scope holds at most 50 resources.
        var w = resourcesPerScopeWorld()
        let refusal = expectRefused(&w, .linkResource(scope: "s1", resource: "w51"), mentioning: "resourcesPerScope")
        #expect(refusal?.rule == .limit)
    }

    @Test("settings.limits.resourcesPerScope overrides the seed value", arguments: [3, 51])
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
