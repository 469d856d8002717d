import AmplsimEngine

extension AzureBuild {
    /// The privatelink record name of a client-facing FQDN an endpoint's NIC lists
    /// (`api.monitor.azure.com` → `api.privatelink.monitor.azure.com`), or the name itself when
    /// it already is one.
    static func privatelinkName(of fqdn: DNSName) -> DNSName? {
        for zone in AMPLSZone.all {
            if fqdn.isInside(zone) { return fqdn }
            guard let base = zone.parent, fqdn.isInside(base), fqdn != base else { continue }
            let relative = fqdn.relative(to: base)
            return DNSName(canonical: "\(relative).\(zone.text)")
        }
        return nil
    }

    /// Azure Monitor private endpoints: scope, subnet, zone group and the addresses their network
    /// interfaces hold. Other private endpoints are listed. Their creation order is chosen so
    /// that where two endpoints write one name, the one whose address the zone holds writes last.
    mutating func endpoints() throws(ImportError) {
        var groups: [String: [JSONNode]] = [:]
        var groupOrigins: [String: [String]] = [:]
        for row in importer.rows(AzureType.zoneGroup) {
            guard let endpoint = AzureID.parent(of: row.id) else { continue }
            groups[endpoint, default: []] += try row.prop("privateDnsZoneConfigs")?.list() ?? []
            groupOrigins[endpoint, default: []].append(row.id)
        }
        var specs: [EndpointSpec] = []
        for row in importer.rows(AzureType.endpoint) {
            guard let spec = try endpoint(row, groups: groups[row.key], groupOrigins: groupOrigins[row.key] ?? []) else { continue }
            specs.append(spec)
        }
        topology.privateEndpoints = order(specs)
    }

    private mutating func endpoint(_ row: AzureRow, groups: [JSONNode]?, groupOrigins: [String]) throws(ImportError) -> EndpointSpec? {
        let connections = (try row.prop("privateLinkServiceConnections")?.list() ?? []) + (try row.prop("manualPrivateLinkServiceConnections")?.list() ?? [])
        var target: (scope: String, connection: JSONNode)?
        var others: [String] = []
        for connection in connections {
            guard let id = try subRef(connection, "privateLinkServiceId") else { continue }
            if AzureID.type(of: id) == AzureType.scope { target = (id, connection); break }
            let groupIds = (sub(connection, "groupIds")?.elements ?? []).compactMap(\.text)
            others.append("\(AzureID.type(of: id) ?? id)" + (groupIds.isEmpty ? "" : " (\(groupIds.joined(separator: ", ")))"))
        }
        guard let target else {
            note(.unmapped, row.id, "a private endpoint to \(others.first ?? "an unknown service"): amplsim models Azure Monitor private endpoints only (its records stay in the zones)")
            return nil
        }
        let status = try sub(target.connection, "privateLinkServiceConnectionState.status")?.string() ?? "Approved"
        guard status.lowercased() == "approved" else {
            note(.unmapped, row.id, "its connection to the scope is \(status), not Approved: it carries no traffic")
            return nil
        }
        let groupIds = (sub(target.connection, "groupIds")?.elements ?? []).compactMap(\.text)
        if !groupIds.isEmpty && !groupIds.contains(where: { $0.lowercased() == "azuremonitor" }) {
            note(.unmapped, row.id, "group ids \(groupIds.joined(separator: ", ")) instead of azuremonitor")
            return nil
        }
        guard let scope = scopeByKey[target.scope.lowercased()] else {
            note(.unmapped, row.id, "its scope \(target.scope) is not in the export")
            return nil
        }
        guard let subnetId = try row.ref("subnet") else { throw (row.node["properties"] ?? row.node).error("a private endpoint without subnet.id") }
        guard let subnet = subnets[subnetId.lowercased()] else {
            note(.unmapped, row.id, "its subnet \(subnetId) is not in the export (or its network was left out)")
            return nil
        }
        let name = EndpointID(claim(row.key, row.name, in: .endpoint, qualifier: row.resourceGroup))
        endpointByKey[row.key] = name
        var spec = EndpointSpec(name: name, network: subnet.network, subnet: subnet.prefix, scope: scope)
        origin(.endpoint(name), row.id)
        spec.addresses = try fixedAddresses(row, scope: scope, subnet: subnet.prefix)
        if let groups {
            for id in groupOrigins { origin(.endpoint(name), id) }
            for config in groups {
                guard let zoneId = try subRef(config, "privateDnsZoneId") else { continue }
                guard let zone = zoneByKey[zoneId.lowercased()], let zoneName = topology.zones.first(where: { $0.id == zone })?.name else {
                    note(.unmapped, row.id, "its zone group names \(zoneId), which is not in the export")
                    continue
                }
                if spec.dnsZones.contains(zone) { continue }
                if spec.dnsZones.contains(where: { id in topology.zones.first { $0.id == id }?.name == zoneName }) {
                    note(.unmapped, row.id, "its zone group holds two zones named \(zoneName.absolute)")
                    continue
                }
                spec.dnsZones.append(zone)
            }
            if spec.dnsZones.count > 5 {
                note(.unmapped, row.id, "its zone group holds \(spec.dnsZones.count) zones; amplsim keeps the first 5")
                spec.dnsZones = Array(spec.dnsZones.prefix(5))
            }
        } else if importer.fromTerraform {
            // A plan states the zone group: none is none.
        } else if !spec.addresses.isEmpty, !observed.isEmpty {
            spec.dnsZones = inferredZoneGroup(spec)
            let listed = spec.dnsZones.isEmpty ? "none" : spec.dnsZones.map(\.name).joined(separator: ", ")
            note(.assumed, row.id, "no zone group read (`az network private-endpoint dns-zone-group list`): inferred from the records that hold its addresses: \(listed)")
        } else {
            note(.unmapped, row.id, "no zone group read (`az network private-endpoint dns-zone-group list`): modelled as manual DNS (it writes no records)")
        }
        return spec
    }

