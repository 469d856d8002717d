import AmplsimEngine
import AmplsimRender
import Testing

// The four scenario fixtures of Fixtures/audit/. Every expected finding is derived by hand from
// Docs/audit.md ("How findings are made", the codes table) and MODEL.md sections 3-6, in the
// comments; none is copied from the program's output.

/// Fixtures/audit/healthy-hub.yaml: one endpoint in the hub, five complete exports, spokes
/// peered to the hub and linked to every zone.
@Suite("audit: healthy-hub.yaml reports nothing")
struct HealthyHubAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("healthy-hub.yaml") }

    @Test("no finding at all, so `amplsim audit` exits 0")
    func noFindings() {
        // Record checks: every A record of the five exports holds pe-hub's address for that very
        // name (10.0.1.4 ... 10.0.1.18, as listed in the topology), pe-hub lives in the hub, and
        // the networks that see the records (hub, spoke-web, spoke-data: all linked) reach the
        // hub (itself, or one peering). Nothing dangles, nothing is unroutable; the workspace
        // names point at pe-hub, whose scope holds law-hub.
        // Zone checks: no zone is empty; no zone is named after a public parent; the monitor
        // zone points at one endpoint only. Network checks: each network sees all four zones
        // ampls-hub needs (it holds a workspace). Rows: every resource is in ampls-hub, so every
        // row is private. Timeline: pe-hub's creation is accepted.
        expectFindings(run, [])
        #expect(run.findings.isEmpty)
        #expect(!run.findings.contains { $0.severity == .error })   // exit status 0
    }

    @Test("every row of the matrix is private (3 networks x 16 endpoints)")
    func everyRowPrivate() {
        // law-hub: 4 endpoints; appi-web and appi-api: 6 each: 16 per network, 48 in all.
        #expect(run.rows.count == 48)
        #expect(run.rows.allSatisfy { $0.status == .private && $0.via == "pe-hub" })
        #expect(run.outcomes.allSatisfy { $0.refusal == nil })
    }

    @Test("the table says there is nothing to report")
    func table() {
        #expect(AuditReport.table(run.findings).hasPrefix("no findings"))
    }
}

/// Fixtures/audit/two-vnet-override.yaml: the seed's unpeered VNets sharing zones, exported
/// after pe2 overwrote the shared names.
@Suite("audit: two-vnet-override.yaml, the seed's DNS override")
struct TwoVNetOverrideAuditTests {
    let run: AuditRun
    let ws1 = "0c8a3e51-6f2d-4b7a-a1c9-3d5e7f9b1a20"
    let ws2 = "7d4f2b86-1e3c-4a59-b8d7-6c2a9e0f4b31"
    init() throws { run = try AuditRun("two-vnet-override.yaml") }

    /// The shared names of the monitor zone with pe2's address for each (the topology's list).
    let sharedMonitor: [(String, String)] = [
        ("api", "10.0.2.4"), ("global.in.ai", "10.0.2.5"), ("profiler", "10.0.2.6"), ("snapshot", "10.0.2.7"),
        ("live", "10.0.2.8"), ("diagservices-query", "10.0.2.9"), ("global.handler.control", "10.0.2.10"),
        ("eastus-5.in.ai", "10.0.2.11"), ("eastus.livediagnostics", "10.0.2.12"),
    ]

