import Testing
@testable import AmplsimEngine

/// A small deterministic random generator (SplitMix64), so that every run tests the same timelines.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Incremental evaluation must give exactly the rows a full evaluation gives, after every step of
/// randomised timelines (issue: a step re-resolves only what it can affect).
@Suite("Incremental evaluation") struct IncrementalTests {
    static let networks = ["hub", "spoke1", "spoke2", "spoke3", "branch"]

    static func topology() -> Topology {
        let names = [PL.monitor, PL.oms, PL.ods, PL.agentsvc, PL.blob]
        var zones: [Zone] = []
        for (i, name) in names.enumerated() {
            zones.append(zone("a\(i)", name, links: ["hub", "spoke1"], fallback: name.hasPrefix("privatelink") && i == 0 ? ["spoke1"] : []))
            zones.append(zone("b\(i)", name, links: ["spoke2"]))
        }
        zones.append(zone("corp", PL.monitor, records: [A("api.\(PL.monitor)", "10.9.0.50")]))
        return Topology(
            networks: [
                vnet("hub", "10.0.0.0/16", peerings: ["spoke1", "spoke2"], transit: true),
                vnet("spoke1", "10.1.0.0/16"),
                vnet("spoke2", "10.2.0.0/16"),
                vnet("spoke3", "10.3.0.0/16", dns: .server("dns1"), egress: false),
                onprem("branch", "10.9.0.0/16", dns: .server("corp-dns"), connections: ["hub"]),
            ],
            dnsServers: [
                DNSServer(name: "dns1", network: "hub", forwarders: [Forwarder(domain: dn("monitor.azure.com"), target: .azure)], defaultTarget: .internet),
                DNSServer(name: "corp-dns", network: "branch", zones: ["corp"],
                          forwarders: [Forwarder(domain: dn("opinsights.azure.com"), target: .server("dns1"))], defaultTarget: .internet),
            ],
            zones: zones,
            workspaces: [Workspace(name: "ws1", id: WS1, region: "eastus"), Workspace(name: "ws2", id: WS2, region: "westus"),
                         Workspace(name: "ws3", id: WS3, region: "eastus", publicIngestion: false)],
            components: [Component(name: "app1", region: "eastus", stamp: 1), Component(name: "app2", region: "westus", stamp: 2, publicQuery: false),
                         Component(name: "app3", region: "eastus", stamp: 1, endpointSuffix: dn("internal.example.com"))],
            scopes: [Scope(name: "s1", resources: ["ws1", "app1"]), Scope(name: "s2", resources: ["ws2"], ingestionAccessMode: .open),
                     Scope(name: "s3", resources: [])]
        )
    }

