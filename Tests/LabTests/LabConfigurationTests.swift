import AmplsimEngine
import AmplsimLab
import AmplsimTopology
import Testing

/// The BIND configuration as text (no named needed). Expected values come from MODEL.md.
@Suite("lab export: the BIND configuration")
struct LabConfigurationTests {
    /// two-vnets-shared-dns.yaml: pe1 (vnet1, 10.0.1.0/27) then pe2 (vnet2, 10.0.2.0/27) write the
    /// same five zones. Section 5: each takes addresses from .4 in key order (its eastus
    /// workspace's oms .4, ods .5, agentsvc .6, then api .7, global.in.ai .8, profiler .9, live .10,
    /// diagservices-query .11, snapshot .12, scadvisorcontentpl .13, global.handler.control .14,
    /// then the component's eastus-5.in.ai .15 and eastus.livediagnostics .16); pe2 writes last,
    /// so the shared names hold pe2's addresses, while each workspace's own names keep its
    /// endpoint's.
    @Test("each network's view holds its linked zones as the engine holds them after the timeline")
    func twoVNets() throws {
        let lab = try configuration("two-vnets-shared-dns.yaml")
        let vnet1 = lab.view("azure-dns-of-vnet1", in: "lab.conf")
        #expect(vnet1.contains("match-clients { 127.0.1.1; 127.0.2.1; };"))
        #expect(vnet1.contains("forwarders { 127.0.0.1 port 5301; };"))   // the internet server
        #expect(vnet1.contains("zone \"privatelink.monitor.azure.com.\" { type primary; file \"zone-shared-monitor.zone\"; };"))
        let vnet2 = lab.view("azure-dns-of-vnet2", in: "lab.conf")
        #expect(vnet2.contains("match-clients { 127.0.1.2; 127.0.2.2; };"))
        #expect(vnet2.contains("file \"zone-shared-monitor.zone\""))

        let monitor = lab.file("zone-shared-monitor.zone")
        #expect(monitor.contains("api.privatelink.monitor.azure.com.\t10\tIN\tA\t10.0.2.7\n"))
        #expect(monitor.contains("eastus-5.in.ai.privatelink.monitor.azure.com.\t10\tIN\tA\t10.0.2.15\n"))
        #expect(!monitor.contains("10.0.1."))
        #expect(monitor.contains("IN\tSOA\t"))
        #expect(monitor.contains("privatelink.monitor.azure.com.\t3600\tIN\tNS\tlocalhost.\n"))
        let oms = lab.file("zone-shared-oms.zone")
        #expect(oms.contains("2497b122-367b-493e-9c7d-8081ad4e8713.privatelink.oms.opinsights.azure.com.\t10\tIN\tA\t10.0.1.4\n"))
        #expect(oms.contains("4fe65441-c547-45bf-9b68-3f1cd0e46190.privatelink.oms.opinsights.azure.com.\t10\tIN\tA\t10.0.2.4\n"))

        #expect(lab.processes.map(\.name) == ["internet", "nowhere", "lab"])
        #expect(lab.processes.map(\.port) == [5301, 5302, 5300])
    }

    /// Section 3: the shared chains always; a workspace's CNAMEs because its scope has an
    /// endpoint; the public addresses in 20.0.0.0/8, which no network uses; nothing private.
    @Test("the internet server's root zone is the simulated public DNS")
    func rootZone() throws {
        let lab = try configuration("two-vnets-shared-dns.yaml")
        let root = lab.file("root.zone")
        #expect(root.contains("api.loganalytics.io.\t10\tIN\tCNAME\tapi.monitor.azure.com.\n"))
        #expect(root.contains("api.monitor.azure.com.\t10\tIN\tCNAME\tapi.privatelink.monitor.azure.com.\n"))
        #expect(root.contains("2497b122-367b-493e-9c7d-8081ad4e8713.ods.opinsights.azure.com.\t10\tIN\tCNAME\t2497b122-367b-493e-9c7d-8081ad4e8713.privatelink.ods.opinsights.azure.com.\n"))
        #expect(root.contains("api.privatelink.monitor.azure.com.\t10\tIN\tA\t20."))
        #expect(!root.contains("\tA\t10."))
        #expect(root.contains(".\t3600\tIN\tNS\tinternet.amplsim.invalid.\n"))
        #expect(lab.file("internet.conf").contains("zone \".\" { type primary; file \"root.zone\"; };"))
        #expect(lab.file("internet.conf").contains("recursion no;"))
        #expect(lab.file("nowhere.conf").contains("allow-query { none; };"))
    }

