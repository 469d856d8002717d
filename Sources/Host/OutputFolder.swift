import Foundation

/// Writes a folder of files all or nothing: the files go to a temporary folder beside it, a check
/// reads them there, and the folder is renamed into place (an existing one is moved aside first and
/// put back when the rename fails).
package struct OutputFolder {
    /// The folder as given (messages name it so).
    package let path: String
    /// True when an existing, non-empty folder may be replaced.
    package let force: Bool

    package init(path: String, force: Bool) {
        self.path = path
        self.force = force
    }

    /// Why the folder was not written.
    package enum Failure: Error, CustomStringConvertible {
        /// The path exists and is a file.
        case notAFolder(String)
        /// The folder exists and holds files, without `force`.
        case notEmpty(String)
        /// Writing, checking or renaming failed.
        case io(String, any Error)

        package var description: String {
            switch self {
            case .notAFolder(let path): return "\(path): error: exists and is not a folder"
            case .notEmpty(let path): return "\(path): error: the folder exists and is not empty; use --force to replace it"
            case .io(let path, let error): return "\(path): error: \(error)"
            }
        }
    }

    /// Writes `files` (paths relative to the folder) and returns the paths written, in order.
    /// `check` is given the temporary folder once every file is in it; an error it throws leaves
    /// nothing behind and is rethrown as it is.
    package func write(_ files: [(name: String, text: String)], check: (String) throws -> Void) throws -> [String] {
        let manager = FileManager.default
        let target = (path as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target, isDirectory: &isDirectory)
        if exists {
            if !isDirectory.boolValue { throw Failure.notAFolder(path) }
            let contents = (try? manager.contentsOfDirectory(atPath: target)) ?? []
            if !contents.isEmpty && !force { throw Failure.notEmpty(path) }
        }
        let parent = (target as NSString).deletingLastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let beside = (parent.isEmpty ? "." : parent) as NSString
        let name = (target as NSString).lastPathComponent
        let temporary = beside.appendingPathComponent(".\(name).tmp-\(pid)")
        try? manager.removeItem(atPath: temporary)
        var checkError: (any Error)?
        do {
            for file in files {
                let path = (temporary as NSString).appendingPathComponent(file.name)
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard manager.createFile(atPath: path, contents: Data(file.text.utf8)) else {
                    throw OutputFiles.Failure.io(path, "cannot write the file")
                }
            }
            do { try check(temporary) } catch {
                checkError = error
                throw error
            }
            if exists {
                let old = beside.appendingPathComponent(".\(name).old-\(pid)")
                try manager.moveItem(atPath: target, toPath: old)
                do { try manager.moveItem(atPath: temporary, toPath: target) } catch {
                    try? manager.moveItem(atPath: old, toPath: target)
                    throw error
                }
                try? manager.removeItem(atPath: old)
            } else {
                try manager.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true)
                try manager.moveItem(atPath: temporary, toPath: target)
            }
        } catch {
            try? manager.removeItem(atPath: temporary)
            if let checkError { throw checkError }
            throw Failure.io(path, error)
        }
        return files.map { (path as NSString).appendingPathComponent($0.name) }
    }
}
