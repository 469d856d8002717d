import AmplsimTopology
import AmplsimTestSupport
import Foundation
import Testing

/// Input as people have it: a topology on standard input, files with a byte order mark or in
/// UTF-16, syntax errors shown where they are, region display names.
@Suite struct ForgivingInputTests {
    static let utf16 = "error: the file is UTF-16 (as Windows PowerShell writes it); re-save it as UTF-8\n"

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A fresh temporary folder.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("amplsim-forgiving-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: - reads standard input

    @Test(arguments: ["simulate", "audit", "replay", "generate", "resolve", "what-if", "lab"])
    func everyTopologyCommandReadsStandardInput(_ command: String) throws {
        let arguments: [String]
        switch command {
        case "generate": arguments = ["generate", "-", "--endpoint", "pe1", "--out", try folder().path, "--kind", "hosts", "--force"]
        case "resolve": arguments = ["resolve", "-", "--network", "vnet1", "api.loganalytics.io"]
        case "what-if": arguments = ["what-if", "-", "--step", "{deleteEndpoint: pe2}"]
        case "lab": arguments = ["lab", "export", "-", "--out", try folder().path, "--force"]
        default: arguments = [command, "-"]
        }
        let file = fixture("topologies/two-vnets-shared-dns.yaml")
        let fromFile = try runProcess(amplsimExecutable, arguments.map { $0 == "-" ? file : $0 })
        let fromInput = try runProcess(amplsimExecutable, arguments, stdin: try bytes(file))
        #expect(fromInput.status == fromFile.status, "\(fromInput.stderr)")
        // The same output, but for the file's name where findings name their place.
        #expect(fromInput.stdout == fromFile.stdout.replacingOccurrences(of: file + ":", with: "<stdin>:"))
        #expect(!fromInput.stdout.isEmpty)
    }

    @Test func zoneFilesOfStandardInputAreRelativeToTheCurrentFolder() throws {
        let topologies = packageRoot.appendingPathComponent("Fixtures/topologies")
        let text = try bytes(fixture("topologies/custom-zone-suffix.yaml"))
        // From the topology's folder, `file: zones/...` is found.
        let here = try runProcess(amplsimExecutable, ["simulate", "-", "--format", "json"], stdin: text, directory: topologies)
        #expect(here.status == 0, "\(here.stderr)")
        #expect(here.stdout == (try amplsim("simulate", fixture("topologies/custom-zone-suffix.yaml"), "--format", "json")).stdout)
        // From the package root it is not, and the message says where it looked.
        let root = try runProcess(amplsimExecutable, ["simulate", "-"], stdin: text)
        #expect(root.status == 2)
        #expect(root.stderr.hasPrefix("<stdin>:20: error: zones["))
        #expect(root.stderr.contains("zones/internal.monitor.azure.com.zone"))
    }

    @Test func standardInputErrorsNameIt() throws {
        let json = try runProcess(amplsimExecutable, ["simulate", "-"], stdin: Data(#"{"version": 2, "networks": [{"name": "a" "addressSpace": []}]}"#.utf8))
        #expect(json.status == 2)
        #expect(json.stderr == """
            <stdin>:1:42: error: JSON syntax: did not find expected ',' or '}' in the object opened at line 1, column 29
            {"version": 2, "networks": [{"name": "a" "addressSpace": []}]}
                                                     ^
            hint: an object opened with '{' is not closed with '}', or two of its members lack a ',' between them

            """)
        let empty = try runProcess(amplsimExecutable, ["simulate", "-"], stdin: Data())
        #expect(empty.stderr == "<stdin>: error: the topology file is empty\n")
    }

    // MARK: - UTF-8 byte order marks and UTF-16

    @Test(arguments: ["yaml", "json"])
    func aByteOrderMarkIsSkipped(_ name: String) throws {
        let dir = try folder()
        var text = try bytes(fixture("topologies/two-vnets-shared-dns.yaml"))
        var file = "t.yaml"
        if name == "json" {
            // A JSON topology (the corpus's, its unknown key corrected), as tools write it.
            text = try bytes(packageRoot.appendingPathComponent("Fixtures/bad/topology-unknown-key.json").path)
            text = Data(String(decoding: text, as: UTF8.self).replacingOccurrences(of: "\"peering\"", with: "\"peerings\"").utf8)
            file = "t.json"
        }
        let plain = dir.appendingPathComponent("plain-" + file), marked = dir.appendingPathComponent(file)
        try text.write(to: plain)
        try (Data([0xEF, 0xBB, 0xBF]) + text).write(to: marked)
        let a = try amplsim("simulate", plain.path, "--format", "json"), b = try amplsim("simulate", marked.path, "--format", "json")
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        #expect(a.stdout == b.stdout)
    }

    @Test func scenarioAndZoneFilesAcceptAByteOrderMark() throws {
        let dir = try folder()
        // A scenario file with a mark.
        let scenario = dir.appendingPathComponent("s.yaml")
        try (Data([0xEF, 0xBB, 0xBF]) + (try bytes(packageRoot.appendingPathComponent("Fixtures/scenarios/vnet2-connects.yaml").path))).write(to: scenario)
        let before = packageRoot.appendingPathComponent("Fixtures/scenarios/two-vnets-before.yaml").path
        let whatIf = try amplsim("what-if", before, "--scenario", scenario.path, "--format", "json")
        let plainWhatIf = try amplsim("what-if", before, "--scenario", packageRoot.appendingPathComponent("Fixtures/scenarios/vnet2-connects.yaml").path, "--format", "json")
        #expect(whatIf.status == plainWhatIf.status && whatIf.stdout == plainWhatIf.stdout, "\(whatIf.stderr)")
        // A zone file with a mark, read by zone-check and by a topology.
        let zone = dir.appendingPathComponent("internal.monitor.azure.com.zone")
        let original = packageRoot.appendingPathComponent("Fixtures/topologies/zones/internal.monitor.azure.com.zone").path
        try (Data([0xEF, 0xBB, 0xBF]) + (try bytes(original))).write(to: zone)
        let check = try amplsim("zone-check", zone.path), plainCheck = try amplsim("zone-check", original)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.replacingOccurrences(of: zone.path, with: original) == plainCheck.stdout)
        let topology = dir.appendingPathComponent("t.yaml")
        try (try bytes(fixture("topologies/custom-zone-suffix.yaml"))).write(to: topology)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("zones"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: zone, to: dir.appendingPathComponent("zones/internal.monitor.azure.com.zone"))
        let simulated = try amplsim("simulate", topology.path, "--format", "json")
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(simulated.stdout == (try amplsim("simulate", fixture("topologies/custom-zone-suffix.yaml"), "--format", "json")).stdout)
    }

    @Test(arguments: [(true, "topology"), (false, "topology"), (true, "scenario"), (true, "zone")])
    func utf16IsNamed(_ littleEndian: Bool, _ kind: String) throws {
        let dir = try folder()
        let source: String, name: String
        switch kind {
        case "scenario": (source, name) = (packageRoot.appendingPathComponent("Fixtures/scenarios/vnet2-connects.yaml").path, "s.yaml")
        case "zone": (source, name) = (packageRoot.appendingPathComponent("Fixtures/zones/privatelink.monitor.azure.com.zone").path, "z.zone")
        default: (source, name) = (fixture("topologies/single-vnet.yaml"), "t.yaml")
        }
        let text = String(decoding: try bytes(source), as: UTF8.self)
        let encoded = littleEndian ? Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)! : Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!
        let path = dir.appendingPathComponent(name).path
        try encoded.write(to: URL(fileURLWithPath: path))
        let run: ProcessRun
        switch kind {
        case "scenario": run = try amplsim("what-if", packageRoot.appendingPathComponent("Fixtures/scenarios/two-vnets-before.yaml").path, "--scenario", path)
        case "zone": run = try amplsim("zone-check", path)
        default: run = try amplsim("simulate", path)
        }
        #expect(run.status == 2)
        #expect(run.stderr == "\(path): " + Self.utf16)
        #expect(run.stdout.isEmpty)
    }

    // MARK: - syntax errors

    func loadError(_ text: String, file: String = "t.yaml") -> String? {
        do {
            _ = try TopologyLoader().load(text: text, file: file, folder: ".")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func yamlErrorsShowTheLineAndACaretWithAHint() {
        #expect(loadError("version: 2\nnetworks:\n  - name: a\n    addressSpace: [10.0.0.0/16\n  - name: b\n") == """
            t.yaml:5:9: error: YAML syntax: did not find expected ',' or ']' in the list opened at line 4, column 19
              - name: b
                    ^
            hint: a list opened with '[' is not closed with ']', or two of its items lack a ',' between them
            """)
        // A tab before the column is kept in the caret line, so that the caret lines up.
        #expect(loadError("version: 2\nnetworks: [{name: a,\taddressSpace: [10.0.0.0/16]}, {name: b: c}]\n") ==
            "t.yaml:2:60: error: YAML syntax: did not find expected ',' or '}' in the mapping opened at line 2, column 52\n"
            + "networks: [{name: a,\taddressSpace: [10.0.0.0/16]}, {name: b: c}]\n"
            + String(repeating: " ", count: 20) + "\t" + String(repeating: " ", count: 38) + "^\n"
            + "hint: a mapping opened with '{' is not closed with '}', or two of its entries lack a ',' between them")
    }

    @Test func jsonErrorsAreCalledJSON() {
        let text = "{\n  \"version\": 2,\n  \"networks\": [\n    {\"name\": \"a\", \"addressSpace\": [\"10.0.0.0/16\"]}\n    {\"name\": \"b\"}\n  ]\n}\n"
        #expect(loadError(text, file: "t.json") == """
            t.json:5:5: error: JSON syntax: did not find expected ',' or ']' in the array opened at line 3, column 15
                {"name": "b"}
                ^
            hint: an array opened with '[' is not closed with ']', or two of its values lack a ',' between them
            """)
    }

    @Test func longLinesAreShownAroundTheColumn() throws {
        let line = "networks: [" + String(repeating: "{name: n, addressSpace: [10.0.0.0/16]}, ", count: 10) + "{name: x: y}]"
        let message = try #require(loadError("version: 2\n" + line + "\n"))
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("...") && lines[1].count <= 106)
        // The caret stands under the second ':' of {name: x: y}.
        let caret = try #require(lines[2].firstIndex(of: "^"))
        let offset = lines[2].distance(from: lines[2].startIndex, to: caret)
        #expect(Array(lines[1])[offset] == ":")
    }

    // MARK: - regions

    @Test(arguments: [("West Europe", "westeurope"), ("East US 2", "eastus2")])
    func displayNamesOfRegionsNameTheRegion(_ given: String, _ meant: String) {
        let text = "version: 2\nworkspaces:\n  - {name: w, id: 6f1c0b52-3c6e-4f4e-9a57-2d8e1f3b7a10, region: \(given)}\n"
        #expect(loadError(text) == "t.yaml:3: error: workspaces[0].region: '\(given)' is not an Azure region name: regions are lower-case without spaces; did you mean '\(meant)'?")
    }

    @Test func upperCaseRegionsAreReadLowerCasedWithAWarning() throws {
        let text = "version: 2\ndataCollectionEndpoints:\n  - {name: d, id: ab12, region: WestEurope}\n"
        let loaded = try TopologyLoader().loadWithWarnings(text: text, file: "t.yaml", folder: ".")
        #expect(loaded.topology.dataCollectionEndpoints.first?.region == "westeurope")
        #expect(loaded.warnings.map(\.description) == [
            "t.yaml:3: warning: dataCollectionEndpoints[0].region: 'WestEurope': regions are lower-case; did you mean 'westeurope'? (read as westeurope)",
        ])
    }
}
