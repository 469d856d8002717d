import AmplsimEngine

extension AzureBuild {
    /// Private DNS zones, their virtual network links and their A and CNAME record sets
    /// (`dnsresources` rows); a zone with records gets a zone file.
    mutating func zones() throws(ImportError) {
        for row in importer.rows(AzureType.zone) {
            guard let name = DNSName(row.name), !name.isRoot else {
                throw (row.node["name"] ?? row.node).error("'\(row.name)' is not a DNS zone name")
            }
            let id = ZoneID(claim(row.key, row.name.lowercased(), in: .zone, qualifier: row.resourceGroup))
            zoneByKey[row.key] = id
            zoneIndex[id] = topology.zones.count
            topology.zones.append(Zone(id: id, name: name))
            origin(.zone(id), row.id)
        }
        try zoneLinks()
        try records()
        topology.zones.sort { $0.id.name.lowercased() < $1.id.name.lowercased() }
        zoneIndex = Dictionary(topology.zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private mutating func zoneLinks() throws(ImportError) {
        var linkedNames: [String: ZoneID] = [:]   // "network|zone name" -> zone id
        for row in importer.rows(AzureType.zoneLink) {
            guard let zoneKey = AzureID.ancestor(of: row.id, depth: 1), let id = zoneByKey[zoneKey],
                  let index = zoneIndex[id] else {
                note(.unmapped, row.id, "a link of a private DNS zone that is not in the export")
                continue
            }
            guard let vnet = try row.ref("virtualNetwork"), let network = network(of: vnet) else {
                note(.unmapped, row.id, "the linked virtual network is not in the export")
                continue
            }
            let zone = topology.zones[index]
            let slot = "\(network)|\(zone.name.text)"
            if let other = linkedNames[slot] {
                if other != id { note(.unmapped, row.id, "\(network) already links zone \(other) of the same name") }
                continue
            }
            linkedNames[slot] = id
            var fallback = false
            if let policy = try row.text("resolutionPolicy"), policy.lowercased() == "nxdomainredirect" {
                if zone.isPrivateLink { fallback = true } else {
                    note(.unmapped, row.id, "NxDomainRedirect on a zone that is not privatelink.*: not modelled")
                }
            }
            topology.zones[index].links.append(ZoneLink(network: network, fallbackToInternet: fallback))
            detail("link|\(id)|\(network)", row.id)
            origin(.zone(id), row.id)
        }
        for i in topology.zones.indices { topology.zones[i].links.sort { $0.network < $1.network } }
    }

    private mutating func records() throws(ImportError) {
        let recordRows = importer.rows(AzureType.aRecord) + importer.rows(AzureType.cnameRecord)
        let sawRecords = !recordRows.isEmpty || !importer.rows(AzureType.soaRecord).isEmpty
        for row in recordRows {
            guard let zoneKey = AzureID.ancestor(of: row.id, depth: 1), let id = zoneByKey[zoneKey],
                  let zone = zoneIndex[id].map({ topology.zones[$0] }) else {
                note(.unmapped, row.id, "a record set of a private DNS zone that is not in the export")
                continue
            }
            let owner: DNSName
            if let field = row.prop("fqdn") {
                let text = try field.string()
                guard let name = DNSName(text) else { throw field.error("'\(text)' is not a DNS name") }
                owner = name
            } else if row.name == "@" {
                owner = zone.name
            } else {
                guard let name = DNSName("\(row.name).\(zone.name.text)") else {
                    throw (row.node["name"] ?? row.node).error("'\(row.name)' is not a record name")
                }
                owner = name
            }
            guard owner.isInside(zone.name) else {
                throw (row.prop("fqdn") ?? row.node).error("\(owner.absolute) lies outside zone \(zone.name.absolute)")
            }
            let ttl = UInt32(clamping: max(0, try row.prop("ttl")?.int() ?? 3600))
            var values: [RecordValue] = []
            if row.type == AzureType.aRecord {
                for entry in try row.prop("aRecords")?.list() ?? [] {
                    guard let field = entry["ipv4Address"] else { continue }
                    values.append(.a(try ipv4(field)))
                }
            } else if let field = row.prop("cnameRecord.cname") {
                let text = try field.string()
                guard let target = DNSName(text) else { throw field.error("'\(text)' is not a DNS name") }
                values.append(.cname(target))
            }
            if values.isEmpty { note(.unmapped, row.id, "an empty record set"); continue }
            for value in values { observed[id, default: []].append(Record(name: owner, ttl: ttl, value: value)) }
            detail("record|\(id)|\(owner.text)|\(values[0].type)", row.id)
        }
        if !sawRecords && !topology.zones.isEmpty && !importer.fromTerraform {
            note(.unmapped, "dnsresources", "no private DNS record sets were read: the zones hold only what the private endpoints write (add the dnsresources query's output, see --print-query)")
        }
        for i in topology.zones.indices {
            let id = topology.zones[i].id
            guard let records = observed[id], !records.isEmpty else { continue }
            topology.zones[i].records = records.sorted { ($0.name, $0.type, $0.value.description) < ($1.name, $1.type, $1.value.description) }
            topology.zones[i].file = "zones/\(id).zone"
            zoneFiles[id] = "zones/\(id).zone"
        }
    }
}