    /// onprem-forwarder.yaml: servers hub-resolver, corp-dns, lab-dns take ports 5303, 5304, 5305.
    /// Section 4: corp-dns forwards the monitor domains to hub-resolver (onprem-dc reaches the hub
    /// over ExpressRoute) and recurses for the rest (onprem-dc has egress); hub-resolver's default
    /// is Azure DNS of vnet-hub (network 1); lab-dns forwards to Azure DNS of an on-premises site
    /// and onprem-branch uses Azure DNS from on-premises: SERVFAIL, the nowhere server.
    @Test("DNS servers: hosted zones, forward zones to the target's server, nowhere when unreachable")
    func onPremForwarder() throws {
        let lab = try configuration("onprem-forwarder.yaml")
        #expect(lab.processes.map(\.name) == ["internet", "nowhere", "server-hub-resolver", "server-corp-dns", "server-lab-dns", "lab"])
        let corp = lab.view("corp-dns", in: "server-corp-dns.conf")
        #expect(corp.contains("zone \"monitor.azure.com.\" { type forward; forward only; forwarders { 127.0.0.1 port 5303; }; };"))
        #expect(corp.contains("zone \"loganalytics.io.\" { type forward; forward only; forwarders { 127.0.0.1 port 5303; }; };"))
        #expect(corp.contains("forwarders { 127.0.0.1 port 5301; };  // default: internet"))
        let hub = lab.view("hub-resolver", in: "server-hub-resolver.conf")
        #expect(hub.contains("forwarders { 127.0.0.1 port 5300; };  // default: azure"))
        #expect(hub.contains("query-source address 127.0.2.1;"))
        let labDNS = lab.view("lab-dns", in: "server-lab-dns.conf")
        #expect(labDNS.contains("zone \"monitor.azure.com.\" { type forward; forward only; forwarders { 127.0.0.1 port 5302; }; };"))
        #expect(!labDNS.contains("query-source"))

        #expect(lab.view("clients-of-onprem-dc", in: "lab.conf").contains("forwarders { 127.0.0.1 port 5304; };"))
        #expect(lab.view("clients-of-onprem-lab", in: "lab.conf").contains("forwarders { 127.0.0.1 port 5305; };"))
        #expect(lab.view("clients-of-onprem-branch", in: "lab.conf").contains("forwarders { 127.0.0.1 port 5302; };"))
        #expect(lab.view("azure-dns-of-vnet-hub", in: "lab.conf").contains("match-clients { 127.0.1.1; 127.0.2.1; };"))
        #expect(lab.file("README.md").contains("| onprem-dc | onprem | corp-dns | 127.0.1.2 |"))
    }

    /// Section 4, reaching resolvers: a client whose server runs in a network it cannot reach,
    /// and `internet` from a network without egress, are SERVFAIL. A hosted zone answers every
    /// name in it, so a forwarder inside it is not written.
    @Test("unreachable servers and sealed networks go nowhere")
    func unreachable() throws {
        let yaml = """
            version: 1
            networks:
              - {name: hub, addressSpace: [10.0.0.0/24], internetEgress: false}
              - {name: spoke, addressSpace: [10.1.0.0/24], dns: hub-dns}
            dnsServers:
              - name: hub-dns
                network: hub
                zones: [corp]
                forwarders: [{domain: x.corp.example, to: azure}]
                default: internet
            zones:
              - {id: corp, name: corp.example, records: [{name: sub, type: NS, value: ns1.example.com.}]}
            """
        let topology = try TopologyLoader().load(text: yaml, file: "t.yaml", folder: "/")
        let layout = try LabLayout(world: Timeline.finalWorld(of: topology).world)
        let lab = LabConfiguration(layout: layout, ports: try #require(LabPorts.sequential(from: 6000, servers: ["hub-dns"])), directory: "/lab")
        #expect(lab.view("clients-of-spoke", in: "lab.conf").contains("forwarders { 127.0.0.1 port 6002; };"))
        let server = lab.view("hub-dns", in: "server-hub-dns.conf")
        #expect(server.contains("forwarders { 127.0.0.1 port 6002; };  // default: internet"))
        #expect(server.contains("zone \"corp.example.\" { type primary; file \"zone-corp.zone\"; };"))
        #expect(!server.contains("zone \"x.corp.example.\""))
        #expect(lab.file("zone-corp.zone").contains("sub.corp.example.\t10\tIN\tTXT\t\"amplsim: NS ns1.example.com. not exported\""))
        // A spoke that uses a server has a separate Azure DNS view at 127.0.2.2.
        #expect(lab.view("azure-dns-of-spoke", in: "lab.conf").contains("match-clients { 127.0.2.2; };"))
    }

    /// hosts-file.yaml: vnet-app's hosts file maps api.loganalytics.io to 10.0.1.10; BIND does
    /// not serve hosts files, so the README lists them.
    @Test("the README lists the hosts entries the lab does not serve")
    func hostsListed() throws {
        let readme = try configuration("hosts-file.yaml").file("README.md")
        #expect(readme.contains("- vnet-app: `10.0.1.10 api.loganalytics.io`\n"))
        #expect(readme.contains("| vnet-web | vnet | azure | 127.0.1.2 | 127.0.2.2 |\n"))
        #expect(!(try configuration("single-vnet.yaml").file("README.md")).contains("hosts entries the lab does not serve"))
    }

    @Test("ports: the lab, internet, nowhere, then each server; none past 65535")
    func ports() {
        let ports = LabPorts.sequential(from: 5300, servers: ["a", "b"])
        #expect(ports == LabPorts(lab: 5300, internet: 5301, nowhere: 5302, servers: ["a": 5303, "b": 5304]))
        #expect(LabPorts.sequential(from: 65533, servers: []) == LabPorts(lab: 65533, internet: 65534, nowhere: 65535, servers: [:]))
        #expect(LabPorts.sequential(from: 65534, servers: []) == nil)
        #expect(LabPorts.sequential(from: 0, servers: []) == nil)
    }
}
