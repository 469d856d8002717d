import AmplsimEngine
import Testing

// DNS paths that end in SERVFAIL (MODEL.md section 4), one fixture each. A finding about a DNS
// path names no record (name null) unless it is a CNAME loop inside a zone. Distinct causes
// (another server, another forwarder) stay distinct findings: Docs/audit.md says "the fix
// names the forwarder or connection to change", which differs per cause.

@Suite("audit: cname-loop.yaml")
struct CNAMELoopAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("cname-loop.yaml") }

    @Test("the api <-> api-v2 loop, once, for vnet-app")
    func exactFindings() {
        // law-app's query (api.loganalytics.io) and appi-app's query (api.applicationinsights.io)
        // both reach api.monitor.azure.com -> api.privatelink.monitor.azure.com, which app-monitor
        // answers with CNAME api-v2..., which it answers with CNAME api... again: the chain
        // loops, SERVFAIL. One loop, in one zone: one cname-loop finding, at the zone holding the
        // loop and the name where the chain comes back to itself (api.privatelink...), for
        // vnet-app. Every other name resolves to pe-app: private.
        expectFindings(run, [finding(.cnameLoop, zone: "app-monitor", name: "api.privatelink.monitor.azure.com", ["vnet-app"])])
    }

    @Test("the finding points at the looping CNAME's line")
    func location() throws {
        let path = AuditFixtures.zone("cname-loop/privatelink.monitor.azure.com.zone")
        expectLocation(run, .cnameLoop, zone: "app-monitor", name: "api.privatelink.monitor.azure.com", file: path,
                       line: try lineNumber(of: "api 10 IN CNAME api-v2.privatelink.monitor.azure.com.", in: path))
    }
}

@Suite("audit: forwarding-loop.yaml")
struct ForwardingLoopAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("forwarding-loop.yaml") }

    @Test("corp-dns -> hub-dns -> corp-dns, for the on-premises network")
    func exactFindings() {
        // onprem-dc asks corp-dns. Every client name falls under one of corp-dns's forwarders
        // (to hub-dns); hub-dns forwards only privatelink domains to Azure DNS and everything
        // else to its default, corp-dns, which is still resolving the name: forwarding loop,
        // SERVFAIL, for all ten of onprem-dc's rows. One loop: one finding, networks [onprem-dc].
        // The hub uses Azure DNS: private. onprem-dc still sees the four zones (privatelink
        // names do reach Azure DNS through hub-dns), so no partial-zone-set; the hub's records
        // are reachable from both.
        expectFindings(run, [finding(.forwardingLoop, ["onprem-dc"])])
    }
}

@Suite("audit: onprem-azure-dns.yaml")
struct OnPremAzureDNSAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("onprem-azure-dns.yaml") }

    @Test("the branch on Azure DNS and the lab server forwarding to Azure DNS: one finding each")
    func exactFindings() {
        // onprem-branch's DNS is `azure`: Azure DNS serves only Azure networks, every name is
        // SERVFAIL. onprem-lab's clients ask lab-dns, which forwards the Azure Monitor domains
        // to `azure` (Azure DNS of its own, on-premises, network): SERVFAIL. Two mistakes with
        // two different fixes: two findings. onprem-dc (through hub-resolver) and the hub are
        // private; onprem-dc sees the four zones through hub-resolver.
        expectFindings(run, [
            finding(.onPremAzureDNS, ["onprem-branch"]),
            finding(.onPremAzureDNS, ["onprem-lab"]),
        ])
    }
}

@Suite("audit: unreachable-dns-server.yaml")
struct UnreachableDNSServerAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("unreachable-dns-server.yaml") }

    @Test("spoke-new cannot reach its DNS server; dr-dns cannot reach its forwarder's target")
    func exactFindings() {
        // spoke-new's DNS server hub-dns runs in the hub, and spoke-new is not peered with it:
        // SERVFAIL for every name. onprem-dr reaches dr-dns (same network), but dr-dns forwards
        // the Azure Monitor domains to hub-dns in the hub, which onprem-dr cannot reach (no
        // connection): SERVFAIL. Two causes, two findings. The hub and spoke-ok (peered) are
        // private and see all four zones through hub-dns.
        expectFindings(run, [
            finding(.unreachableDNSServer, ["spoke-new"]),
            finding(.unreachableDNSServer, ["onprem-dr"]),
        ])
    }
}

@Suite("audit: resolver-no-egress.yaml")
struct ResolverNoEgressAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("resolver-no-egress.yaml") }

    @Test("hub-dns recurses to the internet from the sealed hub, for both of its client networks")
    func exactFindings() {
        // Every client name is a public name outside the privatelink forwarders: hub-dns routes
        // it to its default, internet, its own recursion from hub-sealed, which has no egress:
        // SERVFAIL for all rows of hub-sealed and spoke-app (both use hub-dns). One server, one
        // finding. Both networks see the four zones through the privatelink forwarders, and
        // pe-hub's records are reachable (spoke-app is peered).
        expectFindings(run, [finding(.resolverNoEgress, ["hub-sealed", "spoke-app"])])
    }
}
