import AmplsimEngine
import Foundation

/// What an `--onprem` file gives an import: hand-written networks, DNS servers and the zones those
/// servers host, in the syntax of Docs/topology.md.
package struct OnPremFile: Sendable {
    package var networks: [Network]
    package var dnsServers: [DNSServer]
    package var zones: [Zone]
}

extension TopologyLoader {
    /// Reads an `--onprem` file: `networks:`, `dnsServers:` and `zones:` as in a topology (an
    /// optional `version: 2`). Its networks may name `known` networks (the imported Azure ones) in
    /// peerings and connections, and are on-premises sites unless they say `kind: vnet`. Whether a
    /// `dns` address is held is checked when the whole import is loaded.
    package func loadOnPrem(path: String, known: [Network]) throws(InputError) -> OnPremFile {
        let text = try InputFile.text(at: path, limit: TopologyLoader.maxFileSize, what: "on-premises")
        let root = try YAMLDocument.parse(text, file: path)
        let folder = (path as NSString).deletingLastPathComponent
        var parser = TopologyParser(file: path, folder: folder.isEmpty ? "." : folder)
        parser.know(Topology(networks: known))
        let top = try root.mapping(["version", "networks", "dnsServers", "zones"])
        if let version = top["version"], try version.int(in: 0...Int.max) != 2 {
            throw version.error("an --onprem file is version 2")
        }
        let networkValues = try top["networks"]?.list() ?? []
        let serverValues = try top["dnsServers"]?.list() ?? []
        for value in networkValues {
            let field = try value.mapping(parser.networkKeys).required("name")
            let name = try field.name()
            if parser.networks[NetworkID(name)] != nil { throw field.error("duplicate network name '\(name)' (the import or this file already has it)") }
            parser.networks[NetworkID(name)] = Network(name: NetworkID(name), addressSpace: [])
        }
        for value in serverValues {
            let field = try value.mapping(parser.serverKeys).required("name")
            let name = try field.name()
            if !parser.servers.insert(ServerID(name)).inserted { throw field.error("duplicate DNS server name '\(name)'") }
        }
        var result = OnPremFile(networks: [], dnsServers: [], zones: [])
        var addresses: [(IPv4Address, YAMLValue)] = []
        for value in networkValues {
            var network = try parser.parseNetwork(value, addresses: &addresses)
            if try value.mapping(parser.networkKeys)["kind"] == nil { network.kind = .onprem }
            parser.networks[network.name] = network
            result.networks.append(network)
        }
        for value in try top["zones"]?.list() ?? [] { result.zones.append(try parser.parseZone(value)) }
        for value in serverValues { result.dnsServers.append(try parser.parseServer(value)) }
        return result
    }
}
