import AmplsimEngine
import AmplsimLab
import AmplsimTestSupport
import Foundation
import Testing

/// The lab run for real: named on loopback ports, in a network namespace of its own where
/// `unshare -n` works. Every run names its folder (`--directory`), so the tests can check that
/// no named of it is left, whatever happened.
@Suite("lab with named", .serialized, .enabled(if: bindInstalled, "needs named, dig and a built amplsim (apt-get install bind9 bind9-dnsutils)"))
struct LabRunTests {
    /// Every bundled topology, with the rows verify compares and skips. Skips worked out in
    /// LabComparisonTests: hosts-file.yaml 10 (hosts file), empty-monitor-zone.yaml 12 (fallback).
    /// Version 2: resolver-rules.yaml 2 (spoke-dot's `.` rule hands api.loganalytics.io and
    /// api.applicationinsights.io to the hub, whose whole answer crosses api.monitor.azure.com, a
    /// reserved name BIND's view would send to public DNS); gateway-flavors.yaml 1 (windows
    /// corp-win takes the upstream's whole api.loganalytics.io chain, BIND would route
    /// api.monitor.azure.com itself); hub-resolver-rulesets.yaml 4 (windows corp-dns forwards
    /// api.loganalytics.io, dc.applicationinsights.azure.com, eastus-8.in.applicationinsights.azure.com
    /// and api.applicationinsights.io by one forwarder entry and their chains continue under
    /// monitor.azure.com, another entry).
    static let fixtures: [(name: String, skipped: Int)] = [
        ("access-modes.yaml", 0), ("custom-zone-suffix.yaml", 0), ("dce-real-listing.yaml", 0), ("dce-scopes.yaml", 0),
        ("empty-monitor-zone.yaml", 12), ("gateway-flavors.yaml", 1), ("hosts-file.yaml", 10),
        ("hub-resolver-rulesets.yaml", 4), ("hub-spoke-single-pe.yaml", 0), ("hub-spoke-transit.yaml", 0),
        ("onprem-forwarder.yaml", 0), ("resolver-rules.yaml", 2), ("separate-pe-per-spoke.yaml", 0),
        ("single-vnet.yaml", 0), ("two-vnets-shared-dns.yaml", 0),
    ]

    @Test("every bundled topology is in the list")
    func allFixtures() throws {
        let bundled = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Fixtures/topologies").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(bundled == LabRunTests.fixtures.map(\.name))
    }

