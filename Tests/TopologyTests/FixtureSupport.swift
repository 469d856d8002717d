import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// A scenario fixture from `Fixtures/topologies/`, loaded, run through its timeline and judged.
///
/// Every expected value in the scenario tests is worked out by hand from MODEL.md and the seed
/// document; this type only loads and evaluates, it never supplies an expectation.
struct Fixture {
    let topology: Topology
    let world: World
    let outcomes: [StepOutcome]
    let simulation: Simulation
    let rows: [Row]

    /// The path of `Fixtures/topologies/<name>`.
    static func path(_ name: String) -> String { fixture("topologies/\(name)") }

    /// Reads `Fixtures/topologies/<name>` without evaluating it (to edit it in a test first).
    static func topology(_ name: String) throws -> Topology {
        try TopologyLoader().load(path: Fixture.path(name))
    }

    /// Loads `Fixtures/topologies/<name>` (e.g. "single-vnet.yaml").
    init(_ name: String) throws {
        self.init(topology: try Fixture.topology(name))
    }

    /// Evaluates an already loaded (possibly edited) topology.
    init(topology: Topology) {
        self.topology = topology
        let (world, outcomes) = Timeline.finalWorld(of: topology)
        self.world = world
        self.outcomes = outcomes
        self.simulation = Simulation(world: world)
        self.rows = simulation.rows()
    }

    /// True when no creation or step of the timeline was refused.
    var nothingRefused: Bool { outcomes.allSatisfy { $0.refusal == nil } }

    /// The row of (network, resource, endpoint), if the matrix has one.
    func row(_ network: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind) -> Row? {
        rows.first { $0.network == network && $0.resource == resource && $0.endpoint == endpoint }
    }

    /// Every row of one network and one resource, in endpoint order.
    func rows(_ network: NetworkID, _ resource: ResourceID) -> [Row] {
        rows.filter { $0.network == network && $0.resource == resource }
    }

    /// The addresses a private endpoint holds, keyed by record FQDN text.
    func addresses(of endpoint: EndpointID) -> [String: String] {
        var result: [String: String] = [:]
        for (name, address) in world.endpoint(endpoint)?.addresses ?? [:] { result[name.text] = address.description }
        return result
    }

    /// The first A record at `name` in zone `zone` (by id), as text.
    func aRecord(_ zone: ZoneID, _ name: String) -> String? {
        guard let set = world.contents[zone]?.recordSet(DNSName(stringLiteral: name), "A"),
              case .a(let address) = set.first?.value else { return nil }
        return address.description
    }

    /// True for an answer that is a public address: not RFC 1918, not in any network's space.
    func isPublicAddress(_ address: IPv4Address?) -> Bool {
        guard let address else { return false }
        if IPv4Address.rfc1918.contains(where: { $0.contains(address) }) { return false }
        return !world.networks.contains { $0.owns(address) }
    }

    /// Checks one row's status, `via` and, when given, its answer and chain.
    func expect(
        _ network: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind,
        _ status: Status, via: EndpointID?, answer: String? = nil, chain: [String]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let row = row(network, resource, endpoint) else {
            Issue.record("no row for \(network) / \(resource) / \(endpoint.rawValue)", sourceLocation: sourceLocation)
            return
        }
        let label = "\(network) / \(resource) / \(endpoint.rawValue): \(row.detail)"
        #expect(row.status == status, "\(label)", sourceLocation: sourceLocation)
        #expect(row.via == via, "\(label)", sourceLocation: sourceLocation)
        if let answer {
            #expect(row.answer?.description == answer, "\(label)", sourceLocation: sourceLocation)
        }
        if let chain {
            #expect(row.resolution.chain.map(\.text) == chain, "\(label)", sourceLocation: sourceLocation)
        }
    }

    /// Checks a row that should end at a public address (status `public`, `public-denied` or
    /// `egress-blocked` without a private endpoint): `via` is null and the answer is public.
    func expectPublicAnswer(
        _ network: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind, _ status: Status = .public,
        chain: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expect(network, resource, endpoint, status, via: nil, chain: chain, sourceLocation: sourceLocation)
        if let row = row(network, resource, endpoint) {
            #expect(isPublicAddress(row.answer), "\(network) / \(resource) / \(endpoint.rawValue): \(row.detail)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// The workspace endpoints and the component endpoints, in MODEL.md section 2's order.
let workspaceEndpoints: [EndpointKind] = [.ods, .oms, .agentsvc, .query]
let componentEndpoints: [EndpointKind] = [.ingest, .ingestRegional, .live, .profiler, .snapshot, .query]
let componentSharedIngestion: [EndpointKind] = [.ingest, .ingestRegional, .live, .profiler, .snapshot]
