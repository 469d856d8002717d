import Testing
@testable import AmplsimEngine

/// A row's reason is data: who answered, whose address it is, the path, and what the scope makes
/// of the resource (the words are AmplsimRender's).
@Suite("Reasons")
struct ReasonTests {
    typealias TwoScopes = VerdictTests.TwoScopes

    @Test("a not-in-scope row carries the endpoint, its network, the path, the scope, the resource and the mode")
    func notInScope() throws {
        // TwoScopes: pe2 (scope s2, in spoke) wrote the shared names last, so hub's global.in.ai is
        // pe2's 10.1.1.8 from zone z-monitor; hub is peered with spoke; s2 holds ws2 and app2,
        // not app1, and its ingestion mode is PrivateOnly (no exclusion); app1 accepts public
        // ingestion.
        let r = try #require(row(rows(TwoScopes().world()), "hub", "app1", .ingest))
        #expect(r.status == .notInScope)
        #expect(r.reason.answeredBy?.source == .zone("z-monitor"))
        #expect(r.reason.outcome == .address(ip("10.1.1.8")))
        let outside = Reason.OutsideScope(scope: "s2", resource: "app1",
                                          rule: .mode(.ingestion, .privateOnly, excluded: false, resourceAcceptsPublic: true))
        #expect(r.reason.meaning == .reached(Reason.EndpointPlace(endpoint: "pe2", network: "spoke"),
                                             path: NetworkPath(via: [], firstLink: .peering), scope: .outside(outside)))
    }

    @Test("an exclusion for the answering endpoint is part of the reason")
    func exclusion() throws {
        // s2's ingestion is Open through pe2 alone (an exclusion), so app1 (outside s2, public
        // ingestion allowed) is public through pe2, and the reason says the mode came from it.
        let world = TwoScopes(exclusions: [Exclusion(endpoint: "pe2", ingestionAccessMode: .open, queryAccessMode: nil)]).world()
        let r = try #require(row(rows(world), "hub", "app1", .ingest))
        #expect(r.status == .public)
        guard case .reached(_, _, .outside(let outside)) = r.reason.meaning else {
            Issue.record("not an outside-scope reason: \(r.reason.meaning)")
            return
        }
        #expect(outside.rule == .mode(.ingestion, .open, excluded: true, resourceAcceptsPublic: true))
    }

    @Test("an unroutable row carries the answering endpoint's network and the client network")
    func unroutable() throws {
        // Not peered: hub's answer for ws2's ods name is pe2's 10.1.1.5 (written by pe2 in
        // spoke), and hub has no route to spoke.
        let r = try #require(row(rows(TwoScopes(peered: false).world()), "hub", "ws2", .ods))
        #expect(r.status == .unroutable)
        #expect(r.via == "pe2")
        #expect(r.reason.outcome == .address(ip("10.1.1.5")))
        #expect(r.reason.meaning == .unroutable(Reason.EndpointPlace(endpoint: "pe2", network: "spoke"), client: "hub"))
    }

    @Test("a member reached in its own network carries the same-network path")
    func member() throws {
        // pe1 (scope s1 with ws1) sits in hub and holds ws1's ods name, 10.0.1.5.
        let r = try #require(row(rows(TwoScopes().world()), "hub", "ws1", .ods))
        #expect(r.status == .private)
        #expect(r.reason.meaning == .reached(Reason.EndpointPlace(endpoint: "pe1", network: "hub"),
                                             path: NetworkPath(via: [], firstLink: nil), scope: .member))
    }

    @Test("a failed resolution's reason is its outcome")
    func servfail() throws {
        // An on-premises network that asks Azure DNS directly: every name is SERVFAIL.
        let world = TwoScopes(extraNetworks: [onprem("dc", "192.168.0.0/16")]).world()
        let r = try #require(row(rows(world), "dc", "ws1", .ods))
        #expect(r.status == .servfail)
        #expect(r.reason.meaning == .noAddress)
        #expect(r.reason.outcome == .servfail(.azureDNSFromOnPrem(network: "dc")))
    }

    @Test("reasons stored apart are equal when every part is, the hop that answered included")
    func equality() {
        // Equality is by value (equal reasons read the same, and the writers reuse one's words
        // for the other): the same parts give equal reasons whatever their storage; another
        // hop, or a hop against none, gives unequal ones, with the same outcome and meaning.
        let hop = Hop(name: "api.monitor.azure.com", resolver: .azure(network: "hub"), source: .zone("z-monitor"),
                      result: .address(ip("10.0.1.4")))
        var other = hop
        other.resolver = .azure(network: "spoke")
        let meaning = Reason.Meaning.dangling
        func reason(_ hop: Hop?) -> Reason { Reason(answeredBy: hop, outcome: .address(ip("10.0.1.4")), meaning: meaning) }
        #expect(reason(hop) == reason(hop))
        #expect(reason(nil) == reason(nil))
        #expect(reason(hop) != reason(other))
        #expect(reason(hop) != reason(nil))
        #expect(reason(nil) != reason(hop))
        // Equal reasons hash alike (the writers' caches find one by the other).
        #expect(reason(hop).hashValue == reason(hop).hashValue)
    }
}
