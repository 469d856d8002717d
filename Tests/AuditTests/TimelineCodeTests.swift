import AmplsimEngine
import Testing

// "Every refused step is a finding" (Docs/audit.md), pointing at the step's line in the
// topology. A step finding is about no zone, name, resource or network.

/// The lines of the refused steps, found from their labels: each step of these fixtures is
/// written as `- <action>: ...` with its `label:` on the next line.
private func stepLines(_ labels: [String], in path: String) throws -> [Int] {
    try labels.map { try lineNumber(of: "label: \"\($0)\"", in: path) - 1 }
}

@Suite("audit: refused-step.yaml")
struct RefusedStepAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("refused-step.yaml") }

    /// The refused steps' labels, in timeline order.
    let refused = [
        "cleanup pipeline runs again",                      // deleting pe-temp, already deleted
        "retire law-app while it is still in ampls-app",    // a resource in a scope cannot be deleted
        "re-run of the onboarding pipeline",                // law-app is already a member: duplicate
        "endpoint in a /29: three usable addresses",        // needs 11 addresses, the /29 has 3
        "endpoint cloned from pe-app's template",           // fixed address 10.120.1.4 held by pe-app
    ]

    @Test("five refused steps, five refused-step findings, nothing else")
    func exactFindings() {
        // Timeline (MODEL.md section 7): 1 creates pe-app; 2 creates pe-temp (ok: same scope,
        // free /24); 3 deletes it (ok). Refused: 4 deletes pe-temp again (no longer exists);
        // 5 deletes law-app, a member of ampls-app; 6 links law-app to ampls-app again
        // (duplicate); 7 creates pe-tiny in a /29 (.0-.3 and .7 reserved: 3 free addresses for
        // 11 names); 8 creates pe-copy with a fixed address held by pe-app. None is a limit.
        // A refused step changes nothing, so the world is pe-app's healthy one: no other finding.
        expectFindings(run, Array(repeating: finding(.refusedStep, []), count: 5))
        #expect(run.outcomes.map { $0.refusal == nil } == [true, true, true, false, false, false, false, false])
    }

    @Test("each finding points at its step's line in the topology")
    func locations() throws {
        let lines = try stepLines(refused, in: run.path)
        let found = run.findings(.refusedStep)
        #expect(found.allSatisfy { samePath($0.location?.file, run.path) })
        #expect(Set(found.compactMap { $0.location?.line }) == Set(lines))
        #expect(Set(found.map(\.message)).count == 5)   // one message per step
    }
}

@Suite("audit: limit-exceeded.yaml")
struct LimitExceededAuditTests {
    let run: AuditRun
    init() throws { run = try AuditRun("limit-exceeded.yaml") }

    @Test("a second scope in vnet-app and a sixth scope for law-app: two limit-exceeded findings")
    func exactFindings() {
        // Step 2 creates pe-finance (ampls-finance) in vnet-app, which already has pe-app to
        // ampls-app: 1 scope per network. Step 3 links law-app to ampls-new, but law-app already
        // belongs to 5 scopes (ampls-app, -finance, -hr, -sales, -audit). Both are limits:
        // limit-exceeded, not refused-step. The inline records are pe-app's, complete, seen by
        // vnet-app: no other finding.
        expectFindings(run, Array(repeating: finding(.limitExceeded, []), count: 2))
    }

    @Test("each finding points at its step's line")
    func locations() throws {
        let lines = try stepLines(["finance team adds its own endpoint in the shared VNet", "a sixth scope for law-app"],
                                  in: run.path)
        let found = run.findings(.limitExceeded)
        #expect(found.allSatisfy { samePath($0.location?.file, run.path) })
        #expect(Set(found.compactMap { $0.location?.line }) == Set(lines))
    }
}
