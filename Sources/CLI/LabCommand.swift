import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimLab
import ArgumentParser

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

    @OptionGroup var input: TopologyArgument

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "The lab server's port; the other servers take the next ports.")
    var port: UInt16 = 5300

    @OptionGroup var overwrite: OverwriteFlag

    func run() throws {
        let layout = try LabSession.layout(input.topology)
        guard let ports = LabPorts.sequential(from: port, servers: layout.servers.map(\.name)) else {
            throw CommandFailure.badInput("--port: \(port) leaves no room for the \(LabPorts.count(servers: layout.servers.count)) ports the lab needs")
        }
        let configuration = LabConfiguration(layout: layout, ports: ports, directory: LabFolder.absolute(out))
        let written = try LabSession.writeFiles(configuration, into: out, force: overwrite.force)
        write(written.map { "wrote \($0)\n" }.joined())
        let example = layout.networks.first.map { ", then ask, e.g.: " + configuration.dig($0, "api.loganalytics.io") } ?? ""
        write("start the servers as \(filePath(out, "README.md")) says\(example)\n")
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

    @OptionGroup var input: TopologyArgument

    @Option(help: "The lab server's port, the one clients ask (default: any free port).")
    var port: UInt16?

    @OptionGroup var lab: LabDirectoryOption

    @Option(help: "The name the printed dig commands ask.")
    var name: String = "api.loganalytics.io"

    func validate() throws {
        if port == 0 { throw ValidationError("--port: 0 is not a port") }
        if DNSName(name) == nil { throw ValidationError("--name: '\(name)' is not a DNS name") }
    }

    func run() throws {
        let layout = try LabSession.layout(input.topology)
        let named = try LabSession.named()
        let folder = try LabSession.folder(lab.directory)
        let servers = LabServers(directory: folder)
        let signals = LabSignals(servers, exitOnSignal: false)
        let configuration = try LabSession.start(layout, ports: { () throws(CommandFailure) in try LabSession.ports(layout, lab: port) },
                                                 in: folder, temporary: lab.directory == nil, named: named, servers: servers)
        defer {
            servers.stop()
            if lab.directory == nil { LabFolder.remove(folder) }
        }

        var text = "amplsim lab: \(configuration.processes.count) named servers on 127.0.0.1 (folder \(folder))\n"
        for process in configuration.processes {
            text += "  port \(process.port)  \(process.name): \(process.role)\n"
        }
        text += "Ask as a client of each network:\n"
        let width = layout.networks.map(\.name.name.count).max() ?? 0
        for entry in layout.networks {
            let padded = entry.name.name.padding(toLength: width, withPad: " ", startingAt: 0)
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
        throw CommandFailure.failures("\(folder)/\(dead?.logFile ?? "lab.log"): error: named (\(dead?.name ?? "?")) stopped on its own; stopping the lab")
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

        Every question is asked from this process, many at a time, and asked again when no answer \
        comes (four tries, about 44 s in all): a row BIND never answers is reported as unanswered, \
        not as a disagreement.

        Exit status: 0 every compared row agrees, 1 any row disagrees or is unanswered, 2 bad input \
        or no named.
        """
    )

    @OptionGroup var input: TopologyArgument

    @Flag(help: "Print every row, not only disagreements, notes and skipped rows.")
    var verbose = false

    @OptionGroup var lab: LabDirectoryOption

    func run() throws {
        let layout = try LabSession.layout(input.topology)
        let named = try LabSession.named()
        let queries = LabQuery.all(layout: layout)
        let folder = try LabSession.folder(lab.directory)
        let servers = LabServers(directory: folder)
        let signals = LabSignals(servers, exitOnSignal: true)
        let configuration = try LabSession.start(layout, ports: { () throws(CommandFailure) in try LabSession.ports(layout, lab: nil) },
                                                 in: folder, temporary: lab.directory == nil, named: named, servers: servers)
        let ports = configuration.ports
        defer {
            servers.stop()
            if lab.directory == nil { LabFolder.remove(folder) }
            withExtendedLifetime(signals) {}
        }

        let rows = LabSession.verify(queries, layout: layout, port: ports.lab)
        write("lab verify \(input.topology): \(layout.networks.count) networks, \(queries.count) (network, name) rows, named on 127.0.0.1 port \(ports.lab)\n")
        write(LabReport.text(rows, verbose: verbose))
        if rows.contains(where: { $0.verdict.isDisagreement || $0.verdict.isUnanswered }) { throw CommandFailure.failures(nil) }
    }
}
