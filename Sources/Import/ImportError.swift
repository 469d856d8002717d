/// Input an importer cannot read: the file, and for JSON the path of the offending value
/// (`data[12].properties.subnet.id`). Exit status 2, nothing written.
package struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    package var file: String
    /// 1-based line for syntax errors; 0 when the message names a JSON path or the whole file.
    package var line: Int
    /// The JSON path of the value at fault; empty for the file as a whole.
    package var path: String
    package var message: String

    package init(file: String, line: Int = 0, path: String = "", message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    /// `file:line: error: path: message`, as the topology loader prints its errors.
    package var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): error: " + (path.isEmpty ? message : "\(path): \(message)")
    }
}