    @Test("lab verify agrees with the engine on every compared row", arguments: LabRunTests.fixtures)
    func verify(_ fixture: (name: String, skipped: Int)) throws {
        let folder = try temporaryFolder().path
        let result = try labShell("exec \"$AMPLSIM\" lab verify \"$ROOT/Fixtures/topologies/\(fixture.name)\" --directory '\(folder)'")
        let rows = LabQuery.all(layout: try layout(fixture.name))
        let compared = rows.count - fixture.skipped
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("agreement: \(compared) of \(compared) rows compared (100%)"), "\(result.stdout)")
        #expect(!result.stdout.contains("DISAGREE"))
        if fixture.skipped > 0 {
            #expect(result.stdout.contains("; \(fixture.skipped) skipped ("))
        }
        if fixture.name == "empty-monitor-zone.yaml" {
            // Without a per-link redirect, BIND answers the empty zone's NXDOMAIN; the row is
            // skipped and shows both answers.
            #expect(result.stdout.contains("skipped   vnet-fallback  api.loganalytics.io: fallback to internet (zone alz-monitor): engine api.loganalytics.io → api.monitor.azure.com → api.privatelink.monitor.azure.com 20."))
            #expect(result.stdout.contains("; BIND api.loganalytics.io → api.monitor.azure.com → api.privatelink.monitor.azure.com NXDOMAIN\n"))
        }
        #expect(processes(naming: folder).isEmpty, "named left running for \(folder)")
        // The folder given with --directory is kept: it holds each server's log.
        #expect(FileManager.default.fileExists(atPath: folder + "/lab.log"))
    }

    /// Fixtures/lab/long-chains.yaml (its comments count the names): 16 names answer, 17 or more
    /// and a loop are SERVFAIL, in the engine and in BIND, within a zone and across public DNS.
    @Test("chains of 16 names answer; longer chains and loops are SERVFAIL in both")
    func longChains() throws {
        let folder = try temporaryFolder().path
        let result = try labShell("exec \"$AMPLSIM\" lab verify \"$ROOT/Fixtures/lab/long-chains.yaml\" --verbose --directory '\(folder)'")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func row(_ name: String) -> String { lines.first { $0.hasPrefix("agree     vnet-app  \(name): ") } ?? "" }
        #expect(row("api.loganalytics.io").hasSuffix("a13.privatelink.monitor.azure.com 10.0.1.50"))
        #expect(row("api.loganalytics.io").components(separatedBy: " → ").count == 16)
        #expect(row("eastus-1.in.applicationinsights.azure.com").hasSuffix("q10.privatelink.monitor.azure.com 10.0.1.60"))
        #expect(row("eastus-1.in.applicationinsights.azure.com").components(separatedBy: " → ").count == 16)
        #expect(row("eastus.livediagnostics.monitor.azure.com").hasSuffix(": SERVFAIL"))
        #expect(row("profiler.monitor.azure.com").hasSuffix(": SERVFAIL"))
        #expect(row("snapshot.monitor.azure.com").hasSuffix(": SERVFAIL"))
        #expect(result.stdout.contains("agreement: 10 of 10 rows compared (100%)"))
        #expect(processes(naming: folder).isEmpty)
    }

    /// resolverLabWorld (ResolverWorlds.swift, built in Swift: the topology loader does not read
    /// resolvers and rulesets yet), run as `lab verify` runs a topology: 6 networks × 14 names.
    /// LabResolverTests.skipped reasons out the 3 skipped rows; BIND answers each of them
    /// otherwise (it re-routes), which is why they are skipped. pe-hub's addresses (section 5):
    /// law's eastus oms, ods, agentsvc .4-.6, dce-linux's three names .7-.9, then api .10.
    @Test("resolvers, rulesets, a windows server: every compared row agrees; the skipped rows are the reasoned ones")
    func verifyResolvers() throws {
        let folder = try temporaryFolder().path
        let (rows, report) = try verifyLab(resolverLabWorld(), folder: folder)
        #expect(rows.count == 84)
        #expect(!rows.contains { $0.verdict.isDisagreement }, "\(report)")
        #expect(report.contains("agreement: 81 of 81 rows compared (100%); 3 skipped (forwarding rule all .: Azure takes the whole answer, BIND re-routes api.monitor.azure.com: 2; windows server corp-dns takes the forwarded answer whole; BIND re-routes: 1)"), "\(report)")
        for row in rows {
            if case .skipped = row.verdict, let observed = row.observed {
                #expect(LabComparison.compare(row.query.expected, observed).isDisagreement, "\(row.query.network) \(row.query.name)")
            }
        }
        let lines = report.split(separator: "\n").map(String.init)
        // spoke-a asks the hub's inbound endpoint; spoke-b's rule sends api.monitor.azure.com to it.
        #expect(lines.contains("agree     spoke-a  api.loganalytics.io: api.loganalytics.io → api.monitor.azure.com → api.privatelink.monitor.azure.com 10.0.1.10"))
        #expect(lines.contains("agree     spoke-b  api.loganalytics.io: api.loganalytics.io → api.monitor.azure.com → api.privatelink.monitor.azure.com 10.0.1.10"))
        // corp-upstream passes dark-dns's SERVFAIL on, and corp-dns passes it on to its clients.
        #expect(lines.contains("agree     onprem  api.applicationinsights.io: SERVFAIL"))
        #expect(processes(naming: folder).isEmpty, "named left running for \(folder)")
    }

    /// query-source in a view, forward zones beside primary zones, the reserved domains' zones.
    @Test("the resolver worlds' configurations pass named-checkconf -z")
    func checkResolverConfigurations() throws {
        for (name, world) in [("resolverLab", resolverLabWorld()), ("unsupported", unsupportedWorld()), ("ruleCorner", ruleCornerWorld())] {
            let folder = try temporaryFolder().path
            let lab = try configuration(world, directory: folder)
            for file in lab.files { try file.text.write(toFile: folder + "/" + file.name, atomically: true, encoding: .utf8) }
            for process in lab.processes {
                let check = try runProcess(URL(fileURLWithPath: "/usr/bin/named-checkconf"), ["-z", "\(folder)/\(process.configFile)"])
                #expect(check.status == 0, "\(name) \(process.configFile): \(check.stdout)\(check.stderr)")
            }
        }
    }

    /// unsupportedWorld (LabResolverTests.twoAzureNetworks): 4 networks × 14 names; hub-dns and
    /// spoke-c's view ask Azure DNS of the hub, so their routes to spoke-b's inbound endpoint go
    /// to the nowhere server: BIND answers SERVFAIL for the 2 rows that need them, which are
    /// skipped; every other row agrees.
    @Test("a named or a view that needs Azure DNS of two networks: the other rows agree")
    func verifyUnsupported() throws {
        let folder = try temporaryFolder().path
        let (rows, report) = try verifyLab(unsupportedWorld(), folder: folder)
        #expect(rows.count == 56)
        #expect(report.contains("agreement: 54 of 54 rows compared (100%); 2 skipped ("), "\(report)")
        for row in rows {
            if case .skipped = row.verdict { #expect(row.observed?.status == "SERVFAIL") }
        }
        #expect(processes(naming: folder).isEmpty, "named left running for \(folder)")
    }

    /// The audit fixtures add what the topologies lack: a CNAME loop, a forwarding loop (BIND
    /// gives SERVFAIL after its resolver timeout, about 10 s), unreachable servers, a sealed
    /// resolver, zone exports with TXT records and Azure's SOA.
    @Test("lab verify agrees on every audit fixture", arguments: try! FileManager.default
        .contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Fixtures/audit").path).filter { $0.hasSuffix(".yaml") }.sorted())
    func verifyAudit(_ name: String) throws {
        let folder = try temporaryFolder().path
        let result = try labShell("exec \"$AMPLSIM\" lab verify \"$ROOT/Fixtures/audit/\(name)\" --directory '\(folder)'")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("rows compared (100%)"), "\(result.stdout)")
        #expect(!result.stdout.contains("DISAGREE"))
        #expect(processes(naming: folder).isEmpty)
    }

    /// Two peered-nowhere VNets share the zones; pe2 wrote last (MODEL.md section 5), so VNet 1's
    /// clients get pe2's api address, 10.0.2.7 (after the workspace's three), through the public chain.
    @Test("lab up: dig from VNet 1 sees VNet 2's endpoint; SIGTERM stops every named it started")
    func up() throws {
        let result = try labShell("""
            DIR=$(mktemp -d)
            OUT="$DIR.out"
            # The PIDs of the named processes of this lab, from /proc (no procps needed).
            named_of() {
                for f in /proc/[0-9]*/cmdline; do
                    if tr '\\000' ' ' <"$f" 2>/dev/null | grep -q "named .*$DIR/"; then p=${f#/proc/}; echo "${p%/cmdline}"; fi
                done
            }
            "$AMPLSIM" lab up "$ROOT/Fixtures/topologies/two-vnets-shared-dns.yaml" --directory "$DIR" >"$OUT" 2>&1 &
            A=$!
            trap 'kill -KILL $A 2>/dev/null; for p in $(named_of); do kill -KILL "$p"; done; rm -rf "$DIR" "$OUT"' EXIT
            i=0
            while ! grep -q "Press Ctrl-C" "$OUT"; do
                i=$((i+1)); if [ $i -gt 300 ] || ! kill -0 $A 2>/dev/null; then echo "NOT-READY"; cat "$OUT"; exit 1; fi
                sleep 0.1
            done
            CMD=$(grep -m1 '^  vnet1 ' "$OUT" | sed 's/^  vnet1 *//')
            echo "CMD=$CMD"
            echo "ANSWER=$($CMD +short | tail -n 1)"
            PORT=$(echo "$CMD" | sed 's/.*-p \\([0-9]*\\) .*/\\1/')
            "$AMPLSIM" lab up "$ROOT/Fixtures/topologies/two-vnets-shared-dns.yaml" --port "$PORT" >/dev/null 2>"$OUT.2"
            echo "SECOND=$? $(cat "$OUT.2")"
            echo "NAMED-BEFORE=$(named_of | wc -l)"
            kill -TERM $A
            wait $A
            echo "UP-EXIT=$?"
            echo "NAMED-AFTER=$(named_of | wc -l)"
            cat "$OUT"
            rm -f "$OUT.2"
            """)
        let out = result.stdout
        #expect(result.status == 0, "\(out)\n\(result.stderr)")
        #expect(out.contains("CMD=dig -p "))
        #expect(out.contains(" -b 127.0.1.1 @127.0.0.1 api.loganalytics.io"))
        #expect(out.contains("ANSWER=10.0.2.7\n"), "\(out)")
        #expect(out.contains("SECOND=2 "), "\(out)")
        #expect(out.contains("is in use on 127.0.0.1"))
        #expect(out.contains("NAMED-BEFORE=3\n"), "\(out)")
        #expect(out.contains("UP-EXIT=0\n"), "\(out)")
        #expect(out.contains("NAMED-AFTER=0\n"), "\(out)")
        #expect(out.contains("  vnet2  dig -p "))
    }

    /// A named that serves a different address for vnet1's api name: verify must say so and exit 1.
    @Test("a disagreement is reported with both answers and exits 1")
    func disagreement() throws {
        let folder = try temporaryFolder().path
        let wrapper = folder + ".named"
        defer { try? FileManager.default.removeItem(atPath: wrapper) }
        // Starts the real named after changing pe2's api address in the shared monitor zone.
        try writeExecutable("""
            #!/bin/sh
            sed -i 's/^api\\.privatelink\\.monitor\\.azure\\.com\\.\\(.*\\)10\\.0\\.2\\.7$/api.privatelink.monitor.azure.com.\\110.0.2.99/' '\(folder)/zone-shared-monitor.zone'
            exec /usr/sbin/named "$@"
            """, to: wrapper)
        let result = try labShell("exec \"$AMPLSIM\" lab verify \"$ROOT/Fixtures/topologies/two-vnets-shared-dns.yaml\" --directory '\(folder)'",
                                  environment: ["AMPLSIM_NAMED": wrapper])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        // api.loganalytics.io and api.applicationinsights.io end at that name, from both networks.
        #expect(result.stdout.contains("DISAGREE  vnet1  api.loganalytics.io (law-app1 query, law-app2 query): engine api.loganalytics.io → api.monitor.azure.com → api.privatelink.monitor.azure.com 10.0.2.7; BIND api.loganalytics.io → api.monitor.azure.com → api.privatelink.monitor.azure.com 10.0.2.99"), "\(result.stdout)")
        #expect(result.stdout.contains("agreement: 22 of 26 rows compared (84.6%)"), "\(result.stdout)")
        #expect(processes(naming: folder).isEmpty)
    }

    @Test("no named: exit 2 and how to install it")
    func noNamed() throws {
        let result = try amplsim(["lab", "verify", fixture("topologies/single-vnet.yaml")], environment: ["AMPLSIM_NAMED": "/nonexistent/named"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("named (BIND 9) is not installed"))
        #expect(result.stderr.contains("apt-get install bind9"))
        let up = try amplsim(["lab", "up", fixture("topologies/single-vnet.yaml")], environment: ["AMPLSIM_NAMED": "/nonexistent/named"])
        #expect(up.status == 2)
        #expect(up.stderr.contains("apt-get install bind9"))
    }

    @Test("bad input: file:line: error and exit 2, nothing started")
    func badInput() throws {
        let folder = try temporaryFolder().path
        let path = folder + "/bad.yaml"
        try "version: 1\nnetworks:\n  - {name: a, addressSpace: [10.0.0.0/33]}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try amplsim(["lab", "verify", path, "--directory", folder + "/lab"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(path):3: error:"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/lab"))
    }

    @Test("lab export: a configuration named-checkconf loads with every zone; no overwrite without --force")
    func export() throws {
        let folder = try temporaryFolder().path
        let first = try amplsim(["lab", "export", fixture("topologies/onprem-forwarder.yaml"), "--out", folder])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("wrote \(folder)/lab.conf\n"))
        #expect(first.stdout.contains("wrote \(folder)/README.md\n"))
        for conf in ["internet", "nowhere", "lab", "server-hub-resolver", "server-corp-dns", "server-lab-dns"] {
            let check = try runProcess(URL(fileURLWithPath: "/usr/bin/named-checkconf"), ["-z", "\(folder)/\(conf).conf"])
            #expect(check.status == 0, "\(conf).conf: \(check.stdout)\(check.stderr)")
        }
        let readme = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        #expect(readme.contains("dig -p 5300 -b 127.0.1.2 @127.0.0.1 api.loganalytics.io   # from onprem-dc"))
        let again = try amplsim(["lab", "export", fixture("topologies/onprem-forwarder.yaml"), "--out", folder])
        #expect(again.status == 2)
        #expect(again.stderr.contains("\(folder)/lab.conf: error: the file exists; use --force to overwrite it"))
        let forced = try amplsim(["lab", "export", fixture("topologies/onprem-forwarder.yaml"), "--out", folder, "--force", "--port", "6000"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: folder + "/lab.conf", encoding: .utf8).contains("listen-on port 6000 { 127.0.0.1; };"))
    }
}
