import AmplsimApp
import AmplsimEngine
import AmplsimHost
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

    @OptionGroup var input: TopologyArgument

    @Option(help: "The private endpoint whose records to write.")
    var endpoint: String

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "What to write: bind, hosts, azure-cli or all.")
    var kind: ManualDNSFiles.Kind = .all

    @OptionGroup var overwrite: OverwriteFlag

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
        let evaluated = try Evaluated.load(input.topology)
        let generator = ManualDNSFiles(kind: kind, forwarder: forwarder.flatMap { IPv4Address($0) },
                                       suffix: suffix.flatMap { DNSName($0) },
                                       nameserver: DNSName(nameserver) ?? DNSName(canonical: "localhost"))
        let files = try generator.files(evaluated, endpoint: endpoint, topology: input.topology)
        write(try generator.write(files, into: out, force: overwrite.force))
    }
}
