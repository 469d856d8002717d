import AmplsimEngine
import AmplsimRender
import Testing

/// Fixtures/topologies/access-modes.yaml: scope access modes, an exclusion, the resources' public
/// flags and a network without internet egress.
///
/// Hand derivation (MODEL.md):
/// - Section 5 (v2) allocation by address key, identical in each PE's own subnet (scope members
///   law-core, appi-core for both scopes): law-core's region eastus oms .4, ods .5, agentsvc .6;
///   api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11, snapshot .12;
///   scadvisorcontentpl .13; global.handler.control .14; appi-core's eastus-1.in.ai .15,
///   eastus.livediagnostics .16. Each PE writes into its own network's five zones: no override.
/// - Every component is eastus, stamp 1, so even the regional names of the out-of-scope
///   components resolve to the PE of the network's zones.
/// - Section 3: law-locked is in no scope: its three CNAMEs are unpublished, its client names
///   answer public addresses directly.
/// - Section 6, in the table's order: a PE's address -> member? private; resource-specific and
///   not a member -> not-in-scope; the scope's mode for the category through that PE (after
///   exclusions) PrivateOnly -> not-in-scope; Open -> public if the resource allows public
///   traffic of that category, else public-denied; all via the PE. A public address -> no egress?
///   egress-blocked; resource denies public -> public-denied; else public; via null.
@Suite("access-modes.yaml: Open vs PrivateOnly, exclusions, public flags, egress")
struct AccessModesTests {
    let f: Fixture

    init() throws { f = try Fixture("access-modes.yaml") }

    @Test("all three endpoints are created without refusal")
    func nothingRefused() {
        #expect(f.nothingRefused)
        #expect(f.world.endpoints.map(\.name) == ["pe-open", "pe-strict", "pe-excluded"])
    }

    @Test("scope members are private through every PE of their scopes")
    func membersPrivate() {
        for (network, pe, net) in [("vnet-open", "pe-open", "10.0.1"), ("vnet-strict", "pe-strict", "10.0.2"),
                                   ("vnet-excluded", "pe-excluded", "10.0.3")] {
            for endpoint in workspaceEndpoints { f.expect(NetworkID(network), "law-core", endpoint, .private, via: EndpointID(pe)) }
            for endpoint in componentEndpoints { f.expect(NetworkID(network), "appi-core", endpoint, .private, via: EndpointID(pe)) }
            f.expect(NetworkID(network), "law-core", .ods, .private, via: EndpointID(pe), answer: "\(net).5")
            f.expect(NetworkID(network), "appi-core", .ingest, .private, via: EndpointID(pe), answer: "\(net).8")
        }
    }

    @Test("through an Open scope, outside components go public if they allow it, else public-denied")
    func openScope() {
        // ampls-open: ingestion Open, query Open.
        // appi-partner-open allows public ingestion and query: public, via pe-open.
        for endpoint in componentEndpoints {
            f.expect("vnet-open", "appi-partner-open", endpoint, .public, via: "pe-open")
        }
        f.expect("vnet-open", "appi-partner-open", .ingest, .public, via: "pe-open", answer: "10.0.1.8")
        // appi-partner-closed denies public ingestion: its ingestion endpoints are public-denied;
        // it allows public query: its query is public. All via pe-open.
        for endpoint in componentSharedIngestion {
            f.expect("vnet-open", "appi-partner-closed", endpoint, .publicDenied, via: "pe-open")
        }
        f.expect("vnet-open", "appi-partner-closed", .query, .public, via: "pe-open", answer: "10.0.1.7")
        // law-locked's query (shared api name) reaches pe-open; Open, but it denies public query.
        f.expect("vnet-open", "law-locked", .query, .publicDenied, via: "pe-open", answer: "10.0.1.7")
        // law-locked's own names are unpublished CNAMEs: public address, ingestion allowed: public.
        for endpoint in [EndpointKind.ods, .oms, .agentsvc] {
            f.expectPublicAnswer("vnet-open", "law-locked", endpoint)
        }
    }

