import AmplsimEngine
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// The audit fixtures: `Fixtures/audit/*.yaml` and their exports under `Fixtures/audit/zones/`.
enum AuditFixtures {
    static let folder = URL(fileURLWithPath: fixture("audit"))

    /// Every audit topology (the parameterised tests run over all of them).
    static let all = [
        "healthy-hub.yaml", "two-vnet-override.yaml", "deleted-endpoint-cascade.yaml", "onprem-stale-copy.yaml",
        "not-in-scope-record.yaml", "empty-zone.yaml", "zone-too-broad.yaml", "scope-missing-resource.yaml",
        "public-denied.yaml", "egress-blocked.yaml", "cname-loop.yaml", "forwarding-loop.yaml",
        "onprem-azure-dns.yaml", "unreachable-dns-server.yaml", "resolver-no-egress.yaml", "refused-step.yaml",
        "limit-exceeded.yaml", "mixed-endpoints.yaml", "partial-zone-set.yaml", "custom-suffix-missing-zone.yaml",
        "hosts-file-stale.yaml", "rule-loop.yaml", "dot-rule-reserved.yaml", "rule-zone-unseen.yaml",
        "subnet-too-small.yaml", "dev-spoke-override.yaml", "cross-scope-reach.yaml", "spoke-endpoint-shared-zone.yaml",
        "mixed-record-set.yaml", "monitor-zone-no-endpoint.yaml", "onprem-zone-too-broad.yaml",
        "component-stamp-defaulted.yaml", "empty-blob-zone.yaml",
    ]

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// An export: `Fixtures/audit/zones/<relative>`.
    static func zone(_ relative: String) -> String {
        folder.appendingPathComponent("zones").appendingPathComponent(relative).path
    }
}

/// One audit of a fixture: loaded, run through its timeline, simulated and audited, exactly as
/// `amplsim audit` does. It never supplies an expectation.
struct AuditRun {
    let path: String
    let topology: Topology
    let world: World
    let outcomes: [StepOutcome]
    let simulation: Simulation
    let rows: [Row]
    let findings: [Finding]

    init(_ name: String, zoneFiles: [String: String] = [:]) throws {
        try self.init(path: AuditFixtures.path(name), zoneFiles: zoneFiles)
    }

    init(path: String, zoneFiles: [String: String] = [:]) throws {
        self.path = path
        topology = try TopologyLoader(zoneFiles: zoneFiles).load(path: path)
        let (world, outcomes) = Timeline.finalWorld(of: topology)
        self.world = world
        self.outcomes = outcomes
        simulation = Simulation(world: world)
        rows = simulation.rows()
        findings = Audit(simulation: simulation, outcomes: outcomes).findings()
    }

    /// The findings of one code.
    func findings(_ code: FindingCode) -> [Finding] { findings.filter { $0.code == code } }

