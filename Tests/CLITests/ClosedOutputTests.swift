import AmplsimTestSupport
import Foundation
import Testing

/// Output to a reader that stops early, or to a full disk (Docs/robustness.md): amplsim ends as
/// `cat` does, never with a crash report.
@Suite struct ClosedOutputTests {
    /// `amplsim simulate ESTATE --format json | head -c 1`: the 200-network estate writes about a
    /// megabyte, far more than a pipe holds, so amplsim is still writing when head exits. It ends
    /// by SIGPIPE (status 141 in bash) and writes nothing to standard error.
    @Test func aReaderThatStopsEndsAmplsimQuietly() throws {
        let script = "\"$0\" simulate \"$1\" --format json 2>\"$2\" | head -c 1 >/dev/null; echo \"${PIPESTATUS[0]}\"; cat \"$2\""
        let errors = try temporaryFolder().appendingPathComponent("stderr").path
        let run = try runProcess(URL(fileURLWithPath: "/bin/bash"),
                                 ["-c", script, amplsimExecutable.path, fixture("estates/hub-dev-override-200.yaml"), errors])
        #expect(run.stdout == "141\n", "\(run)")
    }

    /// A full disk: exit 74 (EX_IOERR) with a message naming the cause.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsAnIOError() throws {
        let script = "\"$0\" simulate \"$1\" > /dev/full"
        let run = try runProcess(URL(fileURLWithPath: "/bin/bash"),
                                 ["-c", script, amplsimExecutable.path, fixture("topologies/two-vnets-shared-dns.yaml")])
        #expect(run.exitStatus == 74, "\(run)")
        #expect(run.stderr == "amplsim: cannot write the output: No space left on device\n")
    }
}
