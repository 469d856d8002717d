import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import AmplsimTopology
import AmplsimZoneBridge
import AmplsimZoneFile
import Foundation
import Testing

/// `amplsim generate`: zone files that real servers accept, a round trip through audit and
/// simulate, exact text pinned by golden files, and files never overwritten by accident.
@Suite struct GenerateTests {
    /// Every private endpoint that exists after each bundled topology's timeline.
    static let endpoints: [(fixture: String, endpoint: String)] = {
        let folder = packageRoot.appendingPathComponent("Fixtures/topologies")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return names.flatMap { name -> [(String, String)] in
            guard let topology = try? TopologyLoader().load(path: folder.appendingPathComponent(name).path) else { return [] }
            return Timeline.finalWorld(of: topology).world.endpoints.map { (name, $0.name.name) }
        }
    }()

    @Test func everyFixtureHasEndpoints() {
        #expect(Self.endpoints.count >= 10)
    }

    /// Runs a zone checker; returns its exit status and output.
    func check(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let candidates = ["/usr/bin/\(tool)", "/usr/sbin/\(tool)", "/usr/local/bin/\(tool)"]
        let path = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                "\(tool) is not installed: make test installs bind9-utils and knot-dnssecutils")
        let run = try runProcess(URL(fileURLWithPath: path), arguments)
        return (run.status, run.stdout + run.stderr)
    }

    @Test(arguments: endpoints.map { "\($0.fixture)#\($0.endpoint)" })
    func bindFilesPassNamedCheckzoneAndKzonecheck(_ item: String) throws {
        let parts = item.split(separator: "#").map(String.init)
        let folder = try temporaryFolder().appendingPathComponent("out").path
        let run = try amplsim("generate", fixture("topologies/\(parts[0])"), "--endpoint", parts[1], "--out", folder, "--kind", "bind",
                              "--suffix", "internal.monitor.azure.com")
        #expect(run.status == 0, "\(run.stderr)")
        let zones = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".zone") }.sorted()
        #expect(zones.contains("privatelink.monitor.azure.com.zone"))
        #expect(zones.contains("internal.monitor.azure.com.zone"))
        for file in zones {
            let origin = String(file.dropLast(".zone".count))
            let path = "\(folder)/\(file)"
            let named = try check("named-checkzone", [origin, path])
            #expect(named.0 == 0, "named-checkzone \(file): \(named.1)")
            let knot = try check("kzonecheck", ["-o", origin, path])
            #expect(knot.0 == 0, "kzonecheck \(file): \(knot.1)")
        }
    }

    /// A generated set, attached to a topology as zone files, audits clean and gives `private`
    /// for every member of the endpoint's scope from the endpoint's network.
    @Test(arguments: endpoints.map { "\($0.fixture)#\($0.endpoint)" })
    func roundTrip(_ item: String) throws {
        let parts = item.split(separator: "#").map(String.init)
        let topology = try TopologyLoader().load(path: fixture("topologies/\(parts[0])"))
        try Self.roundTrip(Timeline.finalWorld(of: topology).world, endpoint: parts[1])
    }

    /// The round trip of one endpoint of `world` (see `roundTrip(_:)`).
    static func roundTrip(_ world: World, endpoint: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dns = try #require(ManualDNS(world: world, endpoint: EndpointID(endpoint)), sourceLocation: sourceLocation)
        let spec = dns.endpoint.spec
        let home = try #require(world.network(spec.network))

        // The generated text, read back through the zone reader (ldns), as a user would load it.
        var zones: [Zone] = []
        func attach(_ zone: DNSName, _ entries: [ManualDNS.Entry]) throws {
            let text = ZoneExport.text(zone: zone, entries: entries.map { ($0.name, $0.address) }, header: ManualDNSText.header(dns))
            let contents = ZoneFileReader(origin: zone.absolute).read(text: text, path: "\(zone.text).zone")
            #expect(contents.errors.isEmpty, "\(contents.errors)")
            let records = try ZoneImport.records(contents.records, zone: zone, path: "\(zone.text).zone")
            zones.append(Zone(id: "gen-\(zone.text)", name: zone, links: [ZoneLink(network: home.name)], records: records))
        }
        for zone in dns.zones { try attach(zone.zone, zone.entries) }
        for suffix in Set(dns.members.compactMap { if case .component(let c) = $0 { return c.endpointSuffix } else { return nil } }) {
            try attach(suffix, dns.suffixEntries(suffix))
        }

        let workspaces = dns.members.compactMap { if case .workspace(let w) = $0 { return w } else { return nil } }
        let components = dns.members.compactMap { if case .component(let c) = $0 { return c } else { return nil } }
        let dces = dns.members.compactMap { if case .dce(let d) = $0 { return d } else { return nil } }
        var network = home
        network.peerings = []
        network.connections = []
        network.hosts = [:]
        network.dns = .azure
        let manual = EndpointSpec(name: spec.name, network: home.name, subnet: spec.subnet, scope: dns.scope.name,
                                  dnsZones: [], addresses: dns.endpoint.addresses)
        var scope = dns.scope
        scope.exclusions = []
        let derived = Topology(networks: [network], zones: zones, workspaces: workspaces, components: components,
                               dataCollectionEndpoints: dces, scopes: [scope], privateEndpoints: [manual])
        let (after, outcomes) = Timeline.finalWorld(of: derived)
        #expect(outcomes.allSatisfy { $0.refusal == nil }, sourceLocation: sourceLocation)
        let simulation = Simulation(world: after)
        let rows = simulation.rows()
        #expect(!rows.isEmpty, sourceLocation: sourceLocation)
        for row in rows {
            #expect(row.status == .private, "\(row.resource) \(row.endpoint.rawValue): \(row.detail)", sourceLocation: sourceLocation)
            #expect(row.via == spec.name, sourceLocation: sourceLocation)
        }
        let findings = Audit(simulation: simulation, outcomes: outcomes).findings()
        #expect(findings.isEmpty, "\(findings.map(\.message))", sourceLocation: sourceLocation)
    }

    /// The golden files were edited by hand from MODEL.md section 5 (version 2), not recorded.
    /// pe1: subnet 10.0.1.0/27, .0 to .3 reserved; scope ampls1 = [law-app1 (eastus),
    /// appi-app1 (eastus, stamp 5)]. Keys in allocation order, each the lowest free address:
    /// 1. region eastus: oms .4, ods .5, agentsvc .6 (law-app1's three names);
    /// 2. no DCE;
    /// 3. api .7, global.in.ai .8, profiler .9, live .10, diagservices-query .11, snapshot .12;
    /// 4. scadvisorcontentpl .13; 5. global.handler.control .14;
    /// 6. appi-app1: eastus-5.in.ai .15, eastus.livediagnostics .16.
    /// The custom zone's dc, live, profiler, snapshot take global.in.ai .8, live .10, profiler .9,
    /// snapshot .12. The hosts file maps every name of each public chain (MODEL.md 3) to the
    /// address of the privatelink name it ends in: api.loganalytics.io, api.monitor.azure.com
    /// and api.privatelink.monitor.azure.com at .7; dc.applicationinsights.azure.com,
    /// global.in.ai.monitor.azure.com and global.in.ai.privatelink.monitor.azure.com at .8; …
    @Test func goldenFilesPinTheExactText() throws {
        let folder = try temporaryFolder().appendingPathComponent("out").path
        let run = try amplsim("generate", fixture("topologies/two-vnets-shared-dns.yaml"), "--endpoint", "pe1", "--out", folder,
                              "--forwarder", "10.0.0.4", "--suffix", "internal.monitor.azure.com")
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("give the components that use internal.monitor.azure.com this connection-string setting: EndpointSuffix=internal.monitor.azure.com\n"))
        let golden = "Tests/CLITests/Golden/generate-two-vnets-pe1"
        let produced = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let expected = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(golden).path)) ?? []).sorted()
        #expect(produced == expected, "the files differ from \(golden)'s (AMPLSIM_RECORD_GOLDEN=1 records new ones; remove stale ones by hand)")
        for file in produced {
            expectGolden(try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8), path: "\(golden)/\(file)")
        }
    }

    /// Generated scripts replace, never append: run for pe2 and then for pe1 against a stand-in
    /// `az` that keeps each record set in a file, every record set holds exactly one address,
    /// pe1's (a record set with both endpoints' addresses would make clients alternate). The
    /// script for pe1 warns that it takes pe2's shared names over and that vnet2 then breaks: 7
    /// rows (law-app2's query name and appi-app2's six shared names get pe1's addresses, in vnet1,
    /// which vnet2 cannot reach; MODEL.md 5 and 6).
    @Test func azureCLIScriptsReplaceRecordSets() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-az-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bin = "\(root)/bin", store = "\(root)/store"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        // The stand-in keeps STORE/ZONE/NAME holding the set's addresses, one a line.
        let az = """
            #!/bin/sh
            verb=$5; zone=""; name=""; set=""
            while [ $# -gt 0 ]; do
              case "$1" in --zone-name) zone=$2; shift;; --name) name=$2; shift;; --set) set=$2; shift;; esac; shift
            done
            file="\(store)/$zone/$name"
            case "$verb" in
              show) [ -f "$file" ];;
              create) mkdir -p "\(store)/$zone"; : > "$file";;
              update) echo "$set" | sed 's/.*ipv4Address\\":\\"\\([0-9.]*\\)\\".*/\\1/' > "$file";;
              add-record) exit 3;;
            esac
            """
        try writeExecutable(az, to: "\(bin)/az")
        for endpoint in ["pe2", "pe1"] {
            let out = "\(root)/\(endpoint)"
            let generated = try amplsim("generate", fixture("topologies/two-vnets-shared-dns.yaml"), "--endpoint", endpoint, "--out", out, "--kind", "azure-cli")
            #expect(generated.status == 0)
            let script = try String(contentsOfFile: "\(out)/azure-cli.sh", encoding: .utf8)
            #expect(!script.contains("add-record"))
            if endpoint == "pe1" {
                #expect(script.contains("#   shared-monitor: api.privatelink.monitor.azure.com 10.0.2.7 (pe2)"))
                #expect(script.contains("#   vnet2: 7 rows"))
            }
            let ran = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["\(out)/azure-cli.sh"],
                                     environment: ["PATH": "\(bin):/usr/bin:/bin", "RESOURCE_GROUP": "rg"])
            #expect(ran.status == 0, "\(ran.stderr)")
        }
        // pe1's api address: MODEL.md 5 (v2), oms .4, ods .5, agentsvc .6, api .7 of 10.0.1.0/27.
        let api = try String(contentsOfFile: "\(store)/privatelink.monitor.azure.com/api", encoding: .utf8)
        #expect(api == "10.0.1.7\n")
        let sets = try FileManager.default.contentsOfDirectory(atPath: "\(store)/privatelink.monitor.azure.com")
        for set in sets {
            let lines = try String(contentsOfFile: "\(store)/privatelink.monitor.azure.com/\(set)", encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("10.0.1."), "\(set): \(lines)")
        }
    }

    @Test func existingFilesAreNeverOverwrittenWithoutForce() throws {
        let folder = try temporaryFolder().appendingPathComponent("out").path
        let first = try amplsim("generate", fixture("topologies/two-vnets-shared-dns.yaml"), "--endpoint", "pe2", "--out", folder, "--kind", "hosts")
        #expect(first.status == 0)
        let hosts = "\(folder)/hosts"
        try "mine\n".write(toFile: hosts, atomically: true, encoding: .utf8)
        let second = try amplsim("generate", fixture("topologies/two-vnets-shared-dns.yaml"), "--endpoint", "pe2", "--out", folder)
        #expect(second.status == 2)
        #expect(second.stderr == "\(hosts): error: the file exists; use --force to overwrite it\n")
        // All or nothing: not even the zone files that did not exist were written.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["hosts"])
        #expect(try String(contentsOfFile: hosts, encoding: .utf8) == "mine\n")
        let forced = try amplsim("generate", fixture("topologies/two-vnets-shared-dns.yaml"), "--endpoint", "pe2", "--out", folder, "--force")
        #expect(forced.status == 0)
        // pe2's subnet 10.0.2.0/27, scope ampls2 = [law-app2 (eastus), appi-app2]: MODEL.md 5 gives
        // eastus's oms, ods, agentsvc .4, .5, .6 first, then api .7.
        let lines = try String(contentsOfFile: hosts, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("10.0.2.7 ") && $0.hasSuffix(" api.loganalytics.io") })
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func unknownOrDeletedEndpointsAreBadInput() throws {
        let folder = try temporaryFolder().appendingPathComponent("out").path
        let run = try amplsim("generate", fixture("topologies/two-vnets-shared-dns.yaml"), "--endpoint", "pe9", "--out", folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--endpoint: private endpoint 'pe9' is not declared (endpoints: pe1, pe2)"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
