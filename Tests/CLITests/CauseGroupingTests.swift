import AmplsimApp
import AmplsimEngine
import AmplsimRender
import AmplsimTestSupport
import Foundation
import Testing

/// `simulate --format json` groups failing rows by cause on its workers, with shortcuts: a
/// network's rows of one name slot and status share a group, rows answered with one endpoint's
/// address share one, and the networks of one Azure DNS view share the causes a worker found for
/// the view's name slots (Docs/performance.md). The shortcuts must change nothing: the causes,
/// their order, networks, zones and rows are those of `CauseCollector.group` over every failing
/// row, each row's cause worked out on its own.
@Suite struct CauseGroupingTests {
    struct Answer: Decodable {
        struct Cause: Decodable {
            var kind: String
            var endpoint: String?
            var zones: [String]?
            var networks: [String]
            var rows: [Int]
        }
        var causes: [Cause]
    }

    /// Twelve networks that share one set of zones (one Azure DNS view): pe-a (vnet00, scope s1)
    /// writes first, pe-b (vnet05, scope s2) last, so the shared names answer pe-b's addresses.
    /// vnet06–vnet08 are peered with vnet05 and reach pe-b; the others do not. So one view's
    /// name slots fail with different statuses in different networks (unroutable, not in scope),
    /// and the workspace names of law-1 answer pe-a's addresses, which only vnet00 reaches.
    static func sharedView() -> String {
        let networks = (0..<12).map { String(format: "vnet%02d", $0) }
        let zones = [("monitor", "privatelink.monitor.azure.com"), ("oms", "privatelink.oms.opinsights.azure.com"),
                     ("ods", "privatelink.ods.opinsights.azure.com"), ("agentsvc", "privatelink.agentsvc.azure-automation.net"),
                     ("blob", "privatelink.blob.core.windows.net")]
        var text = "version: 1\nnetworks:\n"
        for (i, name) in networks.enumerated() {
            let peerings = name == "vnet05" ? ", peerings: [vnet06, vnet07, vnet08]" : ""
            text += "  - {name: \(name), addressSpace: [10.\(i).0.0/24]\(peerings)}\n"
        }
        text += "zones:\n"
        for (id, name) in zones { text += "  - {id: \(id), name: \(name), links: [\(networks.joined(separator: ", "))]}\n" }
        text += """
            workspaces:
              - {name: law-1, id: 2497b122-367b-493e-9c7d-8081ad4e8713, region: eastus}
              - {name: law-2, id: 4fe65441-c547-45bf-9b68-3f1cd0e46190, region: eastus}
            components:
              - {name: appi-1, region: eastus, stamp: 5}
              - {name: appi-2, region: eastus, stamp: 5}
            scopes:
              - {name: s1, resources: [law-1, appi-1]}
              - {name: s2, resources: [law-2, appi-2]}
            privateEndpoints:
              - {name: pe-a, network: vnet00, subnet: 10.0.0.0/27, scope: s1, dnsZones: [monitor, oms, ods, agentsvc, blob]}
              - {name: pe-b, network: vnet05, subnet: 10.5.0.0/27, scope: s2, dnsZones: [monitor, oms, ods, agentsvc, blob]}

            """
        return text
    }

    /// The expected causes, worked out row by row by the engine's reference grouping.
    static func expected(_ path: String, failuresOnly: Bool) throws -> [Answer.Cause] {
        let world = try Evaluated.load(path, quiet: true).world
        let rows = Simulation(world: world).rows()
        let failing = rows.indices.filter { !rows[$0].status.succeeds }
        return CauseCollector.group(failing.map { rows[$0] }, in: world).map { group in
            var endpoint: String?
            var zones: [String]?
            if case .endpoint(let name, _) = group.cause {
                endpoint = name.name
                zones = group.zones.map(\.name)
            }
            return Answer.Cause(kind: CauseText.kind(group.cause), endpoint: endpoint, zones: zones,
                                networks: group.networks.map(\.name),
                                rows: group.rows.map { failuresOnly ? $0 : failing[$0] })
        }
    }

    static func check(_ path: String, _ label: String) throws {
        for failuresOnly in [false, true] {
            let run = try amplsim(["simulate", path, "--format", "json"] + (failuresOnly ? ["--failures-only"] : []))
            #expect(run.status == 0 || run.status == 1, "\(label): \(run.stderr)")
            let got = try JSONDecoder().decode(Answer.self, from: run.stdoutData).causes
            let want = try expected(path, failuresOnly: failuresOnly)
            #expect(got.count == want.count, "\(label), failures only \(failuresOnly)")
            for (g, w) in zip(got, want) {
                #expect(g.kind == w.kind && g.endpoint == w.endpoint, "\(label): \(g.kind) \(g.endpoint ?? "") vs \(w.kind) \(w.endpoint ?? "")")
                #expect(g.networks == w.networks, "\(label): networks of \(w.kind) \(w.endpoint ?? "")")
                #expect(g.zones == w.zones, "\(label): zones of \(w.kind) \(w.endpoint ?? "")")
                #expect(g.rows == w.rows, "\(label): rows of \(w.kind) \(w.endpoint ?? "")")
            }
        }
    }

    @Test func networksOfOneViewGroupAsRowByRow() throws {
        let path = try temporaryFile(Self.sharedView())
        // The shortcut across networks is exercised only if the view's slots fail in many
        // networks, with more than one status.
        let want = try Self.expected(path, failuresOnly: false)
        #expect(want.contains { $0.networks.count >= 8 })
        let world = try Evaluated.load(path, quiet: true).world
        let statuses = Set(Simulation(world: world).rows().map(\.status))
        #expect(statuses.isSuperset(of: [.unroutable, .notInScope, .private]))
        try Self.check(path, "twelve networks, one view")
    }

    @Test(arguments: ["two-vnets-shared-dns.yaml", "hub-spoke-transit.yaml", "hub-spoke-single-pe.yaml",
                      "separate-pe-per-spoke.yaml", "access-modes.yaml", "onprem-forwarder.yaml", "hosts-file.yaml",
                      "hub-resolver-rulesets.yaml", "resolver-rules.yaml", "dce-scopes.yaml", "gateway-flavors.yaml",
                      "custom-zone-suffix.yaml", "empty-monitor-zone.yaml"])
    func fixturesGroupAsRowByRow(_ name: String) throws {
        try Self.check(fixture("topologies/\(name)"), name)
    }
}
