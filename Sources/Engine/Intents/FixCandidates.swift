/// The changes worth trying for rows that miss their intents, read off each row: who answered, with whose
/// address, and why the verdict is what it is (Docs/model.md, from #resolving-a-name-from-a-network to
/// #verdicts).
///
/// The ways out `WaysOut` knows (peer the networks; add the resource to the scope that serves
/// the network, or open that scope; write an endpoint's records again; give the network its own
/// zones; a hosts entry with a reachable endpoint's private address), and: link a zone that holds
/// the right record to the network (instead of the one it links), unlink the zone that answers,
/// relink it with fallback to internet, delete the endpoint whose address answers, point the
/// network's DNS setting at a server or inbound endpoint it reaches; for rows that should fail,
/// deny public access, close an open scope, unpeer, unlink.
struct FixCandidates {
    let world: World
    let simulation: Simulation
    private let reach: Reachability
    /// Public DNS with every workspace's and DCE's CNAMEs published: a client name's privatelink
    /// name, whether or not a scope publishes it today.
    private let chains: PublicDNS

    private(set) var changes: [FixChange] = []
    private var seen = Set<FixChange.Key>()
    /// Networks that got changes of their own, and those left out by the bound.
    private var networksServed: [NetworkID] = []
    private(set) var networksCut = Set<NetworkID>()
    /// Hosts entries gathered per network (one change per network).
    private var hosts: [NetworkID: [DNSName: IPv4Address]] = [:]
    private var hostsOrder: [NetworkID] = []
    /// Per endpoint: the steps that write its records again (once per world).
    private var rewrites: [EndpointID: ([Step], [FixChange.Rewrite], [EndpointID])] = [:]

    /// The most networks that get changes of their own (peerings, DNS settings, links, hosts
    /// entries): more could not be fixed by three changes anyway.
    static let networkLimit = 12

    init(world: World, simulation: Simulation) {
        self.world = world
        self.simulation = simulation
        self.reach = simulation.resolver.reachability
        self.chains = PublicDNS(world: world, publishAll: true)
    }

    /// Proposes changes for every violating row of `results`.
    mutating func propose(for results: [IntentResult]) {
        for result in results where !result.holds {
            for row in result.violations { propose(for: row, expect: result.intent.expect) }
        }
    }

    /// The changes, hosts entries last (one change per network).
    func all() -> [FixChange] {
        var result = changes
        for network in hostsOrder {
            guard let entries = hosts[network], !entries.isEmpty else { continue }
            let change = FixChange(.hosts(network: network, entries: entries), why: .hostsOnly(network: network),
                                   steps: [], hypothetical: .hosts(network: network, entries: entries))
            if !seen.contains(change.key) { result.append(change) }
        }
        return result
    }

    private mutating func add(_ change: FixChange) {
        if seen.insert(change.key).inserted { changes.append(change) }
    }

    /// True when the network may get changes of its own (within the bound).
    private mutating func mayServe(_ network: NetworkID) -> Bool {
        if networksServed.contains(network) { return true }
        guard networksServed.count < FixCandidates.networkLimit else {
            networksCut.insert(network)
            return false
        }
        networksServed.append(network)
        return true
    }

    // MARK: Per row

    private mutating func propose(for row: Row, expect: Expectation) {
        guard let resource = world.resource(row.resource) else { return }
        let via = row.via.flatMap { world.endpoint($0) }
        if expect == .failure {
            proposeToFail(row, resource, via)
            return
        }
        switch row.status {
        case .private, .public, .publicDenied, .egressBlocked, .nxdomain, .dangling, .unroutable, .notInScope:
            break
        case .servfail:
            proposeForServfail(row)
            return
        }
        if row.status == .unroutable, let via, mayServe(row.network) {
            add(FixChange(.peer(row.network, with: via.spec.network),
                          why: .noRoute(network: row.network, endpoint: via.name, endpointNetwork: via.spec.network, name: row.fqdn),
                          steps: [.peer(row.network, via.spec.network)]))
        }
        if let via, row.status == .notInScope || (row.status == .public && expect == .private)
            || (row.status == .publicDenied && expect != .public) {
            proposeScope(row, resource, via, expect: expect)
        }
        if row.status == .publicDenied && expect != .private {
            let category = row.endpoint.category
            add(FixChange(.allowPublic(resource: row.resource, category),
                          why: .deniesPublic(resource: row.resource, category, network: row.network),
                          steps: [.setResourceAccess(resource: row.resource, publicIngestion: category == .ingestion ? true : nil,
                                                     publicQuery: category == .query ? true : nil)]))
        }
        if expect == .public && row.status == .private {
            proposeUnlink(row, why: .resolvesPrivately(network: row.network, name: row.fqdn))
            return
        }
        // The records: written again by an endpoint of the resource's own scope, or a zone that
        // holds them linked instead.
        proposeRewrites(row)
        proposeLinks(row)
        if expect != .private {
            switch row.status {
            case .nxdomain, .dangling, .unroutable, .notInScope:
                proposeUnlink(row, why: .zoneAnswers(network: row.network, name: row.fqdn, row.status))
            default: break
            }
        }
        if let via, row.status == .unroutable || row.status == .notInScope {
            add(FixChange(.deleteEndpoint(via.name),
                          why: .wroteRecords(endpoint: via.name, network: row.network, name: row.fqdn),
                          steps: [.deleteEndpoint(via.name)]))
        }
        proposeOwnZones(row)
        proposeHosts(row)
    }

