import Testing
@testable import AmplsimEngine

/// MODEL.md section 3: the simulated internet, seen from a VNet that links no zone.
@Suite("Public DNS")
struct PublicDNSTests {
    /// One VNet with Azure DNS and no linked zone: public DNS answers everything.
    func world(workspaces: [Workspace] = [ws("ws1", WS1)], components: [Component] = [app("app1", "eastus", stamp: 8)],
               scopes: [Scope] = [], endpoints: [EndpointSpec] = [], settings: Settings = Settings(),
               networks: [Network] = [vnet("v", "10.0.0.0/16")], steps: [TimelineStep] = []) -> World {
        build(Topology(settings: settings, networks: networks, workspaces: workspaces, components: components,
                       scopes: scopes, privateEndpoints: endpoints, steps: steps))
    }

    static let sharedChains: [[String]] = [
        ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"],
        ["api.applicationinsights.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"],
        ["api.monitor.azure.com", "api.privatelink.monitor.azure.com"],
        ["dc.applicationinsights.azure.com", "global.in.ai.monitor.azure.com", "global.in.ai.privatelink.monitor.azure.com"],
        ["eastus-8.in.applicationinsights.azure.com", "eastus-8.in.ai.monitor.azure.com", "eastus-8.in.ai.privatelink.monitor.azure.com"],
        ["eastus.livediagnostics.monitor.azure.com", "eastus.livediagnostics.privatelink.monitor.azure.com"],
        ["profiler.monitor.azure.com", "profiler.privatelink.monitor.azure.com"],
        ["snapshot.monitor.azure.com", "snapshot.privatelink.monitor.azure.com"],
        ["scadvisorcontentpl.blob.core.windows.net", "scadvisorcontentpl.privatelink.blob.core.windows.net"],
    ]

    @Test("the shared CNAME chains are always published, with no private endpoint anywhere", arguments: sharedChains)
    func sharedChainsPublished(chain: [String]) {
        // Rule: the shared CNAMEs are always published, whether or not any private endpoint exists.
        let r = resolve(world(), chain[0], from: "v")
        #expect(r.chain == chain.map(dn))
        #expect(r.outcome.address != nil)
    }

    @Test("a workspace's CNAMEs are not published while it is in no scope")
    func workspaceOutsideScopes() {
        // Rule: a workspace's three CNAMEs are published only while it belongs to a scope with a PE.
        let w = world()
        for client in ["\(WS1).ods.opinsights.azure.com", "\(WS1).oms.opinsights.azure.com", "\(WS1).agentsvc.azure-automation.net"] {
            let r = resolve(w, client, from: "v")
            #expect(r.chain == [dn(client)], "unpublished client name answers directly")
            #expect(r.outcome.address != nil, "an unpublished client name has a public address")
        }
    }

    @Test("a workspace's CNAMEs are not published while its scope has no private endpoint")
    func workspaceInScopeWithoutEndpoint() {
        // Rule: membership alone does not publish: the scope needs at least one private endpoint.
        let w = world(scopes: [scope("s1", ["ws1"])])
        #expect(resolve(w, "\(WS1).ods.opinsights.azure.com", from: "v").chain.count == 1)
    }

    @Test("a workspace's CNAMEs are published while it is in a scope with a private endpoint anywhere")
    func workspaceInScopeWithEndpoint() {
        // Rule: a workspace in a scope with ≥1 PE (anywhere, even with manual DNS) has its three CNAMEs published.
        let w = world(scopes: [scope("empty", []), scope("s1", ["ws1"])],
                      endpoints: [pe("pe1", "far", "10.9.1.0/24", scope: "s1", zones: [])],
                      networks: [vnet("v", "10.0.0.0/16"), vnet("far", "10.9.0.0/16")])
        for (service, domain) in [("ods", "opinsights.azure.com"), ("oms", "opinsights.azure.com"), ("agentsvc", "azure-automation.net")] {
            let client = "\(WS1).\(service).\(domain)"
            let r = resolve(w, client, from: "v")
            #expect(r.chain == [dn(client), dn("\(WS1).privatelink.\(service).\(domain)")])
            #expect(r.outcome.address != nil)
        }
    }

