import AmplsimTestSupport
import Foundation

/// Writes `text` to a file called `name` in a fresh temporary folder and returns its path.
func temporaryFile(_ text: String, name: String = "topology.yaml") throws -> String {
    let url = try temporaryFolder().appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
