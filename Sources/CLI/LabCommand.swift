import AmplsimEngine
import AmplsimLab
import ArgumentParser
import Foundation

/// `amplsim lab`: the simulated DNS run for real by BIND 9, and the engine checked against it.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Run the topology's DNS with BIND 9 (named) on loopback, and check the engine against it.",
        discussion: """
        The lab is a BIND 9 configuration of the topology's final state: an internet server for the \
        simulated public DNS, a view per network (ask from 127.0.1.N to be a client of network N), \
        a named per custom DNS server. Needs named and dig: \
        apt-get install bind9 bind9-dnsutils
        """,
        subcommands: [LabExportCommand.self, LabUpCommand.self, LabVerifyCommand.self]
    )
}

/// What every lab command starts from: the final world and its layout.
private func loadLab(_ path: String) throws -> LabLayout {
    let evaluated = try Evaluated.load(path)
    do {
        return try LabLayout(world: evaluated.world)
    } catch {
        printError("\(path): error: \(error.description)")
        throw Exit.badInput
    }
}

private func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}

/// Writes the configuration's files into `folder`.
private func writeFiles(_ configuration: LabConfiguration, into folder: String, force: Bool) throws -> [String] {
    do {
        return try OutputFiles(folder: folder, force: force).write(configuration.files)
    } catch {
        printError(error.description)
        throw Exit.badInput
    }
}

/// A fresh temporary folder for a running lab.
private func temporaryFolder() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("amplsim-lab-\(getpid())-\(UUID().uuidString.prefix(8))")
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        printError("\(path): error: cannot create the lab's folder: \(error.localizedDescription)")
        throw Exit.badInput
    }
    return path
}

/// Ports for a running lab: `lab` as given (checked free) or any free port, the others free.
private func runningPorts(_ layout: LabLayout, lab: UInt16?) throws -> LabPorts {
    do {
        if let lab, !LabPortFinder.isFree(lab) {
            throw LabFailure(description: "error: --port: port \(lab) is in use on 127.0.0.1 (TCP or UDP), or this user cannot bind it")
        }
        let needed = LabPorts.count(servers: layout.servers.count) - (lab == nil ? 0 : 1)
        var free = try LabPortFinder.free(needed, taken: lab.map { [$0] } ?? [])
        let labPort = lab ?? free.removeFirst()
        let internet = free.removeFirst(), nowhere = free.removeFirst()
        var servers: [String: UInt16] = [:]
        for server in layout.servers { servers[server.name] = free.removeFirst() }
        return LabPorts(lab: labPort, internet: internet, nowhere: nowhere, servers: servers)
    } catch let failure as LabFailure {
        printError(failure.description)
        throw Exit.badInput
    }
}

/// Writes the configuration into `folder` and starts its servers, with ports from `ports`; when a
/// port chosen here was taken in the meantime (named says "address in use"), tries again with
/// other ports (three times). Prints the failure and exits 2 when the lab cannot start.
private func startLab(_ layout: LabLayout, ports: () throws -> LabPorts, in folder: String, named: String,
                      servers: LabServers) throws -> LabConfiguration {
    var attempt = 0
    while true {
        attempt += 1
        let configuration = LabConfiguration(layout: layout, ports: try ports(), directory: folder)
        _ = try writeFiles(configuration, into: folder, force: true)
        do {
            try servers.start(configuration, named: named)
            return configuration
        } catch {
            if (error.description.contains("address in use") || error.description.contains("unable to listen")) && attempt < 3 && !servers.isStopped { continue }
            printError(error.description)
            throw Exit.badInput
        }
    }
}

/// Runs `start`; when it fails before any named wrote a log (no free port, say), removes a
/// temporary folder. A folder with logs stays: the message names the log to read.
private func startOrClean(_ folder: String, temporary: Bool, _ start: () throws -> LabConfiguration) throws -> LabConfiguration {
    do {
        return try start()
    } catch {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        if temporary && !files.contains(where: { $0.hasSuffix(".log") }) {
            try? FileManager.default.removeItem(atPath: folder)
        }
        throw error
    }
}

private func tools(dig needed: Bool) throws -> (named: String, dig: String?) {
    do {
        return (try LabTools.named(), needed ? try LabTools.dig() : nil)
    } catch {
        printError(error.description)
        throw Exit.badInput
    }
}

/// `amplsim lab export`.
struct LabExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a BIND 9 configuration of the topology's final state into a folder.",
        discussion: """
        Writes lab.conf (a view per network), internet.conf (the simulated public DNS), nowhere.conf \
        (refuses everything: the resolvers a network cannot reach), server-NAME.conf per custom DNS \
        server, the zone files (through ldns), root hints and README.md, which says which address is \
        which network and how to start and query each server. Ports: --port for the lab server, \
        then the internet server, the nowhere server and each DNS server on the next ports. \
        Existing files are never overwritten without --force.
        """
    )

    @Argument(help: "The topology file (YAML or JSON; - reads standard input).")
    var topology: String

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "The lab server's port; the other servers take the next ports.")
    var port: UInt16 = 5300

    @Flag(help: "Overwrite existing files.")
    var force = false

    func run() throws {
        let layout = try loadLab(topology)
        guard let ports = LabPorts.sequential(from: port, servers: layout.servers.map(\.name)) else {
            printError("--port: \(port) leaves no room for the \(LabPorts.count(servers: layout.servers.count)) ports the lab needs")
            throw Exit.badInput
        }
        let configuration = LabConfiguration(layout: layout, ports: ports, directory: absolutePath(out))
        let written = try writeFiles(configuration, into: out, force: force)
        write(written.map { "wrote \($0)\n" }.joined())
        let example = layout.networks.first.map { ", then ask, e.g.: " + configuration.dig($0, "api.loganalytics.io") } ?? ""
        write("start the servers as \((out as NSString).appendingPathComponent("README.md")) says\(example)\n")
    }
}

