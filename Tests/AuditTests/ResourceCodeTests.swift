import AmplsimEngine
import Testing

// Codes about a resource (name null, resource set): one fixture each. Expected findings derived
// by hand from Docs/audit.md and MODEL.md section 6 (comments).

@Suite("audit: scope-missing-resource.yaml")
struct ScopeMissingResourceAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("scope-missing-resource.yaml") }

    @Test("appi-legacy and law-legacy resolve to pe-ops, whose PrivateOnly scope lacks them")
    func exactFindings() {
        // Rows from vnet-ops: appi-legacy (eastus stamp 2, like appi-ops) resolves all six shared
        // names to pe-ops's addresses through ops-monitor; pe-ops is in vnet-ops; ampls-ops does
        // not hold appi-legacy and is PrivateOnly: not-in-scope on shared names -> the "all or
        // nothing" finding scope-missing-resource, about the resource (no name), the zone being
        // the one that answered. law-legacy: its own names are unpublished (in no scope): public;
        // its query (api) reaches pe-ops the same way: scope-missing-resource for law-legacy.
        // One finding per resource (findings about different resources do not merge).
        // Records: all pe-ops's, reachable, workspace names for law-ops (in scope). The four
        // zones are complete and seen.
        expectFindings(run, [
            finding(.scopeMissingResource, zone: "ops-monitor", resource: "appi-legacy", ["vnet-ops"]),
            finding(.scopeMissingResource, zone: "ops-monitor", resource: "law-legacy", ["vnet-ops"]),
        ])
        #expect(run.findings.map(\.resource) == ["appi-legacy", "law-legacy"])   // ordered by resource
    }
}

@Suite("audit: public-denied.yaml")
struct PublicDeniedAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("public-denied.yaml") }

    @Test("appi-locked refused through the Open scope and over public DNS; law-app's query from vnet-public")
    func exactFindings() {
        // vnet-app: appi-locked's five ingestion names reach pe-app (ampls-app, ingestion Open);
        // appi-locked is not in ampls-app and denies public ingestion: public-denied. Its query:
        // query mode Open and it accepts public queries: public. law-app and appi-app: private.
        // vnet-public (no zone, no endpoint): appi-locked's ingestion names end at public
        // addresses, it denies public ingestion: public-denied; law-app's query ends at a public
        // address and law-app denies public queries: public-denied. law-app's ingestion names and
        // appi-app: public, accepted.
        // One finding per resource, networks joined: appi-locked [vnet-app, vnet-public],
        // law-app [vnet-public]. A public-denied finding is about public access to a resource:
        // no zone, no name.
        expectFindings(run, [
            finding(.publicDenied, resource: "appi-locked", ["vnet-app", "vnet-public"]),
            finding(.publicDenied, resource: "law-app", ["vnet-public"]),
        ])
    }
}

@Suite("audit: egress-blocked.yaml")
struct EgressBlockedAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("egress-blocked.yaml") }

    @Test("law-other's ingestion names resolve to public addresses from a VNet without egress")
    func exactFindings() {
        // law-other is in no scope: its three workspace CNAMEs are not published, its client
        // names answer with public addresses; vnet-sealed has no internet egress:
        // egress-blocked. Its query goes to pe-sealed (Open query mode, accepted): public.
        // law-sealed: private. Records complete and reachable; vnet-sealed sees all four zones.
        expectFindings(run, [finding(.egressBlocked, resource: "law-other", ["vnet-sealed"])])
    }
}
