/// Input an importer cannot read: the file, and for JSON the path of the offending value
/// (`data[12].properties.subnet.id`). Exit status 2, nothing written.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line for syntax errors; 0 when the message names a JSON path or the whole file.
    public var line: Int
    /// The JSON path of the value at fault; empty for the file as a whole.
    public var path: String
    public var message: String

    public init(file: String, line: Int = 0, path: String = "", message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    /// `file:line: error: path: message`, as the topology loader prints its errors.
    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): error: " + (path.isEmpty ? message : "\(path): \(message)")
    }
}
