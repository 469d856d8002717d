import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import Testing

// The design checks of Docs/audit.md ("Design checks"), one fixture each, and the existing codes
// the checks of issue 18 map to (empty-zone, zone-too-broad, component-stamp-defaulted). Every
// expectation is reasoned from MODEL.md in the comments, never copied from the program's output.

/// The design codes: warnings about what works now and breaks on the next change.
let designCodes: [FindingCode] = [.scopesShareZone, .spokeEndpointSharedZone, .mixedRecordSet, .crossScopeReach]

@Suite("design checks stay quiet on healthy designs")
struct DesignChecksQuietTests {
    @Test("no design finding on the healthy hubs and on separate zones per spoke",
          arguments: ["audit/healthy-hub.yaml", "topologies/hub-spoke-single-pe.yaml", "topologies/separate-pe-per-spoke.yaml"])
    func quiet(_ name: String) throws {
        // healthy-hub and hub-spoke-single-pe: one scope, one endpoint in the hub, which is peered
        // with every spoke that sees its zones; zone groups and exports replace whole record sets
        // (one address each); every resource is in the one scope and reached through its endpoint.
        // separate-pe-per-spoke: each spoke's scope writes zones linked to that spoke only, so no
        // network sees two scopes' endpoints' records, and no endpoint's zones reach another
        // network. Nothing for any design check to report.
        let run = try AuditRun(path: fixture(name))
        #expect(!run.findings.contains { designCodes.contains($0.code) }, "\(run.findings.map(\.observed))")
    }

    @Test("the two healthy fixtures have no finding at all")
    func nothing() throws {
        // The seed's hub advice done right: nothing to report, design checks included.
        #expect(try AuditRun(path: fixture("audit/healthy-hub.yaml")).findings.isEmpty)
        #expect(try AuditRun(path: fixture("topologies/hub-spoke-single-pe.yaml")).findings.isEmpty)
    }
}

@Suite("audit: dev-spoke-override.yaml (issue 18's case)")
struct DevSpokeOverrideDesignTests {
    let run: AuditRun
    init() throws { run = try AuditRun("dev-spoke-override.yaml") }

    @Test("scopes-share-zone names pe-dev as the last writer and pe-hub as the loser, beside the two errors")
    func exactFindings() {
        // pe-hub (ampls-prod, hub) is created first, pe-dev (ampls-dev, spoke-dev) second, both
        // with the same five zones in their groups: pe-dev rewrites every shared name of
        // hub-monitor (last writer wins, MODEL.md section 5). Workspace names: pe-hub wrote
        // law-prod's, pe-dev law-dev's: both private.
        // - scope-missing-resource: law-prod's query and appi-prod's six names reach pe-dev, whose
        //   PrivateOnly scope lacks them (MODEL.md section 6), from hub and spoke-dev.
        // - scopes-share-zone: hub-monitor's shared names hold pe-dev's addresses; pe-hub, of
        //   another scope, writes the same zone; both networks see it.
        // - cross-scope-reach: no shared row of a prod resource succeeds: nothing.
        // - spoke-endpoint-shared-zone: spoke-dev is peered with the hub, the only other network
        //   that sees its zones: nothing. mixed-record-set: zone groups replace whole sets.
        let both = ["hub", "spoke-dev"]
        expectFindings(run, [
            finding(.scopeMissingResource, zone: "hub-monitor", resource: "appi-prod", both),
            finding(.scopeMissingResource, zone: "hub-monitor", resource: "law-prod", both),
            finding(.scopesShareZone, zone: "hub-monitor", name: "privatelink.monitor.azure.com", both),
        ])
        let share = run.findings(.scopesShareZone).first
        #expect(share?.message.contains("private endpoint pe-dev (scope ampls-dev, in spoke-dev), which wrote them last") == true)
        #expect(share?.message.contains("pe-hub (scope ampls-prod, in hub)") == true)
    }

