import AmplsimEngine
import AmplsimLab
import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing

/// The world after a fixture's whole timeline, and its lab layout.
func layout(_ name: String) throws -> LabLayout {
    let topology = try TopologyLoader().load(path: fixture("topologies/\(name)"))
    return try LabLayout(world: Timeline.finalWorld(of: topology).world)
}

/// The lab configuration of a fixture with the export's default ports (5300 and up).
func configuration(_ name: String, directory: String = "/lab") throws -> LabConfiguration {
    let layout = try layout(name)
    let ports = try #require(LabPorts.sequential(from: 5300, servers: layout.servers.map(\.name)))
    return LabConfiguration(layout: layout, ports: ports, directory: directory)
}

extension LabConfiguration {
    /// A file's text, or "" when there is no such file.
    func file(_ name: String) -> String { files.first { $0.name == name }?.text ?? "" }

    /// The text of one view of a configuration file, from `view "NAME" {` to its closing `};`.
    func view(_ name: String, in file: String) -> String {
        let text = self.file(file)
        guard let start = text.range(of: "view \"\(name)\" {") else { return "" }
        let rest = text[start.lowerBound...]
        guard let end = rest.range(of: "\n};") else { return String(rest) }
        return String(rest[..<end.upperBound])
    }
}

/// True when named, dig and an executable amplsim are here: the tests that run BIND need them
/// (`make test` and CI install bind9 and bind9-dnsutils).
let bindInstalled: Bool = {
    ["/usr/sbin/named", "/usr/bin/dig"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        && FileManager.default.isExecutableFile(atPath: amplsimExecutable.path)
}()

/// True when `unshare -n` works here (root, or user namespaces): the lab then runs in a network
/// namespace of its own, whose loopback nobody else uses.
let namespaceAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
    return (try? runProcess(URL(fileURLWithPath: "/usr/bin/unshare"), ["-n", "sh", "-c", "ip link set lo up"]))?.status == 0
}()

/// Runs a shell script with AmplsimTestSupport's runner, in a network namespace of its own
/// (loopback up) when one is available. The script gets `$AMPLSIM` (the binary) and `$ROOT` (the
/// package root); `environment` is added to this process's.
func labShell(_ script: String, environment: [String: String] = [:]) throws -> ProcessRun {
    let prelude = "set -u\nAMPLSIM='\(amplsimExecutable.path)'\nROOT='\(packageRoot.path)'\n"
    if namespaceAvailable {
        return try runProcess(URL(fileURLWithPath: "/usr/bin/unshare"), ["-n", "sh", "-c", "ip link set lo up\n" + prelude + script],
                              environment: environment)
    }
    return try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", prelude + script], environment: environment)
}

/// The PIDs of processes whose command line names `folder` (named started for that lab), read
/// from /proc (no procps needed).
func processes(naming folder: String) -> [String] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { $0.allSatisfy(\.isNumber) } ?? []
    return pids.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.contains { $0.contains(folder) } && words.contains { $0.hasSuffix("named") }
    }
}

/// `count` distinct ports that are free on 127.0.0.1 for TCP and UDP now.
func freePorts(_ count: Int) throws -> [UInt16] {
    #if canImport(Glibc)
    let stream = Int32(SOCK_STREAM.rawValue), datagram = Int32(SOCK_DGRAM.rawValue)
    #else
    let stream = SOCK_STREAM, datagram = SOCK_DGRAM
    #endif
    func bound(_ port: UInt16, _ type: Int32) -> (fd: Int32, port: UInt16)? {
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { close(fd); return nil }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
    var held: [Int32] = []
    defer { held.forEach { close($0) } }
    var ports: [UInt16] = []
    for _ in 0..<200 where ports.count < count {
        guard let tcp = bound(0, stream) else { continue }
        held.append(tcp.fd)
        guard !ports.contains(tcp.port), let udp = bound(tcp.port, datagram) else { continue }
        held.append(udp.fd)
        ports.append(tcp.port)
    }
    guard ports.count == count else { throw LabRunFailure(text: "cannot find \(count) free ports on 127.0.0.1") }
    return ports
}

struct LabRunFailure: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

/// What `lab verify` does, for a world built in Swift (the topology loader does not read every
/// object the engine knows): the configuration written into `folder`, every named started (in a
/// network namespace of its own where `unshare -n` works), every question asked with dig as
/// `lab verify` asks it, every named stopped by the PID the script started it with, and each
/// answer compared with the engine's.
func verifyLab(_ world: World, folder: String) throws -> (rows: [LabRow], report: String) {
    let layout = try LabLayout(world: world)
    let all = try freePorts(LabPorts.count(servers: layout.servers.count))
    var servers: [ServerID: UInt16] = [:]
    for (i, server) in layout.servers.enumerated() { servers[server.name] = all[3 + i] }
    let ports = LabPorts(lab: all[0], internet: all[1], nowhere: all[2], servers: servers)
    let configuration = LabConfiguration(layout: layout, ports: ports, directory: folder)
    for file in configuration.files {
        try file.text.write(toFile: folder + "/" + file.name, atomically: true, encoding: .utf8)
    }
    let queries = LabQuery.all(layout: layout)
    let sources = Dictionary(layout.networks.map { ($0.name, $0.clientAddress) }, uniquingKeysWith: { a, _ in a })
    var script = """
        PIDS=""
        trap 'for p in $PIDS; do kill -TERM "$p" 2>/dev/null; done; wait' EXIT

        """
    for process in configuration.processes {
        script += """
            /usr/sbin/named -g -4 -n 1 -c '\(folder)/\(process.configFile)' >'\(folder)/\(process.logFile)' 2>&1 &
            PIDS="$PIDS $!"
            i=0
            until grep -q ' running$' '\(folder)/\(process.logFile)'; do
                i=$((i+1)); if [ $i -gt 300 ]; then echo "NOT-RUNNING \(process.name)"; cat '\(folder)/\(process.logFile)'; exit 1; fi
                sleep 0.1
            done

            """
    }
    for (i, query) in queries.enumerated() {
        script += "echo '@@@ \(i)'; dig -p \(ports.lab) -b \(sources[query.network] ?? "127.0.0.1") @127.0.0.1 \(query.name.absolute) A +tries=1 +time=20 +noall +comments +answer\n"
    }
    let result = try labShell(script)
    guard result.status == 0 else { throw LabRunFailure(text: "the lab did not run: \(result.stdout)\n\(result.stderr)") }
    var outputs: [Int: String] = [:]
    for chunk in result.stdout.components(separatedBy: "@@@ ").dropFirst() {
        let lines = chunk.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if let index = Int(lines[0]) { outputs[index] = lines.count > 1 ? String(lines[1]) : "" }
    }
    let rows = queries.enumerated().map { i, query -> LabRow in
        LabRow.judging(query, LabObservation.parse(dig: outputs[i] ?? "", name: query.name))
    }
    return (rows, LabReport.text(rows, verbose: true))
}
