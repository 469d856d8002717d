/// Whether a network is an Azure virtual network or an on-premises site.
package enum NetworkKind: String, Hashable, Sendable, CaseIterable {
    case vnet
    case onprem
}

/// Which resolver a network's clients ask.
package enum DNSSetting: Hashable, Sendable, CustomStringConvertible {
    /// Azure-provided DNS (168.63.129.16) in the network itself.
    case azure
    /// A custom DNS server, by name.
    case server(ServerID)
    /// An address: a DNS server's, or an inbound endpoint of a DNS resolver
    /// (Docs/model.md#resolving-a-name-from-a-network).
    case address(IPv4Address)

    package var description: String {
        switch self {
        case .azure: return "azure"
        case .server(let name): return name.name
        case .address(let address): return address.description
        }
    }
}

/// An Azure VNet or an on-premises site.
package struct Network: Hashable, Sendable {
    package var name: NetworkID
    package var kind: NetworkKind
    package var addressSpace: [CIDR]
    package var dns: DNSSetting
    /// Peerings as written on this network (symmetric: the world joins both sides).
    package var peerings: [NetworkID]
    /// ExpressRoute or VPN connections (symmetric, routed like peerings).
    package var connections: [NetworkID]
    /// Traffic between this network's neighbours may pass through it.
    package var transit: Bool
    /// Its gateway carries traffic between its connections and its peerings only (Docs/model.md#verdicts).
    package var gatewayTransit: Bool
    package var internetEgress: Bool
    /// Hosts-file entries of this network's clients: exact names only.
    package var hosts: [DNSName: IPv4Address]

    package init(name: NetworkID, kind: NetworkKind = .vnet, addressSpace: [CIDR], dns: DNSSetting = .azure,
                peerings: [NetworkID] = [], connections: [NetworkID] = [], transit: Bool = false,
                gatewayTransit: Bool = false, internetEgress: Bool = true, hosts: [DNSName: IPv4Address] = [:]) {
        self.name = name
        self.kind = kind
        self.addressSpace = addressSpace
        self.dns = dns
        self.peerings = peerings
        self.connections = connections
        self.transit = transit
        self.gatewayTransit = gatewayTransit
        self.internetEgress = internetEgress
        self.hosts = hosts
    }

    /// True when `address` lies in this network's address space.
    package func owns(_ address: IPv4Address) -> Bool { addressSpace.contains { $0.contains(address) } }
}