    /// The members of a scope as the engine's values.
    func members(of scope: ScopeID) -> (ws: [Workspace], cs: [Component], ds: [DataCollectionEndpoint]) {
        let list = topology.scopes.first { $0.name == scope }?.resources ?? []
        var ws: [Workspace] = [], cs: [Component] = [], ds: [DataCollectionEndpoint] = []
        for name in list {
            if let w = topology.workspaces.first(where: { $0.name == name }) { ws.append(w) }
            if let c = topology.components.first(where: { $0.name == name }) { cs.append(c) }
            if let d = topology.dataCollectionEndpoints.first(where: { $0.name == name }) { ds.append(d) }
        }
        return (ws, cs, ds)
    }

    /// Addresses by record name from the endpoint's network interfaces
    /// (`privateLinkConnectionProperties.fqdns`), else from its `customDnsConfigs`: one address
    /// per address key of the scope's members; what does not fit is listed.
    private mutating func fixedAddresses(_ row: AzureRow, scope: ScopeID, subnet: CIDR) throws(ImportError) -> [DNSName: IPv4Address] {
        var pairs: [(fqdn: String, address: IPv4Address)] = []
        for nic in row.prop("networkInterfaces")?.elements ?? [] {
            guard let id = try nic["id"]?.string(), let nicRow = importer.byKey[id.lowercased()] else { continue }
            for configuration in try nicRow.prop("ipConfigurations")?.list() ?? [] {
                guard let field = sub(configuration, "privateIPAddress") else { continue }
                let address = try ipv4(field)
                for fqdn in try sub(configuration, "privateLinkConnectionProperties.fqdns")?.list() ?? [] {
                    pairs.append((try fqdn.string(), address))
                }
            }
        }
        if pairs.isEmpty {
            for config in try row.prop("customDnsConfigs")?.list() ?? [] {
                guard let fqdn = try config["fqdn"]?.string() else { continue }
                for address in try config["ipAddresses"]?.list() ?? [] { pairs.append((fqdn, try ipv4(address))); break }
            }
        }
        if pairs.isEmpty {
            note(.assumed, row.id, "no network interface or customDnsConfigs in the export: its addresses are allocated by MODEL.md section 5's rule")
            return [:]
        }
        let (ws, cs, ds) = members(of: scope)
        let keys = AMPLSZone.addressKeys(workspaces: ws, components: cs, dces: ds)
        var keyOf: [DNSName: Int] = [:]
        for (i, key) in keys.enumerated() { for name in key.names { keyOf[name] = i } }
        var fixed: [DNSName: IPv4Address] = [:]
        var byKey: [Int: IPv4Address] = [:]
        var used: [IPv4Address: Int] = [:]
        var outside: [String] = []
        for (fqdn, address) in pairs {
            guard let parsed = DNSName(fqdn), let name = AzureBuild.privatelinkName(of: parsed) else {
                outside.append(fqdn)
                continue
            }
            guard let key = keyOf[name] else { outside.append(fqdn); continue }
            guard subnet.contains(address) else {
                note(.unmapped, row.id, "address \(address) for \(fqdn) lies outside its subnet \(subnet)")
                continue
            }
            if let held = byKey[key], held != address {
                note(.unmapped, row.id, "\(fqdn) at \(address), but its address key already has \(held)")
                continue
            }
            if let other = used[address], other != key {
                note(.unmapped, row.id, "\(fqdn) at \(address), which another of its names already has")
                continue
            }
            byKey[key] = address
            used[address] = key
            fixed[name] = address
        }
        if !outside.isEmpty {
            note(.unmapped, row.id, "addresses for names of no current member of its scope: \(outside.sorted().joined(separator: ", "))")
        }
        return fixed
    }

