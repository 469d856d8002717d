/// The changes worth trying for rows that miss their intents, read off each row: who answered,
/// with whose address, and why the verdict is what it is (MODEL.md sections 4 to 6).
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
    private var networksServed: [String] = []
    private(set) var networksCut = Set<String>()
    /// Hosts entries gathered per network (one change per network).
    private var hosts: [String: [DNSName: IPv4Address]] = [:]
    private var hostsOrder: [String] = []
    /// Per endpoint: the steps that write its records again (once per world).
    private var rewrites: [String: ([Step], [String], [String])] = [:]

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
            let list = entries.sorted { $0.key < $1.key }.map { "\($0.key.absolute) \($0.value)" }.joined(separator: ", ")
            let change = FixChange(text: "hosts-file entries on \(network)'s machines: \(list)",
                                   reason: "no DNS change is needed on \(network)'s machines with the entries",
                                   steps: [], hypothetical: .hosts(network: network, entries: entries))
            if !seen.contains(change.key) { result.append(change) }
        }
        return result
    }

    private mutating func add(_ change: FixChange) {
        if seen.insert(change.key).inserted { changes.append(change) }
    }

    /// True when the network may get changes of its own (within the bound).
    private mutating func mayServe(_ network: String) -> Bool {
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
            add(FixChange(text: "peer \(row.network) with \(via.spec.network)",
                          reason: "\(row.network) has no route to \(via.name) in \(via.spec.network), whose address answers \(row.fqdn.absolute)",
                          steps: [.peer(row.network, via.spec.network)]))
        }
        if let via, row.status == .notInScope || (row.status == .public && expect == .private)
            || (row.status == .publicDenied && expect != .public) {
            proposeScope(row, resource, via, expect: expect)
        }
        if row.status == .publicDenied && expect != .private {
            let category = row.endpoint.category
            add(FixChange(text: "let \(row.resource) accept public \(category.rawValue)",
                          reason: "\(row.resource) denies public \(category.rawValue), and \(row.network)'s answer is public",
                          steps: [.setResourceAccess(resource: row.resource, publicIngestion: category == .ingestion ? true : nil,
                                                     publicQuery: category == .query ? true : nil)]))
        }
        if expect == .public && row.status == .private {
            proposeUnlink(row, reason: "\(row.network) resolves \(row.fqdn.absolute) to a private endpoint")
            return
        }
        // The records: written again by an endpoint of the resource's own scope, or a zone that
        // holds them linked instead.
        proposeRewrites(row)
        proposeLinks(row)
        if expect != .private {
            switch row.status {
            case .nxdomain, .dangling, .unroutable, .notInScope:
                proposeUnlink(row, reason: "the zone \(row.network) sees answers \(row.fqdn.absolute) with \(row.status.rawValue)")
            default: break
            }
        }
        if let via, row.status == .unroutable || row.status == .notInScope {
            add(FixChange(text: "delete private endpoint \(via.name)",
                          reason: "\(via.name) wrote the records \(row.network) follows for \(row.fqdn.absolute)",
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
        let weakens = homes.isEmpty ? nil
            : "weakens isolation: \(row.resource) belongs to \(homes.joined(separator: ", ")), and its traffic would go through \(scope) and \(via.name)"
        add(FixChange(text: "add \(row.resource) to scope \(scope)",
                      reason: "\(via.name) of \(scope) answers \(row.network) for \(row.fqdn.absolute), and \(scope) does not hold \(row.resource)",
                      steps: [.linkResource(scope: scope, resource: row.resource)], weakens: weakens))
        if expect != .private, !resource.isResourceSpecific(row.endpoint) {
            let category = row.endpoint.category
            add(FixChange(text: "set scope \(scope)'s \(category.rawValue) access mode to Open",
                          reason: "\(scope) holds \(row.resource) out of \(via.name)'s \(category.rawValue) traffic",
                          steps: [.setScopeAccess(scope: scope, ingestionAccessMode: category == .ingestion ? .open : nil,
                                                  queryAccessMode: category == .query ? .open : nil)],
                          weakens: "weakens isolation: every resource's \(category.rawValue) then passes \(scope)'s endpoints"))
        }
    }

    /// Rows that succeed but should fail: close the way in.
    private mutating func proposeToFail(_ row: Row, _ resource: Resource, _ via: EndpointState?) {
        let category = row.endpoint.category
        switch row.status {
        case .public:
            if let via, let scope = world.scope(via.spec.scope), scope.mode(for: category, through: via.name) == .open {
                add(FixChange(text: "set scope \(scope.name)'s \(category.rawValue) access mode to PrivateOnly",
                              reason: "\(scope.name) lets \(row.resource)'s \(category.rawValue) through \(via.name) to the public endpoint",
                              steps: [.setScopeAccess(scope: scope.name, ingestionAccessMode: category == .ingestion ? .privateOnly : nil,
                                                      queryAccessMode: category == .query ? .privateOnly : nil)]))
            }
            add(FixChange(text: "deny public \(category.rawValue) on \(row.resource)",
                          reason: "\(row.network) reaches \(row.resource) over its public \(category.rawValue) endpoint",
                          steps: [.setResourceAccess(resource: row.resource, publicIngestion: category == .ingestion ? false : nil,
                                                     publicQuery: category == .query ? false : nil)]))
        case .private:
            guard let via else { return }
            if world.adjacency[NetworkPair(row.network, via.spec.network)] != nil, mayServe(row.network) {
                add(FixChange(text: "unpeer \(row.network) and \(via.spec.network)",
                              reason: "\(row.network) reaches \(via.name) in \(via.spec.network) directly",
                              steps: [.unpeer(row.network, via.spec.network)]))
            }
            proposeUnlink(row, reason: "the zone \(row.network) sees answers \(row.fqdn.absolute) with \(via.name)'s address")
            add(FixChange(text: "unlink \(row.resource) from scope \(via.spec.scope)",
                          reason: "\(row.network) reaches \(row.resource) privately through \(via.name) of \(via.spec.scope)",
                          steps: [.unlinkResource(scope: via.spec.scope, resource: row.resource)]))
        default:
            break
        }
    }

    private mutating func proposeForServfail(_ row: Row) {
        guard case .servfail(let reason) = row.resolution.outcome else { return }
        switch reason {
        case .resolverUnreachable(_, let serverNetwork, let from) where world.network(serverNetwork) != nil && world.network(from) != nil:
            if mayServe(from) {
                add(FixChange(text: "peer \(from) with \(serverNetwork)",
                              reason: "\(from)'s DNS server runs in \(serverNetwork), which \(from) does not reach",
                              steps: [.peer(from, serverNetwork)]))
            }
        case .forwarderUnreachable(let server, let target, let targetNetwork):
            if let home = world.server(server)?.network, world.network(targetNetwork) != nil, home != targetNetwork, mayServe(home) {
                add(FixChange(text: "peer \(home) with \(targetNetwork)",
                              reason: "\(server) forwards to \(target) in \(targetNetwork), which \(home) does not reach",
                              steps: [.peer(home, targetNetwork)]))
            }
        default:
            break
        }
        proposeDNS(row.network, because: .answer(row.resolution.answeringHop, row.resolution.outcome))
    }

    /// Point a network at a DNS server or an inbound endpoint it reaches (or at Azure DNS).
    private mutating func proposeDNS(_ networkName: String, because why: FixChange.Why) {
        guard let network = world.network(networkName), mayServe(networkName) else { return }
        var targets: [(DNSSetting, String)] = []
        for server in world.servers where reach.reaches(networkName, server.network) {
            let setting: DNSSetting = .server(server.name)
            if network.dns != setting, !(server.address.map { network.dns == .address($0) } ?? false) {
                targets.append((setting, "DNS server \(server.name) in \(server.network)"))
            }
        }
        for resolver in world.resolvers where reach.reaches(networkName, resolver.network) {
            if let address = resolver.inbound.first, network.dns != .address(address) {
                targets.append((.address(address), "the inbound endpoint \(address) of \(resolver.name) in \(resolver.network)"))
            }
        }
        if network.kind == .vnet && network.dns != .azure { targets.append((.azure, "Azure DNS of \(networkName)")) }
        for (setting, text) in targets.prefix(6) {
            add(FixChange(text: "set \(networkName)'s DNS to \(setting) (\(text))", why: why,
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
            let (steps, notes, others) = rewriteSteps(endpoint)
            guard !steps.isEmpty else { continue }
            let by = others.isEmpty ? "deleted since" : "written since by \(others.joined(separator: ", "))"
            add(FixChange(text: "write \(endpoint.name)'s records again (\(steps.count) record set\(steps.count == 1 ? "" : "s"), as recreating its zone group would)",
                          reason: "\(steps.count == 1 ? "a record set" : "\(steps.count) record sets") \(endpoint.name) wrote \(steps.count == 1 ? "was" : "were") \(by)",
                          steps: steps, notes: notes))
        }
    }

    /// `setRecord` steps for the names an endpoint writes whose record set differs from its
    /// address, a note per step (who holds the name now), and the endpoints that hold them.
    mutating func rewriteSteps(_ endpoint: EndpointState) -> ([Step], [String], [String]) {
        if let known = rewrites[endpoint.name] { return known }
        let made = makeRewriteSteps(endpoint)
        rewrites[endpoint.name] = made
        return made
    }

    private func makeRewriteSteps(_ endpoint: EndpointState) -> ([Step], [String], [String]) {
        var steps: [Step] = []
        var notes: [String] = []
        var others: [String] = []
        for id in endpoint.spec.dnsZones {
            guard let zone = world.zone(id) else { continue }
            let contents = world.contents[id]
            for name in endpoint.names where AMPLSZone.zone(of: name) == zone.name {
                guard let address = endpoint.addresses[name] else { continue }
                let current = contents?.recordSet(name, "A")
                if current?.map(\.value) == [.a(address)] { continue }
                steps.append(.setRecord(zone: id, record: Record(name: name, ttl: 10, value: .a(address))))
                let now = current?.first.map { "\($0.value)" } ?? "nothing"
                switch contents?.writer(name, "A") {
                case .endpoint(let other)? where other != endpoint.name:
                    notes.append("\(name.absolute) in \(id) back to \(address) (\(other) wrote \(now))")
                    if !others.contains(other) { others.append(other) }
                case .manual?:
                    notes.append("\(name.absolute) in \(id) back to \(address) (set by hand to \(now))")
                default:
                    notes.append("\(name.absolute) in \(id) back to \(address) (it holds \(now))")
                }
            }
        }
        return (steps, notes, others)
    }

    /// The network (the row's, or the one whose Azure DNS it asks through an inbound endpoint)
    /// whose zone links decide the answer; nil for a network whose answers come from a server.
    private func linkingNetwork(of network: Network) -> String? {
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
            let reason = "\(zone.id) holds \(name.absolute) at \(owner.name)'s address, which \(row.network) reaches"
            if let current {
                add(FixChange(text: "link \(zone.id) to \(linking) instead of \(current.id)", reason: reason,
                              steps: [.unlinkZone(zone: current.id, network: linking),
                                      .linkZone(zone: zone.id, network: linking, fallbackToInternet: false)]))
            } else {
                add(FixChange(text: "link \(zone.id) to \(linking)", reason: reason,
                              steps: [.linkZone(zone: zone.id, network: linking, fallbackToInternet: false)]))
            }
        }
    }

    /// Unlink the zone that answers the row's network (then public DNS answers), or, for a name
    /// the zone lacks, relink it with fallback to internet.
    private mutating func proposeUnlink(_ row: Row, reason: String) {
        guard let network = world.network(row.network), let linking = linkingNetwork(of: network) else { return }
        var zones: [String] = []
        for hop in row.resolution.hops {
            if case .zone(let id) = hop.source, !zones.contains(id) { zones.append(id) }
        }
        for id in zones {
            guard let zone = world.zone(id), let link = zone.links.first(where: { $0.network == linking }),
                  mayServe(linking) else { continue }
            add(FixChange(text: "unlink \(id) from \(linking)", reason: reason, steps: [.unlinkZone(zone: id, network: linking)]))
            if row.status == .nxdomain, zone.isPrivateLink, !link.fallbackToInternet {
                add(FixChange(text: "set fallback to internet on \(id)'s link to \(linking)",
                              reason: "\(id) has no record for \(row.resolution.chain.last?.absolute ?? row.fqdn.absolute); with fallback, public DNS answers it",
                              steps: [.unlinkZone(zone: id, network: linking),
                                      .linkZone(zone: id, network: linking, fallbackToInternet: true)]))
            }
        }
    }

    /// The endpoints that should serve a network for a resource: of the resource's scopes,
    /// reachable from it, its own first.
    private func serving(_ network: String, _ resource: String) -> [EndpointState] {
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
        add(FixChange(text: "give \(row.network) its own private DNS zones, written by \(serving.name)",
                      reason: "the zones \(row.network) shares are written by other endpoints",
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
