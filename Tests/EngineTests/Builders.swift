import Testing
@testable import AmplsimEngine
import AmplsimRender

// Small builders for engine tests: every world is made in Swift, no files.

/// Workspace GUIDs used across the suites.
let WS1 = "11111111-1111-4111-8111-111111111111"
let WS2 = "22222222-2222-4222-8222-222222222222"
let WS3 = "33333333-3333-4333-8333-333333333333"
let WS4 = "44444444-4444-4444-8444-444444444444"

/// The five zone names of MODEL.md section 5.
enum PL {
    static let monitor = "privatelink.monitor.azure.com"
    static let oms = "privatelink.oms.opinsights.azure.com"
    static let ods = "privatelink.ods.opinsights.azure.com"
    static let agentsvc = "privatelink.agentsvc.azure-automation.net"
    static let blob = "privatelink.blob.core.windows.net"
}

/// The seven fixed monitor labels, in the order an endpoint writes them.
let monitorLabels = ["api", "global.in.ai", "profiler", "snapshot", "live", "diagservices-query", "global.handler.control"]

func ip(_ text: String) -> IPv4Address {
    guard let address = IPv4Address(text) else { preconditionFailure("bad test address \(text)") }
    return address
}

func cidr(_ text: String) -> CIDR {
    switch CIDR.parse(text) {
    case .success(let block): return block
    case .failure: preconditionFailure("bad test CIDR \(text)")
    }
}

func dn(_ text: String) -> DNSName {
    guard let name = DNSName(text) else { preconditionFailure("bad test name \(text)") }
    return name
}

func vnet(_ name: NetworkID, _ spaces: String..., dns: DNSSetting = .azure, peerings: [NetworkID] = [],
          connections: [NetworkID] = [], transit: Bool = false, egress: Bool = true,
          hosts: [String: String] = [:]) -> Network {
    Network(name: name, kind: .vnet, addressSpace: spaces.map(cidr), dns: dns, peerings: peerings,
            connections: connections, transit: transit, internetEgress: egress,
            hosts: Dictionary(uniqueKeysWithValues: hosts.map { (dn($0.key), ip($0.value)) }))
}

func onprem(_ name: NetworkID, _ spaces: String..., dns: DNSSetting = .azure, peerings: [NetworkID] = [],
            connections: [NetworkID] = [], transit: Bool = false, egress: Bool = true) -> Network {
    Network(name: name, kind: .onprem, addressSpace: spaces.map(cidr), dns: dns, peerings: peerings,
            connections: connections, transit: transit, internetEgress: egress)
}

func A(_ name: String, _ address: String) -> Record { Record(name: dn(name), value: .a(ip(address))) }
func CNAME(_ name: String, _ target: String) -> Record { Record(name: dn(name), value: .cname(dn(target))) }
func TXT(_ name: String, _ text: String = "\"x\"") -> Record { Record(name: dn(name), value: .other(type: "TXT", data: text)) }

func zone(_ id: ZoneID, _ name: String, links: [NetworkID] = [], fallback: [NetworkID] = [], records: [Record] = []) -> Zone {
    Zone(id: id, name: dn(name),
         links: links.map { ZoneLink(network: $0, fallbackToInternet: false) }
             + fallback.map { ZoneLink(network: $0, fallbackToInternet: true) },
         records: records)
}

/// The five AMPLS zones with ids `<prefix>-monitor`, `-oms`, `-ods`, `-agentsvc`, `-blob`.
func amplsZones(_ prefix: String, links: [NetworkID] = [], fallback: [NetworkID] = []) -> [Zone] {
    [("monitor", PL.monitor), ("oms", PL.oms), ("ods", PL.ods), ("agentsvc", PL.agentsvc), ("blob", PL.blob)].map {
        zone(ZoneID("\(prefix)-\($0.0)"), $0.1, links: links, fallback: fallback)
    }
}

/// The ids of `amplsZones(prefix)`.
func amplsZoneIDs(_ prefix: String) -> [ZoneID] {
    ["monitor", "oms", "ods", "agentsvc", "blob"].map { ZoneID("\(prefix)-\($0)") }
}

func ws(_ name: ResourceID, _ id: String, ingestion: Bool = true, query: Bool = true) -> Workspace {
    Workspace(name: name, id: id, region: "eastus", publicIngestion: ingestion, publicQuery: query)
}

func app(_ name: ResourceID, _ region: String = "eastus", stamp: Int = 0, suffix: String? = nil,
         ingestion: Bool = true, query: Bool = true) -> Component {
    Component(name: name, region: region, stamp: stamp, endpointSuffix: suffix.map(dn),
              publicIngestion: ingestion, publicQuery: query)
}

