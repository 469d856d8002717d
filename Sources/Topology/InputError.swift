/// Bad input: a message that names the file, the line and the field. Exit status 2.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the message is about the file as a whole.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `path:line: error: message`, as compilers print it.
    public var description: String {
        line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)"
    }
}

/// Input that loads but deserves a word: a default the user may not have meant. Printed on
/// standard error; the topology is evaluated anyway.
public struct LoadWarning: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the warning is about the file as a whole.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `path:line: warning: message`, as compilers print it.
    public var description: String {
        line > 0 ? "\(file):\(line): warning: \(message)" : "\(file): warning: \(message)"
    }
}
