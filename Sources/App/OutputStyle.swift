import AmplsimHost
import AmplsimRender

/// `--color auto|always|never`.
package enum ColorChoice: String, CaseIterable, Sendable {
    /// Colour on a terminal, unless `NO_COLOR` is set or the terminal is dumb.
    case auto
    /// Colour whatever standard output is (a pager that shows it: `less -R`).
    case always
    /// No colour.
    case never
}

extension TerminalStyle {
    /// The style for standard output: reasons wrapped to the terminal's width on a terminal (80
    /// columns when it does not say), never when piped; colour as `choice` says.
    package static func standardOutput(_ choice: ColorChoice, terminal: TerminalInfo) -> TerminalStyle {
        let color: Bool
        switch choice {
        case .always: color = true
        case .never: color = false
        case .auto: color = terminal.isTerminal && !terminal.noColor && !terminal.dumb
        }
        return TerminalStyle(width: terminal.isTerminal ? terminal.columns ?? 80 : nil, color: color)
    }
}
