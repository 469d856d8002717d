/// Where a value came from in an input file, so that findings and errors can point at it.
package struct SourceRef: Hashable, Sendable, CustomStringConvertible {
    /// The file, as the user named it.
    package var file: String
    /// 1-based line; 0 when the place is the file as a whole.
    package var line: Int

    package init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    package var description: String { line > 0 ? "\(file):\(line)" : file }
}
