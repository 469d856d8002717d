import AmplsimEngine
import AmplsimHost
import AmplsimRender
import AmplsimTopology
import AmplsimZoneBridge

/// What `generate` writes for a private endpoint's manual DNS setup.
package struct ManualDNSFiles {
    /// The kinds of file (`--kind`).
    package enum Kind: String, CaseIterable, Sendable {
        case bind, hosts
        case azureCLI = "azure-cli"
        case all
    }

    package var kind: Kind
    /// Conditional forwarders to this resolver address, for on-premises servers.
    package var forwarder: IPv4Address?
    /// A custom zone (the components' EndpointSuffix).
    package var suffix: DNSName?
    /// The name server named in the SOA and NS records of zone files.
    package var nameserver: DNSName

    package init(kind: Kind, forwarder: IPv4Address?, suffix: DNSName?, nameserver: DNSName) {
        self.kind = kind
        self.forwarder = forwarder
        self.suffix = suffix
        self.nameserver = nameserver
    }

    /// The files (name, text) for `endpoint` after the topology's timeline; bad input when the
    /// endpoint does not exist then (`path` names the topology in the message).
    package func files(_ evaluated: Evaluated, endpoint name: String, topology path: String) throws(CommandFailure) -> [(name: String, text: String)] {
        let endpoint = EndpointID(name)
        guard let dns = ManualDNS(world: evaluated.world, endpoint: endpoint) else {
            let declared = evaluated.topology.privateEndpoints.map(\.name)
                + evaluated.topology.steps.compactMap { if case .createEndpoint(let s) = $0.step { return s.name } else { return nil } }
            let reason = declared.contains(endpoint) ? "does not exist after the topology's timeline" : "is not declared (endpoints: \(declared.map(\.name).joined(separator: ", ")))"
            throw .badInput("\(path): error: --endpoint: private endpoint '\(endpoint)' \(reason)")
        }
        let header = ManualDNSText.header(dns)
        let ns = nameserver
        var files: [(name: String, text: String)] = []
        if kind == .bind || kind == .all {
            for zone in dns.zones {
                let text = ZoneExport.text(zone: zone.zone, entries: zone.entries.map { ($0.name, $0.address) },
                                           header: header, nameserver: ns)
                files.append(("\(zone.zone.text).zone", text))
            }
        }
        if kind == .hosts || kind == .all { files.append(("hosts", ManualDNSText.hosts(dns))) }
        let suffixName = suffix
        if kind == .azureCLI || kind == .all { files.append(("azure-cli.sh", ManualDNSText.azureCLI(dns, suffix: suffixName,
                                                                        takeover: ManualTakeover(world: evaluated.world, endpoint: endpoint)))) }
        if let address = forwarder {
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
        return files
    }

    /// Writes `files` into `folder` (all or nothing; existing files only with `force`) and returns
    /// what `generate` prints: the paths written, and the connection-string setting of a custom zone.
    package func write(_ files: [(name: String, text: String)], into folder: String, force: Bool) throws(CommandFailure) -> String {
        let written: [String]
        do {
            written = try OutputFiles(folder: folder, force: force).write(files)
        } catch {
            throw .badInput(error.description)
        }
        var report = written.map { "wrote \($0)\n" }.joined()
        if let suffix {
            report += "give the components that use \(suffix.text) this connection-string setting: \(ManualDNSText.connectionString(suffix: suffix))\n"
        }
        return report
    }
}