func scope(_ name: ScopeID, _ members: [ResourceID], ingestion: AccessMode = .privateOnly,
           query: AccessMode = .privateOnly, exclusions: [Exclusion] = []) -> Scope {
    Scope(name: name, resources: members, ingestionAccessMode: ingestion, queryAccessMode: query, exclusions: exclusions)
}

func pe(_ name: EndpointID, _ network: NetworkID, _ subnet: String, scope: ScopeID, zones: [ZoneID] = [],
        fixed: [String: String] = [:]) -> EndpointSpec {
    EndpointSpec(name: name, network: network, subnet: cidr(subnet), scope: scope, dnsZones: zones,
                 addresses: Dictionary(uniqueKeysWithValues: fixed.map { (dn($0.key), ip($0.value)) }))
}

/// The world after the topology's timeline; every creation and step must have been accepted.
func build(_ topology: Topology, sourceLocation: SourceLocation = #_sourceLocation) -> World {
    let (world, outcomes) = Timeline.finalWorld(of: topology)
    for outcome in outcomes where outcome.refusal != nil {
        Issue.record("step \(outcome.index) (\(outcome.step.step.keyword)) refused: \(outcome.refusal!.message)",
                     sourceLocation: sourceLocation)
    }
    return world
}

/// Resolves `name` from `network` in `world`.
func resolve(_ world: World, _ name: String, from network: NetworkID) -> Resolution {
    Resolver(world: world).resolve(dn(name), from: network)
}

/// The matrix of `world`.
func rows(_ world: World) -> [Row] { Simulation(world: world).rows() }

/// One row of a matrix.
func row(_ rows: [Row], _ network: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind,
         sourceLocation: SourceLocation = #_sourceLocation) -> Row? {
    let found = rows.first { $0.network == network && $0.resource == resource && $0.endpoint == endpoint }
    if found == nil { Issue.record("no row \(network)/\(resource)/\(endpoint)", sourceLocation: sourceLocation) }
    return found
}

/// The addresses of the A record set at `name` in zone `id`, in record order; nil when absent.
func aSet(_ world: World, _ id: ZoneID, _ name: String) -> [IPv4Address]? {
    world.contents[id]?.recordSet(dn(name), "A")?.compactMap {
        if case .a(let address) = $0.value { return address }
        return nil
    }
}

/// The single address of the A record set at `name` in zone `id`.
func aRecord(_ world: World, _ id: ZoneID, _ name: String) -> IPv4Address? { aSet(world, id, name)?.first }

/// A snapshot of everything a refused step must leave unchanged.
struct WorldSnapshot: Equatable {
    var endpoints: [EndpointState]
    var owners: [IPv4Address: EndpointID]
    var scopes: [Scope]
    var zones: [Zone]
    var records: [ZoneID: [Record]]
    var networks: [Network]
    var adjacency: [NetworkPair: LinkKind]
    var deleted: Set<ResourceID>
    var rows: [Row]

    init(_ world: World) {
        endpoints = world.endpoints
        owners = world.owners
        scopes = world.scopes
        zones = world.zones
        records = world.contents.mapValues(\.records)
        networks = world.networks
        adjacency = world.adjacency
        deleted = world.deletedResources
        rows = Simulation(world: world).rows()
    }
}

/// Applies `step`, expects a refusal whose message names `mentioning`, and expects no change.
@discardableResult
func expectRefused(_ world: inout World, _ step: Step, mentioning: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) -> Refusal? {
    let before = WorldSnapshot(world)
    let refusal = world.apply(step)
    #expect(refusal != nil, "step \(step.keyword) should be refused", sourceLocation: sourceLocation)
    if let mentioning, let refusal {
        #expect(refusal.message.contains(mentioning), "message «\(refusal.message)» should name \(mentioning)",
                sourceLocation: sourceLocation)
    }
    #expect(WorldSnapshot(world) == before, "a refused step changes nothing", sourceLocation: sourceLocation)
    return refusal
}

/// Applies `step` and expects it accepted.
func expectAccepted(_ world: inout World, _ step: Step, sourceLocation: SourceLocation = #_sourceLocation) {
    let refusal = world.apply(step)
    #expect(refusal == nil, "step \(step.keyword) refused: \(refusal?.message ?? "")", sourceLocation: sourceLocation)
}

/// True for an address in RFC 1918's ranges.
func isRFC1918(_ address: IPv4Address) -> Bool {
    [cidr("10.0.0.0/8"), cidr("172.16.0.0/12"), cidr("192.168.0.0/16")].contains { $0.contains(address) }
}
