import AmplsimEngine

/// How text is laid out for a terminal: the width that reasons are wrapped at (nil: never wrapped
/// nor cut, as when output goes to a file or a pipe) and whether statuses are coloured (ANSI SGR
/// codes, only on a terminal unless asked for). Which applies is decided by the caller
/// (`--color`, `NO_COLOR`, whether standard output is a terminal and how wide it is).
package struct TerminalStyle: Sendable, Equatable {
    /// Columns to wrap reasons at; nil: one line each, however long.
    package var width: Int?
    /// True: statuses and headers carry colour codes.
    package var color: Bool

    package init(width: Int? = nil, color: Bool = false) {
        self.width = width
        self.color = color
    }

    /// No wrapping, no colour: what a file or a pipe gets.
    package static let plain = TerminalStyle()

    /// The narrowest width wrapping is done at; a narrower terminal still gets 40 columns a line.
    static let narrowest = 40

    /// `text` in green (a status that succeeds) or red (a failure), when colour is on.
    func paint(_ text: String, succeeds: Bool) -> String {
        guard color else { return text }
        return (succeeds ? "\u{1B}[32m" : "\u{1B}[31m") + text + "\u{1B}[0m"
    }

    /// `text` in bold, when colour is on.
    func bold(_ text: String) -> String {
        color ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }

    /// `text` after `indent`, its words wrapped to the width (continuation lines indented the
    /// same), one line when there is no width. Words are never cut: a word longer than a line
    /// gets a line of its own. Ends with a newline.
    func wrap(_ text: String, indent: String) -> String {
        guard let columns = width else { return indent + text + "\n" }
        let width = max(columns, Self.narrowest)
        var out = ""
        var line = indent
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !empty && line.count + 1 + word.count > width {
                out += line + "\n"
                line = indent
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        return out + line + "\n"
    }
}
