/// An error in a zone file, printed like a compiler's: "path:line: error: message".
package struct ZoneFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file the error is in, as the caller named it.
    package var path: String
    /// The 1-based line the error is about; 0 when it is about the whole file.
    package var line: Int
    /// What is wrong, as one lower-case sentence without a final period.
    package var message: String

    /// Makes an error about `line` of `path` (0 for the whole file).
    package init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// "path:line: error: message", or "path: error: message" when the line is 0.
    package var description: String {
        line > 0 ? "\(path):\(line): error: \(message)" : "\(path): error: \(message)"
    }
}
