import AmplsimEngine

extension TopologyParser {
    var networkKeys: [String] {
        ["name", "kind", "addressSpace", "dns", "peerings", "connections", "transit", "gatewayTransit", "internetEgress",
         "hosts"]
    }
    var serverKeys: [String] { ["name", "network", "address", "flavor", "zones", "forwarders", "default"] }
    static let limitKeys = ["scopesPerNetwork", "scopesPerResource", "workspacesPerScope", "componentsPerScope",
                            "resourcesPerScope", "endpointsPerScope"]

    func parseSettings(_ value: YAMLValue) throws(InputError) -> Settings {
        let object = try value.mapping(["workspaceCnames", "limits"])
        var settings = Settings()
        if let mode = object["workspaceCnames"] {
            settings.workspaceCnames = WorkspaceCnames(rawValue: try mode.word(["linked", "always"])) ?? .linked
        }
        if let limits = object["limits"] {
            // `limits: seed` is the seed's values of 2020 (Docs/model.md#limits-and-refusals).
            if case .scalar = limits.node, !limits.isNull {
                let text = try limits.string()
                guard text == "seed" else {
                    let near = Spelling.nearest(text, in: ["seed"]).map { "; did you mean '\($0)'?" } ?? ""
                    throw limits.error("expected seed or a mapping of limits, found '\(text)'" + near)
                }
                settings.limits = .seed
            } else {
                settings.limits = try parseLimits(limits)
            }
        }
        return settings
    }

    /// `limits:` as a mapping: Azure's values (Docs/model.md#limits-and-refusals) where a key is absent.
    func parseLimits(_ limits: YAMLValue) throws(InputError) -> Limits {
        let l = try limits.mapping(TopologyParser.limitKeys)
        var result = Limits()
        if let v = l["scopesPerNetwork"] { result.scopesPerNetwork = try v.int(in: 1...1_000_000) }
        if let v = l["scopesPerResource"] { result.scopesPerResource = try v.int(in: 1...1_000_000) }
        if let v = l["workspacesPerScope"] { result.workspacesPerScope = try v.int(in: 1...1_000_000) }
        if let v = l["componentsPerScope"] { result.componentsPerScope = try v.int(in: 1...1_000_000) }
        if let v = l["resourcesPerScope"] { result.resourcesPerScope = try v.int(in: 1...1_000_000) }
        if let v = l["endpointsPerScope"] { result.endpointsPerScope = try v.int(in: 1...1_000_000) }
        return result
    }

    /// A network of `networks` or of a `createNetwork` step. A `dns` address is appended to
    /// `addresses` with its field, for the caller to check once every holder is known.
    func parseNetwork(_ value: YAMLValue, addresses: inout [(IPv4Address, YAMLValue)]) throws(InputError) -> Network {
        let o = try value.mapping(networkKeys)
        let name = try o.required("name").name()
        var network = Network(name: NetworkID(name), addressSpace: [])
        if let kind = o["kind"] { network.kind = NetworkKind(rawValue: try kind.word(["vnet", "onprem"])) ?? .vnet }
        let spaces = try o.required("addressSpace").list()
        if spaces.isEmpty { throw (try o.required("addressSpace")).error("needs at least one CIDR") }
        for space in spaces { network.addressSpace.append(try cidr(space)) }
        if let dns = o["dns"] {
            network.dns = try dnsSetting(dns)
            if case .address(let address) = network.dns { addresses.append((address, dns)) }
        }
        for peer in try o["peerings"]?.list() ?? [] { network.peerings.append(try neighbour(peer, of: name)) }
        for peer in try o["connections"]?.list() ?? [] { network.connections.append(try neighbour(peer, of: name)) }
        if let transit = o["transit"] { network.transit = try transit.bool() }
        if let transit = o["gatewayTransit"] { network.gatewayTransit = try transit.bool() }
        if let egress = o["internetEgress"] { network.internetEgress = try egress.bool() }
        if let hosts = o["hosts"] {
            guard case .mapping(let mapping) = hosts.node else { throw hosts.error("expected a mapping of names to addresses") }
            for (key, entry) in mapping {
                let keyValue = YAMLValue(node: key, path: hosts.path, file: file)
                let host = try dnsName(keyValue)
                if network.hosts[host] != nil { throw keyValue.error("hosts entry \(host.absolute) appears twice") }
                network.hosts[host] = try ipv4(hosts.child(entry, host.text))
            }
        }
        return network
    }

    /// `azure`, a DNS server's name, or an address (168.63.129.16 is `azure`;
    /// Docs/model.md#resolving-a-name-from-a-network). Whether an address is held is for the caller to check.
    func dnsSetting(_ field: YAMLValue) throws(InputError) -> DNSSetting {
        let text = try field.string()
        if text == "azure" { return .azure }
        if TopologyParser.looksLikeAddress(text) {
            let address = try ipv4(field)
            return address == IPv4Address.azureDNS ? .azure : .address(address)
        }
        return .server(try serverRef(field))
    }

    private func neighbour(_ value: YAMLValue, of name: String) throws(InputError) -> NetworkID {
        let peer = try networkRef(value)
        try check(ModelRules.join(NetworkID(name), peer), value)
        return peer
    }

