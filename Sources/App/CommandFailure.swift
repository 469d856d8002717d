/// Why a command ends without success. The message, when there is one, goes to standard error;
/// the command line maps each case to one exit status (`ExitStatus` in the CLI).
package enum CommandFailure: Error {
    /// The command found what it looks for: failing rows, error findings, breaks, violated
    /// intents, disagreements with BIND (exit 1).
    case failures(String?)
    /// Bad input; the message names the file, line and field (exit 2).
    case badInput(String?)
    /// A program amplsim runs, Graphviz's dot, is missing or failed (exit 3).
    case missingTool(String)
    /// A usage error that only the command's run finds (exit 64).
    case usage(String)
}