    var expected: [Expected] {
        var e: [Expected] = []
        // Record checks. Both VNets link all five zones, so both see every record. vnet1 and
        // vnet2 are not peered: neither reaches the other (MODEL.md section 6).
        // - The nine monitor names and the blob name hold pe2's addresses (pe2 in vnet2):
        //   unroutable for vnet1, the seed's "the first VNet now fails to reach these endpoints".
        for (label, _) in sharedMonitor {
            e.append(finding(.unroutableRecord, zone: "shared-monitor", name: "\(label).privatelink.monitor.azure.com", ["vnet1"]))
        }
        e.append(finding(.unroutableRecord, zone: "shared-blob", name: "scadvisorcontentpl.privatelink.blob.core.windows.net", ["vnet1"]))
        // - law-app2's three workspace names hold pe2's addresses: unroutable for vnet1 too.
        // - law-app1's three hold pe1's (vnet1): unroutable for vnet2. The override is about the
        //   shared names; the workspace names simply live in the other VNet.
        for (zone, suffix) in [("shared-oms", "privatelink.oms.opinsights.azure.com"),
                               ("shared-ods", "privatelink.ods.opinsights.azure.com"),
                               ("shared-agentsvc", "privatelink.agentsvc.azure-automation.net")] {
            e.append(finding(.unroutableRecord, zone: zone, name: "\(ws2).\(suffix)", ["vnet1"]))
            e.append(finding(.unroutableRecord, zone: zone, name: "\(ws1).\(suffix)", ["vnet2"]))
        }
        // Rows. vnet1's failing rows (law-app1's query, all of law-app2, appi-app1 and appi-app2)
        // are unroutable at these very zone names: they merge into the record findings above.
        // vnet2: law-app1's three workspace names are unroutable (merged above). Its shared
        // names (law-app1's query; appi-app1's six endpoints) reach pe2, reachable, but ampls2
        // holds neither law-app1 nor appi-app1 and is PrivateOnly: not-in-scope on shared
        // names, the "all or nothing" of the seed: scope-missing-resource, one per resource,
        // the zone being the one that answered (shared-monitor).
        e.append(finding(.scopeMissingResource, zone: "shared-monitor", resource: "appi-app1", ["vnet2"]))
        e.append(finding(.scopeMissingResource, zone: "shared-monitor", resource: "law-app1", ["vnet2"]))
        // Zone checks: no empty zone; the monitor zone's names all point at pe2 (not mixed).
        // Network checks: each VNet sees the four zones its scopes need. No refused step.
        // Design checks (warnings):
        // - scopes-share-zone: shared-monitor's shared names hold pe2's addresses (ampls2); pe1,
        //   of ampls1, writes shared-oms, shared-ods and shared-agentsvc (law-app1's names hold its
        //   addresses), which the same two VNets see: pe1 lost the shared names to pe2.
        e.append(finding(.scopesShareZone, zone: "shared-monitor", name: "privatelink.monitor.azure.com", ["vnet1", "vnet2"]))
        // - spoke-endpoint-shared-zone: pe1 writes zones vnet2 sees, pe2 zones vnet1 sees, and
        //   the VNets are not peered: neither endpoint's network is the hub of the other. One
        //   per endpoint, listing the other VNet.
        e.append(finding(.spokeEndpointSharedZone, ["vnet2"]))
        e.append(finding(.spokeEndpointSharedZone, ["vnet1"]))
        // - mixed-record-set: each set holds one address; cross-scope-reach: no shared row of a
        //   resource succeeds through another scope (appi-app2 and law-app2 are ampls2's own).
        return e
    }

    @Test("unroutable-record for vnet1 on every shared name, and the exact rest")
    func exactFindings() {
        expectFindings(run, expected)
    }