    @Test("the first fix of every finding neither adds prod resources to the dev scope nor opens a scope")
    func safeFirstFix() {
        // Issue 18's done-when: audit names pe-dev as the cause, and its first fix keeps pe-dev
        // from writing the hub's zones and writes pe-hub's records again.
        for finding in run.findings {
            let first = finding.fix.split(separator: ";").first.map(String.init) ?? ""
            #expect(first.contains("pe-dev") && first.contains("pe-hub"), "\(finding.code.rawValue): \(finding.fix)")
            #expect(!first.contains("to ampls-dev") && !first.lowercased().contains("open"), "\(finding.fix)")
        }
        #expect(run.findings.filter { $0.code == .scopeMissingResource }.allSatisfy {
            $0.message.hasPrefix("private endpoint pe-dev of scope ampls-dev, in spoke-dev, wrote the shared names last")
        })
    }
}

@Suite("audit: cross-scope-reach.yaml")
struct CrossScopeReachAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("cross-scope-reach.yaml") }

    @Test("prod's resources reach only through the dev scope: two warnings, plus the shared zone")
    func exactFindings() {
        // As dev-spoke-override, but appi-prod was added to ampls-dev and ampls-dev's query mode
        // is Open. Every shared name holds pe-dev's address (written last, MODEL.md 5).
        // - appi-prod: its six shared names reach pe-dev; appi-prod is a member of ampls-dev:
        //   private (MODEL.md 6). ampls-prod holds it and has pe-hub, which serves none of them.
        // - law-prod: its query (api) reaches pe-dev; law-prod is not in ampls-dev, whose query
        //   mode is Open, and law-prod accepts public queries: public, through pe-dev. Its own
        //   names (ods, oms, agentsvc) were written by pe-hub (pe-dev writes law-dev's): private
        //   through pe-hub, but those are not shared names.
        // So cross-scope-reach for each, from both networks. Every row succeeds: no error.
        // scopes-share-zone: pe-hub (ampls-prod) writes hub-monitor and lost to pe-dev.
        let both = ["hub", "spoke-dev"]
        expectFindings(run, [
            finding(.scopesShareZone, zone: "hub-monitor", name: "privatelink.monitor.azure.com", both),
            finding(.crossScopeReach, resource: "appi-prod", both),
            finding(.crossScopeReach, resource: "law-prod", both),
        ])
        #expect(run.rows.allSatisfy { $0.status.succeeds })
        let appi = run.finding(.crossScopeReach, zone: nil, name: nil, resource: "appi-prod")
        let law = run.finding(.crossScopeReach, zone: nil, name: nil, resource: "law-prod")
        #expect(appi?.message.contains("belongs to ampls-prod (endpoint pe-hub)") == true)
        #expect(appi?.message.contains("which holds appi-prod") == true)
        #expect(law?.message.contains("whose Open access mode") == true)
        // The fix puts prod back behind its own endpoint first.
        #expect(appi?.fix.hasPrefix("have pe-hub of ampls-prod serve these networks") == true)
    }
}

