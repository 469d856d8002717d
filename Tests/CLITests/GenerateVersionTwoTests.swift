import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import AmplsimTopology
import AmplsimZoneBridge
import Foundation
import Testing

// `generate` for MODEL.md version 2: data collection endpoints, addresses in the observed order,
// hosts files that map every name of each public chain. The topology loader does not read
// version-2 keys yet, so the world with DCEs is built in Swift and run through the same code as
// the command (ManualDNS, ManualDNSText, ZoneExport).

private let wsA = "aaaaaaaa-0000-4000-8000-00000000000a"
private let wsB = "bbbbbbbb-0000-4000-8000-00000000000b"

/// Hub 10.0.0.0/16, private endpoint pe-hub in 10.0.1.0/27 with manual DNS (no zone group), for
/// scope ampls-hub whose members are, in order: law-a (eastus), appi-a (eastus, stamp 2),
/// dce-linux (id q7lu, eastus), law-b (westeurope), dce-win (id ab12, westeurope).
private func dceWorld() -> World {
    let cidr: (String) -> CIDR = { text in
        guard case .success(let block) = CIDR.parse(text) else { preconditionFailure(text) }
        return block
    }
    let topology = Topology(
        networks: [Network(name: "hub", addressSpace: [cidr("10.0.0.0/16")])],
        workspaces: [Workspace(name: "law-a", id: wsA, region: "eastus"), Workspace(name: "law-b", id: wsB, region: "westeurope")],
        components: [Component(name: "appi-a", region: "eastus", stamp: 2)],
        dataCollectionEndpoints: [DataCollectionEndpoint(name: "dce-linux", id: "q7lu", region: "eastus"),
                                  DataCollectionEndpoint(name: "dce-win", id: "ab12", region: "westeurope")],
        scopes: [Scope(name: "ampls-hub", resources: ["law-a", "appi-a", "dce-linux", "law-b", "dce-win"])],
        privateEndpoints: [EndpointSpec(name: "pe-hub", network: "hub", subnet: cidr("10.0.1.0/27"), scope: "ampls-hub")])
    let (world, outcomes) = Timeline.finalWorld(of: topology)
    #expect(outcomes.allSatisfy { $0.refusal == nil })
    return world
}

/// The addresses of pe-hub, derived by hand from MODEL.md section 5 (version 2): keys in
/// allocation order, each the lowest free address of 10.0.1.0/27 from .4 (.0 to .3 reserved):
/// 1. workspace regions in order of first appearance: eastus (law-a) oms .4, ods .5,
///    agentsvc .6; westeurope (law-b) oms .7, ods .8, agentsvc .9;
/// 2. DCEs in member order: dce-linux handler.control .10, ingest .11, metrics.ingest .12;
///    dce-win .13, .14, .15;
/// 3. api .16, global.in.ai .17, profiler .18, live .19, diagservices-query .20, snapshot .21;
/// 4. scadvisorcontentpl .22; 5. global.handler.control .23;
/// 6. appi-a: eastus-2.in.ai .24, eastus.livediagnostics .25.
private let handAddresses: [String: String] = [
    "\(wsA).privatelink.oms.opinsights.azure.com": "10.0.1.4",
    "\(wsA).privatelink.ods.opinsights.azure.com": "10.0.1.5",
    "\(wsA).privatelink.agentsvc.azure-automation.net": "10.0.1.6",
    "\(wsB).privatelink.oms.opinsights.azure.com": "10.0.1.7",
    "\(wsB).privatelink.ods.opinsights.azure.com": "10.0.1.8",
    "\(wsB).privatelink.agentsvc.azure-automation.net": "10.0.1.9",
    "dce-linux-q7lu.eastus-1.handler.control.privatelink.monitor.azure.com": "10.0.1.10",
    "dce-linux-q7lu.eastus-1.ingest.privatelink.monitor.azure.com": "10.0.1.11",
    "dce-linux-q7lu.eastus-1.metrics.ingest.privatelink.monitor.azure.com": "10.0.1.12",
    "dce-win-ab12.westeurope-1.handler.control.privatelink.monitor.azure.com": "10.0.1.13",
    "dce-win-ab12.westeurope-1.ingest.privatelink.monitor.azure.com": "10.0.1.14",
    "dce-win-ab12.westeurope-1.metrics.ingest.privatelink.monitor.azure.com": "10.0.1.15",
    "api.privatelink.monitor.azure.com": "10.0.1.16",
    "global.in.ai.privatelink.monitor.azure.com": "10.0.1.17",
    "profiler.privatelink.monitor.azure.com": "10.0.1.18",
    "live.privatelink.monitor.azure.com": "10.0.1.19",
    "diagservices-query.privatelink.monitor.azure.com": "10.0.1.20",
    "snapshot.privatelink.monitor.azure.com": "10.0.1.21",
    "scadvisorcontentpl.privatelink.blob.core.windows.net": "10.0.1.22",
    "global.handler.control.privatelink.monitor.azure.com": "10.0.1.23",
    "eastus-2.in.ai.privatelink.monitor.azure.com": "10.0.1.24",
    "eastus.livediagnostics.privatelink.monitor.azure.com": "10.0.1.25",
]

