import AmplsimEngine
import Testing

// Record, zone and network codes, one small fixture each. Expected findings derived by hand
// from Docs/audit.md and MODEL.md (comments); never copied from the program's output.

@Suite("audit: not-in-scope-record.yaml")
struct NotInScopeRecordAuditTests {
    let run: AuditRun
    let partner = "e7f50bc6-9fc0-42a3-be40-5f6a7b8c9d0f"
    init() throws { run = try AuditRun("not-in-scope-record.yaml") }

    let zones = [("app-oms", "privatelink.oms.opinsights.azure.com", "10.10.1.11"),
                 ("app-ods", "privatelink.ods.opinsights.azure.com", "10.10.1.12"),
                 ("app-agentsvc", "privatelink.agentsvc.azure-automation.net", "10.10.1.13")]

    @Test("law-partner's three names sent to pe-app, whose scope lacks law-partner")
    func exactFindings() {
        // Record checks: law-partner's names in the three workspace zones hold pe-app's
        // addresses (10.10.1.11/.12/.13); pe-app's scope ampls-app holds law-app only:
        // not-in-scope-record, seen by vnet-app (the only network, linked). pe-app is in
        // vnet-app: not unroutable. law-app's records are fine (law-app is in ampls-app).
        // Rows: with workspaceCnames: always, law-partner's client names CNAME into these zones
        // and get pe-app's addresses: not-in-scope on resource-specific names, merged into the
        // same findings. Its query reaches pe-app through an Open query mode and law-partner
        // accepts public queries: public, a success. Nothing else fails.
        expectFindings(run, zones.map { finding(.notInScopeRecord, zone: $0.0, name: "\(partner).\($0.1)", ["vnet-app"]) })
    }

    @Test("each finding points at law-partner's line in the export (absolute owner names)")
    func locations() throws {
        for (zone, origin, address) in zones {
            let path = AuditFixtures.zone("not-in-scope-record/\(origin).zone")
            expectLocation(run, .notInScopeRecord, zone: zone, name: "\(partner).\(origin)", file: path,
                           line: try lineNumber(of: "\(partner).\(origin). 10 IN A \(address)", in: path))
        }
    }
}

@Suite("audit: empty-zone.yaml")
struct EmptyZoneAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("empty-zone.yaml") }

    @Test("both policy zones are empty for vnet-a; vnet-b (fallback) and vnet-c (unlinked) are not hurt")
    func exactFindings() {
        // Zone checks: policy-monitor (a SOA and a TXT) and policy-ods (a SOA) are AMPLS zones
        // with no A record at all. Who sees them: vnet-a (linked, no fallback): a name in them
        // is answered by the zone (NXDOMAIN). vnet-b's links fall back to internet: its answers
        // come from public DNS, not from the zone, so it does not see them. vnet-c: unlinked.
        // -> empty-zone for each zone, networks [vnet-a]; the name is the zone's own name.
        // Rows: from vnet-a, appi-web's six endpoints and law-web's query enter policy-monitor
        // through their public CNAMEs: NXDOMAIN, explained by the empty-zone finding of
        // policy-monitor (one finding for the empty zone, not one missing-record per name).
        // law-web's own names are unpublished (ampls-planned has no endpoint): public. policy-ods
        // breaks no row today, but the check is static: an empty AMPLS zone seen by a network.
        // No record, no endpoint, no scope with an endpoint: no other finding.
        expectFindings(run, [
            finding(.emptyZone, zone: "policy-monitor", name: "privatelink.monitor.azure.com", ["vnet-a"]),
            finding(.emptyZone, zone: "policy-ods", name: "privatelink.ods.opinsights.azure.com", ["vnet-a"]),
        ])
    }

    @Test("an empty zone points at its export as a whole")
    func locations() {
        expectLocation(run, .emptyZone, zone: "policy-monitor", name: "privatelink.monitor.azure.com",
                       file: AuditFixtures.zone("empty-zone/privatelink.monitor.azure.com.zone"), line: 0)
        expectLocation(run, .emptyZone, zone: "policy-ods", name: "privatelink.ods.opinsights.azure.com",
                       file: AuditFixtures.zone("empty-zone/privatelink.ods.opinsights.azure.com.zone"), line: 0)
    }
}

@Suite("audit: zone-too-broad.yaml")
struct ZoneTooBroadAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("zone-too-broad.yaml") }

    @Test("ods.opinsights.azure.com hides law-partner's public ingestion name")
    func exactFindings() {
        // Zone checks: ods-shortcut is named ods.opinsights.azure.com, a public parent of the
        // Azure Monitor names (listed in Docs/audit.md): zone-too-broad, name = the zone's name,
        // networks = those that see it: vnet-app.
        // Rows: law-app's ods name is held by the zone (pe-app's address): private. law-partner's
        // ods name <partner>.ods.opinsights.azure.com is inside the zone, which does not hold it:
        // NXDOMAIN. That row is explained by zone-too-broad (the zone "answers for public names
        // it does not hold"). It is not a missing-record: the client name does not enter the zone
        // through a public CNAME, it lies in the zone itself. law-partner's oms and agentsvc are
        // unpublished (no scope): public; its query goes through pe-app, Open, accepted: public.
        // Records: ods-shortcut's record is pe-app's, reachable, law-app in scope. The four
        // privatelink zones are complete; vnet-app sees all four (they are longer matches than
        // ods-shortcut for the privatelink names).
        expectFindings(run, [finding(.zoneTooBroad, zone: "ods-shortcut", name: "ods.opinsights.azure.com", ["vnet-app"])])
    }

    @Test("the failing row is law-partner's ods name, and the finding covers its network")
    func failingRow() {
        let failing = run.rows.filter { !$0.status.succeeds }
        #expect(failing.map { "\($0.network) \($0.resource) \($0.endpoint.rawValue) \($0.status.rawValue)" }
            == ["vnet-app law-partner ods nxdomain"])
    }
}