    @Test("each record finding points at its line in the export")
    func recordLocations() throws {
        let monitor = AuditFixtures.zone("two-vnet-override/privatelink.monitor.azure.com.zone")
        for (label, address) in sharedMonitor {
            let line = try lineNumber(of: "\(label) 10 IN A \(address)", in: monitor)
            expectLocation(run, .unroutableRecord, zone: "shared-monitor", name: "\(label).privatelink.monitor.azure.com",
                           file: monitor, line: line)
        }
        // The first record after the SOA block of the minimal export is line 11 (as in the
        // export the brief shows): api.
        expectLocation(run, .unroutableRecord, zone: "shared-monitor", name: "api.privatelink.monitor.azure.com",
                       file: monitor, line: 11)
        let blob = AuditFixtures.zone("two-vnet-override/privatelink.blob.core.windows.net.zone")
        expectLocation(run, .unroutableRecord, zone: "shared-blob", name: "scadvisorcontentpl.privatelink.blob.core.windows.net",
                       file: blob, line: try lineNumber(of: "scadvisorcontentpl 10 IN A 10.0.2.16", in: blob))
        for (zone, file, suffix, n) in [
            ("shared-oms", "privatelink.oms.opinsights.azure.com.zone", "privatelink.oms.opinsights.azure.com", 13),
            ("shared-ods", "privatelink.ods.opinsights.azure.com.zone", "privatelink.ods.opinsights.azure.com", 14),
            ("shared-agentsvc", "privatelink.agentsvc.azure-automation.net.zone", "privatelink.agentsvc.azure-automation.net", 15),
        ] {
            let path = AuditFixtures.zone("two-vnet-override/\(file)")
            expectLocation(run, .unroutableRecord, zone: zone, name: "\(ws1).\(suffix)", file: path,
                           line: try lineNumber(of: "\(ws1) 10 IN A 10.0.1.\(n)", in: path))
            expectLocation(run, .unroutableRecord, zone: zone, name: "\(ws2).\(suffix)", file: path,
                           line: try lineNumber(of: "\(ws2) 10 IN A 10.0.2.\(n)", in: path))
        }
    }

    @Test("the order is fixed: errors, then code, zone, name, resource")
    func order() {
        // Docs/audit.md: "errors before warnings, then by code in the order of the table below,
        // zone, name and resource". unroutable-record precedes scope-missing-resource; zones
        // sort agentsvc < blob < monitor < ods < oms; names by text ("-" sorts before ".").
        var keys: [String] = []
        for zone in ["shared-agentsvc"] {
            keys += ["\(zone) \(ws1).privatelink.agentsvc.azure-automation.net", "\(zone) \(ws2).privatelink.agentsvc.azure-automation.net"]
        }
        keys.append("shared-blob scadvisorcontentpl.privatelink.blob.core.windows.net")
        for label in ["api", "diagservices-query", "eastus-5.in.ai", "eastus.livediagnostics", "global.handler.control",
                      "global.in.ai", "live", "profiler", "snapshot"] {
            keys.append("shared-monitor \(label).privatelink.monitor.azure.com")
        }
        keys += ["shared-ods \(ws1).privatelink.ods.opinsights.azure.com", "shared-ods \(ws2).privatelink.ods.opinsights.azure.com",
                 "shared-oms \(ws1).privatelink.oms.opinsights.azure.com", "shared-oms \(ws2).privatelink.oms.opinsights.azure.com"]
        let unroutable = run.findings.filter { $0.code == .unroutableRecord }.map { "\($0.zone ?? "-") \($0.name?.text ?? "-")" }
        #expect(unroutable == keys)
        // The design checks are warnings: after the errors, scopes-share-zone before
        // spoke-endpoint-shared-zone (table order), the latter two ordered by message (pe1's first).
        #expect(run.findings.map(\.code.rawValue) == Array(repeating: "unroutable-record", count: 16)
            + ["scope-missing-resource", "scope-missing-resource", "scopes-share-zone", "spoke-endpoint-shared-zone",
               "spoke-endpoint-shared-zone"])
        #expect(run.findings.dropLast(3).suffix(2).map(\.resource) == ["appi-app1", "law-app1"])
        #expect(run.findings.suffix(2).map(\.networks) == [["vnet2"], ["vnet1"]])
    }
}