    /// Add the resource to the scope whose endpoint answers, or open that scope.
    private mutating func proposeScope(_ row: Row, _ resource: Resource, _ via: EndpointState, expect: Expectation) {
        let scope = via.spec.scope
        guard world.scope(scope) != nil else { return }
        let homes = world.scopes(of: row.resource).map(\.name).filter { $0 != scope }
        let weakening: FixChange.Weakening? = homes.isEmpty ? nil
            : .joinsScope(resource: row.resource, homes: homes, scope: scope, endpoint: via.name)
        add(FixChange(.addToScope(resource: row.resource, scope: scope),
                      why: .scopeLacks(endpoint: via.name, scope: scope, network: row.network, name: row.fqdn, resource: row.resource),
                      steps: [.linkResource(scope: scope, resource: row.resource)], weakening: weakening))
        if expect != .private, !resource.isResourceSpecific(row.endpoint) {
            let category = row.endpoint.category
            add(FixChange(.setScopeMode(scope: scope, category, .open),
                          why: .scopeKeepsOut(scope: scope, resource: row.resource, endpoint: via.name, category),
                          steps: [.setScopeAccess(scope: scope, ingestionAccessMode: category == .ingestion ? .open : nil,
                                                  queryAccessMode: category == .query ? .open : nil)],
                          weakening: .opensScope(scope: scope, category)))
        }
    }

    /// Rows that succeed but should fail: close the way in.
    private mutating func proposeToFail(_ row: Row, _ resource: Resource, _ via: EndpointState?) {
        let category = row.endpoint.category
        switch row.status {
        case .public:
            if let via, let scope = world.scope(via.spec.scope), scope.mode(for: category, through: via.name) == .open {
                add(FixChange(.setScopeMode(scope: scope.name, category, .privateOnly),
                              why: .scopeLetsThrough(scope: scope.name, resource: row.resource, category, endpoint: via.name),
                              steps: [.setScopeAccess(scope: scope.name, ingestionAccessMode: category == .ingestion ? .privateOnly : nil,
                                                      queryAccessMode: category == .query ? .privateOnly : nil)]))
            }
            add(FixChange(.denyPublic(resource: row.resource, category),
                          why: .reachesPublicly(network: row.network, resource: row.resource, category),
                          steps: [.setResourceAccess(resource: row.resource, publicIngestion: category == .ingestion ? false : nil,
                                                     publicQuery: category == .query ? false : nil)]))
        case .private:
            guard let via else { return }
            if world.adjacency[NetworkPair(row.network, via.spec.network)] != nil, mayServe(row.network) {
                add(FixChange(.unpeer(row.network, via.spec.network),
                              why: .reachesDirectly(network: row.network, endpoint: via.name, endpointNetwork: via.spec.network),
                              steps: [.unpeer(row.network, via.spec.network)]))
            }
            proposeUnlink(row, why: .zoneAnswersWith(network: row.network, name: row.fqdn, endpoint: via.name))
            add(FixChange(.removeFromScope(resource: row.resource, scope: via.spec.scope),
                          why: .reachesPrivately(network: row.network, resource: row.resource, endpoint: via.name, scope: via.spec.scope),
                          steps: [.unlinkResource(scope: via.spec.scope, resource: row.resource)]))
        default:
            break
        }
    }

    private mutating func proposeForServfail(_ row: Row) {
        guard case .servfail(let reason) = row.resolution.outcome else { return }
        switch reason {
        case .resolverUnreachable(_, let serverNetwork?, let from?) where world.network(serverNetwork) != nil && world.network(from) != nil:
            if mayServe(from) {
                add(FixChange(.peer(from, with: serverNetwork),
                              why: .serverUnreached(network: from, serverNetwork: serverNetwork),
                              steps: [.peer(from, serverNetwork)]))
            }
        case .forwarderUnreachable(let server, let target, let targetNetwork?):
            if let home = world.server(server)?.network, world.network(targetNetwork) != nil, home != targetNetwork, mayServe(home) {
                add(FixChange(.peer(home, with: targetNetwork),
                              why: .forwarderUnreached(server: server, target: target, targetNetwork: targetNetwork, home: home),
                              steps: [.peer(home, targetNetwork)]))
            }
        default:
            break
        }
        proposeDNS(row.network, because: .answer(row.resolution.answeringHop, row.resolution.outcome))
    }

