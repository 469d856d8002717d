extension FixChange {
    /// What a change does, with the names it is about.
    package enum What: Hashable, Sendable {
        /// Peer the first network with the second.
        case peer(NetworkID, with: NetworkID)
        /// Unpeer two networks.
        case unpeer(NetworkID, NetworkID)
        case allowPublic(resource: ResourceID, Category)
        case denyPublic(resource: ResourceID, Category)
        case addToScope(resource: ResourceID, scope: ScopeID)
        case removeFromScope(resource: ResourceID, scope: ScopeID)
        case setScopeMode(scope: ScopeID, Category, AccessMode)
        case deleteEndpoint(EndpointID)
        /// Point the network's DNS setting at `target`.
        case setDNS(network: NetworkID, DNSSetting, target: DNSTarget)
        /// Write an endpoint's `sets` record sets again.
        case rewrite(endpoint: EndpointID, sets: Int)
        /// Link a zone to a network, instead of the zone of the same name it links (if any).
        case linkZone(zone: ZoneID, network: NetworkID, instead: ZoneID?)
        case unlinkZone(zone: ZoneID, network: NetworkID)
        /// Relink a zone with fallback to internet.
        case fallback(zone: ZoneID, network: NetworkID)
        /// The network's own copies of the zones, written by `endpoint`.
        case ownZones(network: NetworkID, writtenBy: EndpointID)
        /// Hosts-file entries on the network's machines.
        case hosts(network: NetworkID, entries: [DNSName: IPv4Address])
    }

    /// What a DNS setting points at.
    package enum DNSTarget: Hashable, Sendable {
        /// A DNS server and its network.
        case server(ServerID, network: NetworkID)
        /// An inbound endpoint's address, its resolver and the resolver's network.
        case inbound(IPv4Address, resolver: ResolverID, network: NetworkID)
        /// Azure DNS of the network.
        case azure(network: NetworkID)
    }

    /// Why a change was proposed.
    package enum Why: Hashable, Sendable {
        /// The row's answer: the hop that answered and how the resolution ended (a change of
        /// DNS setting asks someone else).
        case answer(Hop?, Outcome)
        /// The network has no route to the endpoint (in its network) whose address answers the name.
        case noRoute(network: NetworkID, endpoint: EndpointID, endpointNetwork: NetworkID, name: DNSName)
        /// The resource denies public access of the category, and the network's answer is public.
        case deniesPublic(resource: ResourceID, Category, network: NetworkID)
        /// The network resolves the name to a private endpoint.
        case resolvesPrivately(network: NetworkID, name: DNSName)
        /// The zone the network sees answers the name with the row's status.
        case zoneAnswers(network: NetworkID, name: DNSName, Status)
        /// The zone the network sees answers the name with the endpoint's address.
        case zoneAnswersWith(network: NetworkID, name: DNSName, endpoint: EndpointID)
        /// The endpoint wrote the records the network follows for the name.
        case wroteRecords(endpoint: EndpointID, network: NetworkID, name: DNSName)
        /// The endpoint of the scope answers the network for the name, and the scope lacks the resource.
        case scopeLacks(endpoint: EndpointID, scope: ScopeID, network: NetworkID, name: DNSName, resource: ResourceID)
        /// The scope keeps the resource out of the endpoint's traffic of the category.
        case scopeKeepsOut(scope: ScopeID, resource: ResourceID, endpoint: EndpointID, Category)
        /// The scope lets the resource's traffic through the endpoint to the public endpoint.
        case scopeLetsThrough(scope: ScopeID, resource: ResourceID, Category, endpoint: EndpointID)
        /// The network reaches the resource over its public endpoint.
        case reachesPublicly(network: NetworkID, resource: ResourceID, Category)
        /// The network reaches the endpoint (in its network) directly.
        case reachesDirectly(network: NetworkID, endpoint: EndpointID, endpointNetwork: NetworkID)
        /// The network reaches the resource privately through the endpoint of the scope.
        case reachesPrivately(network: NetworkID, resource: ResourceID, endpoint: EndpointID, scope: ScopeID)
        /// The network's DNS server runs in a network it does not reach.
        case serverUnreached(network: NetworkID, serverNetwork: NetworkID)
        /// A server forwards to a target in a network that the server's network does not reach.
        case forwarderUnreached(server: ServerID, target: ResolverTarget, targetNetwork: NetworkID, home: NetworkID)
        /// `sets` record sets the endpoint wrote were written since by `by` (deleted when empty).
        case overwritten(endpoint: EndpointID, sets: Int, by: [EndpointID])
        /// The zone holds the name at the endpoint's address, which the network reaches.
        case zoneHolds(zone: ZoneID, name: DNSName, endpoint: EndpointID, network: NetworkID)
        /// The zone has no record for the name; with fallback, public DNS answers it.
        case noRecord(zone: ZoneID, name: DNSName)
        /// The zones the network shares are written by other endpoints.
        case sharedZones(network: NetworkID)
        /// The network's machines need no DNS change with hosts entries.
        case hostsOnly(network: NetworkID)
    }

    /// How a change weakens isolation.
    package enum Weakening: Hashable, Sendable {
        /// The resource, which belongs to `homes`, would pass the scope and its endpoint.
        case joinsScope(resource: ResourceID, homes: [ScopeID], scope: ScopeID, endpoint: EndpointID)
        /// Every resource's traffic of the category would pass the scope's endpoints.
        case opensScope(scope: ScopeID, Category)
    }

    /// A record set written again: its name and zone, the endpoint's address, and what holds it now.
    package struct Rewrite: Hashable, Sendable {
        /// Who wrote what the record set holds now.
        package enum Writer: Hashable, Sendable {
            case endpoint(EndpointID)
            case manual
            case unknown
        }

        package var name: DNSName
        package var zone: ZoneID
        package var address: IPv4Address
        package var writer: Writer
        /// The first value the record set holds now (nil when the name has none).
        package var current: RecordValue?
    }
}
