import Testing
@testable import AmplsimEngine

/// MODEL.md section 5: what a private endpoint writes, the addresses it holds, and how linking,
/// unlinking and deleting change them.
@Suite("Private endpoints and the records they write")
struct EndpointCreationTests {
    func m(_ label: String) -> String { "\(label).\(PL.monitor)" }
    func oms(_ id: String) -> String { "\(id).\(PL.oms)" }
    func ods(_ id: String) -> String { "\(id).\(PL.ods)" }
    func agent(_ id: String) -> String { "\(id).\(PL.agentsvc)" }
    let blob = "scadvisorcontentpl.\(PL.blob)"

    // MARK: Names and order

    /// Scope members [ws1, app1 eastus-8, app2 westus-0, app3 eastus-0, app4 eastus-8, ws2]:
    /// the names in the writing order of section 5, each once.
    var orderedNames: [String] {
        monitorLabels.map(m) + [m("eastus-8.in.ai"), m("eastus.livediagnostics"), m("westus-0.in.ai"),
                                m("westus.livediagnostics"), m("eastus-0.in.ai"),
                                oms(WS1), oms(WS2), ods(WS1), ods(WS2), agent(WS1), agent(WS2), blob]
    }

    /// The address of each of `orderedNames` in 10.0.1.0/24. MODEL.md 5 (v2), keys in allocation
    /// order from .4: (1) the eastus workspaces ws1 and ws2 share oms .4, ods .5, agentsvc .6;
    /// (2) no DCE; (3) api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11,
    /// snapshot .12; (4) scadvisorcontentpl .13; (5) global.handler.control .14; (6) per component
    /// in member order: app1 eastus-8.in.ai .15, eastus.livediagnostics .16; app2 westus-0.in.ai
    /// .17, westus.livediagnostics .18; app3 eastus-0.in.ai .19 (its live name is app1's key);
    /// app4 nothing new. 16 keys for 19 names.
    var orderedAddresses: [String: String] {
        [m("api"): "10.0.1.7", m("global.in.ai"): "10.0.1.8", m("profiler"): "10.0.1.9", m("snapshot"): "10.0.1.12",
         m("live"): "10.0.1.10", m("diagservices-query"): "10.0.1.11", m("global.handler.control"): "10.0.1.14",
         m("eastus-8.in.ai"): "10.0.1.15", m("eastus.livediagnostics"): "10.0.1.16", m("westus-0.in.ai"): "10.0.1.17",
         m("westus.livediagnostics"): "10.0.1.18", m("eastus-0.in.ai"): "10.0.1.19",
         oms(WS1): "10.0.1.4", oms(WS2): "10.0.1.4", ods(WS1): "10.0.1.5", ods(WS2): "10.0.1.5",
         agent(WS1): "10.0.1.6", agent(WS2): "10.0.1.6", blob: "10.0.1.13"]
    }

