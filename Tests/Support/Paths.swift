import Foundation

/// The package root, found from this file (`Tests/Support/Paths.swift`).
package let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()   // Tests/Support
    .deletingLastPathComponent()   // Tests
    .deletingLastPathComponent()   // package root

/// The path of `Fixtures/<relativePath>` (e.g. "topologies/single-vnet.yaml", "audit").
package func fixture(_ relativePath: String) -> String {
    packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relativePath).path
}

/// The built `amplsim` executable: beside the test bundle, where `swift build` puts products
/// (`.build/debug/amplsim` when the bundle runs from elsewhere).
package let amplsimExecutable: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("amplsim")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/amplsim")
}()