@Suite("audit: mixed-endpoints.yaml")
struct MixedEndpointsAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("mixed-endpoints.yaml") }

    @Test("one warning: the monitor zone points at pe-hub (api) and pe-spoke (the rest)")
    func exactFindings() {
        // Zone checks: shared-monitor's names point at two endpoints (api -> 10.140.1.4, pe-hub;
        // the others -> 10.141.1.x, pe-spoke): mixed-endpoints, a warning, name = the zone's
        // name, networks = those that see the zone (hub and spoke, both linked).
        // Records: both endpoints are reachable from both networks (peered); every resource is in
        // ampls-shared, which both endpoints serve: all rows private, no error.
        // Networks: both see the four zones. Timeline: two endpoints of one scope in two
        // networks break no limit.
        expectFindings(run, [
            finding(.mixedEndpoints, zone: "shared-monitor", name: "privatelink.monitor.azure.com", ["hub", "spoke"]),
        ])
        #expect(run.findings.allSatisfy { $0.severity == .warning })   // exit status 0
        #expect(run.rows.allSatisfy { $0.status == .private })
    }
}

@Suite("audit: partial-zone-set.yaml")
struct PartialZoneSetAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("partial-zone-set.yaml") }

    @Test("one warning: spoke-web sees the monitor zone but not the workspace zones")
    func exactFindings() {
        // Networks: spoke-web sees hub-monitor only. Its scopes: none has an endpoint in it, but
        // hub-monitor holds pe-hub's addresses, so ampls-hub counts; ampls-hub holds a workspace,
        // so it needs the monitor, oms, ods and agentsvc zones: three missing -> partial-zone-set
        // (a warning) for spoke-web, about a network: no zone, no name. The hub sees all four.
        // Rows: spoke-web's law-hub ods/oms/agentsvc resolve publicly (law-hub accepts public
        // ingestion): public, a success; everything else is private. No error.
        expectFindings(run, [finding(.partialZoneSet, ["spoke-web"])])
        #expect(run.rows.allSatisfy { $0.status.succeeds })
    }
}

@Suite("audit: custom-suffix-missing-zone.yaml")
struct CustomSuffixMissingZoneAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("custom-suffix-missing-zone.yaml") }

    @Test("missing-record without a zone for each name under the suffix")
    func exactFindings() {
        // appi-internal (EndpointSuffix=internal.monitor.azure.com) uses dc., live., profiler.
        // and snapshot.internal.monitor.azure.com, and has no regional ingestion endpoint. No
        // zone vnet-app sees holds them (privatelink.monitor.azure.com does not contain
        // internal.monitor.azure.com) and public DNS does not know them: NXDOMAIN, "a name no
        // zone holds and public DNS does not know": missing-record with no zone, one per name.
        // Its query (api.applicationinsights.io) and law-app are private. No location: no zone.
        let names = ["dc", "live", "profiler", "snapshot"].map { "\($0).internal.monitor.azure.com" }
        expectFindings(run, names.map { finding(.missingRecord, name: $0, ["vnet-app"]) })
        #expect(run.findings.allSatisfy { $0.location == nil })
    }
}

@Suite("audit: hosts-file-stale.yaml")
struct HostsFileStaleAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("hosts-file-stale.yaml") }

    @Test("hosts entries are checked like records: one unroutable, two dangling, for vnet-jump")
    func exactFindings() {
        // Docs/audit.md: unroutable-record and dangling-record cover "a record (or a hosts
        // entry)"; the record checks check the entries against the endpoints' addresses and the
        // network whose clients use them (vnet-jump). A hosts entry is in no zone: zone null.
        // - api.loganalytics.io -> 10.170.1.4, pe-app in vnet-app; vnet-jump is not peered with
        //   it: unroutable-record (law-app's query row from vnet-jump fails so, merged).
        // - dc.applicationinsights.azure.com -> 10.170.1.99: inside vnet-app's 10.170.0.0/16,
        //   no endpoint holds it: dangling-record (appi-app's ingest row, merged).
        // - diagservices-query.monitor.azure.com -> 10.170.1.98: the same: dangling-record,
        //   although no row resolves that name.
        // Everything else from vnet-jump resolves publicly (accepted); vnet-app is private.
        expectFindings(run, [
            finding(.unroutableRecord, name: "api.loganalytics.io", ["vnet-jump"]),
            finding(.danglingRecord, name: "dc.applicationinsights.azure.com", ["vnet-jump"]),
            finding(.danglingRecord, name: "diagservices-query.monitor.azure.com", ["vnet-jump"]),
        ])
    }
}
