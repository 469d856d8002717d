/// A pair of networks joined by a peering or a connection (unordered).
package struct NetworkPair: Hashable, Sendable {
    package let a: NetworkID
    package let b: NetworkID

    package init(_ x: NetworkID, _ y: NetworkID) {
        if x <= y { a = x; b = y } else { a = y; b = x }
    }
}

/// How two networks are joined.
package enum LinkKind: String, Hashable, Sendable {
    case peering
    case connection
}

/// A private endpoint that exists: what it was created from, the addresses it holds and the
/// record sets its zone group wrote.
package struct EndpointState: Hashable, Sendable {
    package var spec: EndpointSpec
    /// One address per record name (all five zones, whether or not the zone group writes them).
    package var addresses: [DNSName: IPv4Address]
    /// The record names in allocation order.
    package var names: [DNSName]
    /// The (zone id, name) of every A record set the zone group wrote, in writing order.
    package var written: [ZoneName]

    /// A record set's address: a zone id and an owner name.
    package struct ZoneName: Hashable, Sendable {
        package var zone: ZoneID
        package var name: DNSName
    }

    package var name: EndpointID { spec.name }
}

/// What holds an address that resolvers can be asked at (Docs/model.md#resolving-a-name-from-a-network).
package enum AddressHolder: Hashable, Sendable {
    /// A DNS server's `address`.
    case server(ServerID)
    /// An inbound endpoint of a DNS resolver: Azure DNS of the resolver's network.
    case inbound(resolver: ResolverID, network: NetworkID)
}