    /// Point a network at a DNS server or an inbound endpoint it reaches (or at Azure DNS).
    private mutating func proposeDNS(_ networkName: NetworkID, because why: FixChange.Why) {
        guard let network = world.network(networkName), mayServe(networkName) else { return }
        var targets: [(DNSSetting, FixChange.DNSTarget)] = []
        for server in world.servers where reach.reaches(networkName, server.network) {
            let setting: DNSSetting = .server(server.name)
            if network.dns != setting, !(server.address.map { network.dns == .address($0) } ?? false) {
                targets.append((setting, .server(server.name, network: server.network)))
            }
        }
        for resolver in world.resolvers where reach.reaches(networkName, resolver.network) {
            if let address = resolver.inbound.first, network.dns != .address(address) {
                targets.append((.address(address), .inbound(address, resolver: resolver.name, network: resolver.network)))
            }
        }
        if network.kind == .vnet && network.dns != .azure { targets.append((.azure, .azure(network: networkName))) }
        for (setting, target) in targets.prefix(6) {
            add(FixChange(.setDNS(network: networkName, setting, target: target), why: why,
                          steps: [.setDns(network: networkName, dns: setting)]))
        }
    }

    /// Write again the records of an endpoint of the resource's own scope that the network
    /// reaches, where they differ from its addresses: what heals a shared name a later endpoint
    /// took over, or one a deleted endpoint took with it.
    private mutating func proposeRewrites(_ row: Row) {
        for endpoint in world.endpoints where !endpoint.spec.dnsZones.isEmpty {
            guard let scope = world.scope(endpoint.spec.scope), scope.resources.contains(row.resource),
                  reach.reaches(row.network, endpoint.spec.network) else { continue }
            let (steps, rewrites, others) = rewriteSteps(endpoint)
            guard !steps.isEmpty else { continue }
            add(FixChange(.rewrite(endpoint: endpoint.name, sets: steps.count),
                          why: .overwritten(endpoint: endpoint.name, sets: steps.count, by: others),
                          steps: steps, rewrites: rewrites))
        }
    }

    /// `setRecord` steps for the names an endpoint writes whose record set differs from its
    /// address, a note per step (who holds the name now), and the endpoints that hold them.
    mutating func rewriteSteps(_ endpoint: EndpointState) -> ([Step], [FixChange.Rewrite], [EndpointID]) {
        if let known = rewrites[endpoint.name] { return known }
        let made = makeRewriteSteps(endpoint)
        rewrites[endpoint.name] = made
        return made
    }

    private func makeRewriteSteps(_ endpoint: EndpointState) -> ([Step], [FixChange.Rewrite], [EndpointID]) {
        var steps: [Step] = []
        var notes: [FixChange.Rewrite] = []
        var others: [EndpointID] = []
        for id in endpoint.spec.dnsZones {
            guard let zone = world.zone(id) else { continue }
            let contents = world.contents[id]
            for name in endpoint.names where AMPLSZone.zone(of: name) == zone.name {
                guard let address = endpoint.addresses[name] else { continue }
                let current = contents?.recordSet(name, "A")
                if current?.map(\.value) == [.a(address)] { continue }
                steps.append(.setRecord(zone: id, record: Record(name: name, ttl: 10, value: .a(address))))
                let writer: FixChange.Rewrite.Writer
                switch contents?.writer(name, "A") {
                case .endpoint(let other)? where other != endpoint.name:
                    writer = .endpoint(other)
                    if !others.contains(other) { others.append(other) }
                case .manual?:
                    writer = .manual
                default:
                    writer = .unknown
                }
                notes.append(FixChange.Rewrite(name: name, zone: id, address: address, writer: writer, current: current?.first?.value))
            }
        }
        return (steps, notes, others)
    }

    /// The network (the row's, or the one whose Azure DNS it asks through an inbound endpoint)
    /// whose zone links decide the answer; nil for a network whose answers come from a server.
    private func linkingNetwork(of network: Network) -> NetworkID? {
        switch network.dns {
        case .azure: return network.kind == .vnet ? network.name : nil
        case .address(let address):
            if case .inbound(_, let home)? = world.holder(of: address) { return home }
            return nil
        case .server: return nil
        }
    }

