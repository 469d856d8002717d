import AmplsimEngine

/// A property of a sub-object (a peering, an IP configuration): under its `properties` or at its top.
func sub(_ node: JSONNode, _ path: String) -> JSONNode? { node["properties"]?.at(path) ?? node.at(path) }

/// The `id` of a reference inside a sub-object.
func subRef(_ node: JSONNode, _ path: String) throws(ImportError) -> String? {
    guard let ref = sub(node, path) else { return nil }
    if ref.isObject { return try ref["id"]?.string() }
    return try ref.string()
}

/// An IPv4 CIDR read at `node`; nil for IPv6 (not modelled).
func cidr(_ node: JSONNode) throws(ImportError) -> CIDR? {
    let text = try node.string()
    if text.contains(":") { return nil }
    switch CIDR.parse(text) {
    case .success(let c): return c
    case .failure(.hostBitsSet(let suggested)): throw node.error("'\(text)' has host bits set (\(suggested)?)")
    case .failure(.malformed): throw node.error("'\(text)' is not an IPv4 CIDR")
    }
}

/// An IPv4 address read at `node`.
func ipv4(_ node: JSONNode) throws(ImportError) -> IPv4Address {
    let text = try node.string()
    guard let address = IPv4Address(text) else { throw node.error("'\(text)' is not an IPv4 address") }
    return address
}

extension AzureBuild {
    /// Virtual networks and Virtual WAN hubs. Address spaces must not overlap in the model: of two
    /// overlapping networks the one that holds an Azure Monitor private endpoint (else the one
    /// with peerings, else the first by id) is kept, and the other listed.
    mutating func networks() throws(ImportError) {
        struct Candidate { var row: AzureRow; var spaces: [CIDR]; var isHub: Bool; var score: Int }
        var endpointNetworks = Set<String>()
        for row in importer.rows(AzureType.endpoint) {
            guard let subnet = try? row.ref("subnet"), let parent = AzureID.parent(of: subnet) else { continue }
            let targets = (row.prop("privateLinkServiceConnections")?.elements ?? []) + (row.prop("manualPrivateLinkServiceConnections")?.elements ?? [])
            if targets.contains(where: { (try? subRef($0, "privateLinkServiceId")).flatMap { $0 }.flatMap(AzureID.type(of:)) == AzureType.scope }) {
                endpointNetworks.insert(parent)
            }
        }
        var candidates: [Candidate] = []
        for row in importer.rows(AzureType.vnet) {
            var spaces: [CIDR] = []
            var ipv6 = false
            for prefix in try row.prop("addressSpace.addressPrefixes")?.list() ?? [] {
                if let c = try cidr(prefix) { spaces.append(c) } else { ipv6 = true }
            }
            if ipv6 { note(.unmapped, row.id, "IPv6 address prefixes are not modelled") }
            if spaces.isEmpty { note(.unmapped, row.id, "a virtual network without an IPv4 address space"); continue }
            let peered = !(row.prop("virtualNetworkPeerings")?.elements.isEmpty ?? true)
            candidates.append(Candidate(row: row, spaces: spaces, isHub: false, score: (endpointNetworks.contains(row.key) ? 2 : 0) + (peered ? 1 : 0)))
        }
        for row in importer.rows(AzureType.hub) {
            guard let field = row.prop("addressPrefix"), let space = try cidr(field) else {
                note(.unmapped, row.id, "a Virtual WAN hub without an IPv4 address prefix")
                continue
            }
            candidates.append(Candidate(row: row, spaces: [space], isHub: true, score: 1))
        }
        var kept: [Candidate] = []
        for candidate in candidates.sorted(by: { ($1.score, $0.row.key) < ($0.score, $1.row.key) }) {
            if let clash = kept.first(where: { k in k.spaces.contains { a in candidate.spaces.contains { $0.overlaps(a) } } }) {
                note(.unmapped, candidate.row.id, "its address space overlaps \(clash.row.id)'s; amplsim needs distinct address spaces, so it is left out (and everything in it)")
                continue
            }
            kept.append(candidate)
        }
        for candidate in kept.sorted(by: { $0.row.key < $1.row.key }) {
            let row = candidate.row
            let name = NetworkID(claim(row.key, row.name, in: .network, qualifier: row.resourceGroup))
            networkByKey[row.key] = name
            var network = Network(name: name, addressSpace: candidate.spaces)
            if candidate.isHub {
                network.transit = true
                note(.assumed, row.id, "a Virtual WAN hub: modelled as a network with transit between everything connected to it")
            }
            topology.networks.append(network)
            origin(.network(name), row.id)
            try readSubnets(of: row, network: name)
        }
        for row in importer.rows(AzureType.subnet) {
            guard subnets[row.key] == nil, let parent = AzureID.parent(of: row.id), let network = networkByKey[parent] else { continue }
            if let prefix = try subnetPrefix(row.node) { subnets[row.key] = (network, prefix) }
        }
    }

    private mutating func readSubnets(of row: AzureRow, network: NetworkID) throws(ImportError) {
        for subnet in try row.prop("subnets")?.list() ?? [] {
            guard let id = try subnet["id"]?.string() else { continue }
            if let prefix = try subnetPrefix(subnet) { subnets[id.lowercased()] = (network, prefix) }
        }
    }

