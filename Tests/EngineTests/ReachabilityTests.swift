import Testing
@testable import AmplsimEngine

/// MODEL.md section 6, "Reachability between networks".
@Suite("Reachability")
struct ReachabilityTests {
    func reach(_ networks: [Network], steps: [Step] = []) -> Reachability {
        Reachability(world: build(Topology(networks: networks, steps: steps.map { TimelineStep($0) })))
    }

    @Test("a network reaches itself")
    func itself() {
        // Rule: V reaches W when V is W.
        let r = reach([vnet("a", "10.0.0.0/16")])
        #expect(r.reaches("a", "a"))
    }

    @Test("unjoined networks do not reach each other")
    func unjoined() {
        // Rule: reachability needs a path of peerings and connections.
        let r = reach([vnet("a", "10.0.0.0/16"), vnet("b", "10.1.0.0/16")])
        #expect(!r.reaches("a", "b"))
        #expect(!r.reaches("b", "a"))
    }

    @Test("a direct peering joins two networks, both ways, listed on either side", arguments: [false, true])
    func directPeering(listedOnB: Bool) {
        // Rule: peerings are symmetric; listing a pair on either side is enough; no transit needed for a direct link.
        let r = reach([vnet("a", "10.0.0.0/16", peerings: listedOnB ? [] : ["b"]),
                       vnet("b", "10.1.0.0/16", peerings: listedOnB ? ["a"] : [])])
        #expect(r.reaches("a", "b"))
        #expect(r.reaches("b", "a"))
    }

    @Test("a connection joins an on-premises site and a VNet, both ways")
    func connection() {
        // Rule: on-prem connections route like peerings and are symmetric.
        let r = reach([onprem("corp", "192.168.0.0/16", connections: ["hub"]), vnet("hub", "10.0.0.0/16")])
        #expect(r.reaches("corp", "hub"))
        #expect(r.reaches("hub", "corp"))
    }

    @Test("an intermediate network must have transit", arguments: [false, true])
    func transitRequired(hubTransit: Bool) {
        // Rule: every intermediate network of the path must have `transit: true`.
        let r = reach([vnet("hub", "10.0.0.0/16", peerings: ["a", "b"], transit: hubTransit),
                       vnet("a", "10.1.0.0/16"), vnet("b", "10.2.0.0/16")])
        #expect(r.reaches("a", "b") == hubTransit)
        #expect(r.reaches("b", "a") == hubTransit)
        // The ends of the path need no transit.
        #expect(r.reaches("a", "hub"))
    }

    @Test("every intermediate of a longer path needs transit", arguments: [(true, true), (true, false), (false, true)])
    func everyIntermediate(h1Transit: Bool, h2Transit: Bool) {
        // Rule: *every* intermediate network has `transit: true`.
        let r = reach([vnet("a", "10.1.0.0/16", peerings: ["h1"]),
                       vnet("h1", "10.0.0.0/16", connections: ["h2"], transit: h1Transit),
                       onprem("h2", "192.168.0.0/16", connections: ["b"], transit: h2Transit),
                       vnet("b", "10.2.0.0/16")])
        #expect(r.reaches("a", "b") == (h1Transit && h2Transit))
        #expect(r.reaches("b", "a") == (h1Transit && h2Transit))
    }

    @Test("an on-prem site reaches a spoke through a transit hub over connection and peering")
    func mixedPath() {
        // Rule: paths mix peerings and on-prem connections.
        let r = reach([onprem("corp", "192.168.0.0/16", connections: ["hub"]),
                       vnet("hub", "10.0.0.0/16", peerings: ["spoke"], transit: true),
                       vnet("spoke", "10.1.0.0/16")])
        #expect(r.reaches("corp", "spoke"))
        #expect(r.reaches("spoke", "corp"))
    }

    @Test("a transit source does not make its neighbours reach each other through a non-transit network")
    func transitElsewhereDoesNotHelp() {
        // Rule: only the intermediates' transit counts.
        let r = reach([vnet("a", "10.1.0.0/16", peerings: ["m"], transit: true),
                       vnet("m", "10.0.0.0/16", peerings: ["b"], transit: false),
                       vnet("b", "10.2.0.0/16", transit: true)])
        #expect(!r.reaches("a", "b"))
    }

