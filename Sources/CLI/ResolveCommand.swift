import AmplsimApp
import AmplsimEngine
import AmplsimHost
import AmplsimRender
import ArgumentParser

/// `amplsim resolve`: one name from one network, hop by hop.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Show how a name resolves from a network, hop by hop (like dig +trace).",
        discussion: """
        Prints each hop: the hosts file, which resolver (Azure DNS of a network or a DNS server), \
        which zone, forwarder or public DNS answered, each CNAME, and the final answer, NXDOMAIN \
        or SERVFAIL with its reason.
        """
    )

    @OptionGroup var input: TopologyArgument

    @Option(help: "The network whose clients ask.")
    var network: String

    @Argument(help: "The name to resolve, e.g. api.loganalytics.io.")
    var name: String

    @OptionGroup var output: TextOrJSONFormat

    func validate() throws {
        if DNSName(name) == nil { throw ValidationError("'\(name)' is not a valid DNS name") }
    }

    func run() throws {
        let evaluated = try Evaluated.load(input.topology)
        try evaluated.checkNetworks([network])
        guard let query = DNSName(name) else { throw ValidationError("'\(name)' is not a valid DNS name") }
        let resolution = Resolver(world: evaluated.world).resolve(query, from: NetworkID(network))
        switch output.format {
        case .text: write(TraceText.render(resolution, name: query, network: network, world: evaluated.world))
        case .json: write(TraceJSON.render(resolution, name: query, network: network, world: evaluated.world))
        }
    }
}