    /// The name of the chain that lies in an AMPLS zone (the record a private endpoint writes).
    private func privatelinkName(_ row: Row) -> DNSName? {
        if let name = row.resolution.chain.first(where: { AMPLSZone.zone(of: $0) != nil }) { return name }
        var name = row.fqdn
        for _ in 0..<maxChainLength {
            if AMPLSZone.zone(of: name) != nil { return name }
            guard case .cname(let next)? = chains.lookup(name) else { return nil }
            name = next
        }
        return nil
    }

    /// Link a zone that holds the name with the address of a reachable endpoint of the
    /// resource's scope (instead of the zone of that name the network links, if any).
    private mutating func proposeLinks(_ row: Row) {
        guard let network = world.network(row.network), let linking = linkingNetwork(of: network),
              let name = privatelinkName(row), let zoneName = AMPLSZone.zone(of: name) else { return }
        let current = world.zones.first { $0.name == zoneName && $0.links.contains { $0.network == linking } }
        for zone in world.zones where zone.name == zoneName && zone.id != current?.id {
            guard case .a(let address)? = world.contents[zone.id]?.recordSet(name, "A")?.first?.value,
                  let owner = world.owner(of: address), world.scope(owner.spec.scope)?.resources.contains(row.resource) == true,
                  reach.reaches(row.network, owner.spec.network), mayServe(linking) else { continue }
            let why = FixChange.Why.zoneHolds(zone: zone.id, name: name, endpoint: owner.name, network: row.network)
            if let current {
                add(FixChange(.linkZone(zone: zone.id, network: linking, instead: current.id), why: why,
                              steps: [.unlinkZone(zone: current.id, network: linking),
                                      .linkZone(zone: zone.id, network: linking, fallbackToInternet: false)]))
            } else {
                add(FixChange(.linkZone(zone: zone.id, network: linking, instead: nil), why: why,
                              steps: [.linkZone(zone: zone.id, network: linking, fallbackToInternet: false)]))
            }
        }
    }

    /// Unlink the zone that answers the row's network (then public DNS answers), or, for a name
    /// the zone lacks, relink it with fallback to internet.
    private mutating func proposeUnlink(_ row: Row, why: FixChange.Why) {
        guard let network = world.network(row.network), let linking = linkingNetwork(of: network) else { return }
        var zones: [ZoneID] = []
        for hop in row.resolution.hops {
            if case .zone(let id) = hop.source, !zones.contains(id) { zones.append(id) }
        }
        for id in zones {
            guard let zone = world.zone(id), let link = zone.links.first(where: { $0.network == linking }),
                  mayServe(linking) else { continue }
            add(FixChange(.unlinkZone(zone: id, network: linking), why: why, steps: [.unlinkZone(zone: id, network: linking)]))
            if row.status == .nxdomain, zone.isPrivateLink, !link.fallbackToInternet {
                add(FixChange(.fallback(zone: id, network: linking),
                              why: .noRecord(zone: id, name: row.resolution.chain.last ?? row.fqdn),
                              steps: [.unlinkZone(zone: id, network: linking),
                                      .linkZone(zone: id, network: linking, fallbackToInternet: true)]))
            }
        }
    }

    /// The endpoints that should serve a network for a resource: of the resource's scopes,
    /// reachable from it, its own first.
    private func serving(_ network: NetworkID, _ resource: ResourceID) -> [EndpointState] {
        let candidates = world.endpoints.filter { endpoint in
            world.scope(endpoint.spec.scope)?.resources.contains(resource) == true && reach.reaches(network, endpoint.spec.network)
        }
        return candidates.filter { $0.spec.network == network } + candidates.filter { $0.spec.network != network }
    }

    /// The network's own copies of the AMPLS zones it links, with the serving endpoint's records.
    private mutating func proposeOwnZones(_ row: Row) {
        guard let network = world.network(row.network), network.kind == .vnet, network.dns == .azure,
              world.zones.contains(where: { AMPLSZone.all.contains($0.name) && $0.links.contains { $0.network == row.network } }),
              let serving = serving(row.network, row.resource).first(where: { !$0.spec.dnsZones.isEmpty }),
              mayServe(row.network) else { return }
        add(FixChange(.ownZones(network: row.network, writtenBy: serving.name),
                      why: .sharedZones(network: row.network),
                      steps: [], hypothetical: .ownZones(network: row.network, serving: [serving.name])))
    }

    /// A hosts entry with a reachable serving endpoint's private address (never a public one).
    private mutating func proposeHosts(_ row: Row) {
        guard let name = privatelinkName(row) else { return }
        for endpoint in serving(row.network, row.resource) {
            guard let address = endpoint.addresses[name], mayServe(row.network) else { continue }
            if hosts[row.network] == nil { hostsOrder.append(row.network) }
            hosts[row.network, default: [:]][row.fqdn] = address
            return
        }
    }
}
