import AmplsimEngine
import AmplsimTopology
import Foundation
import Testing

// `--zone-file ZONE_ID=PATH` (TopologyLoader(zoneFiles:)): the given file replaces the zone's
// `file` (Docs/audit.md).

@Suite("audit: --zone-file replaces a zone's export")
struct ZoneFileOverrideTests {
    let stale = AuditFixtures.zone("healthy-hub/stale/privatelink.monitor.azure.com.zone")

    @Test("the healthy hub audited with a stale monitor export: one dangling-record, seen by all three VNets")
    func staleExportSwappedIn() throws {
        let run = try AuditRun("healthy-hub.yaml", zoneFiles: ["hub-monitor": stale])
        // The stale export is the healthy one except api = 10.0.3.4 (the endpoint pe-hub
        // replaced). 10.0.3.4 lies in the hub's 10.0.0.0/16 and no endpoint holds it (pe-hub has
        // 10.0.1.4 for api): dangling-record at api, seen by hub, spoke-web and spoke-data (all
        // linked). The rows that use api (law-hub's query, appi-web's and appi-api's queries,
        // from each network) are dangling at that name: merged. The other ten names still hold
        // pe-hub's addresses: no other finding.
        expectFindings(run, [finding(.danglingRecord, zone: "hub-monitor", name: "api.privatelink.monitor.azure.com",
                                     ["hub", "spoke-web", "spoke-data"])])
        expectLocation(run, .danglingRecord, zone: "hub-monitor", name: "api.privatelink.monitor.azure.com",
                       file: stale, line: try lineNumber(of: "api 10 IN A 10.0.3.4", in: stale))
        let failing = run.rows.filter { !$0.status.succeeds }
        #expect(failing.count == 9 && failing.allSatisfy { $0.status == .dangling && $0.endpoint == .query })
    }

    @Test("the override replaces the file: nothing of the original export remains")
    func replacesNotMerges() throws {
        let topology = try TopologyLoader(zoneFiles: ["hub-monitor": stale]).load(path: AuditFixtures.path("healthy-hub.yaml"))
        let zone = try #require(topology.zones.first { $0.id == "hub-monitor" })
        #expect(zone.file == stale)
        let api = zone.records.filter { $0.name == "api.privatelink.monitor.azure.com" }
        #expect(api.map(\.value) == [.a(IPv4Address(0x0A00_0304))])   // 10.0.3.4 only, not 10.0.1.4
        #expect(!zone.records.contains { $0.type == "TXT" })            // the original's apex TXT is gone
        // The other zones keep their own files.
        let oms = try #require(topology.zones.first { $0.id == "hub-oms" })
        #expect(samePath(oms.file, AuditFixtures.zone("healthy-hub/privatelink.oms.opinsights.azure.com.zone")))
    }

    @Test("overriding with the zone's own export changes nothing")
    func sameFile() throws {
        let own = AuditFixtures.zone("healthy-hub/privatelink.monitor.azure.com.zone")
        #expect(try AuditRun("healthy-hub.yaml", zoneFiles: ["hub-monitor": own]).findings.isEmpty)
    }

    @Test("a current export swapped in for a stale copy fixes that zone only")
    func fixingExport() throws {
        // onprem-stale-copy's on-premises monitor copy replaced by the hub's current export
        // (same zone name, pe-hub's 10.0.2.x for every name, reachable from onprem-dc over
        // ExpressRoute): the eight stale monitor records are gone and appi-corp becomes private
        // from onprem-dc; the three workspace copies are still stale.
        let current = AuditFixtures.zone("onprem-stale-copy/privatelink.monitor.azure.com.zone")
        let run = try AuditRun("onprem-stale-copy.yaml", zoneFiles: ["corp-monitor": current])
        let ws = "c5d3e9a4-7dae-4081-9c2e-3d4f5a6b7c8d"
        expectFindings(run, [
            finding(.danglingRecord, zone: "corp-oms", name: "\(ws).privatelink.oms.opinsights.azure.com", ["onprem-dc"]),
            finding(.danglingRecord, zone: "corp-ods", name: "\(ws).privatelink.ods.opinsights.azure.com", ["onprem-dc"]),
            finding(.danglingRecord, zone: "corp-agentsvc", name: "\(ws).privatelink.agentsvc.azure-automation.net", ["onprem-dc"]),
        ])
    }

    @Test("an override for a zone id the topology lacks is bad input")
    func unknownZone() {
        #expect(throws: InputError.self) {
            _ = try TopologyLoader(zoneFiles: ["no-such-zone": stale]).load(path: AuditFixtures.path("healthy-hub.yaml"))
        }
    }

    @Test("an override naming a missing file is bad input")
    func missingFile() {
        #expect(throws: InputError.self) {
            _ = try TopologyLoader(zoneFiles: ["hub-monitor": stale + ".missing"]).load(path: AuditFixtures.path("healthy-hub.yaml"))
        }
    }
}