    private func subnetPrefix(_ node: JSONNode) throws(ImportError) -> CIDR? {
        if let single = sub(node, "addressPrefix"), let c = try cidr(single) { return c }
        for prefix in try sub(node, "addressPrefixes")?.list() ?? [] { if let c = try cidr(prefix) { return c } }
        return nil
    }

    /// The topology name of the network an Azure id points at (a VNet, a hub, or a subnet of one).
    func network(of id: String) -> NetworkID? {
        let key = id.lowercased()
        if let name = networkByKey[key] { return name }
        if let subnet = subnets[key] { return subnet.network }
        if let parent = AzureID.parent(of: id), let name = networkByKey[parent] { return name }
        return nil
    }

    /// The `--onprem` file's networks, after the Azure ones.
    mutating func onpremNetworks() throws(ImportError) {
        guard let onprem else { return }
        for network in onprem.networks {
            if names.contains(network.name.name, in: .network) {
                throw ImportError(file: onprem.file, message: "network '\(network.name)': an imported Azure network has that name; name the site otherwise")
            }
            if let clash = topology.networks.first(where: { n in n.addressSpace.contains { a in network.addressSpace.contains { $0.overlaps(a) } } }) {
                throw ImportError(file: onprem.file, message: "network '\(network.name)': its address space overlaps the Azure network \(clash.name)'s")
            }
            _ = names.claim(network.name.name, in: .network)
            topology.networks.append(network)
            origin(.network(network.name), "\(onprem.file.asPath.lastComponent) (--onprem)")
        }
        for server in onprem.dnsServers {
            _ = names.claim(server.name.name, in: .server)
            if let address = server.address { holders[address] = "DNS server \(server.name)" }
            topology.dnsServers.append(server)
            origin(.dnsServer(server.name), "\(onprem.file.asPath.lastComponent) (--onprem)")
        }
        for zone in onprem.zones {
            _ = names.claim(zone.id.name, in: .zone)
            topology.zones.append(zone)
            origin(.zone(zone.id), "\(onprem.file.asPath.lastComponent) (--onprem)")
        }
    }

    /// Connected peerings (both directions), Virtual WAN hub connections, gateway transit and
    /// transit through a hub firewall.
    mutating func peeringsAndTransit() throws(ImportError) {
        for row in importer.rows(AzureType.vnet) {
            guard let local = networkByKey[row.key] else { continue }
            for peering in try row.prop("virtualNetworkPeerings")?.list() ?? [] {
                let peeringId = (try? peering["id"]?.string()) ?? "\(row.id)/virtualNetworkPeerings/?"
                guard let remoteId = try subRef(peering, "remoteVirtualNetwork") else { continue }
                let state = try sub(peering, "peeringState")?.string() ?? "Connected"
                var remote = network(of: remoteId)
                if remote == nil, let hub = vwanHub(ofHiddenNetwork: remoteId) { remote = hub }
                guard let remote else {
                    note(.unmapped, peeringId, "the remote network \(remoteId) is not in the export")
                    continue
                }
                guard state.lowercased() == "connected" else {
                    note(.unmapped, peeringId, "peering state \(state): only Connected peerings carry traffic")
                    continue
                }
                if remote == local { continue }
                let pair = NetworkPair(local, remote)
                detail("peer|\(pair.a)|\(pair.b)", peeringId)
                var flags = peerings[pair] ?? PeeringFlags()
                flags.sides[local] = ((try sub(peering, "allowGatewayTransit")?.bool()) ?? false,
                                      (try sub(peering, "useRemoteGateways")?.bool()) ?? false)
                peerings[pair] = flags
            }
        }
        for row in importer.rows(AzureType.hubConnection) {
            guard let hubKey = AzureID.parent(of: row.id), let hub = networkByKey[hubKey] else { continue }
            guard let remoteId = try row.ref("remoteVirtualNetwork"), let remote = network(of: remoteId) else {
                note(.unmapped, row.id, "the connected network is not in the export")
                continue
            }
            peerings[NetworkPair(hub, remote), default: PeeringFlags()].sides[hub] = (false, false)
            let pair = NetworkPair(hub, remote)
            detail("peer|\(pair.a)|\(pair.b)", row.id)
        }
        for row in importer.rows(AzureType.hub) {
            guard let hub = networkByKey[row.key] else { continue }
            for connection in row.prop("virtualNetworkConnections")?.elements ?? [] {
                guard let remoteId = try subRef(connection, "remoteVirtualNetwork"), let remote = network(of: remoteId) else { continue }
                peerings[NetworkPair(hub, remote), default: PeeringFlags()].sides[hub] = (false, false)
            }
        }
        // Gateway transit: one side allows it and the other uses it.
        for (pair, flags) in peerings {
            for (side, other) in [(pair.a, pair.b), (pair.b, pair.a)] {
                if flags.sides[side]?.allow == true, flags.sides[other]?.use == true {
                    update(side) { $0.gatewayTransit = true }
                }
            }
        }
    }

