/// Bad input: a message that names the file, the line and the field. Exit status 2.
package struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    package var file: String
    /// 1-based; 0 when the message is about the file as a whole.
    package var line: Int
    /// 1-based, in Unicode scalars; 0 when the message names no column.
    package var column: Int
    package var message: String
    /// Lines printed below the message: for a syntax error, the offending line, a caret under
    /// the column, and a hint in plain words.
    package var notes: [String]
    /// Further errors of the same run (independent items of one list), printed after this one.
    package var others: [InputError] = []

    package init(file: String, line: Int, column: Int = 0, message: String, notes: [String] = []) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.notes = notes
    }

    /// `path:line: error: message` (or `path:line:column: …`), as compilers print it, and the
    /// notes below it.
    package var description: String {
        let place = line > 0 ? (column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)") : file
        return "\(place): error: \(message)" + notes.map { "\n" + $0 }.joined() + others.map { "\n" + $0.description }.joined()
    }
}

/// The errors of independent list items, collected so that one run reports up to `limit` of them
/// (the first error, with the others in its `others`).
struct CollectedErrors {
    static let limit = 20
    private var errors: [InputError] = []

    /// Runs `body`, keeping its error; throws when `limit` errors are kept.
    mutating func attempt(_ body: () throws(InputError) -> Void) throws(InputError) {
        do {
            try body()
        } catch {
            errors.append(error)
            if errors.count >= Self.limit { try check() }
        }
    }

    /// Throws the errors kept so far, as one.
    func check() throws(InputError) {
        guard var first = errors.first else { return }
        first.others = Array(errors.dropFirst())
        throw first
    }
}

/// Input that loads but deserves a word: a default the user may not have meant. Printed on
/// standard error; the topology is evaluated anyway.
package struct LoadWarning: Hashable, Sendable, CustomStringConvertible {
    package var file: String
    /// 1-based; 0 when the warning is about the file as a whole.
    package var line: Int
    package var message: String

    package init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `path:line: warning: message`, as compilers print it.
    package var description: String {
        line > 0 ? "\(file):\(line): warning: \(message)" : "\(file): warning: \(message)"
    }
}
