import AmplsimApp
import AmplsimHost
import ArgumentParser

/// The exit statuses `amplsim --help` lists, and the one place a command's failure becomes one.
enum ExitStatus {
    /// The command found failures (failing rows, error findings, breaks, violated intents).
    static let failures = ExitCode(1)
    /// Bad input: the message names the file, line and field.
    static let badInput = ExitCode(2)
    /// A program amplsim runs (Graphviz's dot) is missing or failed.
    static let missingTool = ExitCode(3)
    /// A usage error, as the parser's own.
    static let usage = ExitCode.validationFailure

    /// What the parser exits with for `error`: a `CommandFailure` has its message printed on
    /// standard error and becomes its status; anything else (the parser's usage errors, help,
    /// `ValidationError`) is left to the parser.
    static func translating(_ error: any Error) -> any Error {
        guard let failure = error as? CommandFailure else { return error }
        let (message, status): (String?, ExitCode)
        switch failure {
        case .failures(let text): (message, status) = (text, failures)
        case .badInput(let text): (message, status) = (text, badInput)
        case .missingTool(let text): (message, status) = (text, missingTool)
        case .usage(let text): (message, status) = (text, usage)
        }
        if let message { printError(message) }
        return status
    }
}
