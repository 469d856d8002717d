import Foundation

/// Finds a program by name in the folders of a `PATH` value, the one look-up every program amplsim
/// runs goes through (Graphviz's dot, named, setpriv).
///
/// Only absolute folders count: an empty entry or a relative one (`.`, `bin`) would find a
/// program by the current folder, which is whatever folder amplsim was started from.
package enum ExecutableSearch {
    /// The path of the first executable file called `name` in the absolute folders of `path`
    /// (colon-separated), then of `also`; nil when there is none.
    package static func find(_ name: String, path: String, also: [String] = []) -> String? {
        let folders = path.split(separator: ":").map(String.init) + also
        for folder in folders where folder.hasPrefix("/") {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// This process's `PATH`, or `fallback` when it has none.
    static func processPath(or fallback: String) -> String {
        ProcessInfo.processInfo.environment["PATH"] ?? fallback
    }
}
