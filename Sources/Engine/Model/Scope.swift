/// How a scope treats traffic to resources outside it.
public enum AccessMode: String, Hashable, Sendable, CaseIterable {
    /// Only the scope's own resources are reachable through its private endpoints.
    case privateOnly = "PrivateOnly"
    /// Other resources are reached over their public access, if they allow it.
    case open = "Open"
}

/// A per-endpoint override of a scope's access modes.
public struct Exclusion: Hashable, Sendable {
    public var endpoint: EndpointID
    public var ingestionAccessMode: AccessMode?
    public var queryAccessMode: AccessMode?

    public init(endpoint: EndpointID, ingestionAccessMode: AccessMode? = nil, queryAccessMode: AccessMode? = nil) {
        self.endpoint = endpoint
        self.ingestionAccessMode = ingestionAccessMode
        self.queryAccessMode = queryAccessMode
    }
}

/// An Azure Monitor Private Link Scope (AMPLS).
public struct Scope: Hashable, Sendable {
    public var name: ScopeID
    /// Member resources by name, in member order (it orders the records an endpoint writes).
    public var resources: [ResourceID]
    public var ingestionAccessMode: AccessMode
    public var queryAccessMode: AccessMode
    public var exclusions: [Exclusion]

    public init(name: ScopeID, resources: [ResourceID] = [], ingestionAccessMode: AccessMode = .privateOnly,
                queryAccessMode: AccessMode = .privateOnly, exclusions: [Exclusion] = []) {
        self.name = name
        self.resources = resources
        self.ingestionAccessMode = ingestionAccessMode
        self.queryAccessMode = queryAccessMode
        self.exclusions = exclusions
    }

    /// The scope's mode for `category` as seen through `endpoint`, exclusions applied.
    public func mode(for category: Category, through endpoint: EndpointID) -> AccessMode {
        let exclusion = exclusions.first { $0.endpoint == endpoint }
        switch category {
        case .ingestion: return exclusion?.ingestionAccessMode ?? ingestionAccessMode
        case .query: return exclusion?.queryAccessMode ?? queryAccessMode
        }
    }
}

/// What a private endpoint is created from.
public struct EndpointSpec: Hashable, Sendable {
    public var name: EndpointID
    public var network: NetworkID
    public var subnet: CIDR
    public var scope: ScopeID
    /// The zone group: zone ids, at most 5, of distinct names; empty for manual DNS.
    public var dnsZones: [ZoneID]
    /// Fixed addresses by record FQDN; taken before any allocation.
    public var addresses: [DNSName: IPv4Address]
    /// Where it was written, for messages.
    public var source: SourceRef?

    public init(name: EndpointID, network: NetworkID, subnet: CIDR, scope: ScopeID, dnsZones: [ZoneID] = [],
                addresses: [DNSName: IPv4Address] = [:], source: SourceRef? = nil) {
        self.name = name
        self.network = network
        self.subnet = subnet
        self.scope = scope
        self.dnsZones = dnsZones
        self.addresses = addresses
        self.source = source
    }
}