    func orderWorld(zones ids: [ZoneID]? = nil, extraZones: [Zone] = []) -> World {
        build(Topology(networks: [vnet("hub", "10.0.0.0/16")],
                       zones: amplsZones("z", links: ["hub"]) + extraZones,
                       workspaces: [ws("ws1", WS1), ws("ws2", WS2)],
                       components: [app("app1", "eastus", stamp: 8), app("app2", "westus"), app("app3", "eastus"), app("app4", "eastus", stamp: 8)],
                       scopes: [scope("s1", ["ws1", "app1", "app2", "app3", "app4", "ws2"])],
                       privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: ids ?? amplsZoneIDs("z"))]))
    }

    @Test("an endpoint holds one address per address key, in section 5's allocation order, from the subnet's fifth address")
    func namesAndAddresses() throws {
        // Rule: names in writing order (monitor names, then per component in member order, each
        // name once, then every workspace's oms, ods, agentsvc, then blob); addresses per key in
        // allocation order (see orderedAddresses), from the lowest, skipping the first four.
        let w = orderWorld()
        let endpoint = try #require(w.endpoint("pe1"))
        #expect(endpoint.names == orderedNames.map(dn))
        #expect(endpoint.addresses.count == orderedNames.count)
        for name in orderedNames {
            #expect(endpoint.addresses[dn(name)] == ip(orderedAddresses[name]!), "\(name)")
        }
        #expect(Set(endpoint.addresses.values).count == 16)
    }

    @Test("a zone group writes one A record set per name into the zone of the matching name")
    func recordsWritten() {
        // Rule: one A record set per name into the zone of its group whose name matches.
        let w = orderWorld()
        let zoneOf: [String: ZoneID] = [PL.monitor: "z-monitor", PL.oms: "z-oms", PL.ods: "z-ods", PL.agentsvc: "z-agentsvc", PL.blob: "z-blob"]
        for name in orderedNames {
            let id = zoneOf.first { dn(name).isInside(dn($0.key)) }!.value
            #expect(aSet(w, id, name) == [ip(orderedAddresses[name]!)], "\(name) in \(id)")
        }
        // Nothing else: each zone holds exactly its names.
        let total = ["z-monitor", "z-oms", "z-ods", "z-agentsvc", "z-blob"].map { w.contents[$0]?.records.count ?? 0 }.reduce(0, +)
        #expect(total == orderedNames.count)
        #expect(w.contents["z-monitor"]?.records.count == 12)
    }

    @Test("a zone group writes only into the zones of its names; the endpoint still holds every address")
    func partialZoneGroup() throws {
        // Rule: a name with no matching zone in the group is not written (manual DNS), but every name holds an address.
        let w = orderWorld(zones: ["z-ods", "corp", "z-monitor"], extraZones: [zone("corp", "corp.test", links: ["hub"])])
        #expect(w.contents["corp"]?.records.isEmpty == true)
        #expect(w.contents["z-oms"]?.records.isEmpty == true)
        #expect(w.contents["z-agentsvc"]?.records.isEmpty == true)
        #expect(w.contents["z-blob"]?.records.isEmpty == true)
        #expect(w.contents["z-monitor"]?.records.count == 12)
        #expect(w.contents["z-ods"]?.records.count == 2)
        // MODEL.md 5 (v2): as orderedAddresses, ods (both workspaces) .5, oms .4, scadvisorcontentpl .13.
        #expect(aRecord(w, "z-ods", ods(WS2)) == ip("10.0.1.5"))
        let endpoint = try #require(w.endpoint("pe1"))
        #expect(endpoint.addresses[dn(oms(WS1))] == ip("10.0.1.4"))
        #expect(endpoint.addresses[dn(blob)] == ip("10.0.1.13"))
    }

    @Test("an endpoint with no zone group writes nothing and still holds every address")
    func manualDNS() throws {
        // Rule: addresses for all five zones, whether or not the zone group writes them.
        let w = orderWorld(zones: [])
        for id in amplsZoneIDs("z") { #expect(w.contents[id]?.records.isEmpty == true, "\(id)") }
        #expect(try #require(w.endpoint("pe1")).addresses.count == 19)
    }

    @Test("a zone group writes into a zone of the right name, whatever its id")
    func zoneMatchedByName() {
        // Rule: written into the zone of its group *whose name matches*.
        let w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")],
                               zones: [zone("anything", PL.ods), zone("wrong", "ods.opinsights.azure.com")],
                               workspaces: [ws("ws1", WS1)], scopes: [scope("s1", ["ws1"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: ["wrong", "anything"])]))
        // MODEL.md 5 (v2): the eastus workspace's oms .4, ods .5 come first.
        #expect(aRecord(w, "anything", ods(WS1)) == ip("10.0.1.5"))
        #expect(w.contents["wrong"]?.records.isEmpty == true)
    }

    // MARK: Address allocation

    /// A scope holding ws1 only needs 11 addresses. MODEL.md 5 (v2): oms .4, ods .5, agentsvc .6,
    /// api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11, snapshot .12,
    /// scadvisorcontentpl .13, global.handler.control .14 (in 10.0.1.0/24).
    func ws1Only(_ subnet: String = "10.0.1.0/24", fixed: [String: String] = [:], steps: [Step] = [], components: [Component] = [],
                 members: [ResourceID] = ["ws1"]) -> Topology {
        Topology(networks: [vnet("hub", "10.0.0.0/16")], zones: amplsZones("z", links: ["hub"]),
                 workspaces: [ws("ws1", WS1), ws("ws2", WS2)], components: components, scopes: [scope("s1", members)],
                 privateEndpoints: [pe("pe1", "hub", subnet, scope: "s1", zones: amplsZoneIDs("z"), fixed: fixed)],
                 steps: steps.map { TimelineStep($0) })
    }

    @Test("fixed addresses are taken first; the other keys take the lowest free addresses in order")
    func fixedAddressesFirst() throws {
        // Rule: fixed `addresses` first; the other keys, in allocation order, take the lowest free addresses.
        // MODEL.md 5 (v2): profiler .4 and api .9 fixed; then oms .5 (.4 is taken), ods .6, agentsvc .7,
        // global.in.ai .8, live .10 (.9 is taken), diagservices-query .11, snapshot .12,
        // scadvisorcontentpl .13, global.handler.control .14.
        let w = build(ws1Only(fixed: [m("profiler"): "10.0.1.4", m("api"): "10.0.1.9"]))
        let a = try #require(w.endpoint("pe1")).addresses
        let expected: [(String, String)] = [
            (m("api"), "10.0.1.9"), (m("profiler"), "10.0.1.4"),
            (oms(WS1), "10.0.1.5"), (ods(WS1), "10.0.1.6"), (agent(WS1), "10.0.1.7"),
            (m("global.in.ai"), "10.0.1.8"), (m("live"), "10.0.1.10"), (m("diagservices-query"), "10.0.1.11"),
            (m("snapshot"), "10.0.1.12"), (blob, "10.0.1.13"), (m("global.handler.control"), "10.0.1.14"),
        ]
        for (name, address) in expected { #expect(a[dn(name)] == ip(address), "\(name)") }
        #expect(aRecord(w, "z-monitor", m("api")) == ip("10.0.1.9"))
    }

    @Test("the subnet's first four addresses and its last are never allocated")
    func reservedAddresses() throws {
        // Rule: skip the subnet's first four and its last address. A /28 holds 16 addresses, 11 usable:
        // exactly the 11 keys of a one-workspace scope, .20 to .30. MODEL.md 5 (v2): oms .20, ods .21,
        // agentsvc .22, api .23, global.in.ai .24, profiler .25, live .26, diagservices-query .27,
        // snapshot .28, scadvisorcontentpl .29, global.handler.control .30.
        let w = build(ws1Only("10.0.1.16/28"))
        let a = try #require(w.endpoint("pe1")).addresses
        #expect(a[dn(oms(WS1))] == ip("10.0.1.20"))
        #expect(a[dn(m("api"))] == ip("10.0.1.23"))
        #expect(a[dn(blob)] == ip("10.0.1.29"))
        #expect(a[dn(m("global.handler.control"))] == ip("10.0.1.30"))
        #expect(Set(a.values).count == 11)
        #expect(a.values.allSatisfy { $0.value >= ip("10.0.1.20").value && $0.value <= ip("10.0.1.30").value })
    }

    @Test("a creation that cannot get all its addresses is refused and changes nothing")
    func subnetTooSmall() {
        // Rule: a step that cannot get all the addresses it needs is refused. Two components of two
        // regions need 6 + 1 + 1 + 4 = 12 keys (the six shared monitor names, scadvisorcontentpl,
        // global.handler.control, then each component's in.ai and livediagnostics); a /28 has 11
        // usable addresses (12 if the last one were not reserved).
        var w = World(Topology(networks: [vnet("hub", "10.0.0.0/16")], zones: amplsZones("z", links: ["hub"]),
                               components: [app("app1", "eastus"), app("app2", "westus")], scopes: [scope("s1", ["app1", "app2"])]))
        expectRefused(&w, .createEndpoint(pe("pe1", "hub", "10.0.1.0/28", scope: "s1", zones: amplsZoneIDs("z"))))
        #expect(w.endpoints.isEmpty)
        #expect(w.owners.isEmpty)
        // A /27 is enough.
        expectAccepted(&w, .createEndpoint(pe("pe1", "hub", "10.0.1.0/27", scope: "s1", zones: amplsZoneIDs("z"))))
    }

    @Test("addresses held by other endpoints are skipped; a deleted endpoint's addresses become free")
    func sharedSubnetAndFreedAddresses() throws {
        // Rule: the lowest addresses held by no endpoint; a deleted endpoint's addresses become free.
        // MODEL.md 5 (v2): pe1 holds .4–.14 (see ws1Only); pe2's 11 keys take .15–.25 in the same
        // order: oms .15, ods .16, agentsvc .17, api .18, …, scadvisorcontentpl .24, global.handler.control .25.
        var w = build(ws1Only())
        expectAccepted(&w, .createEndpoint(pe("pe2", "hub", "10.0.1.0/24", scope: "s1")))
        let pe2 = try #require(w.endpoint("pe2"))
        #expect(pe2.addresses[dn(oms(WS1))] == ip("10.0.1.15"))
        #expect(pe2.addresses[dn(m("api"))] == ip("10.0.1.18"))
        #expect(pe2.addresses[dn(blob)] == ip("10.0.1.24"))
        #expect(pe2.addresses[dn(m("global.handler.control"))] == ip("10.0.1.25"))
        expectAccepted(&w, .deleteEndpoint("pe1"))
        #expect(w.owner(of: ip("10.0.1.4")) == nil)
        // pe3 takes pe1's freed .4–.14: oms .4, api .7, scadvisorcontentpl .13.
        expectAccepted(&w, .createEndpoint(pe("pe3", "hub", "10.0.1.0/24", scope: "s1")))
        let pe3 = try #require(w.endpoint("pe3"))
        #expect(pe3.addresses[dn(oms(WS1))] == ip("10.0.1.4"))
        #expect(pe3.addresses[dn(m("api"))] == ip("10.0.1.7"))
        #expect(pe3.addresses[dn(blob)] == ip("10.0.1.13"))
        #expect(w.owner(of: ip("10.0.1.4"))?.name == "pe3")
    }

    @Test("a fixed address held by another endpoint or outside the subnet is not accepted")
    func fixedAddressErrors() {
        // Rule: a fixed address must lie in the endpoint's subnet and be held by no other endpoint.
        var w = build(ws1Only())
        expectRefused(&w, .createEndpoint(pe("pe2", "hub", "10.0.1.0/24", scope: "s1", fixed: [m("api"): "10.0.1.4"])))
        expectRefused(&w, .createEndpoint(pe("pe2", "hub", "10.0.2.0/24", scope: "s1", fixed: [m("api"): "10.0.1.200"])))
    }

    // MARK: Last writer wins

    /// hub and spoke link the shared zones; s1 = [ws1] (pe1 in hub), s2 = [ws2] (pe2 in spoke).
    /// MODEL.md 5 (v2), each in its own subnet: oms .4, ods .5, agentsvc .6, api .7, global.in.ai .8,
    /// profiler .9, live .10, diagservices-query .11, snapshot .12, scadvisorcontentpl .13,
    /// global.handler.control .14.
    func twoWriters(steps: [Step] = [], s1Members: [ResourceID] = ["ws1"], components: [Component] = []) -> Topology {
        Topology(networks: [vnet("hub", "10.0.0.0/16", peerings: ["spoke"]), vnet("spoke", "10.1.0.0/16")],
                 zones: amplsZones("z", links: ["hub", "spoke"]),
                 workspaces: [ws("ws1", WS1), ws("ws2", WS2)], components: components,
                 scopes: [scope("s1", s1Members), scope("s2", ["ws2"])],
                 privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z")),
                                    pe("pe2", "spoke", "10.1.1.0/24", scope: "s2", zones: amplsZoneIDs("z"))],
                 steps: steps.map { TimelineStep($0) })
    }

    @Test("the last writer of a record set wins, whoever wrote it")
    func lastWriterWins() {
        // Rule: writing a record set replaces the one already at that name and type, whoever wrote it.
        let w = build(twoWriters(steps: [.setRecord(zone: "z-monitor", record: A(m("snapshot"), "10.0.9.9"))]))
        #expect(aSet(w, "z-monitor", m("api")) == [ip("10.1.1.7")])
        #expect(aSet(w, "z-blob", blob) == [ip("10.1.1.13")])
        #expect(aSet(w, "z-ods", ods(WS1)) == [ip("10.0.1.5")])
        #expect(aSet(w, "z-ods", ods(WS2)) == [ip("10.1.1.5")])
        #expect(aSet(w, "z-monitor", m("snapshot")) == [ip("10.0.9.9")])
        #expect(w.contents["z-monitor"]?.writer(dn(m("api")), "A") == .endpoint("pe2"))
    }

    @Test("an endpoint's A record replaces a CNAME at the name; a manual CNAME replaces the A")
    func cnameVersusA() {
        // Rule: a CNAME cannot stand beside other data: writing any set removes a CNAME; writing a CNAME removes the rest.
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")],
                               zones: [zone("z-monitor", PL.monitor, links: ["hub"], records: [CNAME(m("profiler"), "elsewhere.example")])],
                               components: [app("app1")], scopes: [scope("s1", ["app1"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: ["z-monitor"])]))
        // MODEL.md 5 (v2), s1 = [app1 eastus-0]: api .4, global.in.ai .5, profiler .6, live .7,
        // diagservices-query .8, snapshot .9, scadvisorcontentpl .10, global.handler.control .11,
        // eastus-0.in.ai .12, eastus.livediagnostics .13.
        #expect(w.contents["z-monitor"]?.types(at: dn(m("profiler"))) == ["A"])
        #expect(resolve(w, "profiler.monitor.azure.com", from: "hub").outcome == .address(ip("10.0.1.6")))
        expectAccepted(&w, .setRecord(zone: "z-monitor", record: CNAME(m("profiler"), m("snapshot"))))
        #expect(w.contents["z-monitor"]?.types(at: dn(m("profiler"))) == ["CNAME"])
        let r = resolve(w, "profiler.monitor.azure.com", from: "hub")
        #expect(r.chain.last == dn(m("snapshot")))
        #expect(r.outcome == .address(ip("10.0.1.9")))
    }

    // MARK: Linking and unlinking resources

    @Test("linking a resource writes only the new names, through every endpoint with a zone group, in creation order")
    func linkResource() throws {
        // Rule: linking writes, through every PE of the scope that has a zone group, in creation order,
        // only the names the scope did not need before; every PE takes the next free addresses.
        let t = Topology(networks: [vnet("hub", "10.0.0.0/16", peerings: ["spoke"]), vnet("spoke", "10.1.0.0/16"), vnet("third", "10.2.0.0/16")],
                         zones: amplsZones("z", links: ["hub", "spoke"]),
                         workspaces: [ws("ws1", WS1)], components: [app("app1", "eastus"), app("app2", "eastus", stamp: 5)],
                         scopes: [scope("s1", ["ws1", "app1"])],
                         privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z")),
                                            pe("pe2", "spoke", "10.1.1.0/24", scope: "s1", zones: amplsZoneIDs("z")),
                                            pe("pe3", "third", "10.2.1.0/24", scope: "s1")],
                         steps: [TimelineStep(.setRecord(zone: "z-monitor", record: A(m("profiler"), "10.0.9.9"))),
                                 TimelineStep(.setRecord(zone: "z-monitor", record: A(m("eastus.livediagnostics"), "10.0.9.8"))),
                                 TimelineStep(.linkResource(scope: "s1", resource: "app2"))])
        let w = build(t)
        // New key eastus-5.in.ai: each endpoint takes its next free address. MODEL.md 5 (v2), s1 =
        // [ws1, app1 eastus-0] before: oms .4, ods .5, agentsvc .6, api .7, global.in.ai .8, profiler .9,
        // live .10, diagservices-query .11, snapshot .12, scadvisorcontentpl .13, global.handler.control
        // .14, eastus-0.in.ai .15, eastus.livediagnostics .16 (13 keys, .4–.16).
        #expect(try #require(w.endpoint("pe1")).addresses[dn(m("eastus-5.in.ai"))] == ip("10.0.1.17"))
        #expect(try #require(w.endpoint("pe2")).addresses[dn(m("eastus-5.in.ai"))] == ip("10.1.1.17"))
        #expect(try #require(w.endpoint("pe3")).addresses[dn(m("eastus-5.in.ai"))] == ip("10.2.1.17"))
        #expect(w.owner(of: ip("10.2.1.17"))?.name == "pe3")
        // Written by pe1 then pe2: pe2's address stands.
        #expect(aSet(w, "z-monitor", m("eastus-5.in.ai")) == [ip("10.1.1.17")])
        // Names the scope already needed are not written again.
        #expect(aSet(w, "z-monitor", m("profiler")) == [ip("10.0.9.9")])
        #expect(aSet(w, "z-monitor", m("eastus.livediagnostics")) == [ip("10.0.9.8")])
        #expect(w.scope("s1")?.resources == ["ws1", "app1", "app2"])
    }

    @Test("linking a workspace writes its three names and publishes its CNAMEs")
    func linkWorkspace() throws {
        // Rule: linking writes the new names (oms, ods, agentsvc of the workspace). MODEL.md 5 (v2):
        // ws2 is eastus like ws1, so its names take the region's keys, oms .4, ods .5, agentsvc .6,
        // and the endpoint takes no new address.
        var w = build(ws1Only())
        let before = Set(try #require(w.endpoint("pe1")).addresses.values)
        expectAccepted(&w, .linkResource(scope: "s1", resource: "ws2"))
        let a = try #require(w.endpoint("pe1")).addresses
        #expect(a[dn(oms(WS2))] == ip("10.0.1.4"))
        #expect(a[dn(ods(WS2))] == ip("10.0.1.5"))
        #expect(a[dn(agent(WS2))] == ip("10.0.1.6"))
        #expect(Set(a.values) == before)
        #expect(aSet(w, "z-ods", ods(WS2)) == [ip("10.0.1.5")])
        let r = row(rows(w), "hub", "ws2", .ods)
        #expect(r?.status == .private)
        #expect(r?.answer == ip("10.0.1.5"))
    }

    @Test("linking a resource when an endpoint's subnet is full is refused and changes nothing")
    func linkResourceFull() {
        // Rule: a step that cannot get all the addresses it needs is refused: all or nothing.
        // pe2's /28 has 11 usable addresses, all held by s1 = [ws1]'s 11 keys. A westus workspace
        // needs three new keys (oms, ods, agentsvc of westus): refused, though pe1 has room. An
        // eastus workspace needs none (MODEL.md 5 (v2): it shares ws1's keys): accepted.
        var west = ws("ws3", WS3)
        west.region = "westus"
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16"), vnet("spoke", "10.1.0.0/16")],
                               zones: amplsZones("z", links: ["hub"]),
                               workspaces: [ws("ws1", WS1), ws("ws2", WS2), west], scopes: [scope("s1", ["ws1"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z")),
                                                  pe("pe2", "spoke", "10.1.1.0/28", scope: "s1", zones: amplsZoneIDs("z"))]))
        let refusal = expectRefused(&w, .linkResource(scope: "s1", resource: "ws3"))
        #expect(refusal?.rule == .addresses)
        expectAccepted(&w, .linkResource(scope: "s1", resource: "ws2"))
    }

    @Test("unlinking deletes the names no remaining member needs and frees their addresses")
    func unlinkResource() throws {
        // Rule: unlinking deletes, through every endpoint, the record sets of names no remaining member
        // needs, and frees those names' addresses; a resource linked later takes the next free addresses.
        // MODEL.md 5 (v2), s1 = [ws1, app1 eastus-0, app2 eastus-5]: oms .4, ods .5, agentsvc .6, api .7,
        // global.in.ai .8, profiler .9, live .10, diagservices-query .11, snapshot .12, scadvisorcontentpl
        // .13, global.handler.control .14, then eastus-0.in.ai .15, eastus.livediagnostics .16, eastus-5.in.ai .17.
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16")], zones: amplsZones("z", links: ["hub"]),
                               workspaces: [ws("ws1", WS1)],
                               components: [app("app1", "eastus"), app("app2", "eastus", stamp: 5), app("app3", "westus")],
                               scopes: [scope("s1", ["ws1", "app1", "app2"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z"))]))
        #expect(aRecord(w, "z-monitor", m("eastus-5.in.ai")) == ip("10.0.1.17"))
        expectAccepted(&w, .unlinkResource(scope: "s1", resource: "app2"))
        #expect(aSet(w, "z-monitor", m("eastus-5.in.ai")) == nil)
        #expect(aSet(w, "z-monitor", m("eastus.livediagnostics")) == [ip("10.0.1.16")])   // app1 still needs it
        #expect(try #require(w.endpoint("pe1")).addresses[dn(m("eastus-5.in.ai"))] == nil)
        #expect(w.owner(of: ip("10.0.1.17")) == nil)
        // app3 (westus-0) takes the freed .17, then the next free .18.
        expectAccepted(&w, .linkResource(scope: "s1", resource: "app3"))
        let a = try #require(w.endpoint("pe1")).addresses
        #expect(a[dn(m("westus-0.in.ai"))] == ip("10.0.1.17"))
        #expect(a[dn(m("westus.livediagnostics"))] == ip("10.0.1.18"))
    }

    @Test("unlinking a workspace deletes its three records and unpublishes its CNAMEs")
    func unlinkWorkspace() {
        // Rule: unlinking deletes the names no remaining member needs (section 5) and the workspace's
        // CNAMEs stop being published once it is in no scope with an endpoint (section 3).
        var w = build(ws1Only(members: ["ws1", "ws2"]))
        expectAccepted(&w, .unlinkResource(scope: "s1", resource: "ws2"))
        #expect(aSet(w, "z-oms", oms(WS2)) == nil)
        #expect(aSet(w, "z-ods", ods(WS2)) == nil)
        #expect(aSet(w, "z-agentsvc", agent(WS2)) == nil)
        #expect(aSet(w, "z-ods", ods(WS1)) != nil)
        let r = row(rows(w), "hub", "ws2", .ods)
        #expect(r?.resolution.chain.count == 1)
        #expect(r?.status == .public)
    }

    // MARK: Deleting an endpoint

    @Test("deleting an endpoint deletes every record set its group wrote, by name, even where overwritten since")
    func deleteEndpoint() {
        // Rule: deleting a PE deletes every record set its zone group wrote, by name, even where a later
        // endpoint or a manual edit has overwritten it since: the shared names vanish for everyone.
        var w = build(twoWriters(steps: [.setRecord(zone: "z-ods", record: A(ods(WS1), "10.0.9.9")),
                                         .setRecord(zone: "z-monitor", record: A(m("custom"), "10.0.9.8"))],
                                 s1Members: ["ws1"]))
        expectAccepted(&w, .deleteEndpoint("pe1"))
        for label in monitorLabels { #expect(aSet(w, "z-monitor", m(label)) == nil, "\(label), last written by pe2") }
        #expect(aSet(w, "z-blob", blob) == nil)
        #expect(aSet(w, "z-ods", ods(WS1)) == nil)                   // overwritten manually since
        #expect(aSet(w, "z-oms", oms(WS1)) == nil)
        #expect(aSet(w, "z-ods", ods(WS2)) == [ip("10.1.1.5")])      // pe2's own names stay (ods .5, see twoWriters)
        #expect(aSet(w, "z-monitor", m("custom")) == [ip("10.0.9.8")])
        #expect(w.endpoint("pe1") == nil)
        #expect(w.owner(of: ip("10.0.1.4")) == nil)
        // The spoke, whose scope's endpoint still exists, lost the shared names too.
        let all = rows(w)
        #expect(row(all, "spoke", "ws2", .ods)?.status == .private)
        #expect(resolve(w, "profiler.monitor.azure.com", from: "spoke").outcome == .nxdomain)
    }

    @Test("deleting an endpoint drops the shared names for a component of the surviving scope")
    func deleteEndpointComponent() {
        // Rule: the shared names vanish for everyone (the linked zone has no fallback: NXDOMAIN).
        var w = build(Topology(networks: [vnet("hub", "10.0.0.0/16", peerings: ["spoke"]), vnet("spoke", "10.1.0.0/16")],
                               zones: amplsZones("z", links: ["hub", "spoke"]),
                               components: [app("app1", "eastus"), app("app2", "westus")],
                               scopes: [scope("s1", ["app1"]), scope("s2", ["app2"])],
                               privateEndpoints: [pe("pe1", "hub", "10.0.1.0/24", scope: "s1", zones: amplsZoneIDs("z")),
                                                  pe("pe2", "spoke", "10.1.1.0/24", scope: "s2", zones: amplsZoneIDs("z"))]))
        #expect(row(rows(w), "spoke", "app2", .profiler)?.status == .private)
        expectAccepted(&w, .deleteEndpoint("pe1"))
        let all = rows(w)
        #expect(row(all, "spoke", "app2", .profiler)?.status == .nxdomain)
        #expect(row(all, "spoke", "app2", .ingest)?.status == .nxdomain)
        #expect(row(all, "spoke", "app2", .live)?.status == .private)     // westus.livediagnostics: pe2's only
    }
}
