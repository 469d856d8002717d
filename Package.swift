// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "amplsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "amplsim", targets: ["amplsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // The C library, seen by one module only.
        .systemLibrary(
            name: "CLDNS",
            path: "Sources/CLDNS",
            pkgConfig: "ldns",
            providers: [.apt(["libldns-dev"])]
        ),
        // Zone files in and out, through ldns. The only importer of CLDNS.
        .target(
            name: "AmplsimZoneFile",
            dependencies: ["CLDNS"],
            path: "Sources/ZoneFile"
        ),
        // The pure engine: model, public DNS, resolver, reachability, verdicts, timeline. No I/O.
        .target(
            name: "AmplsimEngine",
            path: "Sources/Engine"
        ),
        // The zone bridge: engine records to zone-file records and back, the SOA amplsim writes.
        .target(
            name: "AmplsimZoneBridge",
            dependencies: ["AmplsimEngine", "AmplsimZoneFile"],
            path: "Sources/ZoneBridge"
        ),
        // Files to model: the topology loader (YAML/JSON) and zone-file import.
        .target(
            name: "AmplsimTopology",
            dependencies: [
                "AmplsimEngine",
                "AmplsimZoneFile",
                "AmplsimZoneBridge",
                "AmplsimRender",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Topology"
        ),
        // Results to text: tables, JSON, Markdown, traces.
        .target(
            name: "AmplsimRender",
            dependencies: ["AmplsimEngine"],
            path: "Sources/Render"
        ),
        // The lab: a BIND 9 configuration of a world (pure text) and the comparison with the engine.
        .target(
            name: "AmplsimLab",
            dependencies: ["AmplsimEngine", "AmplsimZoneFile", "AmplsimZoneBridge"],
            path: "Sources/Lab"
        ),
        // Real estates to topologies: Azure Resource Graph output and Terraform plans (JSON), the
        // topology YAML writer; zone text through the zone-file module. No I/O beyond reading inputs.
        .target(
            name: "AmplsimImport",
            dependencies: ["AmplsimEngine", "AmplsimZoneFile", "AmplsimZoneBridge"],
            path: "Sources/Import"
        ),
        // The host: child processes, executables on PATH, output files and folders, Graphviz, the
        // lab's named servers, ports and signals. Lab for the configuration it starts, nothing else of ours.
        .target(
            name: "AmplsimHost",
            dependencies: ["AmplsimLab"],
            path: "Sources/Host"
        ),
        // The application: load and evaluate a topology, rows on every core, scenarios, what the
        // commands produce. No process or signal code: the host runs programs and writes folders.
        .target(
            name: "AmplsimApp",
            dependencies: [
                "AmplsimEngine",
                "AmplsimTopology",
                "AmplsimRender",
                "AmplsimZoneFile",
                "AmplsimZoneBridge",
                "AmplsimLab",
                "AmplsimImport",
                "AmplsimHost",
            ],
            path: "Sources/App"
        ),
        // The commands on swift-argument-parser, declarations only, as a library so that tests can run them.
        .target(
            name: "AmplsimCLI",
            dependencies: [
                "AmplsimApp",
                "AmplsimHost",
                "AmplsimEngine",
                "AmplsimRender",
                "AmplsimTopology",
                "AmplsimLab",
                "AmplsimImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI"
        ),
        .executableTarget(
            name: "amplsim",
            dependencies: ["AmplsimCLI"],
            path: "Sources/amplsim"
        ),
        // What every test target shares: the package root, fixtures, running the built binary,
        // temporary folders, golden files. Not a test target itself: it holds no tests.
        .target(
            name: "AmplsimTestSupport",
            path: "Tests/Support"
        ),
        .testTarget(
            name: "ZoneFileTests",
            dependencies: ["AmplsimTestSupport", "AmplsimZoneFile"],
            path: "Tests/ZoneFileTests"
        ),
        .testTarget(
            name: "EngineTests",
            // The topology loader builds the intent tests' worlds from YAML fixtures; Render words
            // refusals and fix candidates (`Refusal.message`, `FixChange.text`).
            dependencies: ["AmplsimTestSupport", "AmplsimEngine", "AmplsimTopology", "AmplsimRender"],
            path: "Tests/EngineTests"
        ),
        .testTarget(
            name: "TopologyTests",
            // Render words the rows' reasons in failure messages (`Row.detail`).
            dependencies: ["AmplsimTestSupport", "AmplsimTopology", "AmplsimEngine", "AmplsimRender",
                           .product(name: "Yams", package: "Yams")],
            path: "Tests/TopologyTests"
        ),
        .testTarget(
            name: "AuditTests",
            dependencies: ["AmplsimTestSupport", "AmplsimEngine", "AmplsimTopology", "AmplsimRender"],
            path: "Tests/AuditTests"
        ),
        .testTarget(
            name: "RobustnessTests",
            dependencies: ["AmplsimTestSupport", "AmplsimTopology", "AmplsimZoneFile"],
            path: "Tests/RobustnessTests"
        ),
        .testTarget(
            name: "CLITests",
            // The host's and the application's types are tested here too (ExecutableSearch, ParallelRows).
            dependencies: ["AmplsimTestSupport", "AmplsimCLI", "AmplsimApp", "AmplsimHost", "AmplsimEngine", "AmplsimRender",
                           "AmplsimTopology", "AmplsimZoneBridge"],
            path: "Tests/CLITests",
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ImportTests",
            dependencies: ["AmplsimTestSupport", "AmplsimImport", "AmplsimEngine", "AmplsimTopology"],
            path: "Tests/ImportTests"
        ),
        .testTarget(
            name: "LabTests",
            // Render words a refused step in a failure message (`Refusal.message`).
            dependencies: ["AmplsimTestSupport", "AmplsimLab", "AmplsimEngine", "AmplsimTopology", "AmplsimRender"],
            path: "Tests/LabTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
