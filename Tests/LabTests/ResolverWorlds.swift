import AmplsimEngine
import AmplsimLab
import AmplsimRender
import Testing

// Worlds of MODEL.md version 2 built in Swift (DNS Private Resolver, forwarding rulesets, DNS
// by address, server flavors, gateway transit), for the lab tests.

func ip(_ text: String) -> IPv4Address {
    guard let address = IPv4Address(text) else { preconditionFailure("bad test address \(text)") }
    return address
}

func dn(_ text: String) -> DNSName {
    if text == "." { return DNSName(canonical: "") }
    guard let name = DNSName(text) else { preconditionFailure("bad test name \(text)") }
    return name
}

func cidr(_ text: String) -> CIDR {
    guard case .success(let block) = CIDR.parse(text) else { preconditionFailure("bad test CIDR \(text)") }
    return block
}

func rule(_ domain: String, _ targets: String..., enabled: Bool = true) -> ForwardingRule {
    ForwardingRule(domain: dn(domain), targets: targets.map(ip), enabled: enabled)
}

/// The workspace of the resolver worlds (eastus).
let labWorkspace = "2497b122-367b-493e-9c7d-8081ad4e8713"

/// The five AMPLS zones, ids `hub-monitor` ... `hub-blob`, linked to `links`.
func hubZones(links: [NetworkID]) -> [Zone] {
    [("monitor", "privatelink.monitor.azure.com"), ("oms", "privatelink.oms.opinsights.azure.com"),
     ("ods", "privatelink.ods.opinsights.azure.com"), ("agentsvc", "privatelink.agentsvc.azure-automation.net"),
     ("blob", "privatelink.blob.core.windows.net")].map {
        Zone(id: "hub-\($0.0)", name: dn($0.1), links: links.map { ZoneLink(network: $0) })
    }
}

/// A hub VNet (10.0.0.0/16, network 1) with the resolver `hub-resolver` (inbound endpoint
/// 10.0.0.4) and the five zones linked to the hub only; workspace `law` (eastus), component `appi`
/// (westeurope, stamp 5) and DCE `dce-linux` (id q7lu, eastus) in scope `ampls`, whose endpoint
/// `pe-hub` (subnet 10.0.1.0/24) writes the five zones. The hub is peered with every VNet of
/// `spokes`, connected to every on-premises network of it, and has gateway transit.
func resolverHub(spokes: [Network], servers: [DNSServer] = [], rulesets: [ForwardingRuleset] = [],
                 resolvers: [DNSResolver] = [], zones: [Zone] = []) -> World {
    let hub = Network(name: "hub", addressSpace: [cidr("10.0.0.0/16")],
                      peerings: spokes.filter { $0.kind == .vnet }.map(\.name),
                      connections: spokes.filter { $0.kind == .onprem }.map(\.name), gatewayTransit: true)
    let topology = Topology(
        networks: [hub] + spokes,
        dnsServers: servers,
        zones: hubZones(links: ["hub"]) + zones,
        workspaces: [Workspace(name: "law", id: labWorkspace, region: "eastus")],
        components: [Component(name: "appi", region: "westeurope", stamp: 5)],
        dataCollectionEndpoints: [DataCollectionEndpoint(name: "dce-linux", id: "q7lu", region: "eastus")],
        dnsResolvers: [DNSResolver(name: "hub-resolver", network: "hub", inbound: [ip("10.0.0.4")])] + resolvers,
        forwardingRulesets: rulesets,
        scopes: [Scope(name: "ampls", resources: ["law", "appi", "dce-linux"])],
        privateEndpoints: [EndpointSpec(name: "pe-hub", network: "hub", subnet: cidr("10.0.1.0/24"), scope: "ampls",
                                        dnsZones: ["hub-monitor", "hub-oms", "hub-ods", "hub-agentsvc", "hub-blob"])])
    let (world, outcomes) = Timeline.finalWorld(of: topology)
    for outcome in outcomes where outcome.refusal != nil {
        Issue.record("step \(outcome.index) refused: \(outcome.refusal!.message)")
    }
    return world
}

