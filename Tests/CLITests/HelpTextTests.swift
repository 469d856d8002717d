import AmplsimTestSupport
import Foundation
import Testing

/// The commands' help: written once as paragraphs and wrapped by the parser (a line break inside a
/// paragraph would be wrapped twice), and self-contained (the installed executable and its man page
/// come without the repository's Docs/).
@Suite struct HelpTextTests {
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var arguments: [Argument]?
        var subcommands: [Command]?
    }

    struct Argument: Decodable {
        var abstract: String?
        var discussion: String?
    }

    struct Dump: Decodable { var command: Command }

    /// Every command of the tree, with its path (`amplsim lab up`).
    static func commands() throws -> [(String, Command)] {
        let run = try amplsim("--experimental-dump-help")
        let root = try JSONDecoder().decode(Dump.self, from: Data(run.stdout.utf8)).command
        var all: [(String, Command)] = []
        func walk(_ command: Command, _ path: String) {
            all.append((path, command))
            for sub in command.subcommands ?? [] { walk(sub, path + " " + sub.commandName) }
        }
        walk(root, "amplsim")
        return all
    }

    @Test func paragraphsAreWrittenOnOneLine() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 12)
        for (path, command) in commands {
            let texts = [command.abstract, command.discussion] + (command.arguments ?? []).flatMap { [$0.abstract, $0.discussion] }
            for text in texts.compactMap({ $0 }) {
                for paragraph in text.components(separatedBy: "\n\n") {
                    #expect(!paragraph.contains("\n"), "\(path): a line break inside a paragraph: \(paragraph.debugDescription)")
                }
            }
        }
    }

    @Test func helpNamesNoFileOfTheRepository() throws {
        for (path, _) in try Self.commands() {
            let words = path.split(separator: " ").dropFirst().map(String.init)
            let run = try runProcess(amplsimExecutable, ["help"] + words)
            #expect(run.status == 0)
            for reference in ["Docs/", "FORMAT.md", "MODEL.md", "Fixtures/"] {
                #expect(!run.stdout.contains(reference), "\(path)'s help names \(reference)")
            }
            // Wrapped once, at 80 columns (the usage line is the parser's own and is not wrapped).
            for line in run.stdout.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(path): \(line)")
            }
        }
    }
}
