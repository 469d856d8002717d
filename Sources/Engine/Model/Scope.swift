/// How a scope treats traffic to resources outside it.
package enum AccessMode: String, Hashable, Sendable, CaseIterable {
    /// Only the scope's own resources are reachable through its private endpoints.
    case privateOnly = "PrivateOnly"
    /// Other resources are reached over their public access, if they allow it.
    case open = "Open"
}

/// A per-endpoint override of a scope's access modes.
package struct Exclusion: Hashable, Sendable {
    package var endpoint: EndpointID
    package var ingestionAccessMode: AccessMode?
    package var queryAccessMode: AccessMode?

    package init(endpoint: EndpointID, ingestionAccessMode: AccessMode? = nil, queryAccessMode: AccessMode? = nil) {
        self.endpoint = endpoint
        self.ingestionAccessMode = ingestionAccessMode
        self.queryAccessMode = queryAccessMode
    }
}

/// An Azure Monitor Private Link Scope (AMPLS).
package struct Scope: Hashable, Sendable {
    package var name: ScopeID
    /// Member resources by name, in member order (it orders the records an endpoint writes).
    package var resources: [ResourceID]
    package var ingestionAccessMode: AccessMode
    package var queryAccessMode: AccessMode
    package var exclusions: [Exclusion]

    package init(name: ScopeID, resources: [ResourceID] = [], ingestionAccessMode: AccessMode = .privateOnly,
                queryAccessMode: AccessMode = .privateOnly, exclusions: [Exclusion] = []) {
        self.name = name
        self.resources = resources
        self.ingestionAccessMode = ingestionAccessMode
        self.queryAccessMode = queryAccessMode
        self.exclusions = exclusions
    }

    /// The scope's mode for `category` as seen through `endpoint`, exclusions applied.
    package func mode(for category: Category, through endpoint: EndpointID) -> AccessMode {
        let exclusion = exclusions.first { $0.endpoint == endpoint }
        switch category {
        case .ingestion: return exclusion?.ingestionAccessMode ?? ingestionAccessMode
        case .query: return exclusion?.queryAccessMode ?? queryAccessMode
        }
    }
}

/// What a private endpoint is created from.
package struct EndpointSpec: Hashable, Sendable {
    package var name: EndpointID
    package var network: NetworkID
    package var subnet: CIDR
    package var scope: ScopeID
    /// The zone group: zone ids, at most 5, of distinct names; empty for manual DNS.
    package var dnsZones: [ZoneID]
    /// Fixed addresses by record FQDN; taken before any allocation.
    package var addresses: [DNSName: IPv4Address]
    /// Where it was written, for messages.
    package var source: SourceRef?

    package init(name: EndpointID, network: NetworkID, subnet: CIDR, scope: ScopeID, dnsZones: [ZoneID] = [],
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