    /// Network address spaces do not overlap (`ModelRules.addressSpaces`): the error names the
    /// later of the two blocks in the file.
    func checkAddressSpaces(_ all: [Network], _ values: [YAMLValue]) throws(InputError) {
        guard let broken = ModelRules.addressSpaces(all), let item = broken.item else { return }
        var fields: [YAMLValue] = []
        for value in values { fields += try value.mapping(networkKeys).required("addressSpace").list() }
        try check(broken, fields[item])
    }

    /// Two networks are joined one way (`ModelRules.joinedOneWay`): the error names the entry
    /// that lists the pair the other way.
    func checkAdjacency(_ all: [Network], _ values: [YAMLValue]) throws(InputError) {
        guard let broken = ModelRules.joinedOneWay(all), let item = broken.item else { return }
        var fields: [YAMLValue] = []
        for value in values {
            let o = try value.mapping(networkKeys)
            fields += try o["peerings"]?.list() ?? []
            fields += try o["connections"]?.list() ?? []
        }
        try check(broken, fields[item])
    }

    mutating func parseServer(_ value: YAMLValue) throws(InputError) -> DNSServer {
        let o = try value.mapping(serverKeys)
        let nameField = try o.required("name")
        let name = try nameField.name()
        if name == "azure" || name == "internet" {
            throw nameField.error("'\(name)' is a reserved word here (a forwarder target); name the server otherwise")
        }
        if TopologyParser.looksLikeAddress(name) {
            throw nameField.error("'\(name)' reads as an address where a server is named (dns, forwarders); name the server otherwise")
        }
        let network = try networkRef(try o.required("network"))
        var server = DNSServer(name: ServerID(name), network: network)
        if let field = o["address"] {
            let address = try ipv4(field)
            if let space = networks[network]?.addressSpace, !space.contains(where: { $0.contains(address) }) {
                throw field.error("address \(address) lies outside \(network)'s address space (\(space.map(\.description).joined(separator: ", ")))")
            }
            try claim(address, for: .server(server.name), field)
            server.address = address
        }
        if let field = o["flavor"] {
            server.flavor = ServerFlavor(rawValue: try field.word(ServerFlavor.allCases.map(\.rawValue))) ?? .bind
        }
        var hosted: [DNSName: ZoneID] = [:]
        for zone in try o["zones"]?.list() ?? [] {
            let id = try zoneRef(zone)
            let zoneName = zoneNames[id] ?? DNSName(canonical: "")
            if let other = hosted[zoneName] {
                throw zone.error("\(name) already hosts zone \(other) of the same name \(zoneName.absolute)")
            }
            hosted[zoneName] = id
            server.zones.append(id)
        }
        var domains = Set<DNSName>()
        for entry in try o["forwarders"]?.list() ?? [] {
            let f = try entry.mapping(["domain", "to"])
            let domainField = try f.required("domain")
            let domain = try dnsName(domainField)
            if !domains.insert(domain).inserted {
                throw domainField.error("a second forwarder for \(domain.absolute); one forwarder per domain")
            }
            server.forwarders.append(Forwarder(domain: domain, target: try target(try f.required("to"))))
        }
        if let fallback = o["default"] { server.defaultTarget = try target(fallback) }
        return server
    }

    /// `internet`, `azure`, a DNS server's name, or any address (168.63.129.16 is `azure`; one
    /// that nothing holds answers nothing, Docs/model.md#resolving-a-name-from-a-network).
    private func target(_ value: YAMLValue) throws(InputError) -> ForwardTarget {
        let text = try value.string()
        if TopologyParser.looksLikeAddress(text) {
            let address = try ipv4(value)
            return address == IPv4Address.azureDNS ? .azure : .address(address)
        }
        _ = try value.name()
        switch text {
        case "internet": return .internet
        case "azure": return .azure
        default:
            guard servers.contains(ServerID(text)) else {
                throw value.error("'\(text)' is not internet, azure, a DNS server or an address" + suggestion(text, servers.map(\.name) + ["internet", "azure"]))
            }
            return .server(ServerID(text))
        }
    }
}

extension TopologyParser {
    /// A network links at most one zone of a given name (`ModelRules.oneZoneOfAName`,
    /// Docs/model.md#objects): each zone's links checked against the zones before it. Per name,
    /// the first zone that links each network is kept, so a link is checked against the one
    /// earlier zone it can collide with (the first, in file order), not against every earlier
    /// zone's links: a tenant's hubs may each have a zone of every name, linked to hundreds of
    /// networks.
    func checkOneZoneOfANamePerNetwork(_ zones: [Zone], _ values: [YAMLValue]) throws(InputError) {
        var zonesOfName: [DNSName: Int] = [:]
        for zone in zones { zonesOfName[zone.name, default: 0] += 1 }
        var firstLinking: [DNSName: [NetworkID: Int]] = [:]
        for (index, (zone, value)) in zip(zones, values).enumerated() where zonesOfName[zone.name, default: 0] > 1 {
            var fields: [YAMLValue]?
            for (l, link) in zone.links.enumerated() {
                guard let earlier = firstLinking[zone.name]?[link.network] else {
                    firstLinking[zone.name, default: [:]][link.network] = index
                    continue
                }
                guard earlier != index else { continue }
                if fields == nil { fields = try value.mapping(zoneKeys)["links"]?.list() ?? [] }
                guard let fields, l < fields.count else { continue }
                try check(ModelRules.oneZoneOfAName((zone.id, zone.name), network: link.network, others: [zones[earlier]]), fields[l])
            }
        }
    }
}
