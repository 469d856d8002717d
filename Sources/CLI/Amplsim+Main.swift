import AmplsimHost
import AmplsimTopology
import ArgumentParser

extension Amplsim {
    /// Runs the command line as `ParsableCommand.main()` does, after naming the nearest command
    /// when a word that should be one is not (`amplsim simulat` -> did you mean 'simulate'?).
    /// Options are suggested by the parser itself (`--formt` -> did you mean '--format'?). A
    /// command's failure becomes its exit status in one place, `ExitStatus`.
    package static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = unknownCommand(arguments) {
            printError(message)
            exit(withError: ExitStatus.usage)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var whatIf = command as? WhatIfCommand {
                whatIf.commandLine = arguments
                command = whatIf
            }
            try command.run()
        } catch {
            exit(withError: ExitStatus.translating(error))
        }
    }

    /// The usage error for the first word that stands where a command belongs but names none,
    /// or nil. Words are read from the root down (`lab verfy` is checked against lab's commands);
    /// `help` is passed over (`amplsim help simulat`).
    static func unknownCommand(_ arguments: [String]) -> String? {
        var command: ParsableCommand.Type = Amplsim.self
        var path = ["amplsim"]
        var words = arguments[...]
        while let word = words.first, !word.hasPrefix("-") {
            if word == "help" {
                words = words.dropFirst()
                continue
            }
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty { return nil }
            let names = subcommands.map { $0.configuration.commandName ?? $0._commandName }
            if let index = names.firstIndex(of: word) {
                command = subcommands[index]
                path.append(word)
                words = words.dropFirst()
                continue
            }
            var message = "Error: unknown command '\(word)'"
            if let near = nearest(word, in: names) {
                message += "; did you mean '\(near)'?"
            } else {
                message += " (commands: \(names.joined(separator: ", ")))"
            }
            let usage = path.joined(separator: " ")
            return message + "\nUsage: \(usage) <subcommand>\n  See '\(usage) --help' for more information.\n"
        }
        return nil
    }

    /// The command a mistyped word most likely meant: the nearest by spelling, or the only one
    /// it begins.
    static func nearest(_ word: String, in names: [String]) -> String? {
        if let near = Spelling.nearest(word, in: names) { return near }
        let starting = names.filter { word.count >= 2 && $0.hasPrefix(word.lowercased()) }
        return starting.count == 1 ? starting[0] : nil
    }
}
