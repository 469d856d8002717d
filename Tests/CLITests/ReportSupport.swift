import AmplsimEngine
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// The external programs the report tests use. Locally a missing one skips its tests; in CI
/// (`CI` set, as `.ci/run` runs) the tests run anyway and fail, since `make test` installs them.
enum Tools {
    static let inCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// The first executable called `name` on PATH.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static let dot = find("dot")
    static let chromium = find("chromium") ?? find("chromium-browser")

    /// Whether tests needing `dot` run: it is installed, or this is CI (where its absence fails).
    static let dotTests = dot != nil || inCI
    static let chromiumTests = (chromium != nil && dot != nil) || inCI

    /// `dot`, or a recorded failure naming how to install it.
    static func requireDot(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(dot, "Graphviz's dot is not on PATH: make test installs it (apt-get install graphviz)",
                     sourceLocation: sourceLocation)
    }

    /// Chromium, or a recorded failure naming how to install it.
    static func requireChromium(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(chromium, "chromium is not on PATH: make test installs it (apt-get install chromium)",
                     sourceLocation: sourceLocation)
    }

    /// `dot -Tsvg` on `source`: its exit status, SVG and complaints.
    static func dotSVG(_ source: String) throws -> ProcessRun {
        let file = try temporaryFile(source, name: "diagram.dot")
        return try runProcess(try requireDot(), ["-Tsvg", file])
    }

    /// Headless Chromium on a file, with `arguments` (`--dump-dom`, `--screenshot=...`).
    static func chromium(_ arguments: [String], page: String) throws -> ProcessRun {
        let profile = try temporaryFolder().path
        return try runProcess(try requireChromium(), ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                      "--no-first-run", "--user-data-dir=\(profile)"] + arguments + [page])
    }
}

/// A fixture evaluated in process, for the diagram tests.
struct Evaluation {
    let world: World
    let rows: [Row]

    init(_ path: String) throws {
        let topology = try TopologyLoader().load(path: path)
        world = Timeline.finalWorld(of: topology).world
        rows = Simulation(world: world).rows()
    }
}