    @Test("deleting the scope's last private endpoint unpublishes the workspace's CNAMEs")
    func unpublishedAfterDeletion() {
        // Rule: published only *while* the workspace is in a scope with a PE.
        let w = world(scopes: [scope("s1", ["ws1"])],
                      endpoints: [pe("pe1", "v", "10.0.1.0/24", scope: "s1")],
                      steps: [TimelineStep(.deleteEndpoint("pe1"))])
        #expect(resolve(w, "\(WS1).ods.opinsights.azure.com", from: "v").chain.count == 1)
    }

    @Test("workspaceCnames: always publishes every workspace's CNAMEs")
    func alwaysSwitch() {
        // Rule: switch `workspaceCnames: always` publishes them for every workspace.
        var settings = Settings()
        settings.workspaceCnames = .always
        let w = world(workspaces: [ws("ws1", WS1), ws("ws2", WS2)], settings: settings)
        for id in [WS1, WS2] {
            let r = resolve(w, "\(id).oms.opinsights.azure.com", from: "v")
            #expect(r.chain == [dn("\(id).oms.opinsights.azure.com"), dn("\(id).privatelink.oms.opinsights.azure.com")])
        }
    }

    @Test("a workspace's privatelink names are known to public DNS")
    func privatelinkNamesKnown() {
        // Rule: public DNS knows each workspace's three privatelink names.
        let w = world()
        for name in ["\(WS1).privatelink.ods.opinsights.azure.com", "\(WS1).privatelink.oms.opinsights.azure.com",
                     "\(WS1).privatelink.agentsvc.azure-automation.net"] {
            #expect(resolve(w, name, from: "v").outcome != .nxdomain, "\(name)")
        }
    }

    @Test("public addresses are outside every network's address space and not RFC 1918",
          arguments: ["10.0.0.0/16", "192.168.0.0/16", "172.16.0.0/12"])
    func publicAddressesOutsideNetworks(clientSpace: String) {
        // Rule: each chain end has a public IPv4 address from a range no network uses, never RFC 1918.
        let networks = [vnet("v", clientSpace), vnet("a", "20.0.0.0/8"), vnet("b", "40.0.0.0/8"),
                        vnet("c", "52.0.0.0/8", "13.0.0.0/8"), vnet("d", "104.0.0.0/8")]
        let w = world(workspaces: [ws("ws1", WS1), ws("ws2", WS2)], components: [app("app1", "eastus", stamp: 8), app("app2", "westus")],
                      scopes: [scope("s1", ["ws2"])], endpoints: [pe("pe1", "d", "104.1.1.0/24", scope: "s1")],
                      networks: networks)
        let all = rows(w).filter { $0.network == "v" }
        #expect(all.count == 4 + 4 + 6 + 6)
        for r in all {
            guard let address = r.answer else { Issue.record("\(r.fqdn) has no address"); continue }
            #expect(!networks.contains { $0.owns(address) }, "\(r.fqdn) → \(address) lies in a network")
            #expect(!isRFC1918(address), "\(r.fqdn) → \(address) is RFC 1918")
            #expect(r.status == .public, "\(r.fqdn) should connect publicly, got \(r.status)")
        }
    }

    @Test("public addresses avoid the networks even when the usual public ranges are taken")
    func publicAddressesWhenRangesTaken() {
        // Rule: "a range no network uses" holds whatever the address spaces (here 198.18.0.0/15 too).
        let networks = [vnet("v", "20.0.0.0/8", "40.0.0.0/8", "52.0.0.0/8", "13.0.0.0/8", "104.0.0.0/8",
                             "191.0.0.0/8", "198.18.0.0/15")]
        let w = world(networks: networks)
        for name in ["profiler.monitor.azure.com", "dc.applicationinsights.azure.com", "\(WS1).ods.opinsights.azure.com"] {
            let r = resolve(w, name, from: "v")
            guard let address = r.outcome.address else { Issue.record("\(name) has no address"); continue }
            #expect(!networks[0].owns(address), "\(name) → \(address) lies in network v")
            #expect(!isRFC1918(address))
        }
    }