/// The address lines of a hosts file: (address, name).
private func hostsLines(_ text: String) -> [(address: String, name: String)] {
    text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
    }
}

extension GenerateTests {
    @Test func dceZoneRecordsHoldTheirThreeNamesAtTheHandDerivedAddresses() throws {
        let dns = try #require(ManualDNS(world: dceWorld(), endpoint: "pe-hub"))
        // Every name the endpoint needs, one A record each, at the addresses derived above.
        let records = dns.zones.flatMap(\.entries).map { ($0.name.text, $0.address.description) }
        #expect(Dictionary(records, uniquingKeysWith: { a, _ in a }) == handAddresses)
        #expect(records.count == handAddresses.count)
        // MODEL.md 5's writing order in privatelink.monitor.azure.com: the seven shared names,
        // then each component's, then each DCE's three, in member order.
        let monitor = try #require(dns.zones.first { $0.zone.text == "privatelink.monitor.azure.com" })
        #expect(monitor.entries.map { $0.name.relative(to: monitor.zone) } == [
            "api", "global.in.ai", "profiler", "snapshot", "live", "diagservices-query", "global.handler.control",
            "eastus-2.in.ai", "eastus.livediagnostics",
            "dce-linux-q7lu.eastus-1.handler.control", "dce-linux-q7lu.eastus-1.ingest", "dce-linux-q7lu.eastus-1.metrics.ingest",
            "dce-win-ab12.westeurope-1.handler.control", "dce-win-ab12.westeurope-1.ingest", "dce-win-ab12.westeurope-1.metrics.ingest",
        ])
    }

    @Test func dceZoneFilesPassNamedCheckzoneAndKzonecheck() throws {
        let dns = try #require(ManualDNS(world: dceWorld(), endpoint: "pe-hub"))
        let folder = try temporaryFolder()
        #expect(dns.zones.count == 5)
        for zone in dns.zones {
            // The text `generate --kind bind` writes (GenerateCommand builds it the same way).
            let text = ZoneExport.text(zone: zone.zone, entries: zone.entries.map { ($0.name, $0.address) },
                                       header: ManualDNSText.header(dns), nameserver: DNSName(canonical: "localhost"))
            let path = folder.appendingPathComponent("\(zone.zone.text).zone").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let named = try check("named-checkzone", [zone.zone.text, path])
            #expect(named.0 == 0, "named-checkzone \(zone.zone.text): \(named.1)")
            let knot = try check("kzonecheck", ["-o", zone.zone.text, path])
            #expect(knot.0 == 0, "kzonecheck \(zone.zone.text): \(knot.1)")
        }
    }

    @Test func dceRoundTripIsPrivateAndAuditsClean() throws {
        // The generated zones, read back through ldns and linked to the endpoint's network, give
        // `private` for every row of every member, the DCEs' four endpoints included.
        try Self.roundTrip(dceWorld(), endpoint: "pe-hub")
    }

    @Test func hostsFileMapsEveryNameOfEachChain() throws {
        let dns = try #require(ManualDNS(world: dceWorld(), endpoint: "pe-hub"))
        let lines = hostsLines(ManualDNSText.hosts(dns))
        // MODEL.md 3's chains, every name of each at the address of the privatelink name it
        // ends in (handAddresses). A client may ask any of them: a CNAME target is a name.
        let pl = "privatelink.monitor.azure.com"
        let at = { (privatelink: String) in handAddresses[privatelink]! }
        var expected: [String: String] = [
            "api.loganalytics.io": at("api.\(pl)"), "api.applicationinsights.io": at("api.\(pl)"),
            "api.monitor.azure.com": at("api.\(pl)"), "api.\(pl)": at("api.\(pl)"),
            "dc.applicationinsights.azure.com": at("global.in.ai.\(pl)"),
            "global.in.ai.monitor.azure.com": at("global.in.ai.\(pl)"), "global.in.ai.\(pl)": at("global.in.ai.\(pl)"),
            "profiler.monitor.azure.com": at("profiler.\(pl)"), "profiler.\(pl)": at("profiler.\(pl)"),
            "snapshot.monitor.azure.com": at("snapshot.\(pl)"), "snapshot.\(pl)": at("snapshot.\(pl)"),
            "global.handler.control.monitor.azure.com": at("global.handler.control.\(pl)"),
            "global.handler.control.\(pl)": at("global.handler.control.\(pl)"),
            "scadvisorcontentpl.blob.core.windows.net": at("scadvisorcontentpl.privatelink.blob.core.windows.net"),
            "scadvisorcontentpl.privatelink.blob.core.windows.net": at("scadvisorcontentpl.privatelink.blob.core.windows.net"),
            "eastus-2.in.applicationinsights.azure.com": at("eastus-2.in.ai.\(pl)"),
            "eastus-2.in.ai.monitor.azure.com": at("eastus-2.in.ai.\(pl)"), "eastus-2.in.ai.\(pl)": at("eastus-2.in.ai.\(pl)"),
            "eastus.livediagnostics.monitor.azure.com": at("eastus.livediagnostics.\(pl)"),
            "eastus.livediagnostics.\(pl)": at("eastus.livediagnostics.\(pl)"),
        ]
        for ws in [wsA, wsB] {
            for (service, domain) in [("ods", "opinsights.azure.com"), ("oms", "opinsights.azure.com"), ("agentsvc", "azure-automation.net")] {
                let privatelink = "\(ws).privatelink.\(service).\(domain)"
                expected["\(ws).\(service).\(domain)"] = at(privatelink)
                expected[privatelink] = at(privatelink)
            }
        }
        for stem in ["dce-linux-q7lu.eastus-1", "dce-win-ab12.westeurope-1"] {
            for service in ["handler.control", "ingest", "metrics.ingest"] {
                let privatelink = "\(stem).\(service).\(pl)"
                expected["\(stem).\(service).monitor.azure.com"] = at(privatelink)
                expected[privatelink] = at(privatelink)
            }
        }
        // Exactly these, each name once (live. and diagservices-query. are no client's chain).
        #expect(Dictionary(lines.map { ($0.name, $0.address) }, uniquingKeysWith: { a, _ in a }) == expected)
        #expect(lines.count == expected.count)
        // The shared names first, then one group per member, in member order.
        #expect(dns.hostsGroups.map(\.title) == [
            "shared Azure Monitor endpoints (every resource)", "workspace law-a", "component appi-a",
            "data collection endpoint dce-linux", "workspace law-b", "data collection endpoint dce-win",
        ])
    }

    @Test func dceHostsAddressesLieInTheEndpointSubnet() throws {
        let dns = try #require(ManualDNS(world: dceWorld(), endpoint: "pe-hub"))
        let lines = hostsLines(ManualDNSText.hosts(dns))
        #expect(!lines.isEmpty)
        for line in lines {
            let address = try #require(IPv4Address(line.address), "\(line)")
            #expect(dns.endpoint.spec.subnet.contains(address), "\(line.name) -> \(line.address)")
        }
    }

    /// Every address of every hosts file `generate` writes for the bundled topologies lies in the
    /// endpoint's subnet: a hosts file never sends a client to a public address.
    @Test(arguments: endpoints.map { "\($0.fixture)#\($0.endpoint)" })
    func hostsAddressesLieInTheEndpointSubnet(_ item: String) throws {
        let parts = item.split(separator: "#").map(String.init)
        let folder = try temporaryFolder().appendingPathComponent("out").path
        let run = try amplsim("generate", fixture("topologies/\(parts[0])"), "--endpoint", parts[1], "--out", folder, "--kind", "hosts")
        #expect(run.status == 0, "\(run.stderr)")
        let topology = try TopologyLoader().load(path: fixture("topologies/\(parts[0])"))
        let subnet = try #require(Timeline.finalWorld(of: topology).world.endpoint(EndpointID(parts[1]))?.spec.subnet)
        let lines = hostsLines(try String(contentsOfFile: "\(folder)/hosts", encoding: .utf8))
        #expect(!lines.isEmpty)
        for line in lines {
            let address = try #require(IPv4Address(line.address), "\(line)")
            #expect(subnet.contains(address), "\(parts[0]) \(parts[1]): \(line.name) -> \(line.address) outside \(subnet)")
        }
    }
}