    /// The one finding with this code, zone and name (and resource), if exactly one exists.
    func finding(_ code: FindingCode, zone: String?, name: String?, resource: String? = nil) -> Finding? {
        let matches = findings.filter {
            $0.code == code && $0.zone?.name == zone && $0.name?.text == name.map(canonical) && $0.resource?.name == resource
        }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// Docs/audit.md's table, transcribed: the severity of each code.
func specSeverity(_ code: FindingCode) -> Severity {
    switch code.rawValue {
    case "mixed-endpoints", "partial-zone-set", "dot-rule-reserved", "rule-zone-unseen", "subnet-too-small",
         "scopes-share-zone", "spoke-endpoint-shared-zone", "mixed-record-set", "cross-scope-reach": return .warning
    case "component-stamp-defaulted": return .info
    default: return .error
    }
}

/// A name as findings carry it: lower case, without the final dot.
func canonical(_ name: String) -> String {
    var s = name.lowercased()
    if s.hasSuffix(".") { s.removeLast() }
    return s
}

/// A finding as a test states it: what, where, whom.
struct Expected: Hashable, Comparable, CustomStringConvertible {
    var code: String
    var severity: String
    var zone: String?
    var name: String?
    var resource: String?
    var networks: [String]

    var description: String {
        "\(code) [\(severity)] zone=\(zone ?? "-") name=\(name ?? "-") resource=\(resource ?? "-") networks=\(networks)"
    }

    static func < (a: Expected, b: Expected) -> Bool { a.description < b.description }
}

/// An expected finding; its severity is the one Docs/audit.md's table gives the code.
func finding(_ code: FindingCode, zone: String? = nil, name: String? = nil, resource: String? = nil,
             _ networks: [String]) -> Expected {
    Expected(code: code.rawValue, severity: specSeverity(code).rawValue, zone: zone, name: name.map(canonical),
             resource: resource, networks: networks)
}

extension Finding {
    var observed: Expected {
        Expected(code: code.rawValue, severity: severity.rawValue, zone: zone?.name, name: name?.text, resource: resource?.name,
                 networks: networks.map(\.name))
    }
}

/// Checks that the audit found exactly `expected` (as a multiset; networks in topology order).
func expectFindings(_ run: AuditRun, _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation) {
    expectFindings(run.findings, label: run.path, expected, sourceLocation: sourceLocation)
}

/// Checks that `findings` are exactly `expected` (as a multiset; networks in topology order).
func expectFindings(_ findings: [Finding], label: String, _ expected: [Expected],
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let observed = findings.map(\.observed)
    var unmatched = observed
    var missing: [Expected] = []
    for e in expected {
        if let i = unmatched.firstIndex(of: e) { unmatched.remove(at: i) } else { missing.append(e) }
    }
    for e in missing.sorted() {
        Issue.record("missing finding: \(e)", sourceLocation: sourceLocation)
    }
    for o in unmatched.sorted() {
        let message = findings.first { $0.observed == o }?.message ?? ""
        Issue.record("unexpected finding: \(o) -- \(message)", sourceLocation: sourceLocation)
    }
    #expect(observed.count == expected.count, "\(label)", sourceLocation: sourceLocation)
}

/// The same path, spelled canonically (so `a/./b` and `a/b` compare equal).
func samePath(_ a: String?, _ b: String) -> Bool {
    guard let a else { return false }
    return URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
}

/// Checks where a finding points: the file and the 1-based line (0 = the file as a whole).
func expectLocation(_ run: AuditRun, _ code: FindingCode, zone: String?, name: String?, resource: String? = nil,
                    file: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let f = run.finding(code, zone: zone, name: name, resource: resource) else {
        Issue.record("no single \(code.rawValue) finding for zone \(zone ?? "-"), name \(name ?? "-")",
                     sourceLocation: sourceLocation)
        return
    }
    #expect(samePath(f.location?.file, file), "\(code.rawValue) \(name ?? ""): \(String(describing: f.location)) vs \(file)",
            sourceLocation: sourceLocation)
    #expect(f.location?.line == line, "\(code.rawValue) \(name ?? ""): \(String(describing: f.location)) vs line \(line)",
            sourceLocation: sourceLocation)
}

/// The 1-based line of `path` whose text, with runs of blanks collapsed to one space, begins with
/// `text` (also collapsed). Exactly one line must match: this reads the file, not the program.
func lineNumber(of text: String, in path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
    let content = try String(contentsOfFile: path, encoding: .utf8)
    let wanted = collapse(text)
    let lines = content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let hits = lines.indices.filter { collapse(lines[$0]).hasPrefix(wanted) }
    try #require(hits.count == 1, "'\(text)' matches \(hits.count) lines of \(path)", sourceLocation: sourceLocation)
    return hits[0] + 1
}

/// The monitor zone's seven fixed names (MODEL.md section 5), in write order.
let monitorBaseNames = ["api", "global.in.ai", "profiler", "snapshot", "live", "diagservices-query",
                        "global.handler.control"]