    static func randomStep(_ rng: inout SplitMix, _ counter: inout Int, _ world: World) -> Step {
        let nets: [NetworkID] = ["hub", "spoke1", "spoke2", "spoke3"]
        let resources: [ResourceID] = ["ws1", "ws2", "ws3", "app1", "app2", "app3"]
        let scopes: [ScopeID] = ["s1", "s2", "s3"]
        // Rarely, since it is for good: a resource deleted (its rows disappear).
        if Int.random(in: 0..<30, using: &rng) == 0 {
            return .deleteResource(resources.randomElement(using: &rng) ?? "ws3")
        }
        switch Int.random(in: 0..<13, using: &rng) {
        case 0, 1:
            counter += 1
            let network = nets.randomElement(using: &rng) ?? "hub"
            let index = nets.firstIndex(of: network) ?? 0
            let group: [ZoneID] = Bool.random(using: &rng) ? ["a0", "a1", "a2", "a3", "a4"] : ["b0", "b1", "b2"]
            return .createEndpoint(EndpointSpec(name: "pe\(counter)", network: network,
                                                subnet: cidr("10.\(index).\(counter % 200).0/27"),
                                                scope: scopes.randomElement(using: &rng) ?? "s1",
                                                dnsZones: Bool.random(using: &rng) ? group : []))
        case 2:
            return .deleteEndpoint(world.endpoints.randomElement(using: &rng)?.name ?? "pe0")
        case 3:
            return .linkResource(scope: scopes.randomElement(using: &rng) ?? "s1", resource: resources.randomElement(using: &rng) ?? "ws1")
        case 4:
            return .unlinkResource(scope: scopes.randomElement(using: &rng) ?? "s1", resource: resources.randomElement(using: &rng) ?? "ws1")
        case 5:
            let id: ZoneID = ["a0", "b0", "a2", "b2"].randomElement(using: &rng) ?? "a0"
            return .linkZone(zone: id, network: nets.randomElement(using: &rng) ?? "hub", fallbackToInternet: Bool.random(using: &rng))
        case 6:
            return .unlinkZone(zone: ["a0", "b0", "a2", "b2"].randomElement(using: &rng) ?? "a0", network: nets.randomElement(using: &rng) ?? "hub")
        case 7:
            let pair = nets.shuffled(using: &rng)
            return .peer(pair[0], pair[1])
        case 8:
            let pair = nets.shuffled(using: &rng)
            return .unpeer(pair[0], pair[1])
        case 9:
            return .setDns(network: nets.randomElement(using: &rng) ?? "hub", dns: [DNSSetting.azure, .server("dns1"), .server("corp-dns")].randomElement(using: &rng) ?? .azure)
        case 10:
            if Bool.random(using: &rng) {
                return .setResourceAccess(resource: resources.randomElement(using: &rng) ?? "ws1", publicIngestion: Bool.random(using: &rng), publicQuery: nil)
            }
            return .setScopeAccess(scope: scopes.randomElement(using: &rng) ?? "s1", ingestionAccessMode: nil,
                                   queryAccessMode: Bool.random(using: &rng) ? .open : .privateOnly)
        case 11:
            let labels = ["api", "global.in.ai", "profiler", "live", "eastus-1.in.ai", "*"]
            let label = labels.randomElement(using: &rng) ?? "api"
            let value: RecordValue = Int.random(in: 0..<4, using: &rng) == 0
                ? .cname(dn("snapshot.\(PL.monitor)"))
                // Often an address a later endpoint will be given (10.<net>.<n>.4...8), so that
                // ownership changes alone (endpoints with manual DNS) are exercised too.
                : .a(IPv4Address(0x0A00_0000 | UInt32.random(in: 0..<4, using: &rng) << 16
                    | UInt32(Int.random(in: max(counter - 2, 0)...(counter + 3), using: &rng) % 200) << 8
                    | UInt32.random(in: 4...8, using: &rng)))
            return .setRecord(zone: ["a0", "b0", "corp"].randomElement(using: &rng) ?? "a0",
                              record: Record(name: dn("\(label).\(PL.monitor)"), value: value))
        default:
            return .deleteRecord(zone: ["a0", "b0"].randomElement(using: &rng) ?? "a0",
                                 name: dn("\(["api", "profiler", "live"].randomElement(using: &rng) ?? "api").\(PL.monitor)"), type: "A")
        }
    }

    @Test(arguments: 1...16)
    func matchesFullEvaluationAfterEveryStep(seed: Int) {
        var rng = SplitMix(state: UInt64(seed))
        var incremental = IncrementalSimulation(world: World(Self.topology()))
        var counter = 0
        var applied = 0
        let initial = incremental.rows
        var previous = initial
        for _ in 0..<60 {
            let step = Self.randomStep(&rng, &counter, incremental.world)
            let refused = incremental.apply(step) != nil
            if !refused { applied += 1 }
            let full = Simulation(world: incremental.world).rows()
            if incremental.rows != full {
                let mismatch = zip(incremental.rows, full).first { $0 != $1 }
                Issue.record("seed \(seed), after \(step): \(incremental.rows.count) rows vs \(full.count); first difference:\n incremental \(String(describing: mismatch?.0))\n full        \(String(describing: mismatch?.1))")
                return
            }
            // The step's changes come from the rows it re-judged; they must be exactly what
            // comparing every row before and after gives.
            if !refused && incremental.lastChanges != Replay.diff(previous, full) {
                Issue.record("seed \(seed), after \(step): the step's changes differ from the full diff")
                return
            }
            previous = full
        }
        #expect(applied > 10)
        #expect(incremental.changesSinceStart == Replay.diff(initial, previous))
    }

