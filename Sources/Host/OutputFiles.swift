import Foundation

/// Writes a set of files into a folder, all or nothing: every file goes to a temporary name in
/// the same folder and is renamed into place, and nothing is written when a file exists and
/// overwriting was not asked for.
package struct OutputFiles {
    /// The folder written into (created if missing).
    package let folder: String
    /// True when existing files may be replaced.
    package let force: Bool

    package init(folder: String, force: Bool) {
        self.folder = folder
        self.force = force
    }

    /// Why nothing (or not everything) was written.
    package enum Failure: Error, CustomStringConvertible {
        /// Files that exist, without `force`: nothing was written.
        case exists([String])
        /// A path and what went wrong with it.
        case io(String, String)

        package var description: String {
            switch self {
            case .exists(let paths):
                return paths.map { "\($0): error: the file exists; use --force to overwrite it" }.joined(separator: "\n")
            case .io(let path, let message):
                return "\(path): error: \(message)"
            }
        }
    }

    /// Writes `files` (name, text) and returns the paths written, in order.
    package func write(_ files: [(name: String, text: String)]) throws(Failure) -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw .io(folder, "exists and is not a folder") }
        } else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .io(folder, "cannot create the folder: \(error.localizedDescription)")
            }
        }
        let paths = files.map { (folder as NSString).appendingPathComponent($0.name) }
        if !force {
            let existing = paths.filter { manager.fileExists(atPath: $0) }
            if !existing.isEmpty { throw .exists(existing) }
        }
        var written: [String] = []
        for (file, path) in zip(files, paths) {
            let temporary = (folder as NSString).appendingPathComponent(".\(file.name).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            guard manager.createFile(atPath: temporary, contents: Data(file.text.utf8)) else {
                throw .io(temporary, "cannot write the file")
            }
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw .io(path, "cannot move the file into place: \(reason)")
            }
            written.append(path)
        }
        return written
    }
}

extension OutputFiles {
    /// Writes one file, `text` at `path`, into the folder that holds it (the current folder for a
    /// bare name); returns the path written.
    package static func write(_ text: String, to path: String, force: Bool) throws(Failure) -> [String] {
        let folder = (path as NSString).deletingLastPathComponent
        return try OutputFiles(folder: folder.isEmpty ? "." : folder, force: force)
            .write([((path as NSString).lastPathComponent, text)])
    }
}