    @Test("through a PrivateOnly scope, the same outside resources are not-in-scope")
    func privateOnlyScope() {
        // ampls-strict is PrivateOnly for both categories; pe-strict has no exclusion.
        for resource: ResourceID in ["appi-partner-open", "appi-partner-closed"] {
            for endpoint in componentEndpoints {
                f.expect("vnet-strict", resource, endpoint, .notInScope, via: "pe-strict")
            }
        }
        f.expect("vnet-strict", "law-locked", .query, .notInScope, via: "pe-strict", answer: "10.0.2.7")
        for endpoint in [EndpointKind.ods, .oms, .agentsvc] {
            f.expectPublicAnswer("vnet-strict", "law-locked", endpoint)
        }
    }

    @Test("an exclusion opens ingestion through one endpoint of a PrivateOnly scope")
    func exclusion() {
        // ampls-strict's exclusion for pe-excluded sets ingestion Open and leaves query PrivateOnly.
        for endpoint in componentSharedIngestion {
            f.expect("vnet-excluded", "appi-partner-open", endpoint, .public, via: "pe-excluded")
            f.expect("vnet-excluded", "appi-partner-closed", endpoint, .publicDenied, via: "pe-excluded")
        }
        f.expect("vnet-excluded", "appi-partner-open", .ingest, .public, via: "pe-excluded", answer: "10.0.3.8")
        f.expect("vnet-excluded", "appi-partner-open", .query, .notInScope, via: "pe-excluded", answer: "10.0.3.7")
        f.expect("vnet-excluded", "appi-partner-closed", .query, .notInScope, via: "pe-excluded")
        f.expect("vnet-excluded", "law-locked", .query, .notInScope, via: "pe-excluded")
        // The exclusion applies to pe-excluded only: the same scope's pe-strict stays PrivateOnly
        // (checked in privateOnlyScope).
    }

    @Test("over public DNS, the resources' public flags decide")
    func publicFlags() {
        // vnet-public links no zone: every chain ends in a public address; it has egress.
        for endpoint in componentEndpoints { f.expectPublicAnswer("vnet-public", "appi-partner-open", endpoint) }
        for endpoint in componentSharedIngestion {
            f.expectPublicAnswer("vnet-public", "appi-partner-closed", endpoint, .publicDenied)
        }
        f.expectPublicAnswer("vnet-public", "appi-partner-closed", .query)
        // law-locked denies public query: its query over public DNS is public-denied (via null);
        // its ingestion is allowed.
        f.expectPublicAnswer("vnet-public", "law-locked", .query, .publicDenied,
                             chain: ["api.loganalytics.io", "api.monitor.azure.com", "api.privatelink.monitor.azure.com"])
        for endpoint in [EndpointKind.ods, .oms, .agentsvc] {
            f.expectPublicAnswer("vnet-public", "law-locked", endpoint)
        }
        // Scope members are public too from a network without private DNS (they allow it).
        for endpoint in workspaceEndpoints { f.expectPublicAnswer("vnet-public", "law-core", endpoint) }
        for endpoint in componentEndpoints { f.expectPublicAnswer("vnet-public", "appi-core", endpoint) }
    }

    @Test("a network without internet egress is egress-blocked on every public answer")
    func egressBlocked() {
        // vnet-locked's Azure DNS still resolves (it is the platform's), but every answer is a
        // public address and the network has no egress: egress-blocked, checked before the
        // resource's public flags (law-locked's query is egress-blocked, not public-denied).
        let rows = f.rows.filter { $0.network == "vnet-locked" }
        #expect(rows.count == 2 * 4 + 3 * 6)
        for row in rows {
            #expect(row.status == .egressBlocked, "\(row.resource) / \(row.endpoint.rawValue): \(row.detail)")
            #expect(row.via == nil)
            #expect(f.isPublicAddress(row.answer))
        }
    }
}