/// Fixtures/audit/deleted-endpoint-cascade.yaml: pe-b deleted; the exports lost every name it
/// had written, the shared ones included.
@Suite("audit: deleted-endpoint-cascade.yaml, shared names gone with the later endpoint")
struct DeletedEndpointCascadeAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("deleted-endpoint-cascade.yaml") }

    @Test("the deletion step is accepted and pe-b is gone")
    func timeline() {
        #expect(run.outcomes.allSatisfy { $0.refusal == nil })
        #expect(run.world.endpoints.map(\.name) == ["pe-a"])
    }

    @Test("missing-record for each shared name a client enters the monitor zone through, for both spokes")
    func exactFindings() {
        // What the exports hold: the monitor zone keeps pe-a's westeurope-2.in.ai and
        // westeurope.livediagnostics (A) and a TXT at snapshot; the workspace zones keep law-a's.
        // The monitor zone is not empty, so the checks are per name (missing-record), not
        // empty-zone.
        // Rows (both spokes link all four zones; the spokes are peered so pe-a is reachable):
        // - law-a: ods/oms/agentsvc private; query: api.loganalytics.io -> api.monitor.azure.com
        //   -> api.privatelink.monitor.azure.com: NXDOMAIN in dns-monitor.
        // - law-b: its scope has no endpoint any more, so its CNAMEs are unpublished: its own
        //   names are public (success); its query: the same api NXDOMAIN.
        // - appi-a: ingest (global.in.ai), profiler, query (api): NXDOMAIN; snapshot: the name
        //   holds a TXT only: NODATA, which counts as NXDOMAIN; regional and live: pe-a, private.
        // - appi-b (eastus 5): ingest, profiler, snapshot, query as above, and its regional
        //   names eastus-5.in.ai and eastus.livediagnostics, deleted with pe-b: NXDOMAIN.
        // Each client name enters dns-monitor through its public CNAME (the shared CNAMEs are
        // always published) and the zone has no A record: missing-record, one per zone name,
        // for both spokes (same zones). diagservices-query and global.handler.control were
        // deleted too, but no client name leads there: no finding.
        // Record checks: the remaining A records are pe-a's, reachable from both spokes, law-a in
        // ampls-a: nothing. Networks: spoke-b has no endpoint now, but its zones hold pe-a's
        // addresses, so ampls-a's four zones are needed, and both spokes see all four.
        let both = ["spoke-a", "spoke-b"]
        expectFindings(run, ["api", "global.in.ai", "profiler", "snapshot", "eastus-5.in.ai", "eastus.livediagnostics"].map {
            finding(.missingRecord, zone: "dns-monitor", name: "\($0).privatelink.monitor.azure.com", both)
        })
    }

    @Test("missing names point at the export; the NODATA name at its TXT line")
    func locations() throws {
        let monitor = AuditFixtures.zone("deleted-endpoint-cascade/privatelink.monitor.azure.com.zone")
        // An absent name has no line of its own: the finding points at the export as a whole.
        for label in ["api", "global.in.ai", "profiler", "eastus-5.in.ai", "eastus.livediagnostics"] {
            expectLocation(run, .missingRecord, zone: "dns-monitor", name: "\(label).privatelink.monitor.azure.com",
                           file: monitor, line: 0)
        }
        // snapshot exists (team B's TXT record set) without an A record: point at that record.
        expectLocation(run, .missingRecord, zone: "dns-monitor", name: "snapshot.privatelink.monitor.azure.com",
                       file: monitor, line: try lineNumber(of: "snapshot 3600 IN TXT", in: monitor))
    }
}

/// Fixtures/audit/onprem-stale-copy.yaml: dc01 hosts copies of the privatelink zones with the
/// addresses of an endpoint replaced long ago.
@Suite("audit: onprem-stale-copy.yaml, stale copies on an on-premises DNS server")
struct OnPremStaleCopyAuditTests {
    let run: AuditRun
    let ws = "c5d3e9a4-7dae-4081-9c2e-3d4f5a6b7c8d"
    init() throws { run = try AuditRun("onprem-stale-copy.yaml") }

    /// The stale records of the on-prem monitor copy: (label, address, the record's text).
    let staleMonitor: [(String, String)] = [
        ("global.in.ai", "10.0.1.5"), ("profiler", "10.0.1.6"), ("snapshot", "10.0.1.7"), ("live", "10.0.1.8"),
        ("diagservices-query", "10.0.1.9"), ("global.handler.control", "10.0.1.10"),
        ("westus2-4.in.ai", "10.0.1.11"), ("westus2.livediagnostics", "10.0.1.12"),
    ]

