import AmplsimEngine
import AmplsimImport
import Testing

/// The estates of `Fixtures/import/` imported from Resource Graph output and simulated. Every
/// expected row is reasoned from MODEL.md in the comments; the importer only supplies the topology.
@Suite struct AzureImportTests {
    // The hub-and-spoke estate (estates.md's government landing zone, with a private resolver):
    // every spoke's DNS is the hub firewall's proxy 10.0.128.4, whose policy forwards to the
    // resolver's inbound endpoint 10.0.129.4, which answers as Azure DNS in vnet-hub (MODEL.md 4)
    // and so sees the five zones linked to the hub. The one AMPLS endpoint sits in
    // vnet-operations (10.0.131.64/26), its addresses read from its network interface.

    @Test func hubSpokeObjects() throws {
        let result = try importAzure(hubSpokeFiles)
        let t = result.topology
        #expect(t.networks.map(\.name) == ["vnet-hub", "vnet-identity", "vnet-legacy", "vnet-operations", "vnet-shared"])
        let hub = try #require(t.networks.first { $0.name == "vnet-hub" })
        #expect(hub.peerings == ["vnet-identity", "vnet-operations", "vnet-shared"])
        #expect(hub.transit)   // it holds the firewall (an assumption, listed)
        #expect(hub.dns == .address(IPv4Address("10.0.128.4")!))
        let firewall = try #require(t.dnsServers.first { $0.name == "fw-hub" })
        #expect(firewall.network == "vnet-hub")
        #expect(firewall.defaultTarget == .address(IPv4Address("10.0.129.4")!))   // the policy's DNS server
        let vm = try #require(t.dnsServers.first { $0.name == "vm-dns01" })
        #expect(vm.defaultTarget == .azure)
        #expect(t.dnsResolvers.map(\.inbound) == [[IPv4Address("10.0.129.4")!]])
        #expect(t.forwardingRulesets.first?.rules.map(\.domain) == ["corp.contoso.com"])
        #expect(t.zones.count == 5 && t.zones.allSatisfy { $0.links.map(\.network) == ["vnet-hub", "vnet-identity"] })
        let endpoint = try #require(t.privateEndpoints.first)
        #expect(endpoint.network == "vnet-operations" && endpoint.subnet.description == "10.0.131.64/26")
        #expect(endpoint.dnsZones.count == 5)
        #expect(endpoint.addresses[DNSName(stringLiteral: "api.privatelink.monitor.azure.com")] == IPv4Address("10.0.131.71"))
        #expect(t.scopes.first?.resources == ["appi-ops", "law-ops"])
        // Listed, not dropped: the storage endpoint and the storage account; assumed: the VM's
        // forwarding and the firewall's transit.
        let lines = result.sortedNotes.map(\.line)
        #expect(lines.contains { $0.hasPrefix("unmapped:") && $0.contains("pe-stshared01-blob") })
        #expect(lines.contains { $0.hasPrefix("unmapped: microsoft.storage/storageaccounts") })
        #expect(lines.contains { $0.hasPrefix("assumed:") && $0.contains("vm-dns01") })
        #expect(lines.contains { $0.hasPrefix("assumed:") && $0.contains("fw-hub") })
    }

