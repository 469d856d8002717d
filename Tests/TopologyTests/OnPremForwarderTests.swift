import AmplsimEngine
import AmplsimRender
import Testing

/// Fixtures/topologies/onprem-forwarder.yaml: on-premises clients over ExpressRoute, resolving
/// through a conditional forwarder to a resolver in the hub.
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2) allocation for pe-corp in 10.0.0.0/27 (no DNS server has an address): law-corp's
///   region westus2, oms .4, ods .5, agentsvc .6; api .7, global.in.ai .8, profiler .9, live .10,
///   diagservices-query .11, snapshot .12; scadvisorcontentpl .13; global.handler.control .14;
///   appi-corp-portal's westus2-4.in.ai .15, westus2.livediagnostics .16.
/// - Section 4, onprem-dc: its client asks corp-dns (same network, reachable). Every client name
///   lies under one of the seven forwarded domains, so corp-dns forwards it to hub-resolver
///   (in vnet-hub, reached over the ExpressRoute connection). hub-resolver hosts nothing and has
///   no forwarders: its default `azure` (the forwarder for `.`) hands the name to Azure DNS of
///   vnet-hub, which sees the five linked zones and resolves the whole chain to pe-corp's
///   address. hub-resolver keeps that chain (every name routes to its `.` forwarder). corp-dns
///   keeps the names it routes to the same forwarder and resolves the first other one itself:
///   e.g. api.loganalytics.io (loganalytics.io forwarder) -> api.monitor.azure.com, which
///   corp-dns sends through its monitor.azure.com forwarder, to the same hub-resolver, with the
///   same result. Either way the answer is pe-corp's address.
/// - Section 6: pe-corp is in vnet-hub; onprem-dc reaches it over its connection: private.
/// - Section 4: "Azure DNS serves only Azure networks: from an on-prem network (its dns: azure, or
///   a server in it forwarding to azure) every name is SERVFAIL".
@Suite("onprem-forwarder.yaml: on-prem DNS forwarding to a resolver in the hub")
struct OnPremForwarderTests {
    let f: Fixture
    let ws = "f10e5625-57f3-4d74-b0c6-a1325932cafb"
    let answers: [EndpointKind: String] = [.ods: "10.0.0.5", .oms: "10.0.0.4", .agentsvc: "10.0.0.6",
                                           .ingest: "10.0.0.8", .ingestRegional: "10.0.0.15", .live: "10.0.0.16",
                                           .profiler: "10.0.0.9", .snapshot: "10.0.0.12"]

    init() throws { f = try Fixture("onprem-forwarder.yaml") }

    @Test("the hub's endpoint is created without refusal")
    func nothingRefused() { #expect(f.nothingRefused) }

    @Test("on-prem clients behind the forwarder are private on every endpoint")
    func onPremPrivate() {
        for endpoint in workspaceEndpoints {
            f.expect("onprem-dc", "law-corp", endpoint, .private, via: "pe-corp", answer: answers[endpoint] ?? "10.0.0.7")   // query: api
        }
        for endpoint in componentEndpoints {
            f.expect("onprem-dc", "appi-corp-portal", endpoint, .private, via: "pe-corp", answer: answers[endpoint] ?? "10.0.0.7")   // query: api
        }
        f.expect("onprem-dc", "law-corp", .ods, .private, via: "pe-corp", answer: "10.0.0.5",
                 chain: ["\(ws).ods.opinsights.azure.com", "\(ws).privatelink.ods.opinsights.azure.com"])
        f.expect("onprem-dc", "law-corp", .query, .private, via: "pe-corp", answer: "10.0.0.7",
                 chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        f.expect("onprem-dc", "appi-corp-portal", .ingest, .private, via: "pe-corp", answer: "10.0.0.8",
                 chain: ["dc.applicationinsights.azure.com", "global.in.ai.monitor.azure.com",
                         "global.in.ai.privatelink.monitor.azure.com"])
        f.expect("onprem-dc", "appi-corp-portal", .ingestRegional, .private, via: "pe-corp", answer: "10.0.0.15",
                 chain: ["westus2-4.in.applicationinsights.azure.com", "westus2-4.in.ai.monitor.azure.com",
                         "westus2-4.in.ai.privatelink.monitor.azure.com"])
        let path = f.simulation.resolver.reachability.path(from: "onprem-dc", to: "vnet-hub")
        #expect(path?.firstLink == .connection)
        #expect(path?.via == [])
    }

    @Test("corp-dns keeps a forwarded chain only while its names use the same forwarder (BIND 9)")
    func forwardedChainSplit() throws {
        // api.loganalytics.io goes out through corp-dns's loganalytics.io forwarder. The returned
        // chain's next name, api.monitor.azure.com, falls under corp-dns's monitor.azure.com
        // forwarder instead, so corp-dns resolves it itself, through that forwarder; the last
        // name, api.privatelink.monitor.azure.com, routes through that same monitor.azure.com
        // forwarder, so it is kept from hub-resolver's answer. corp-dns hands over exactly twice.
        let row = try #require(f.row("onprem-dc", "law-corp", .query))
        let handOvers = row.resolution.hops.compactMap { hop -> String? in
            guard hop.resolver == .server("corp-dns"), case .forward(let domain, let target) = hop.source else { return nil }
            return "\(hop.name.text) via \(domain.text) to \(target)"
        }
        #expect(handOvers == ["api.loganalytics.io via loganalytics.io to hub-resolver",
                              "api.monitor.azure.com via monitor.azure.com to hub-resolver"])
    }

    @Test("the hub itself, on Azure DNS with the linked zones, is private")
    func hubPrivate() {
        #expect(f.rows.filter { $0.network == "vnet-hub" }.count == 10)
        for row in f.rows where row.network == "vnet-hub" {
            #expect(row.status == .private, "\(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
            #expect(row.via == "pe-corp")
        }
    }

    @Test("an on-prem network whose DNS is Azure DNS gets SERVFAIL for every name")
    func branchOnAzureDNS() {
        let rows = f.rows.filter { $0.network == "onprem-branch" }
        #expect(rows.count == 10)
        for row in rows {
            #expect(row.status == .servfail, "\(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
            #expect(row.via == nil)
            #expect(row.answer == nil)
            #expect(row.resolution.outcome == .servfail(.azureDNSFromOnPrem(network: "onprem-branch")))
        }
    }

    @Test("an on-prem server forwarding straight to azure gets SERVFAIL for every name")
    func labForwardingToAzure() {
        // lab-dns runs in onprem-lab; every client name matches one of its forwarders to `azure`,
        // i.e. Azure DNS of lab-dns's own network, which is on-premises: SERVFAIL. The ExpressRoute
        // connection to the hub does not help: routing is not name resolution.
        let rows = f.rows.filter { $0.network == "onprem-lab" }
        #expect(rows.count == 10)
        for row in rows {
            #expect(row.status == .servfail, "\(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
            #expect(row.via == nil)
            #expect(row.resolution.outcome == .servfail(.azureDNSFromOnPrem(network: "onprem-lab")))
        }
    }
}
