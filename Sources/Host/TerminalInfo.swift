#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What standard output is: a terminal or not (a file, a pipe), and how many columns it has.
package struct TerminalInfo: Sendable, Equatable {
    /// True when standard output is a terminal.
    package var isTerminal: Bool
    /// The terminal's width in columns (the kernel's window size, else `COLUMNS`); nil when
    /// standard output is not a terminal or neither says.
    package var columns: Int?
    /// True when `NO_COLOR` is set to a non-empty value (https://no-color.org).
    package var noColor: Bool
    /// True when `TERM` is `dumb`: a terminal that shows colour codes as text.
    package var dumb: Bool

    package init(isTerminal: Bool, columns: Int?, noColor: Bool, dumb: Bool = false) {
        self.isTerminal = isTerminal
        self.columns = columns
        self.noColor = noColor
        self.dumb = dumb
    }

    /// Standard output of this process, and its environment.
    package static var current: TerminalInfo {
        var environment: [String: String] = [:]
        for name in ["COLUMNS", "NO_COLOR", "TERM"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return standardOutput(environment: environment)
    }

    /// Standard output of this process, with `environment` for `COLUMNS`, `NO_COLOR` and `TERM`.
    package static func standardOutput(environment: [String: String]) -> TerminalInfo {
        let terminal = isatty(STDOUT_FILENO) == 1
        var columns: Int?
        if terminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { columns = Int(size.ws_col) }
            if columns == nil, let text = environment["COLUMNS"], let n = Int(text), n > 0 { columns = n }
        }
        return TerminalInfo(isTerminal: terminal, columns: columns,
                            noColor: !(environment["NO_COLOR"] ?? "").isEmpty,
                            dumb: environment["TERM"] == "dumb")
    }
}