    @Test("peer joins two networks both ways")
    func peerStep() {
        // Rule: peerings are symmetric (also when added by a step).
        let r = reach([vnet("a", "10.1.0.0/16"), vnet("b", "10.2.0.0/16")], steps: [.peer("b", "a")])
        #expect(r.reaches("a", "b"))
        #expect(r.reaches("b", "a"))
    }

    @Test("unpeer removes a peering or a connection, named in either order", arguments: [
        (false, false), (false, true), (true, false), (true, true),
    ])
    func unpeer(connection: Bool, reversed: Bool) {
        // Rule: `unpeer` removes either (a peering or a connection), and the link is symmetric.
        let networks = connection
            ? [onprem("a", "192.168.0.0/16", connections: ["b"]), vnet("b", "10.2.0.0/16")]
            : [vnet("a", "10.1.0.0/16", peerings: ["b"]), vnet("b", "10.2.0.0/16")]
        let step: Step = reversed ? .unpeer("b", "a") : .unpeer("a", "b")
        let r = reach(networks, steps: [step])
        #expect(!r.reaches("a", "b"))
        #expect(!r.reaches("b", "a"))
    }

    @Test("unpeer of a pair that is not joined is refused and changes nothing")
    func unpeerMissing() {
        // Rule: a step naming something that does not exist is refused, all or nothing.
        var world = build(Topology(networks: [vnet("a", "10.1.0.0/16", peerings: ["b"]), vnet("b", "10.2.0.0/16"), vnet("c", "10.3.0.0/16")]))
        expectRefused(&world, .unpeer("a", "c"))
        expectAccepted(&world, .unpeer("b", "a"))
        expectRefused(&world, .unpeer("a", "b"))
    }

    @Test("reachability decides whether a private endpoint's address is routable")
    func unroutableVerdict() {
        // Rule: an address of a PE in W not reachable from V is `unroutable`; reachable is `private`.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16", transit: true), vnet("a", "10.1.0.0/16", peerings: ["hub"]),
                                    vnet("b", "10.2.0.0/16", peerings: ["hub"])],
                         zones: amplsZones("z", links: ["hub", "a", "b"]),
                         workspaces: [ws("ws1", WS1)], scopes: [scope("s1", ["ws1"])],
                         privateEndpoints: [pe("pe1", "b", "10.2.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))],
                         steps: [TimelineStep(.unpeer("hub", "b"))])
        let all = rows(build(t))
        #expect(row(all, "hub", "ws1", .ods)?.status == .unroutable)
        #expect(row(all, "a", "ws1", .ods)?.status == .unroutable)
        #expect(row(all, "b", "ws1", .ods)?.status == .private)
    }
}

extension ReachabilityTests {
    @Test("a single path is the one the breadth-first search from its source reports", arguments: 1...12)
    func singlePathsMatchPathsFromSource(seed: Int) {
        // Rule: the path between two networks is the first one a breadth-first search from the
        // source finds, expanding only transit networks, neighbours in name order. `path(from:to:)`
        // searches one pair and stops at the target; it must report exactly what `paths(from:)`
        // reports, and answer nil where `paths(from:)` has no entry.
        var rng = SplitMix(state: UInt64(seed) &* 7919)
        let count = 12
        var peerings = [[NetworkID]](repeating: [], count: count)
        for i in 0..<count {
            for j in (i + 1)..<count where Int.random(in: 0..<5, using: &rng) == 0 { peerings[i].append(NetworkID("n\(j)")) }
        }
        let networks = (0..<count).map { i in
            vnet(NetworkID("n\(i)"), "10.\(i).0.0/16", peerings: peerings[i], transit: Bool.random(using: &rng))
        }
        let world = build(Topology(networks: networks))
        let full = Reachability(world: world), single = Reachability(world: world)
        var reached = 0
        for a in networks {
            let all = full.paths(from: a.name)
            for b in networks {
                #expect(single.path(from: a.name, to: b.name) == all[b.name], "\(a.name) → \(b.name)")
                if all[b.name] != nil && a.name != b.name { reached += 1 }
            }
        }
        #expect(reached > 0)
    }
}
