import AmplsimTestSupport
import Testing

/// Near misses on the command line: a mistyped command or option names the one meant (exit 64).
@Suite struct CommandSpellingTests {
    @Test(arguments: [
        (["simulat", "x.yaml"], "Error: unknown command 'simulat'; did you mean 'simulate'?\nUsage: amplsim <subcommand>\n  See 'amplsim --help' for more information.\n"),
        (["zonecheck", "x.zone"], "Error: unknown command 'zonecheck'; did you mean 'zone-check'?\nUsage: amplsim <subcommand>\n  See 'amplsim --help' for more information.\n"),
        (["help", "whatif"], "Error: unknown command 'whatif'; did you mean 'what-if'?\nUsage: amplsim <subcommand>\n  See 'amplsim --help' for more information.\n"),
        (["lab", "verfy", "x.yaml"], "Error: unknown command 'verfy'; did you mean 'verify'?\nUsage: amplsim lab <subcommand>\n  See 'amplsim lab --help' for more information.\n"),
    ])
    func unknownCommandsNameTheNearest(_ arguments: [String], _ expected: String) throws {
        let run = try runProcess(amplsimExecutable, arguments)
        #expect(run.status == 64)
        #expect(run.stderr == expected)
        #expect(run.stdout.isEmpty)
    }

    @Test func aWordNearNoCommandListsThemAll() throws {
        let run = try amplsim("frobnicate")
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: unknown command 'frobnicate' (commands: simulate, resolve, "))
    }

    @Test func mistypedOptionsNameTheNearest() throws {
        let run = try amplsim("simulate", fixture("topologies/single-vnet.yaml"), "--formt", "json")
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: Unknown option '--formt'. Did you mean '--format'?\n"))
    }

    @Test func knownCommandsAreLeftToTheParser() throws {
        #expect(try amplsim("simulate", fixture("topologies/single-vnet.yaml")).status == 0)
        #expect(try amplsim("help", "lab", "verify").status == 0)
        #expect(try amplsim("--version").status == 0)
    }
}
