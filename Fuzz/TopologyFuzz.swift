// libFuzzer target for the topology loader (module AmplsimTopology).
//
// Built by Fuzz/fuzz.sh with `-sanitize=fuzzer,address` against the package's release objects;
// not part of `swift build`. Each input is a topology file: it is written to a private folder and
// loaded with `TopologyLoader().load(path:)`, as `simulate`, `resolve`, `audit` and `generate`
// load theirs. The folder holds the zone files the fixtures name (`zones/...`, `zone-*.zone`), so
// that seeds from Fixtures/ load their zone files too. If it loads, the input is also read as a
// scenario for that topology (`replay --scenario`, `what-if --step`).
//
// A thrown `InputError` is a fine answer; a crash, an abort, a leak or a timeout is a finding.
import AmplsimEngine
import AmplsimTopology
import Foundation

/// The private folder and the input's path in it, made once per process.
private let inputPath: String = {
    let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    var template = Array("\(base)/amplsim-fuzz-topology-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed: \(errno)") }
    let folder = String(cString: made)
    linkFixtures(into: folder)
    return folder + "/input.yaml"
}()

/// Links the zone files that fixtures name, relative to their folders, into `folder`:
/// Fixtures/bad/zone-*.zone beside the input, and Fixtures/topologies/zones and
/// Fixtures/audit/zones merged under `zones/`. AMPLSIM_ROOT names the package root (default: the
/// current folder).
private func linkFixtures(into folder: String) {
    let root = ProcessInfo.processInfo.environment["AMPLSIM_ROOT"] ?? FileManager.default.currentDirectoryPath
    let files = FileManager.default
    try? files.createDirectory(atPath: folder + "/zones", withIntermediateDirectories: true)
    func link(_ source: String, _ name: String) {
        for entry in (try? files.contentsOfDirectory(atPath: source)) ?? [] where entry.hasSuffix(".zone") || name == "zones" {
            let target = name == "zones" ? "\(folder)/zones/\(entry)" : "\(folder)/\(entry)"
            try? files.createSymbolicLink(atPath: target, withDestinationPath: "\(source)/\(entry)")
        }
    }
    link("\(root)/Fixtures/bad", ".")
    link("\(root)/Fixtures/topologies/zones", "zones")
    link("\(root)/Fixtures/audit/zones", "zones")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func topologyFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Data(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    guard FileManager.default.createFile(atPath: inputPath, contents: bytes) else {
        fatalError("cannot write \(inputPath)")
    }
    let loader = TopologyLoader()
    let topology: Topology
    do {
        topology = try loader.load(path: inputPath)
    } catch {
        // The message names the topology or a zone file it reads, and says something.
        if error.file.isEmpty || error.message.isEmpty { fatalError("odd error: \(error)") }
        return 0
    }
    // A topology that loads: read the same text as a scenario against it.
    if let text = String(data: bytes, encoding: .utf8) {
        _ = try? loader.loadScenario(text: text, file: inputPath, for: topology)
    }
    return 0
}
