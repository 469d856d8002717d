import Foundation

/// The folder that holds every temporary folder of this test process, removed when it exits.
private enum TemporaryRoot {
    static let url: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("amplsim-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit(removeTemporaryRoot)
        return root
    }()
}

/// Removes every temporary folder of this test process (registered with `atexit`).
private func removeTemporaryRoot() {
    try? FileManager.default.removeItem(at: TemporaryRoot.url)
}

/// A fresh, empty temporary folder; it is removed when the test process exits (remove it sooner
/// when it holds something big).
package func temporaryFolder() throws -> URL {
    let folder = TemporaryRoot.url.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
