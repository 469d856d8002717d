import AmplsimEngine
import AmplsimRender
import AmplsimTopology
import ArgumentParser

/// `amplsim generate`: the records a private endpoint needs, for manual DNS setups.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write zone files, hosts files and DNS commands for a private endpoint's manual DNS setup.",
        discussion: """
        Uses the endpoint's addresses as the model allocates them (or its fixed addresses), after \
        the topology's whole timeline.

        Kinds (--kind): bind, one master file per privatelink zone (ZONE.zone), written through \
        ldns; hosts, /etc/hosts lines for every name of each client name's public chain (client \
        name, CNAME targets, privatelink name), private addresses only; azure-cli, a shell script of \
        az network private-dns record-set a add-record commands; all, every kind above (the \
        default).

        --forwarder IP also writes conditional forwarders for on-premises servers (BIND, Unbound, \
        Windows DNS). --suffix NAME also writes the custom zone NAME with dc, live, profiler and \
        snapshot records, and prints the connection-string setting to give the components.

        Existing files are never overwritten without --force; each file is written to a temporary \
        name in the same folder and renamed into place.
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case bind, hosts
        case azureCLI = "azure-cli"
        case all
    }

    @Argument(help: "The topology file (YAML or JSON; - reads standard input).")
    var topology: String

    @Option(help: "The private endpoint whose records to write.")
    var endpoint: String

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "What to write: bind, hosts, azure-cli or all.")
    var kind: Kind = .all

    @Flag(help: "Overwrite existing files.")
    var force = false

    @Option(help: "Also write conditional forwarders to this resolver address (IPv4).")
    var forwarder: String?

    @Option(help: "Also write a custom zone with this name (the components' EndpointSuffix).")
    var suffix: String?

    @Option(help: "The name server named in the SOA and NS records of zone files.")
    var nameserver: String = "localhost"

    func validate() throws {
        if let forwarder, IPv4Address(forwarder) == nil { throw ValidationError("--forwarder: '\(forwarder)' is not an IPv4 address") }
        if let suffix, DNSName(suffix) == nil || suffix == "." { throw ValidationError("--suffix: '\(suffix)' is not a DNS name") }
        if DNSName(nameserver) == nil { throw ValidationError("--nameserver: '\(nameserver)' is not a DNS name") }
    }

    func run() throws {
        let evaluated = try Evaluated.load(topology)
        guard let dns = ManualDNS(world: evaluated.world, endpoint: endpoint) else {
            let declared = evaluated.topology.privateEndpoints.map(\.name)
                + evaluated.topology.steps.compactMap { if case .createEndpoint(let s) = $0.step { return s.name } else { return nil } }
            let reason = declared.contains(endpoint) ? "does not exist after the topology's timeline" : "is not declared (endpoints: \(declared.joined(separator: ", ")))"
            printError("\(topology): error: --endpoint: private endpoint '\(endpoint)' \(reason)")
            throw Exit.badInput
        }
        let header = ManualDNSText.header(dns)
        let ns = DNSName(nameserver) ?? DNSName(canonical: "localhost")
        var files: [(name: String, text: String)] = []
        if kind == .bind || kind == .all {
            for zone in dns.zones {
                let text = ZoneExport.text(zone: zone.zone, entries: zone.entries.map { ($0.name, $0.address) },
                                           header: header, nameserver: ns)
                files.append(("\(zone.zone.text).zone", text))
            }
        }
        if kind == .hosts || kind == .all { files.append(("hosts", ManualDNSText.hosts(dns))) }
        let suffixName = suffix.flatMap { DNSName($0) }
        if kind == .azureCLI || kind == .all { files.append(("azure-cli.sh", ManualDNSText.azureCLI(dns, suffix: suffixName,
                                                                        takeover: ManualTakeover(world: evaluated.world, endpoint: endpoint)))) }
        if let address = forwarder.flatMap({ IPv4Address($0) }) {
            files.append(("forwarders.named.conf", ManualDNSText.bindForwarders(address)))
            files.append(("forwarders.unbound.conf", ManualDNSText.unboundForwarders(address)))
            files.append(("forwarders.ps1", ManualDNSText.windowsForwarders(address)))
        }
        if let suffixName {
            let text = ZoneExport.text(zone: suffixName, entries: dns.suffixEntries(suffixName).map { ($0.name, $0.address) },
                                       header: header + ["Custom zone: components whose connection string holds \(ManualDNSText.connectionString(suffix: suffixName)) use it."],
                                       nameserver: ns)
            files.append(("\(suffixName.text).zone", text))
        }
        let written: [String]
        do {
            written = try OutputFiles(folder: out, force: force).write(files)
        } catch {
            printError(error.description)
            throw Exit.badInput
        }
        var report = written.map { "wrote \($0)\n" }.joined()
        if let suffixName {
            report += "give the components that use \(suffixName.text) this connection-string setting: \(ManualDNSText.connectionString(suffix: suffixName))\n"
        }
        write(report)
    }
}
