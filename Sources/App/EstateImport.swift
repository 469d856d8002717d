import AmplsimEngine
import AmplsimImport
import AmplsimTopology

/// Real estates read into topologies (`import azure`, `import terraform`); bad input is a
/// `CommandFailure` with the importer's message.
package enum EstateImport {
    /// Resource Graph output and az listings, with the hand-written on-premises file `onprem`.
    package static func azure(_ exports: [String], onprem: String?) throws -> ImportResult {
        do {
            let importer = try AzureImporter(paths: exports)
            var site: OnPremSite?
            if let onprem {
                let known = try importer.networkNames().map { Network(name: $0, addressSpace: []) }
                let file: OnPremFile
                do {
                    file = try TopologyLoader().loadOnPrem(path: onprem, known: known)
                } catch {
                    throw CommandFailure.badInput(error.description)
                }
                site = OnPremSite(file: onprem, networks: file.networks, dnsServers: file.dnsServers, zones: file.zones)
            }
            return try importer.build(onprem: site)
        } catch let error as ImportError {
            throw CommandFailure.badInput(error.description)
        }
    }

    /// A Terraform plan as JSON.
    package static func terraform(_ plan: String) throws(CommandFailure) -> ImportResult {
        do {
            return try TerraformImporter.read(path: plan)
        } catch {
            throw .badInput(error.description)
        }
    }
}