    /// A zone group read off the records: per AMPLS zone name, the first imported zone of that
    /// name holding an A record at one of the endpoint's addresses.
    private func inferredZoneGroup(_ spec: EndpointSpec) -> [ZoneID] {
        var result: [ZoneID] = []
        for zoneName in AMPLSZone.all {
            for zone in topology.zones where zone.name == zoneName {
                let hit = (observed[zone.id] ?? []).contains { record in
                    if case .a(let address) = record.value { return spec.addresses[record.name] == address }
                    return false
                }
                if hit { result.append(zone.id); break }
            }
        }
        return result
    }

    /// Creation order: where two endpoints write one name into one zone, the one whose address
    /// the zone holds goes last (a topological order, ties by name). Listed when no order can
    /// reproduce every observed record.
    private mutating func order(_ specs: [EndpointSpec]) -> [EndpointSpec] {
        let sorted = specs.sorted { $0.name.name.lowercased() < $1.name.name.lowercased() }
        struct RecordSet: Hashable {
            var zone: ZoneID
            var name: DNSName
        }
        var writers: [RecordSet: [Int]] = [:]   // endpoint indices
        for (i, spec) in sorted.enumerated() {
            let (ws, cs, ds) = members(of: spec.scope)
            let names = AMPLSZone.recordNames(workspaces: ws, components: cs, dces: ds)
            for zoneId in spec.dnsZones {
                guard let zone = topology.zones.first(where: { $0.id == zoneId }) else { continue }
                for name in names where name.isInside(zone.name) { writers[RecordSet(zone: zoneId, name: name), default: []].append(i) }
            }
        }
        var after: [Int: Set<Int>] = [:]   // i must come after each of these
        for (key, list) in writers where list.count > 1 {
            let zoneId = key.zone, name = key.name
            let held = (observed[zoneId] ?? []).compactMap { r -> IPv4Address? in
                if r.name == name, case .a(let a) = r.value { return a } else { return nil }
            }.first
            guard let held, let winner = list.first(where: { sorted[$0].addresses[name] == held }) else { continue }
            for other in list where other != winner { after[winner, default: []].insert(other) }
        }
        var placed: [Int] = []
        var done = Set<Int>()
        while placed.count < sorted.count {
            guard let next = sorted.indices.first(where: { !done.contains($0) && (after[$0] ?? []).isSubset(of: done) }) else {
                let rest = sorted.indices.filter { !done.contains($0) }
                note(.assumed, "private endpoints", "no creation order reproduces every record the zones hold (\(rest.map { sorted[$0].name.name }.joined(separator: ", "))): name order used")
                placed += rest
                break
            }
            placed.append(next)
            done.insert(next)
        }
        return placed.map { sorted[$0] }
    }
}