    /// Evaluated in full (`--no-incremental`), the first step is compared with the first world's
    /// compact rows without making them all, while both are the same rows in the same order; a
    /// step that deletes a resource (fewer rows) or adds a network (more) takes the general
    /// comparison. Either way the changes must be what comparing every row before and after
    /// gives, for the first step, the next, and since the start.
    @Test(arguments: 1...8)
    func fullEvaluationReportsTheChangesOfEveryRow(seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &+ 1_000)
        var counter = 0
        let world = World(Self.topology())
        let initial = Simulation(world: world).rows()
        var applied = 0
        var changed = 0
        for _ in 0..<30 {
            var full = IncrementalSimulation(world: world, incremental: false)
            let step = Self.randomStep(&rng, &counter, world)
            guard full.apply(step) == nil else { continue }
            applied += 1
            let after = Simulation(world: full.world).rows()
            #expect(full.rows == after, "seed \(seed), after \(step)")
            #expect(full.lastChanges == Replay.diff(initial, after), "seed \(seed), first step \(step)")
            if !full.lastChanges.isEmpty { changed += 1 }
            let second = Self.randomStep(&rng, &counter, full.world)
            if full.apply(second) == nil {
                let now = Simulation(world: full.world).rows()
                #expect(full.lastChanges == Replay.diff(after, now), "seed \(seed), \(step) then \(second)")
                #expect(full.changesSinceStart == Replay.diff(initial, now), "seed \(seed), since the start")
            }
        }
        #expect(applied > 10)
        #expect(changed > 0)
    }

    @Test func reusesUnaffectedAnswers() {
        // Rule: a step re-resolves only the (view, name) pairs it can affect: a record set in a
        // zone that only hub and spoke1 see leaves every memoised answer of other views in place.
        var incremental = IncrementalSimulation(world: World(Self.topology()))
        let oldResolver = incremental.simulation.resolver
        let before = oldResolver.memo
        _ = incremental.apply(.setRecord(zone: "b0", record: A("api.\(PL.monitor)", "10.2.0.99")))
        let newResolver = incremental.simulation.resolver
        let after = newResolver.memo
        var untouched = 0
        for (view, entries) in before {
            guard case .azure(let old) = view else { continue }
            let signature = oldResolver.viewSignatures[old]
            guard !signature.zones.contains(where: { $0.zone == "b0" }), let new = newResolver.viewSignatures.firstIndex(of: signature) else { continue }
            for (name, resolution) in entries {
                #expect(after[.azure(new)]?[name] == resolution)
                untouched += 1
            }
        }
        #expect(untouched > 0)
        // And spoke2, which sees b0, now answers with the new record.
        let row = incremental.rows.first { $0.network == "spoke2" && $0.resource == "ws1" && $0.endpoint == .query }
        #expect(row?.answer == ip("10.2.0.99"))
    }
}

extension IncrementalTests {
    @Test func scopeModeChangesReachRowsThroughTheScopesEndpoints() {
        // Rule: a row answered by an endpoint of scope A is re-judged when A's mode changes: ws2
        // is not in s1, so through s1's endpoint its query is not-in-scope while s1 is
        // PrivateOnly, and public once s1's query mode is Open (ws2 allows public queries).
        var incremental = IncrementalSimulation(world: World(Self.topology()))
        let create = EndpointSpec(name: "pe-hub", network: "hub", subnet: cidr("10.0.1.0/27"), scope: "s1",
                                  dnsZones: ["a0", "a1", "a2", "a3", "a4"])
        #expect(incremental.apply(.createEndpoint(create)) == nil)
        let before = incremental.rows.first { $0.network == "hub" && $0.resource == "ws2" && $0.endpoint == .query }
        #expect(before?.status == .notInScope)
        #expect(incremental.apply(.setScopeAccess(scope: "s1", ingestionAccessMode: nil, queryAccessMode: .open)) == nil)
        let after = incremental.rows.first { $0.network == "hub" && $0.resource == "ws2" && $0.endpoint == .query }
        #expect(after?.status == .public)
        #expect(after?.via == "pe-hub")
        #expect(incremental.rows == Simulation(world: incremental.world).rows())
    }
}
