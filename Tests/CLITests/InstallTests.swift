import AmplsimTestSupport
import Foundation
import Testing

/// `make install` into a temporary DESTDIR (README, "Install"): the installed executable runs
/// with an empty environment, needs no Swift library and no libldns at run time, and its man page
/// renders. A release build of several minutes: it runs when CI is set (CI sets it) or
/// AMPLSIM_INSTALL_TEST=1, and is skipped otherwise.
@Suite struct InstallTests {
    static let enabled: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return !(environment["CI"] ?? "").isEmpty || environment["AMPLSIM_INSTALL_TEST"] == "1"
    }()

    static let env = URL(fileURLWithPath: "/usr/bin/env")

    @Test("make install: a standalone executable, its man page and its completions",
          .enabled(if: enabled, "a release build of several minutes: runs when CI is set or AMPLSIM_INSTALL_TEST=1"),
          .timeLimit(.minutes(30)))
    func installedExecutableStandsAlone() throws {
        let destdir = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-install-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        // A release build: minutes, more on a loaded machine; the runner's default 300 s cut it
        // short there, so the build gets most of the test's own 30-minute limit.
        let make = try runProcess(Self.env, ["make", "install", "DESTDIR=\(destdir)", "PREFIX=/usr/local"], timeout: 25 * 60)
        try #require(make.status == 0, "make install failed:\n\(make.stdout)\n\(make.stderr)")
        let prefix = destdir + "/usr/local"
        let binary = prefix + "/bin/amplsim"

        // No PATH, no HOME, no LD_LIBRARY_PATH: nothing but the executable and the fixture.
        let run = try runProcess(Self.env, ["-i", binary, "simulate", "Fixtures/topologies/two-vnets-shared-dns.yaml"], environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        // The seed's override (README): vnet1's shared names are unroutable.
        #expect(run.stdout.contains("summary: 13 private, 0 public, 27 failed (20 unroutable, 7 not-in-scope)"))
        let zone = try runProcess(Self.env, ["-i", binary, "zone-check", "Fixtures/zones/privatelink.monitor.azure.com.zone"])
        #expect(zone.status == 0 && zone.stdout.contains("2 records"), "ldns parses: \(zone.stderr)")

        let version = try runProcess(Self.env, ["-i", binary, "--version"])
        #expect(version.stdout.hasPrefix("amplsim 0."))
        #expect(version.stdout.contains("(commit "), "make install stamps the commit: \(version.stdout)")

        let ldd = try runProcess(URL(fileURLWithPath: "/usr/bin/ldd"), [binary])
        #expect(ldd.status == 0)
        for library in ["libswift", "libFoundation", "libdispatch", "libBlocksRuntime", "libldns", "libssl", "libcrypto"] {
            #expect(!ldd.stdout.contains(library), "the executable needs \(library):\n\(ldd.stdout)")
        }

        let page = prefix + "/share/man/man1/amplsim.1"
        let man = try runProcess(Self.env, ["MANPAGER=cat", "MANWIDTH=100", "man", "-l", page])
        #expect(man.status == 0)
        #expect(man.stderr.isEmpty, "man warns: \(man.stderr)")
        #expect(man.stdout.contains("AMPLSIM(1)"))
        for command in ["simulate", "what-if", "zone-check", "init"] { #expect(man.stdout.contains(command)) }

        for (path, marker) in [("share/bash-completion/completions/amplsim", "complete"),
                               ("share/zsh/site-functions/_amplsim", "#compdef amplsim"),
                               ("share/fish/vendor_completions.d/amplsim.fish", "complete -c 'amplsim'")] {
            let text = (try? String(contentsOfFile: "\(prefix)/\(path)", encoding: .utf8)) ?? ""
            #expect(text.contains(marker), "\(path)")
        }
    }

    @Test("a plain swift build knows its version but not its commit")
    func plainBuildVersion() throws {
        let run = try amplsim("--version")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("amplsim 0.") && run.stdout.hasSuffix(" (unknown commit)\n"), "\(run.stdout)")
    }
}
