import AmplsimEngine
import AmplsimImport
import Foundation
import Testing

/// A generated tenant of 10,000 Resource Graph rows: a hub, 1,000 peered spokes each linked to
/// the five AMPLS zones, workspaces (200 of them in one scope) and one endpoint. Not timed: the
/// import's work is linear in the rows (Docs/import.md gives measured figures); this checks that
/// such an input is read and mapped whole.
@Suite struct ScaleTests {
    static func tenant(rows count: Int) -> Data {
        let s = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg/providers"
        let zones = AMPLSZone.all.map(\.text)
        let spokes = count / 10
        var rows: [String] = []
        let hub = "\(s)/Microsoft.Network/virtualNetworks/hub"
        let hubPeerings = (0..<spokes).map {
            "{\"id\":\"\(hub)/virtualNetworkPeerings/p\($0)\",\"properties\":{\"peeringState\":\"Connected\",\"remoteVirtualNetwork\":{\"id\":\"\(s)/Microsoft.Network/virtualNetworks/spoke\($0)\"}}}"
        }
        rows.append("{\"id\":\"\(hub)\",\"name\":\"hub\",\"type\":\"microsoft.network/virtualnetworks\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]},\"subnets\":[{\"id\":\"\(hub)/subnets/pe\",\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}],\"virtualNetworkPeerings\":[\(hubPeerings.joined(separator: ","))]}}")
        for z in zones { rows.append("{\"id\":\"\(s)/Microsoft.Network/privateDnsZones/\(z)\",\"name\":\"\(z)\",\"type\":\"microsoft.network/privatednszones\"}") }
        for i in 0..<spokes {
            let v = "\(s)/Microsoft.Network/virtualNetworks/spoke\(i)"
            let prefix = "10.\(1 + i / 250).\(i % 250).0/24"
            rows.append("{\"id\":\"\(v)\",\"name\":\"spoke\(i)\",\"type\":\"microsoft.network/virtualnetworks\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"\(prefix)\"]},\"virtualNetworkPeerings\":[{\"id\":\"\(v)/virtualNetworkPeerings/hub\",\"properties\":{\"peeringState\":\"Connected\",\"remoteVirtualNetwork\":{\"id\":\"\(hub)\"}}}]}}")
            for z in zones {
                rows.append("{\"id\":\"\(s)/Microsoft.Network/privateDnsZones/\(z)/virtualNetworkLinks/l\(i)\",\"type\":\"microsoft.network/privatednszones/virtualnetworklinks\",\"properties\":{\"virtualNetwork\":{\"id\":\"\(v)\"}}}")
            }
        }
        let scope = "\(s)/microsoft.insights/privateLinkScopes/ampls"
        var i = 0
        while rows.count < count - 2 {
            let member = i < 200 ? "[{\"scopeId\":\"\(scope)\"}]" : "[]"
            let guid = String(format: "%08x-0000-4000-8000-000000000000", i)
            rows.append("{\"id\":\"\(s)/Microsoft.OperationalInsights/workspaces/law\(i)\",\"name\":\"law\(i)\",\"type\":\"microsoft.operationalinsights/workspaces\",\"location\":\"eastus\",\"properties\":{\"customerId\":\"\(guid)\",\"privateLinkScopedResources\":\(member)}}")
            i += 1
        }
        rows.append("{\"id\":\"\(scope)\",\"name\":\"ampls\",\"type\":\"microsoft.insights/privatelinkscopes\",\"properties\":{\"accessModeSettings\":{\"ingestionAccessMode\":\"Open\",\"queryAccessMode\":\"Open\"}}}")
        rows.append("{\"id\":\"\(s)/Microsoft.Network/privateEndpoints/pe\",\"name\":\"pe\",\"type\":\"microsoft.network/privateendpoints\",\"properties\":{\"subnet\":{\"id\":\"\(hub)/subnets/pe\"},\"privateLinkServiceConnections\":[{\"properties\":{\"privateLinkServiceId\":\"\(scope)\",\"groupIds\":[\"azuremonitor\"]}}]}}")
        return Data(("{\"count\":\(rows.count),\"data\":[\n" + rows.joined(separator: ",\n") + "\n]}").utf8)
    }

    @Test func tenThousandRows() throws {
        let document = try JSONReader.parse(ScaleTests.tenant(rows: 10_000), file: "tenant.json", what: "Resource Graph output")
        #expect(document["data"]?.elements.count == 10_000)
        let result = try AzureImporter(documents: [document]).build()
        let t = result.topology
        #expect(t.networks.count == 1_001)
        #expect(t.zones.allSatisfy { $0.links.count == 1_000 })
        #expect(t.workspaces.count == 10_000 - 1 - 5 - 1_000 * 6 - 2)
        #expect(t.scopes.first?.resources.count == 200)
        #expect(t.privateEndpoints.count == 1)
        let text = TopologyYAML.text(result)
        #expect(text.split(separator: "\n").count > 10_000)
    }
}