    @Test("dangling-record for every stale record, for the on-premises network only")
    func exactFindings() {
        // Who sees the copies: onprem-dc's clients ask corp-dns, which hosts the four copies, so
        // a privatelink name from onprem-dc is answered by the copy at that name. The hub uses
        // Azure DNS and sees only the hub zones (which hold pe-hub's current addresses,
        // reachable: nothing there).
        // The copies hold 10.0.1.x: private (inside the hub's 10.0.0.0/16, and RFC 1918) and
        // owned by no endpoint (pe-hub holds 10.0.2.x): dangling-record, networks [onprem-dc],
        // for each of them: eight monitor names (all but api) and law-corp's three names.
        // api was updated to 10.0.2.4 (pe-hub, reachable over ExpressRoute): no finding.
        // Rows from onprem-dc: law-corp's ods/oms/agentsvc (public CNAME, then corp-dns's copy)
        // and appi-corp's ingest, regional, live, profiler, snapshot are dangling at those
        // names: merged into the record findings. The queries (api) are private.
        // Networks: onprem-dc sees all four copies; the copies hold pe-hub's api address, so
        // ampls-corp (with a workspace) needs the four: all seen. No partial-zone-set.
        var e = staleMonitor.map {
            finding(.danglingRecord, zone: "corp-monitor", name: "\($0.0).privatelink.monitor.azure.com", ["onprem-dc"])
        }
        e.append(finding(.danglingRecord, zone: "corp-oms", name: "\(ws).privatelink.oms.opinsights.azure.com", ["onprem-dc"]))
        e.append(finding(.danglingRecord, zone: "corp-ods", name: "\(ws).privatelink.ods.opinsights.azure.com", ["onprem-dc"]))
        e.append(finding(.danglingRecord, zone: "corp-agentsvc", name: "\(ws).privatelink.agentsvc.azure-automation.net", ["onprem-dc"]))
        expectFindings(run, e)
    }

    @Test("each dangling record points at its line in the on-premises copy")
    func locations() throws {
        let monitor = AuditFixtures.zone("onprem-stale-copy/corp/privatelink.monitor.azure.com.zone")
        for (label, address) in staleMonitor {
            // The regional names were typed as `IN 300 A` (class before TTL), the others `IN A`.
            let text = label.hasPrefix("westus2") ? "\(label) IN 300 A \(address)" : "\(label) IN A \(address)"
            expectLocation(run, .danglingRecord, zone: "corp-monitor", name: "\(label).privatelink.monitor.azure.com",
                           file: monitor, line: try lineNumber(of: text, in: monitor))
        }
        let oms = AuditFixtures.zone("onprem-stale-copy/corp/privatelink.oms.opinsights.azure.com.zone")
        expectLocation(run, .danglingRecord, zone: "corp-oms", name: "\(ws).privatelink.oms.opinsights.azure.com",
                       file: oms, line: try lineNumber(of: "\(ws).privatelink.oms.opinsights.azure.com. IN A 10.0.1.13", in: oms))
        let ods = AuditFixtures.zone("onprem-stale-copy/corp/privatelink.ods.opinsights.azure.com.zone")
        expectLocation(run, .danglingRecord, zone: "corp-ods", name: "\(ws).privatelink.ods.opinsights.azure.com",
                       file: ods, line: try lineNumber(of: "\(ws).privatelink.ods.opinsights.azure.com. IN A 10.0.1.14", in: ods))
        let agentsvc = AuditFixtures.zone("onprem-stale-copy/corp/privatelink.agentsvc.azure-automation.net.zone")
        expectLocation(run, .danglingRecord, zone: "corp-agentsvc", name: "\(ws).privatelink.agentsvc.azure-automation.net",
                       file: agentsvc, line: try lineNumber(of: "\(ws) 300 IN A 10.0.1.15", in: agentsvc))
    }

    @Test("the hub is not hurt: all its rows are private")
    func hubUnharmed() {
        #expect(run.rows.filter { $0.network == "hub" }.allSatisfy { $0.status == .private })
        #expect(!run.findings.contains { $0.networks.contains("hub") })
    }
}