    /// A Virtual WAN hub's hidden network (`HV_<hub>_<guid>`), as VNets see it in their peerings.
    func vwanHub(ofHiddenNetwork id: String) -> NetworkID? {
        let name = AzureID.name(of: id)
        guard name.hasPrefix("HV_") else { return nil }
        for row in importer.rows(AzureType.hub) where name.hasPrefix("HV_\(row.name)_") { return networkByKey[row.key] }
        return nil
    }

    mutating func update(_ name: NetworkID, _ change: (inout Network) -> Void) {
        if networkIndex.count != topology.networks.count { reindexNetworks() }
        if let i = networkIndex[name], topology.networks[i].name == name { change(&topology.networks[i]) }
        else if let i = topology.networks.firstIndex(where: { $0.name == name }) { change(&topology.networks[i]) }
    }

    mutating func reindexNetworks() {
        networkIndex = Dictionary(topology.networks.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Peerings and connections written on the first network of each pair in topology order;
    /// networks sorted by name (the on-premises ones after, in their file's order).
    mutating func finishNetworks() {
        let onpremNames = Set(onprem?.networks.map(\.name) ?? [])
        let azure = topology.networks.filter { !onpremNames.contains($0.name) }.sorted { $0.name.name.lowercased() < $1.name.name.lowercased() }
        let site = topology.networks.filter { onpremNames.contains($0.name) }
        topology.networks = azure + site
        reindexNetworks()
        let order = Dictionary(uniqueKeysWithValues: topology.networks.enumerated().map { ($1.name, $0) })
        func first(_ pair: NetworkPair) -> (NetworkID, NetworkID) {
            (order[pair.a] ?? 0) <= (order[pair.b] ?? 0) ? (pair.a, pair.b) : (pair.b, pair.a)
        }
        let written = Set(topology.networks.flatMap { n in n.peerings.map { NetworkPair(n.name, $0) } + n.connections.map { NetworkPair(n.name, $0) } })
        for pair in peerings.keys.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) where !written.contains(pair) && !connections.contains(pair) {
            let (a, b) = first(pair)
            update(a) { $0.peerings.append(b) }
        }
        for pair in connections.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) where !written.contains(pair) {
            let (a, b) = first(pair)
            update(a) { $0.connections.append(b) }
        }
        for i in topology.networks.indices {
            topology.networks[i].peerings.sort()
            topology.networks[i].connections.sort()
        }
    }

    /// Site-to-site and ExpressRoute connections to sites named in the `--onprem` file.
    mutating func gatewayConnections() throws(ImportError) {
        let sites = onprem?.networks ?? []
        for row in importer.rows(AzureType.connection) {
            guard let gatewayId = try row.ref("virtualNetworkGateway1") else { continue }
            guard let gateway = importer.byKey[gatewayId.lowercased()] else {
                note(.unmapped, row.id, "its virtual network gateway \(gatewayId) is not in the export")
                continue
            }
            var azureSide: NetworkID?
            for configuration in gateway.prop("ipConfigurations")?.elements ?? [] {
                if let subnet = try subRef(configuration, "subnet"), let n = network(of: subnet) { azureSide = n }
            }
            guard let azureSide else {
                note(.unmapped, row.id, "the network of gateway \(gateway.name) is not in the export")
                continue
            }
            var site: Network?
            var siteName = ""
            if let lngId = try row.ref("localNetworkGateway2") {
                let lng = importer.byKey[lngId.lowercased()]
                siteName = lng?.name ?? AzureID.name(of: lngId)
                var prefixes: [CIDR] = []
                for p in try lng?.prop("localNetworkAddressSpace.addressPrefixes")?.list() ?? [] { if let c = try cidr(p) { prefixes.append(c) } }
                site = sites.first { $0.name.name.lowercased() == NameRegistry.valid(siteName).lowercased() }
                    ?? sites.first { s in s.addressSpace.contains { a in prefixes.contains { $0.overlaps(a) } } }
            } else if let peerId = try row.ref("peer") {
                siteName = AzureID.name(of: peerId)
                site = sites.first { $0.name.name.lowercased() == NameRegistry.valid(siteName).lowercased() }
            } else if let otherGateway = try row.ref("virtualNetworkGateway2") {
                // VNet-to-VNet: both gateways' networks.
                let other = importer.byKey[otherGateway.lowercased()]
                var otherSide: NetworkID?
                for configuration in other?.prop("ipConfigurations")?.elements ?? [] {
                    if let subnet = try subRef(configuration, "subnet"), let n = network(of: subnet) { otherSide = n }
                }
                if let otherSide, otherSide != azureSide { connections.insert(NetworkPair(azureSide, otherSide)); update(azureSide) { _ in } }
                else { note(.unmapped, row.id, "the other gateway's network is not in the export") }
                continue
            }
            guard let site else {
                note(.unmapped, row.id, "the on-premises site \(siteName) is named in no --onprem network (name a network \(NameRegistry.valid(siteName)), or give one its address space)")
                continue
            }
            connections.insert(NetworkPair(azureSide, site.name))
            origin(.network(site.name), row.id)
        }
    }
}
