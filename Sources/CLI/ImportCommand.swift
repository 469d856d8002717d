import AmplsimApp
import AmplsimHost
import AmplsimImport
import ArgumentParser

/// `amplsim import`: a real estate to a topology.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a real estate: Azure Resource Graph output, or a Terraform plan.",
        subcommands: [ImportAzureCommand.self, ImportTerraformCommand.self]
    )
}

/// `amplsim import azure`.
struct ImportAzureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "azure",
        abstract: "Azure Resource Graph output (and az listings) to a topology and zone files.",
        discussion: """
        Reads what `az graph query` returns ({"data": [...]} or a bare list) for the resources and \
        the private DNS record sets (dnsresources), and the output of `az network private-endpoint \
        dns-zone-group list` and `az monitor private-link-scope scoped-resource list` when given. \
        --print-query prints the queries and commands. Writes DIR/topology.yaml and \
        DIR/zones/*.zone (the topology alone on standard output when there is no --out and no zone \
        file to write), all or nothing. What cannot be mapped is listed on standard error and as \
        comments at the end of the topology. Bad input exits 2 and writes nothing.
        """
    )

    @Argument(help: "Resource Graph output and az listings (JSON).")
    var exports: [String] = []

    @Option(help: "Hand-written on-premises networks and DNS servers (YAML in the topology's syntax).")
    var onprem: String?

    @Option(help: "The folder to write topology.yaml and zones/ into.")
    var out: String?

    @Flag(help: "Replace an existing, non-empty --out folder.")
    var force = false

    @Flag(help: "Print the Resource Graph queries and az commands that produce the input, and exit.")
    var printQuery = false

    func validate() throws {
        if !printQuery && exports.isEmpty { throw ValidationError("give the exported JSON files, or --print-query") }
    }

    func run() throws {
        if printQuery {
            write(AzureQueries.text)
            return
        }
        let result = try EstateImport.azure(exports, onprem: onprem)
        printError(result.summary(title: "amplsim import azure"))
        try ImportWriter.emit(result, out: out, force: force, scenario: false, title: "amplsim import azure")
    }
}

/// `amplsim import terraform`.
struct ImportTerraformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terraform",
        abstract: "A Terraform plan (terraform show -json PLAN) to a topology and a scenario.",
        discussion: """
        The plan's prior_state becomes DIR/topology.yaml (with zone files), its resource_changes \
        DIR/scenario.yaml: steps in dependency order, each labelled with its Terraform address. \
        Values unknown until apply get stable placeholders, listed on standard error; private \
        endpoint addresses are left to the model's address allocation. `amplsim what-if --terraform \
        PLAN.json` does both in memory.
        """
    )

    @Argument(help: "The plan as JSON: terraform show -json PLAN > plan.json")
    var plan: String

    @Option(help: "The folder to write topology.yaml, scenario.yaml and zones/ into.")
    var out: String?

    @Flag(help: "Replace an existing, non-empty --out folder.")
    var force = false

    func run() throws {
        let result = try EstateImport.terraform(plan)
        printError(result.summary(title: "amplsim import terraform"))
        try ImportWriter.emit(result, out: out, force: force, scenario: out != nil || !result.scenario.isEmpty, title: "amplsim import terraform")
    }
}