    @Test func hubSpokeRows() throws {
        let rows = simulate(try importAzure(hubSpokeFiles).topology)
        // vnet-operations asks fw-hub (reached: peered to the hub), which forwards everything to
        // the inbound endpoint; the hub's linked monitor zone answers api.privatelink.monitor.azure.com
        // with pe-ampls-ops's .71 (the NIC's address), in vnet-operations itself: private.
        #expect(verdict(rows, "vnet-operations", "law-ops", .query) == "private 10.0.131.71 pe-ampls-ops")
        #expect(verdict(rows, "vnet-operations", "law-ops", .ods) == "private 10.0.131.69 pe-ampls-ops")
        // vnet-identity reaches vnet-operations through the hub, a transit network: private.
        #expect(verdict(rows, "vnet-identity", "law-ops", .oms) == "private 10.0.131.68 pe-ampls-ops")
        #expect(verdict(rows, "vnet-shared", "appi-ops", .ingestRegional) == "private 10.0.131.79 pe-ampls-ops")
        #expect(verdict(rows, "vnet-hub", "appi-ops", .live) == "private 10.0.131.80 pe-ampls-ops")
        // appi-web is in no scope: the shared name global.in.ai answers the endpoint's .72, and
        // the scope is PrivateOnly: not-in-scope; its westeurope-5 regional name is not in the
        // hub's monitor zone (no fallback): nxdomain. estates.md's consequence, from every spoke.
        #expect(verdict(rows, "vnet-shared", "appi-web", .ingest) == "not-in-scope 10.0.131.72 pe-ampls-ops")
        #expect(verdict(rows, "vnet-identity", "appi-web", .ingestRegional) == "nxdomain - -")
        // vnet-legacy asks the VM at 10.0.140.10, taken to forward to Azure DNS of vnet-legacy,
        // which has no zones: public DNS. law-ops's CNAMEs are published (it is in a scope with
        // an endpoint), its chain ends in a public address; it allows public ingestion (public)
        // but not public query (public-denied).
        #expect(verdict(rows, "vnet-legacy", "law-ops", .ods)?.hasPrefix("public ") == true)
        #expect(verdict(rows, "vnet-legacy", "law-ops", .query)?.hasPrefix("public-denied ") == true)
    }

    // The hybrid site (estates.md's lab over VPN): the on-prem site 10.10.0.0/16 from the
    // --onprem file, joined to vnet-azure by the connection through lng-branch (matched by address
    // space); dc01 (Windows) forwards the Azure Monitor domains to the DNS VM 10.20.1.4 in Azure.
    // The endpoint's zone group holds only the monitor and ods zones.

    @Test func hybridObjects() throws {
        let result = try importAzure(hybridFiles, onprem: hybridOnPrem)
        let t = result.topology
        #expect(t.networks.map(\.name) == ["vnet-azure", "branch"])
        #expect(t.networks[0].connections == ["branch"])
        #expect(t.networks[1].kind == .onprem)
        #expect(t.dataCollectionEndpoints.map { "\($0.name) \($0.id) \($0.region) \($0.publicIngestion)" } == ["dce-lab x7k2 westeurope false"])
        #expect(t.scopes.first?.exclusions == [Exclusion(endpoint: "pe-ampls-lab", ingestionAccessMode: .open)])
        #expect(t.zones.first { $0.id == "privatelink.ods.opinsights.azure.com" }?.links.first?.fallbackToInternet == true)
    }

    @Test func hybridRows() throws {
        let rows = simulate(try importAzure(hybridFiles, onprem: hybridOnPrem).topology)
        // From the branch: dc01 forwards opinsights.azure.com to the VM in vnet-azure (reached over
        // the connection), which asks Azure DNS of vnet-azure: the ods zone answers .5: private.
        #expect(verdict(rows, "branch", "law-lab", .ods) == "private 10.20.2.5 pe-ampls-lab")
        // oms has no zone in the group or linked anywhere: the public chain ends in a public
        // address; law-lab denies public ingestion: public-denied (estates.md: never written).
        #expect(verdict(rows, "branch", "law-lab", .oms)?.hasPrefix("public-denied ") == true)
        // The DCE's names are in the monitor zone at .7, .8, .9 and global.handler.control at .17.
        #expect(verdict(rows, "vnet-azure", "dce-lab", .config) == "private 10.20.2.7 pe-ampls-lab")
        #expect(verdict(rows, "branch", "dce-lab", .configGlobal) == "private 10.20.2.17 pe-ampls-lab")
    }

    @Test func sameOutputWhateverTheFileOrder() throws {
        let a = TopologyYAML.text(try importAzure(hubSpokeFiles))
        let b = TopologyYAML.text(try importAzure(hubSpokeFiles.reversed()))
        #expect(a.split(separator: "\n").dropFirst() == b.split(separator: "\n").dropFirst())   // the header names the files in order
    }
}
