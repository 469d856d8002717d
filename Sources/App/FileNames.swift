import Foundation

/// A topology as reports name it: its file name alone (a report is the same wherever the file
/// lies), or `stdin` for `-`.
package func topologyTitle(_ path: String) -> String {
    path == "-" ? "stdin" : fileName(path)
}

/// The last component of `path` (reports name files without their folders).
package func fileName(_ path: String) -> String {
    (path as NSString).lastPathComponent
}

/// `name` inside `folder`, as messages name a file written there.
package func filePath(_ folder: String, _ name: String) -> String {
    (folder as NSString).appendingPathComponent(name)
}