/// The lab world of the run test, network by network (positions from 1):
/// 1. hub: as `resolverHub`, on Azure DNS.
/// 2. spoke-a (10.1.0.0/16): DNS 10.0.0.4, the hub's inbound endpoint.
/// 3. spoke-b (10.2.0.0/16): Azure DNS, with ruleset `spoke-rules`: monitor.azure.com → 10.0.0.4.
/// 4. spoke-c (10.3.0.0/16): Azure DNS, with ruleset `all`: `.` → 10.0.0.4.
/// 5. onprem (192.168.0.0/16, connected to the hub): DNS server `corp-dns` (windows, 192.168.0.10),
///    which forwards loganalytics.io to `corp-upstream`, applicationinsights.io to 192.168.0.11
///    (corp-upstream's address) and privatelink.monitor.azure.com to 10.0.0.4, and recurses for
///    the rest. `corp-upstream` (bind) forwards applicationinsights.io to `dark-dns` and recurses
///    for the rest.
/// 6. dark (10.5.0.0/16, no internet egress): Azure DNS; `dark-dns` (10.5.0.10) hosts
///    applicationinsights.io (api CNAME api.monitor.azure.com) and recurses, which it cannot.
/// onprem reaches dark through the hub's gateway (in by the connection, out by a peering).
func resolverLabWorld() -> World {
    let spokes = [
        Network(name: "spoke-a", addressSpace: [cidr("10.1.0.0/16")], dns: .address(ip("10.0.0.4")), peerings: ["hub"]),
        Network(name: "spoke-b", addressSpace: [cidr("10.2.0.0/16")], peerings: ["hub"]),
        Network(name: "spoke-c", addressSpace: [cidr("10.3.0.0/16")], peerings: ["hub"]),
        Network(name: "onprem", kind: .onprem, addressSpace: [cidr("192.168.0.0/16")], dns: .server("corp-dns"), connections: ["hub"]),
        Network(name: "dark", addressSpace: [cidr("10.5.0.0/16")], peerings: ["hub"], internetEgress: false),
    ]
    let servers = [
        DNSServer(name: "corp-dns", network: "onprem",
                  forwarders: [Forwarder(domain: dn("loganalytics.io"), target: .server("corp-upstream")),
                               Forwarder(domain: dn("applicationinsights.io"), target: .address(ip("192.168.0.11"))),
                               Forwarder(domain: dn("privatelink.monitor.azure.com"), target: .address(ip("10.0.0.4")))],
                  address: ip("192.168.0.10"), flavor: .windows),
        DNSServer(name: "corp-upstream", network: "onprem",
                  forwarders: [Forwarder(domain: dn("applicationinsights.io"), target: .server("dark-dns"))],
                  address: ip("192.168.0.11")),
        DNSServer(name: "dark-dns", network: "dark", zones: ["dark-ai"], address: ip("10.5.0.10")),
    ]
    let rulesets = [
        ForwardingRuleset(name: "spoke-rules", resolver: "hub-resolver", links: ["spoke-b"], rules: [rule("monitor.azure.com", "10.0.0.4")]),
        ForwardingRuleset(name: "all", resolver: "hub-resolver", links: ["spoke-c"], rules: [rule(".", "10.0.0.4")]),
    ]
    let darkZone = Zone(id: "dark-ai", name: dn("applicationinsights.io"),
                        records: [Record(name: dn("api.applicationinsights.io"), value: .cname(dn("api.monitor.azure.com")))])
    return resolverHub(spokes: spokes, servers: servers, rulesets: rulesets, zones: [darkZone])
}

/// A world's lab configuration with the export's default ports (5300 and up).
func configuration(_ world: World, directory: String = "/lab") throws -> LabConfiguration {
    let layout = try LabLayout(world: world)
    let ports = try #require(LabPorts.sequential(from: 5300, servers: layout.servers.map(\.name)))
    return LabConfiguration(layout: layout, ports: ports, directory: directory)
}
