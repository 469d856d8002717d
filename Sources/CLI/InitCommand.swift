import AmplsimApp
import AmplsimHost
import ArgumentParser

/// `amplsim init`: a commented starter topology that simulates as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter topology that simulates as it is.",
        discussion: """
        The starter is a version-2 topology with one Azure Monitor Private Link Scope (a workspace \
        and a component) and one private endpoint writing the five Azure Monitor private DNS zones; \
        every row of `amplsim simulate` on it is private. Its comments say what each field means \
        and why each row is private. Replace the names, address spaces and resources with yours.

        Written to standard output, or to --out FILE, which is never overwritten without --force.
        """
    )

    /// The shape of the starter.
    enum Shape: String, EnumerableFlag {
        case hubSpoke, single, hybrid

        static func help(for value: Shape) -> ArgumentHelp? {
            switch value {
            case .hubSpoke: "A hub VNet with the private endpoint and two peered spokes (the default)."
            case .single: "One VNet with its own private endpoint and zones."
            case .hybrid: "A hub with a DNS Private Resolver, a spoke, and an on-premises site that forwards to it."
            }
        }
    }

    @Flag(help: "The starter's shape.")
    var shape: Shape = .hubSpoke

    @Option(help: "Write the topology to this file instead of standard output.")
    var out: String?

    @Flag(help: "Overwrite --out's file when it exists.")
    var force = false

    /// The starter's text.
    var text: String {
        switch shape {
        case .hubSpoke: StarterTopologies.hubSpoke
        case .single: StarterTopologies.single
        case .hybrid: StarterTopologies.hybrid
        }
    }

    func run() throws {
        guard let out else {
            write(text)
            return
        }
        do {
            let written = try OutputFiles.write(text, to: out, force: force)
            write(written.map { "wrote \($0)\n" }.joined())
        } catch {
            throw CommandFailure.badInput(error.description)
        }
    }
}
