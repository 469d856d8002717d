import Foundation

/// The folder a running lab writes its configuration and logs into.
package enum LabFolder {
    /// A fresh temporary folder.
    package static func temporary() throws(LabFailure) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("amplsim-lab-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw LabFailure(description: "\(path): error: cannot create the lab's folder: \(error.localizedDescription)")
        }
        return path
    }

    /// `path` made absolute against the current folder, `.` and `..` resolved.
    package static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// True when a named has written a log into `folder` (the folder then stays for reading).
    package static func holdsLogs(_ folder: String) -> Bool {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.contains { $0.hasSuffix(".log") }
    }

    /// Removes `folder` and everything in it, if it can.
    package static func remove(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