/// `amplsim lab up`.
struct LabUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the lab's named servers on loopback and print the dig command of each network.",
        discussion: """
        Writes the configuration to a temporary folder, starts every named on 127.0.0.1 and stays in \
        the foreground; Ctrl-C (or SIGTERM) stops every process it started and removes the folder.
        """
    )

    @Argument(help: "The topology file (YAML or JSON; - reads standard input).")
    var topology: String

    @Option(help: "The lab server's port, the one clients ask (default: any free port).")
    var port: UInt16?

    @Option(help: .hidden)
    var directory: String?

    @Option(help: "The name the printed dig commands ask.")
    var name: String = "api.loganalytics.io"

    func validate() throws {
        if port == 0 { throw ValidationError("--port: 0 is not a port") }
        if DNSName(name) == nil { throw ValidationError("--name: '\(name)' is not a DNS name") }
    }

    func run() throws {
        let layout = try loadLab(topology)
        let (named, _) = try tools(dig: false)
        let folder = try directory.map(absolutePath) ?? temporaryFolder()
        let servers = LabServers(directory: folder)
        let signals = LabSignals(servers, exitOnSignal: false)
        let configuration = try startOrClean(folder, temporary: directory == nil) {
            try startLab(layout, ports: { try runningPorts(layout, lab: port) }, in: folder, named: named, servers: servers)
        }
        defer {
            servers.stop()
            if directory == nil { try? FileManager.default.removeItem(atPath: folder) }
        }

        var text = "amplsim lab: \(configuration.processes.count) named servers on 127.0.0.1 (folder \(folder))\n"
        for process in configuration.processes {
            text += "  port \(process.port)  \(process.name): \(process.role)\n"
        }
        text += "Ask as a client of each network:\n"
        let width = layout.networks.map(\.name.count).max() ?? 0
        for entry in layout.networks {
            let padded = entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
            text += "  \(padded)  \(configuration.dig(entry, name))\n"
        }
        text += "(-b 127.0.2.N asks Azure DNS of network N itself; \(folder)/README.md says which server is which.)\n"
        text += "Press Ctrl-C to stop.\n"
        write(text)

        let signal = signals.wait { servers.exited() == nil }
        if let signal {
            write("amplsim lab: stopping (signal \(signal))\n")
            return
        }
        let dead = servers.exited()
        printError("\(folder)/\(dead?.logFile ?? "lab.log"): error: named (\(dead?.name ?? "?")) stopped on its own; stopping the lab")
        throw Exit.failures
    }
}

/// `amplsim lab verify`.
struct LabVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Start the lab, ask every (network, endpoint FQDN) and compare BIND's answers with the engine's.",
        discussion: """
        Compares each answer (address, NXDOMAIN or NODATA, SERVFAIL) and its CNAME chain. NODATA \
        and NXDOMAIN are one class, as in verdicts. Names answered by a hosts file, names that \
        fall back to the internet (no BIND equivalent), names that BIND would route itself where \
        Azure DNS (a forwarding rule) or a windows server takes a forwarded answer whole, and names \
        that need Azure DNS of a second network from one named or view are skipped, said so and \
        counted per reason.

        Exit status: 0 every compared row agrees, 1 any row disagrees, 2 bad input or no named.
        """
    )

    @Argument(help: "The topology file (YAML or JSON; - reads standard input).")
    var topology: String

    @Flag(help: "Print every row, not only disagreements, notes and skipped rows.")
    var verbose = false

    @Option(help: .hidden)
    var directory: String?

    func run() throws {
        let layout = try loadLab(topology)
        let (named, digPath) = try tools(dig: true)
        guard let dig = digPath else { throw Exit.badInput }
        let queries = LabQuery.all(layout: layout)
        let folder = try directory.map(absolutePath) ?? temporaryFolder()
        let servers = LabServers(directory: folder)
        let signals = LabSignals(servers, exitOnSignal: true)
        let configuration = try startOrClean(folder, temporary: directory == nil) {
            try startLab(layout, ports: { try runningPorts(layout, lab: nil) }, in: folder, named: named, servers: servers)
        }
        let ports = configuration.ports
        defer {
            servers.stop()
            if directory == nil { try? FileManager.default.removeItem(atPath: folder) }
            withExtendedLifetime(signals) {}
        }

        // Skipped rows are asked too, so that the report shows what BIND says instead.
        let asked = Array(queries.enumerated())
        let sources = Dictionary(layout.networks.map { ($0.name, $0.clientAddress) }, uniquingKeysWith: { a, _ in a })
        let observations = LabDig.ask(asked.map { (sources[$0.element.network] ?? "127.0.0.1", $0.element.name) },
                                      port: ports.lab, dig: dig)
        var observed: [Int: LabObservation] = [:]
        for (entry, observation) in zip(asked, observations) { observed[entry.offset] = observation }
        let rows = queries.enumerated().map { i, query -> LabRow in
            LabRow.judging(query, observed[i] ?? LabObservation(status: nil, chain: [], addresses: [], problem: "not asked"))
        }
        write("lab verify \(topology): \(layout.networks.count) networks, \(queries.count) (network, name) rows, named on 127.0.0.1 port \(ports.lab)\n")
        write(LabReport.text(rows, verbose: verbose))
        if rows.contains(where: { $0.verdict.isDisagreement }) { throw Exit.failures }
    }
}