@Suite("audit: spoke-endpoint-shared-zone.yaml")
struct SpokeEndpointAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("spoke-endpoint-shared-zone.yaml") }

    @Test("pe-app in spoke-app writes the zones the hub and spoke-data see; spoke-app is not peered with spoke-data")
    func exactFindings() {
        // pe-app (spoke-app) writes the five hub zones, linked to all three networks. The hub is
        // transit, so spoke-data reaches spoke-app through it (MODEL.md 6): every row private.
        // spoke-app is peered with the hub only: it is not connected directly to spoke-data, so
        // it is not the hub of the networks that see its zones -> one warning for pe-app, whose
        // networks are the others that see its records (hub, spoke-data). One scope: no
        // scopes-share-zone; one address per set; everything in the scope.
        expectFindings(run, [finding(.spokeEndpointSharedZone, ["hub", "spoke-data"])])
        #expect(run.rows.allSatisfy { $0.status == .private })
        guard case .spokeEndpointSharedZone(let endpoint, let zones, _, let far)? = run.findings.first?.facts else {
            Issue.record("no spoke-endpoint-shared-zone facts")
            return
        }
        #expect(endpoint.endpoint == "pe-app" && endpoint.network == "spoke-app")
        #expect(zones == ["hub-agentsvc", "hub-blob", "hub-monitor", "hub-ods", "hub-oms"])
        #expect(far == ["spoke-data"])
    }

    @Test("the same endpoint in the hub is quiet")
    func inTheHub() throws {
        // Moved to the hub (peered with both spokes), the endpoint is the hub of every network
        // that sees its zones.
        var topology = run.topology
        topology.privateEndpoints[0].network = "hub"
        topology.privateEndpoints[0].subnet = CIDR(base: IPv4Address(0x0A00_0100), prefix: 27)   // 10.0.1.0/27
        let (world, outcomes) = Timeline.finalWorld(of: topology)
        let findings = Audit(simulation: Simulation(world: world), outcomes: outcomes).findings()
        expectFindings(findings, label: "endpoint in the hub", [])
    }
}

@Suite("audit: mixed-record-set.yaml")
struct MixedRecordSetAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("mixed-record-set.yaml") }

    @Test("api's set holds pe-hub's and pe-spoke's addresses: one warning; mixed-endpoints stays quiet")
    func exactFindings() {
        // The inline records of one name and type form one set (MODEL.md 5): api holds 10.0.1.4
        // (pe-hub's api key, the first of its subnet) and 10.1.1.4 (pe-spoke's): two endpoints.
        // The other sets hold one pe-hub address each. A set answers with its first address
        // (MODEL.md 4), pe-hub's, so every name points at pe-hub: mixed-endpoints (names of the
        // zone pointing at different endpoints) does not apply. Both endpoints serve ampls-web,
        // which holds appi-web, and both networks reach both (peered): every row private.
        expectFindings(run, [
            finding(.mixedRecordSet, zone: "hub-monitor", name: "api.privatelink.monitor.azure.com", ["hub", "spoke"]),
        ])
        #expect(run.rows.allSatisfy { $0.status == .private && $0.via == "pe-hub" })
        guard case .mixedRecordSet(_, _, let entries)? = run.findings.first?.facts else {
            Issue.record("no mixed-record-set facts")
            return
        }
        #expect(entries.map(\.endpoint) == ["pe-hub", "pe-spoke"])
        #expect(entries.map(\.address.description) == ["10.0.1.4", "10.1.1.4"])
    }
}

@Suite("audit: monitor-zone-no-endpoint.yaml (the landing-zone failure)")
struct MonitorZoneNoEndpointAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("monitor-zone-no-endpoint.yaml") }

    @Test("empty-zone for a monitor zone no endpoint stands behind, and a dangling-record per leftover")
    func exactFindings() {
        // No private endpoint exists. policy-monitor holds api -> 10.0.9.4 and global.in.ai ->
        // 10.0.9.5, inside the hub's address space (private) and held by nothing: dangling-record
        // for each, seen by hub and spoke (both linked, no fallback). appi-web's shared CNAMEs are
        // always published (MODEL.md 3): its query and ingest end at those two names (dangling,
        // merged into them); profiler, snapshot, westeurope-1.in.ai and westeurope.livediagnostics
        // are not in the zone: NXDOMAIN. No A record of the zone is an endpoint's, so no
        // endpoint stands behind it: empty-zone, which the NXDOMAIN rows merge into.
        let both = ["hub", "spoke"]
        expectFindings(run, [
            finding(.danglingRecord, zone: "policy-monitor", name: "api.privatelink.monitor.azure.com", both),
            finding(.danglingRecord, zone: "policy-monitor", name: "global.in.ai.privatelink.monitor.azure.com", both),
            finding(.emptyZone, zone: "policy-monitor", name: "privatelink.monitor.azure.com", both),
        ])
        let empty = run.findings(.emptyZone).first
        #expect(empty?.message.contains("has no private endpoint behind it") == true)
        #expect(empty?.message.contains("10.0.9.4, 10.0.9.5") == true)
    }

    @Test("an empty zone (no A record at all) is still the zone checks' empty-zone")
    func plainEmpty() throws {
        // Fixtures/audit/empty-zone.yaml: Enterprise-Scale policy zones with no A record.
        let run = try AuditRun("empty-zone.yaml")
        #expect(run.findings(.emptyZone).allSatisfy { $0.message.contains("holds no address records") })
    }
}

