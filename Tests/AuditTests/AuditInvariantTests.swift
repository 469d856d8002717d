import AmplsimEngine
import Testing

// Properties Docs/audit.md states for every audit, checked over every fixture.

/// Docs/audit.md's codes table, in order (the order findings sort by).
let specCodeOrder = [
    "unroutable-record", "dangling-record", "missing-record", "not-in-scope-record", "empty-zone", "zone-too-broad",
    "scope-missing-resource", "public-denied", "egress-blocked", "cname-loop", "forwarding-loop", "onprem-azure-dns",
    "unreachable-dns-server", "resolver-no-egress", "refused-step", "limit-exceeded", "mixed-endpoints",
    "partial-zone-set", "rule-loop", "dot-rule-reserved", "rule-zone-unseen", "subnet-too-small",
    "scopes-share-zone", "spoke-endpoint-shared-zone", "mixed-record-set", "cross-scope-reach", "component-stamp-defaulted",
]

/// The codes that can explain a failing row of each status (Docs/audit.md's "when" column,
/// against MODEL.md section 6's statuses).
func explainingCodes(_ row: Row) -> Set<String> {
    switch row.status {
    case .unroutable: return ["unroutable-record"]
    case .dangling: return ["dangling-record"]
    case .nxdomain: return ["missing-record", "empty-zone", "zone-too-broad"]
    case .servfail: return ["cname-loop", "forwarding-loop", "onprem-azure-dns", "unreachable-dns-server", "resolver-no-egress",
                            "rule-loop"]
    case .notInScope: return row.endpoint.isResourceSpecific(of: row.resourceKind) ? ["not-in-scope-record"] : ["scope-missing-resource"]
    case .publicDenied: return ["public-denied"]
    case .egressBlocked: return ["egress-blocked"]
    case .private, .public: return []
    }
}

@Suite("audit: properties of every fixture")
struct AuditInvariantTests {
    @Test("every failing row is explained by a finding of a fitting code that names its network",
          arguments: AuditFixtures.all)
    func everyFailingRowExplained(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        for row in run.rows where !row.status.succeeds {
            let label = "\(fixture): \(row.network) / \(row.resource) / \(row.endpoint.rawValue) \(row.status.rawValue)"
            // The brief's property: some finding's networks include the row's network.
            #expect(run.findings.contains { $0.networks.contains(row.network) }, "\(label)")
            // And that finding is of a code that explains this status.
            let codes = explainingCodes(row)
            #expect(run.findings.contains { codes.contains($0.code.rawValue) && $0.networks.contains(row.network) },
                    "\(label): no \(codes.sorted()) finding names \(row.network)")
        }
    }

    @Test("severity is the table's: warnings for mixed-endpoints, partial-zone-set, dot-rule-reserved, rule-zone-unseen, subnet-too-small and the design checks, info for component-stamp-defaulted, errors otherwise",
          arguments: AuditFixtures.all)
    func severities(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        let warnings = ["mixed-endpoints", "partial-zone-set", "dot-rule-reserved", "rule-zone-unseen", "subnet-too-small",
                        "scopes-share-zone", "spoke-endpoint-shared-zone", "mixed-record-set", "cross-scope-reach"]
        for f in run.findings {
            let expected = warnings.contains(f.code.rawValue) ? "warning"
                : f.code.rawValue == "component-stamp-defaulted" ? "info" : "error"
            #expect(f.severity.rawValue == expected, "\(fixture): \(f.code.rawValue)")
        }
    }

    @Test("the order is errors first, then code in table order, zone, name and resource",
          arguments: AuditFixtures.all)
    func order(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        func key(_ f: Finding) -> (Int, Int, String, String, String) {
            (f.severity.rawValue == "error" ? 0 : f.severity.rawValue == "warning" ? 1 : 2,
             specCodeOrder.firstIndex(of: f.code.rawValue) ?? 99, f.zone?.name ?? "", f.name?.text ?? "", f.resource?.name ?? "")
        }
        for (a, b) in zip(run.findings, run.findings.dropFirst()) {
            #expect(key(a) <= key(b), "\(fixture): \(a.observed) before \(b.observed)")
        }
    }

    @Test("findings of one code, zone, name and resource are merged into one", arguments: AuditFixtures.all)
    func merged(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        // Findings about a record, a zone or a resource carry a zone, a name or a resource; those
        // with none (about a network, a DNS path or a step) may legitimately repeat, and so may
        // findings about a forwarding rule (they stay apart per ruleset, Docs/audit.md).
        let perRuleset = ["rule-loop", "dot-rule-reserved", "rule-zone-unseen"]
        let keyed = run.findings.filter {
            ($0.zone != nil || $0.name != nil || $0.resource != nil) && !perRuleset.contains($0.code.rawValue)
        }
        let keys = keyed.map { "\($0.code.rawValue) \($0.zone ?? "-") \($0.name?.text ?? "-") \($0.resource ?? "-")" }
        #expect(Set(keys).count == keys.count, "\(fixture): \(keys)")
        // A finding's networks are listed once each, in topology order.
        let order = run.world.networks.map(\.name)
        for f in run.findings {
            #expect(Set(f.networks).count == f.networks.count, "\(fixture): \(f.observed)")
            let ranks = f.networks.compactMap { order.firstIndex(of: $0) }
            #expect(ranks.count == f.networks.count && ranks == ranks.sorted(), "\(fixture): \(f.observed)")
        }
    }

    @Test("names are carried without their final dot", arguments: AuditFixtures.all)
    func namesWithoutFinalDot(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        #expect(run.findings.allSatisfy { !($0.name?.text.hasSuffix(".") ?? false) })
    }

    @Test("`amplsim audit` exits 1 exactly for the fixtures with an error finding")
    func exitStatusPerFixture() throws {
        // Exit status 1 when any finding is an error, 0 otherwise. Healthy has none; the
        // mixed-endpoints, partial-zone-set and three of the version-2 fixtures have warnings only
        // (dot-rule-reserved, rule-zone-unseen and subnet-too-small are warnings, Docs/audit.md);
        // so do the design checks' fixtures whose rows all succeed, and component-stamp-defaulted
        // has an info finding only.
        var errorFree: [String] = []
        for fixture in AuditFixtures.all where try !AuditRun(fixture).findings.contains(where: { $0.severity == .error }) {
            errorFree.append(fixture)
        }
        #expect(errorFree == ["healthy-hub.yaml", "mixed-endpoints.yaml", "partial-zone-set.yaml", "dot-rule-reserved.yaml",
                              "rule-zone-unseen.yaml", "subnet-too-small.yaml", "cross-scope-reach.yaml",
                              "spoke-endpoint-shared-zone.yaml", "mixed-record-set.yaml", "component-stamp-defaulted.yaml"])
    }
}
