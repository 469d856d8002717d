import Foundation
import Testing

/// True when `AMPLSIM_RECORD_GOLDEN=1`: `expectGolden` then writes the golden files and fails.
package let recordingGoldenFiles = ProcessInfo.processInfo.environment["AMPLSIM_RECORD_GOLDEN"] == "1"

/// Checks `text` against the golden file at `path` (relative to the package root), byte for byte.
///
/// With `AMPLSIM_RECORD_GOLDEN=1` it writes `text` there instead (only when it differs, so an
/// unchanged golden stays byte-identical) and fails the test all the same, saying that the file
/// was re-recorded and must be reviewed: a recording run can never pass silently.
package func expectGolden(_ text: String, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = packageRoot.appendingPathComponent(path)
    let produced = Data(text.utf8)
    let golden = FileManager.default.contents(atPath: url.path)
    if recordingGoldenFiles {
        let state = golden == nil ? "new" : golden == produced ? "unchanged" : "changed"
        if golden != produced {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try produced.write(to: url, options: .atomic)
            } catch {
                Issue.record("\(path): could not record the golden file: \(error)", sourceLocation: sourceLocation)
                return
            }
        }
        let message = "\(path) was re-recorded (AMPLSIM_RECORD_GOLDEN=1; \(state)): review it (git diff), then run the tests "
            + "again without AMPLSIM_RECORD_GOLDEN"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return
    }
    guard let golden else {
        Issue.record("\(path): no golden file; AMPLSIM_RECORD_GOLDEN=1 records it (and fails until it is reviewed)",
                     sourceLocation: sourceLocation)
        return
    }
    if golden != produced {
        let message = "\(path) differs from its golden copy \(firstDifference(String(decoding: golden, as: UTF8.self), text)); "
            + "AMPLSIM_RECORD_GOLDEN=1 re-records it"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// Where two texts first differ, as "at line N: golden …, produced …".
private func firstDifference(_ golden: String, _ produced: String) -> String {
    let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let b = produced.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, b.count) where i >= a.count || i >= b.count || a[i] != b[i] {
        let line = { (lines: [Substring]) in i < lines.count ? String(lines[i].prefix(200)).debugDescription : "(end of text)" }
        return "at line \(i + 1): golden \(line(a)), produced \(line(b))"
    }
    return "(in bytes that are not text)"
}