/// The state of the world at one moment of the timeline: everything a step can change.
package struct World: Sendable {
    package let settings: Settings
    package private(set) var networks: [Network]
    package private(set) var servers: [DNSServer]
    package private(set) var zones: [Zone]
    package private(set) var contents: [ZoneID: ZoneContents]
    package private(set) var workspaces: [Workspace]
    package private(set) var components: [Component]
    package private(set) var dces: [DataCollectionEndpoint]
    package private(set) var resolvers: [DNSResolver]
    package private(set) var rulesets: [ForwardingRuleset]
    package private(set) var scopes: [Scope]
    /// Live private endpoints in creation order.
    package private(set) var endpoints: [EndpointState] = []
    /// Peerings and connections.
    package private(set) var adjacency: [NetworkPair: LinkKind] = [:]
    /// Resources removed by `deleteResource`.
    package private(set) var deletedResources: Set<ResourceID> = []
    /// Which endpoint holds each address.
    package private(set) var owners: [IPv4Address: EndpointID] = [:]
    /// The DNS servers and inbound endpoints that hold an address.
    package private(set) var holders: [IPv4Address: AddressHolder] = [:]

    private var networkIndex: [NetworkID: Int] = [:]
    private var endpointIndex: [EndpointID: Int] = [:]
    private var serverIndex: [ServerID: Int] = [:]
    private var zoneIndex: [ZoneID: Int] = [:]
    private var scopeIndex: [ScopeID: Int] = [:]
    private var workspaceIndex: [ResourceID: Int] = [:]
    private var componentIndex: [ResourceID: Int] = [:]
    private var dceIndex: [ResourceID: Int] = [:]
    private var resolverIndex: [ResolverID: Int] = [:]
    private var rulesetIndex: [RulesetID: Int] = [:]

    /// The world before any private endpoint exists: the topology's objects and initial records.
    package init(_ topology: Topology) {
        settings = topology.settings
        networks = topology.networks
        servers = topology.dnsServers
        zones = topology.zones
        workspaces = topology.workspaces
        components = topology.components
        dces = topology.dataCollectionEndpoints
        resolvers = topology.dnsResolvers
        rulesets = topology.forwardingRulesets
        scopes = topology.scopes
        contents = [:]
        for zone in zones {
            if let built = topology.zoneContents[zone.id], built.apex == zone.name, built.recordCount == zone.records.count {
                contents[zone.id] = built
            } else {
                contents[zone.id] = ZoneContents(apex: zone.name, initial: [zone.records])
            }
        }
        for network in networks { join(network) }
        reindex()
    }

    private mutating func reindex() {
        networkIndex = Dictionary(networks.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        serverIndex = Dictionary(servers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        zoneIndex = Dictionary(zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        scopeIndex = Dictionary(scopes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        workspaceIndex = Dictionary(workspaces.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        componentIndex = Dictionary(components.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        dceIndex = Dictionary(dces.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        resolverIndex = Dictionary(resolvers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        rulesetIndex = Dictionary(rulesets.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        holders = [:]
        for server in servers { if let address = server.address, holders[address] == nil { holders[address] = .server(server.name) } }
        for resolver in resolvers {
            for address in resolver.inbound where holders[address] == nil {
                holders[address] = .inbound(resolver: resolver.name, network: resolver.network)
            }
        }
    }

    // MARK: Look-ups

    package func network(_ name: NetworkID) -> Network? { networkIndex[name].map { networks[$0] } }
    package func server(_ name: ServerID) -> DNSServer? { serverIndex[name].map { servers[$0] } }
    package func zone(_ id: ZoneID) -> Zone? { zoneIndex[id].map { zones[$0] } }
    package func scope(_ name: ScopeID) -> Scope? { scopeIndex[name].map { scopes[$0] } }
    package func endpoint(_ name: EndpointID) -> EndpointState? { endpointIndex[name].map { endpoints[$0] } }
    package func dnsResolver(_ name: ResolverID) -> DNSResolver? { resolverIndex[name].map { resolvers[$0] } }
    package func ruleset(_ name: RulesetID) -> ForwardingRuleset? { rulesetIndex[name].map { rulesets[$0] } }

    /// The DNS server or inbound endpoint that holds `address`, if any.
    package func holder(of address: IPv4Address) -> AddressHolder? { holders[address] }

    /// The rulesets linked to a network, in topology order.
    package func rulesets(linkedTo network: NetworkID) -> [ForwardingRuleset] {
        rulesets.filter { $0.links.contains(network) }
    }

    /// A resource that exists (not deleted), by name.
    package func resource(_ name: ResourceID) -> Resource? {
        if deletedResources.contains(name) { return nil }
        if let i = workspaceIndex[name] { return .workspace(workspaces[i]) }
        if let i = componentIndex[name] { return .component(components[i]) }
        if let i = dceIndex[name] { return .dce(dces[i]) }
        return nil
    }

    /// The resources that exist: workspaces in topology order, then components, then DCEs.
    package var liveResources: [Resource] {
        workspaces.filter { !deletedResources.contains($0.name) }.map(Resource.workspace)
            + components.filter { !deletedResources.contains($0.name) }.map(Resource.component)
            + dces.filter { !deletedResources.contains($0.name) }.map(Resource.dce)
    }

    /// The workspaces, components and DCEs that exist (public DNS knows their names only).
    var liveWorkspaces: [Workspace] { workspaces.filter { !deletedResources.contains($0.name) } }
    var liveComponents: [Component] { components.filter { !deletedResources.contains($0.name) } }
    var liveDCEs: [DataCollectionEndpoint] { dces.filter { !deletedResources.contains($0.name) } }

    /// The scopes a resource belongs to, in topology order.
    package func scopes(of resource: ResourceID) -> [Scope] { scopes.filter { $0.resources.contains(resource) } }

    private func members(_ members: [ResourceID]) -> (ws: [Workspace], cs: [Component], ds: [DataCollectionEndpoint]) {
        var ws: [Workspace] = []
        var cs: [Component] = []
        var ds: [DataCollectionEndpoint] = []
        for member in members {
            switch resource(member) {
            case .workspace(let w): ws.append(w)
            case .component(let c): cs.append(c)
            case .dce(let d): ds.append(d)
            case nil: continue
            }
        }
        return (ws, cs, ds)
    }

    /// The record names an endpoint of a scope with these members writes, in writing order.
    package func recordNames(forMembers members: [ResourceID]) -> [DNSName] {
        let m = self.members(members)
        return AMPLSZone.recordNames(workspaces: m.ws, components: m.cs, dces: m.ds)
    }

    /// The address keys an endpoint of a scope with these members holds, in allocation order.
    package func addressKeys(forMembers members: [ResourceID]) -> [AMPLSZone.AddressKey] {
        let m = self.members(members)
        return AMPLSZone.addressKeys(workspaces: m.ws, components: m.cs, dces: m.ds)
    }

    /// The ids of the workspaces, and the stems of the DCEs, whose public CNAMEs into the
    /// privatelink zones are published (Docs/model.md#public-dns).
    var publishedWorkspaceIDs: Set<String> {
        if settings.workspaceCnames == .always { return Set(workspaces.map(\.id) + dces.map(\.stem)) }
        let scopesWithEndpoints = Set(endpoints.map(\.spec.scope))
        var ids = Set<String>()
        for scope in scopes where scopesWithEndpoints.contains(scope.name) {
            for member in scope.resources {
                switch resource(member) {
                case .workspace(let w): ids.insert(w.id)
                case .dce(let d): ids.insert(d.stem)
                default: break
                }
            }
        }
        return ids
    }

    /// The endpoint holding `address`, if any.
    package func owner(of address: IPv4Address) -> EndpointState? { owners[address].flatMap(endpoint) }

    /// The network whose address space holds `address`.
    package func network(holding address: IPv4Address) -> Network? { networks.first { $0.owns(address) } }

    // MARK: Mutation, for the timeline (Timeline/World+Steps.swift)

    mutating func updateNetwork(_ name: NetworkID, _ change: (inout Network) -> Void) {
        if let i = networkIndex[name] { change(&networks[i]) }
    }

    mutating func updateZone(_ id: ZoneID, _ change: (inout Zone) -> Void) {
        if let i = zoneIndex[id] { change(&zones[i]) }
    }

    mutating func updateContents(_ id: ZoneID, _ change: (inout ZoneContents) -> Void) {
        guard let zone = zone(id) else { return }
        change(&contents[id, default: ZoneContents(apex: zone.name)])
    }

    mutating func updateScope(_ name: ScopeID, _ change: (inout Scope) -> Void) {
        if let i = scopeIndex[name] { change(&scopes[i]) }
    }

    mutating func updateResource(_ name: ResourceID, workspace: (inout Workspace) -> Void, component: (inout Component) -> Void,
                                 dce: (inout DataCollectionEndpoint) -> Void = { _ in }) {
        if let i = workspaceIndex[name] { workspace(&workspaces[i]) }
        if let i = componentIndex[name] { component(&components[i]) }
        if let i = dceIndex[name] { dce(&dces[i]) }
    }

    mutating func updateRuleset(_ name: RulesetID, _ change: (inout ForwardingRuleset) -> Void) {
        if let i = rulesetIndex[name] { change(&rulesets[i]) }
    }

    /// Records a network's peerings and connections (a pair listed as both is a peering).
    private mutating func join(_ network: Network) {
        for peer in network.peerings { adjacency[NetworkPair(network.name, peer)] = .peering }
        for peer in network.connections where adjacency[NetworkPair(network.name, peer)] == nil {
            adjacency[NetworkPair(network.name, peer)] = .connection
        }
    }

    /// Adds a network (`createNetwork`), with its peerings and connections.
    mutating func addNetwork(_ network: Network) {
        networks.append(network)
        join(network)
        reindex()
    }

    mutating func markDeleted(_ resource: ResourceID) { deletedResources.insert(resource) }

    /// Adds a zone (hypothetical worlds only: no step creates zones).
    mutating func addZone(_ zone: Zone, contents: ZoneContents) {
        zones.append(zone)
        self.contents[zone.id] = contents
        reindex()
    }

    mutating func setAdjacency(_ pair: NetworkPair, _ kind: LinkKind?) { adjacency[pair] = kind }

    private mutating func reindexEndpoints() {
        endpointIndex = Dictionary(endpoints.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    mutating func appendEndpoint(_ state: EndpointState) {
        endpointIndex[state.name] = endpoints.count
        endpoints.append(state)
        for address in state.addresses.values { owners[address] = state.name }
    }

    mutating func replaceEndpoint(_ state: EndpointState) {
        guard let i = endpointIndex[state.name] else { return }
        for address in endpoints[i].addresses.values where owners[address] == state.name { owners[address] = nil }
        endpoints[i] = state
        for address in state.addresses.values { owners[address] = state.name }
    }

    mutating func removeEndpoint(_ name: EndpointID) {
        guard let i = endpointIndex[name] else { return }
        for address in endpoints[i].addresses.values where owners[address] == name { owners[address] = nil }
        endpoints.remove(at: i)
        reindexEndpoints()
    }
}