@Suite("audit: onprem-zone-too-broad.yaml")
struct OnPremZoneTooBroadAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("onprem-zone-too-broad.yaml") }

    @Test("an on-premises zone monitor.azure.com hides the public names: zone-too-broad, onprem-dc")
    func exactFindings() {
        // corp-dns hosts monitor.azure.com, which contains every public name of the chains of
        // MODEL.md 3 under monitor.azure.com (api.monitor.azure.com, global.in.ai.monitor.azure.com,
        // westeurope-1.in.ai.monitor.azure.com, profiler., snapshot., and
        // westeurope.livediagnostics.monitor.azure.com itself). A hosted zone answers every name
        // inside it (MODEL.md 4): each is NXDOMAIN there, so all six rows of appi-corp from
        // onprem-dc are NXDOMAIN at names the zone hides: zone-too-broad, merged, one finding.
        // Its records hold pe-hub's addresses, which onprem-dc reaches over its connection: no
        // record finding. The hub resolves through Azure DNS and hub-monitor: private.
        expectFindings(run, [finding(.zoneTooBroad, zone: "corp-broad", name: "monitor.azure.com", ["onprem-dc"])])
        #expect(run.rows.filter { $0.network == "onprem-dc" }.allSatisfy { $0.status == .nxdomain })
        #expect(run.rows.filter { $0.network == "hub" }.allSatisfy { $0.status == .private })
    }
}

@Suite("audit: component-stamp-defaulted.yaml")
struct ComponentStampDefaultedAuditTests {
    @Test("one info finding for appi-guess; nothing else")
    func exactFindings() throws {
        // appi-guess gives a region only: stamp 0 is assumed (MODEL.md 2), and audit reports it
        // as info, about the resource, with no network. pe-hub writes eastus-0.in.ai for it, so
        // every row is private in the model; the hub design is healthy otherwise.
        let run = try AuditRun("component-stamp-defaulted.yaml")
        expectFindings(run, [finding(.componentStampDefaulted, resource: "appi-guess", [])])
        #expect(run.rows.allSatisfy { $0.status == .private })
    }
}

@Suite("audit: empty-blob-zone.yaml")
struct EmptyBlobZoneAuditTests {
    @Test("the empty blob zone is about storage, not every Azure Monitor name")
    func storage() throws {
        // policy-blob holds no A record and is linked to both networks: empty-zone (Docs/audit.md:
        // one of the five AMPLS zones, seen, no A records). No Azure Monitor client name passes
        // through privatelink.blob.core.windows.net (MODEL.md 3: only scadvisorcontentpl's CNAME
        // leads there), so every row is private, and the message speaks of storage names.
        let run = try AuditRun("empty-blob-zone.yaml")
        expectFindings(run, [finding(.emptyZone, zone: "policy-blob", name: "privatelink.blob.core.windows.net", ["hub", "spoke"])])
        #expect(run.rows.allSatisfy { $0.status == .private })
        let message = run.findings.first?.message ?? ""
        #expect(message.contains("scadvisorcontentpl.blob.core.windows.net"))
        #expect(message.contains("storage account"))
        #expect(!message.contains("every Azure Monitor name"))
        #expect(run.findings.first?.fix.contains("storage accounts' private endpoints") == true)
    }
}