    @Test("a name's public address is stable: same from every network and across worlds")
    func publicAddressesStable() {
        // Rule: the engine derives a fixed address per name.
        let networks = [vnet("v", "10.0.0.0/16"), vnet("w", "10.1.0.0/16")]
        let before = world(scopes: [scope("s1", ["ws1"])], networks: networks)
        let after = world(scopes: [scope("s1", ["ws1"])], endpoints: [pe("pe1", "w", "10.1.1.0/24", scope: "s1")],
                          networks: networks)
        for name in ["profiler.monitor.azure.com", "snapshot.monitor.azure.com", "\(WS1).privatelink.ods.opinsights.azure.com"] {
            let a = resolve(before, name, from: "v").outcome.address
            #expect(a != nil)
            #expect(resolve(before, name, from: "w").outcome.address == a)
            #expect(resolve(after, name, from: "v").outcome.address == a)
            #expect(resolve(before, name.uppercased(), from: "v").outcome.address == a)
        }
    }

    @Test("any other name is NXDOMAIN in public DNS", arguments: [
        "www.example.com",
        "foo.monitor.azure.com",
        "westus-0.in.applicationinsights.azure.com",      // no component in westus
        "westus.livediagnostics.monitor.azure.com",
        "\(WS3).ods.opinsights.azure.com",                 // not a workspace of the topology
        "\(WS3).privatelink.ods.opinsights.azure.com",
        "dc.contoso.example",                              // names built from an endpointSuffix
        "live.contoso.example",
        "profiler.contoso.example",
        "snapshot.contoso.example",
    ])
    func unknownNames(name: String) {
        // Rule: any name public DNS does not know is NXDOMAIN, including names built from an endpointSuffix.
        let w = world(components: [app("app1", "eastus", stamp: 8), app("app2", "eastus", suffix: "contoso.example")])
        let r = resolve(w, name, from: "v")
        #expect(r.outcome == .nxdomain)
    }

    @Test("a component with an endpointSuffix uses the suffix names, which fail without a zone")
    func endpointSuffixRows() {
        // Rule: endpointSuffix S gives dc.S, live.S, profiler.S, snapshot.S, no ingest-regional, and
        // those names exist in no public zone.
        let w = world(components: [app("app2", "EastUS", suffix: "Contoso.Example")])
        let mine = rows(w).filter { $0.resource == "app2" }
        #expect(mine.map(\.endpoint) == [.ingest, .live, .profiler, .snapshot, .query])
        #expect(mine.map(\.fqdn) == ["dc.contoso.example", "live.contoso.example", "profiler.contoso.example",
                                     "snapshot.contoso.example", "api.applicationinsights.io"].map(dn))
        #expect(mine.prefix(4).allSatisfy { $0.status == .nxdomain })
    }

    @Test("endpointSuffix names resolve through a zone that holds them")
    func endpointSuffixThroughZone() {
        // Rule: suffix names resolve only through a zone that holds them (the custom DNS zone option).
        let t = Topology(networks: [vnet("v", "10.0.0.0/16")],
                         zones: [zone("custom", "contoso.example", links: ["v"], records: [A("dc.contoso.example", "10.0.5.5")])],
                         components: [app("app2", "eastus", suffix: "contoso.example")])
        #expect(resolve(build(t), "dc.contoso.example", from: "v").outcome == .address(ip("10.0.5.5")))
    }

    @Test("names compare case-insensitively; regions, ids and suffixes are lower-cased")
    func caseInsensitivity() {
        // Rule: names compare case-insensitively (RFC 4343); regions and suffixes are lower-cased.
        let w = world(workspaces: [ws("ws1", WS1.uppercased())], components: [app("app1", "EastUS", stamp: 8)])
        let lower = resolve(w, "eastus-8.in.applicationinsights.azure.com", from: "v")
        let mixed = resolve(w, "EastUS-8.IN.ApplicationInsights.Azure.COM.", from: "v")
        #expect(lower.outcome.address != nil)
        #expect(mixed.outcome == lower.outcome)
        #expect(mixed.chain == lower.chain)
        #expect(resolve(w, "\(WS1).ods.opinsights.azure.com", from: "v").outcome.address != nil)
        let appRows = rows(w).filter { $0.resource == "app1" }
        #expect(appRows.contains { $0.fqdn == dn("eastus.livediagnostics.monitor.azure.com") })
    }
}
