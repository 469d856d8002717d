/// Resolves names from networks in one world (Docs/model.md#resolving-a-name-from-a-network), memoising every
/// result per (resolver view, name): networks that see the same zones share Azure DNS answers.
///
/// Not thread-safe: one resolver serves one evaluation.
package final class Resolver {
    package let world: World
    package let publicDNS: PublicDNS
    package let reachability: Reachability

    /// A resolver's point of view: the memo key.
    enum View: Hashable {
        /// Azure DNS of the networks that link exactly the same zones (an index into
        /// `viewSignatures`).
        case azure(Int)
        case server(ServerID)
    }

    /// A linked zone as a network's Azure DNS sees it.
    private struct Link {
        var zone: ZoneID
        var fallback: Bool
    }

    /// Each VNet's Azure DNS view.
    private(set) var azureViewOf: [NetworkID: Int] = [:]
    /// Per Azure view: what it links (its signature).
    private(set) var viewSignatures: [ViewSignature] = []
    /// Per Azure view: the linked zones by zone name.
    private var azureLinks: [[DNSName: Link]] = []
    /// Per Azure view: the enabled rules of its linked rulesets, by domain.
    private var azureRules: [[DNSName: RuleRef]] = []
    /// Each server's hosted zones and forwarders (`Routing.ServerTable`).
    private var serverTables: [ServerID: Routing.ServerTable] = [:]
    private(set) var memo: [View: [DNSName: Resolution]] = [:]
    /// Answers of the resolver this one was built from, taken when `diff` does not touch them.
    private var inherited: (memo: [View: [DNSName: Resolution]], diff: WorldDiff)?
    private var stack: [(View, DNSName, Int)] = []

    /// An enabled rule of a ruleset a view applies.
    private struct RuleRef {
        var ruleset: RulesetID
        /// The network the ruleset's resolver forwards from (nil: its resolver is not in the world).
        var from: NetworkID?
        var rule: ForwardingRule
    }

    /// What an Azure DNS view links: networks that link the same zones (with the same fallback
    /// flags) and the same rulesets share one view.
    struct ViewSignature: Hashable {
        struct LinkedZone: Hashable {
            var zone: ZoneID
            var fallback: Bool
        }
        var zones: Set<LinkedZone>
        var rulesets: Set<RulesetID>
    }

    /// A route a server takes for a name.
    private typealias Route = Routing.ServerRoute

    package convenience init(world: World) {
        self.init(world: world, publicDNS: PublicDNS(world: world), reachability: Reachability(world: world))
    }

    /// What a resolver built from another may keep of its Azure DNS views.
    enum ViewReuse {
        /// No zone link or ruleset changed.
        case keep
        /// Only these networks' zone links or ruleset links changed (no rule, no zone's name).
        case update(Set<NetworkID>)
        /// Build them again.
        case rebuild
    }

    /// A resolver for `world` that takes from `base` (a resolver of a world that differs from it
    /// only as the arguments say) what is still valid: its public DNS (no resource, membership
    /// or endpoint changed), its reachability (no peering or connection changed; its remembered
    /// paths stay valid) and its views. Its answers are not kept. For a world one hypothetical
    /// change away from another (`IntentFix`).
    /// `reachability` is given when it changed (nil: `base`'s is still valid); `diff`, when
    /// given, lets the resolver take `base`'s answers that it does not touch (views are kept or
    /// updated, never renumbered, so the keys stay valid).
    init(world: World, sharing base: Resolver, publicDNS keepPublic: Bool, reachability: Reachability?, views: ViewReuse,
         diff: WorldDiff?) {
        self.world = world
        self.publicDNS = keepPublic ? base.publicDNS : PublicDNS(world: world)
        self.reachability = reachability ?? base.reachability
        if let diff {
            if case .rebuild = views {} else { inherited = (base.memo, diff) }
        }
        switch views {
        case .rebuild:
            buildViews()
        case .keep, .update:
            azureViewOf = base.azureViewOf
            viewSignatures = base.viewSignatures
            azureLinks = base.azureLinks
            azureRules = base.azureRules
            serverTables = base.serverTables
            if case .update(let networks) = views { updateViews(of: networks) }
        }
    }

    /// Gives each of `networks` the view of its current zone links and rulesets (an existing view
    /// with that signature, or a new one).
    private func updateViews(of networks: Set<NetworkID>) {
        var views = Dictionary(viewSignatures.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for network in world.networks where network.kind == .vnet && networks.contains(network.name) {
            var links: [DNSName: Link] = [:]
            for zone in world.zones {
                if let link = zone.links.first(where: { $0.network == network.name }) {
                    links[zone.name] = Link(zone: zone.id, fallback: link.fallbackToInternet)
                }
            }
            let rulesets = world.rulesets.filter { $0.links.contains(network.name) }
            let signature = Resolver.signature(links, rulesets)
            if let view = views[signature] {
                azureViewOf[network.name] = view
                continue
            }
            views[signature] = viewSignatures.count
            azureViewOf[network.name] = viewSignatures.count
            viewSignatures.append(signature)
            azureLinks.append(links)
            azureRules.append(rules(of: rulesets))
        }
    }

    private static func signature(_ links: [DNSName: Link], _ rulesets: [ForwardingRuleset]) -> ViewSignature {
        ViewSignature(zones: Set(links.values.map { ViewSignature.LinkedZone(zone: $0.zone, fallback: $0.fallback) }),
                      rulesets: Set(rulesets.map(\.name)))
    }

    /// The enabled rules of the rulesets a view applies, by domain (`Routing.appliedRules`: the first ruleset's wins).
    private func rules(of rulesets: [ForwardingRuleset]) -> [DNSName: RuleRef] {
        var rules: [DNSName: RuleRef] = [:]
        for applied in Routing.appliedRules(rulesets) {
            rules[applied.rule.domain] = RuleRef(ruleset: applied.ruleset.name,
                                                 from: Routing.forwardingNetwork(of: applied.ruleset, in: world), rule: applied.rule)
        }
        return rules
    }

    private init(world: World, publicDNS: PublicDNS, reachability: Reachability) {
        self.world = world
        self.publicDNS = publicDNS
        self.reachability = reachability
        buildViews()
    }

    /// The Azure DNS views (networks that link the same zones and rulesets share one) and the
    /// servers' routes.
    private func buildViews() {
        var linksByNetwork: [NetworkID: [DNSName: Link]] = [:]
        for zone in world.zones {
            for link in zone.links {
                linksByNetwork[link.network, default: [:]][zone.name] = Link(zone: zone.id, fallback: link.fallbackToInternet)
            }
        }
        var rulesetsByNetwork: [NetworkID: [ForwardingRuleset]] = [:]
        for ruleset in world.rulesets {
            for network in ruleset.links { rulesetsByNetwork[network, default: []].append(ruleset) }
        }
        var views: [ViewSignature: Int] = [:]
        for network in world.networks where network.kind == .vnet {
            let links = linksByNetwork[network.name] ?? [:]
            let rulesets = rulesetsByNetwork[network.name] ?? []
            let signature = Resolver.signature(links, rulesets)
            if let view = views[signature] {
                azureViewOf[network.name] = view
            } else {
                views[signature] = viewSignatures.count
                azureViewOf[network.name] = viewSignatures.count
                viewSignatures.append(signature)
                azureLinks.append(links)
                azureRules.append(rules(of: rulesets))
            }
        }
        for server in world.servers { serverTables[server.name] = Routing.ServerTable(server, in: world) }
    }

    /// A resolver for `world` that keeps the answers of `previous` that `diff` cannot have changed.
    package convenience init(world: World, reusing previous: Resolver, diff: WorldDiff) {
        self.init(world: world)
        let views = Dictionary(viewSignatures.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (view, entries) in previous.memo {
            let kept = entries.filter { !diff.touches($0.value) }
            guard !kept.isEmpty else { continue }
            switch view {
            case .azure(let old):
                // Views are numbered per resolver: carry the answers over by signature.
                if let new = views[previous.viewSignatures[old]] { memo[.azure(new)] = kept }
            case .server:
                memo[view] = kept
            }
        }
    }

    /// The Azure DNS view of a VNet: networks with one view see the same zones.
    func azureView(of network: NetworkID) -> Int? { azureViewOf[network] }

    // MARK: Clients

    /// What a client in `network` gets for `name`: its hosts file, else its network's resolver.
    /// With `namingNetwork` (the default) Azure DNS hops name the asking network; without it they
    /// keep the shared memoised answer as it is (no copy), naming no network.
    package func resolve(_ name: DNSName, from networkName: NetworkID, namingNetwork: Bool = true) -> Resolution {
        guard let network = world.network(networkName) else {
            return failure(name, .hosts(network: networkName), .none, .resolverUnreachable(server: nil, serverNetwork: nil, from: networkName))
        }
        if let address = network.hosts[name] {
            return Resolution(chain: [name], outcome: .address(address),
                              hops: [Hop(name: name, resolver: .hosts(network: networkName), source: .hostsFile, result: .address(address))])
        }
        switch network.dns {
        case .azure:
            return azureDNS(of: network, name, naming: namingNetwork)
        case .address(let address):
            if address == .azureDNS { return azureDNS(of: network, name, naming: namingNetwork) }
            switch world.holder(of: address) {
            case .server(let serverName)?:
                return client(network, asks: serverName, name)
            case .inbound(let resolverName, let home)?:
                let ref = ResolverRef.inbound(resolver: resolverName, address: address)
                guard let target = world.network(home), reachability.reaches(networkName, home) else {
                    return failure(name, ref, .none,
                                   .resolverUnreachable(server: .inbound(resolver: resolverName, address: address), serverNetwork: home, from: networkName))
                }
                let handOver = Hop(name: name, resolver: ref, source: .none, result: .forwarded)
                var sub = azureDNS(of: target, name)
                sub.hops.insert(handOver, at: 0)
                return sub
            case nil:
                return failure(name, .hosts(network: networkName), .none, .addressUnheld(address: address, from: .network(networkName)))
            }
        case .server(let serverName):
            return client(network, asks: serverName, name)
        }
    }

    /// A client of `network` asking the DNS server `serverName`.
    private func client(_ network: Network, asks serverName: ServerID, _ name: DNSName) -> Resolution {
        let networkName = network.name
        guard let server = world.server(serverName) else {
            return failure(name, .server(serverName), .none, .resolverUnreachable(server: .server(serverName), serverNetwork: nil, from: networkName))
        }
        if !reachability.reaches(networkName, server.network) {
            return failure(name, .server(serverName), .none,
                           .resolverUnreachable(server: .server(serverName), serverNetwork: server.network, from: networkName))
        }
        return resolve(.server(serverName), name, depth: 0)
    }

    /// Azure DNS of `network` answering `name` (SERVFAIL from on-premises).
    private func azureDNS(of network: Network, _ name: DNSName, depth: Int = 0, naming: Bool = true) -> Resolution {
        guard network.kind == .vnet, let view = azureViewOf[network.name] else {
            return failure(name, .azure(network: network.name), .none, .azureDNSFromOnPrem(network: network.name))
        }
        var result = resolve(.azure(view), name, depth: depth)
        guard naming else { return result }
        // Networks that see the same zones share answers; name the one that asked.
        for i in result.hops.indices where result.hops[i].resolver == .askingNetworkAzure {
            result.hops[i].resolver = .azure(network: network.name)
        }
        return result
    }

    private func failure(_ name: DNSName, _ resolver: ResolverRef, _ source: HopSource, _ reason: ServfailReason) -> Resolution {
        Resolution(chain: [name], outcome: .servfail(reason),
                   hops: [Hop(name: name, resolver: resolver, source: source, result: .servfail(reason))])
    }

    // MARK: Views

    /// Resolves `name` in `view`, where `depth` names precede it in the chain.
    /// Results are memoised unless they depend on the path that led here (a depth cut or a loop).
    private func resolve(_ view: View, _ name: DNSName, depth: Int) -> Resolution {
        if let known = memo[view]?[name] { return known }
        if let inherited, let old = inherited.memo[view]?[name], !inherited.diff.touches(old) {
            memo[view, default: [:]][name] = old
            return old
        }
        let resolver = ref(view)
        if depth >= maxChainLength {
            return failure(name, resolver, .none, .chainTooLong).tainted
        }
        if let index = stack.firstIndex(where: { $0.0 == view && $0.1 == name }) {
            let forwarded = stack[index...].contains { $0.1 == name && $0.0 != view }
            if case .server(let s) = view, forwarded {
                return failure(name, resolver, .none, .forwardingLoop(server: s, name: name)).tainted
            }
            // Azure DNS asked again for a name at the same place of the chain: a rule forwarded
            // it back (to this network's own inbound endpoint, or through a server): only a rule
            // hands a name on from Azure DNS, so the rule that sent it is pending.
            if case .azure = view, stack[index].2 == depth, let ruleset = pendingRules.last(where: { $0.name == name })?.ruleset {
                return failure(name, resolver, .none, .ruleLoop(ruleset: ruleset, name: name)).tainted
            }
            return failure(name, resolver, .none, .cnameLoop(name)).tainted
        }
        stack.append((view, name, depth))
        defer { stack.removeLast() }
        var result: Resolution
        switch view {
        case .azure(let v): result = azureStep(v, name, depth: depth)
        case .server(let s): result = serverStep(s, name, depth: depth)
        }
        if result.isTainted {
            return result
        }
        memo[view, default: [:]][name] = result
        return result
    }

    private func ref(_ view: View) -> ResolverRef {
        switch view {
        case .azure: return .askingNetworkAzure
        case .server(let s): return .server(s)
        }
    }

    /// Continues a chain: `hop` led from `name` to `target`, which `view` resolves next.
    private func follow(_ view: View, _ name: DNSName, _ hop: Hop, to target: DNSName, depth: Int) -> Resolution {
        let rest = resolve(view, target, depth: depth + 1)
        return Resolution(chain: [name], outcome: .nxdomain, hops: [hop]).appending(rest)
    }

    // MARK: Azure DNS

    private func azureStep(_ view: Int, _ name: DNSName, depth: Int) -> Resolution {
        let resolver = ResolverRef.askingNetworkAzure
        let links = azureLinks[view]
        var candidate: DNSName? = name
        while let zoneName = candidate {
            if let link = links[zoneName], let contents = world.contents[link.zone] {
                switch contents.lookup(name) {
                case .cname(let target, _):
                    let hop = Hop(name: name, resolver: resolver, source: .zone(link.zone), result: .cname(target))
                    return follow(.azure(view), name, hop, to: target, depth: depth)
                case .address(let address, _):
                    return final(name, Hop(name: name, resolver: resolver, source: .zone(link.zone), result: .address(address)))
                case .nodata:
                    return final(name, Hop(name: name, resolver: resolver, source: .zone(link.zone), result: .nodata))
                case .nxdomain:
                    let zone = world.zone(link.zone)
                    if link.fallback, zone?.isPrivateLink == true {
                        return publicStep(.azure(view), resolver, name, source: .fallback(zone: link.zone), depth: depth)
                    }
                    return final(name, Hop(name: name, resolver: resolver, source: .zone(link.zone), result: .nxdomain))
                }
            }
            candidate = zoneName.parent
        }
        if let rule = matchingRule(view, name) {
            return ruleStep(view, rule, name, depth: depth)
        }
        return publicStep(.azure(view), resolver, name, source: .publicDNS, depth: depth)
    }

    /// The enabled rule with the longest domain that matches `name`; the `.` rule does not match
    /// names under Azure's reserved domains (Docs/model.md#resolving-a-name-from-a-network).
    private func matchingRule(_ view: Int, _ name: DNSName) -> RuleRef? {
        let rules = azureRules[view]
        guard !rules.isEmpty else { return nil }
        var candidate: DNSName? = name
        while let domain = candidate {
            if let rule = rules[domain] {
                if domain.isRoot, ForwardingRuleset.reservedDomains.contains(where: { name.isInside($0) }) { return nil }
                return rule
            }
            candidate = domain.parent
        }
        return nil
    }

    /// The rules being followed, innermost last (to name the ruleset of a loop).
    private var pendingRules: [(name: DNSName, ruleset: RulesetID)] = []

    /// Azure DNS hands `name` to the rule's first target that answers, and takes its whole answer.
    private func ruleStep(_ view: Int, _ ref: RuleRef, _ name: DNSName, depth: Int) -> Resolution {
        let resolver = ResolverRef.askingNetworkAzure
        if let chosen = Routing.ruleTarget(ref.rule, from: ref.from, world: world, reachability: reachability) {
            let sub: Resolution
            let target: IPv4Address
            pendingRules.append((name, ref.ruleset))
            switch chosen {
            case .server(let serverName, let address):
                target = address
                sub = resolve(.server(serverName), name, depth: depth)
            case .inbound(_, let home, let address):
                target = address
                // `ruleTarget` chose it because the network exists.
                sub = world.network(home).map { azureDNS(of: $0, name, depth: depth) }
                    ?? failure(name, resolver, .none, .noRuleTarget(ruleset: ref.ruleset, domain: ref.rule.domain))
            }
            pendingRules.removeLast()
            var whole = sub
            whole.hops.insert(Hop(name: name, resolver: resolver, source: .rule(ruleset: ref.ruleset, domain: ref.rule.domain, target: target),
                                  result: .forwarded), at: 0)
            return whole
        }
        return failure(name, resolver, .none, .noRuleTarget(ruleset: ref.ruleset, domain: ref.rule.domain))
    }

    /// Public DNS answers `name`; a CNAME target goes back to `view`.
    private func publicStep(_ view: View, _ resolver: ResolverRef, _ name: DNSName, source: HopSource, depth: Int) -> Resolution {
        switch publicDNS.lookup(name) {
        case .cname(let target):
            return follow(view, name, Hop(name: name, resolver: resolver, source: source, result: .cname(target)), to: target, depth: depth)
        case .address(let address):
            return final(name, Hop(name: name, resolver: resolver, source: source, result: .address(address)))
        case nil:
            return final(name, Hop(name: name, resolver: resolver, source: source, result: .nxdomain))
        }
    }

    private func final(_ name: DNSName, _ hop: Hop) -> Resolution {
        let outcome: Outcome
        switch hop.result {
        case .address(let a): outcome = .address(a)
        case .nodata: outcome = .nodata
        case .servfail(let reason): outcome = .servfail(reason)
        case .nxdomain, .cname, .forwarded: outcome = .nxdomain
        }
        return Resolution(chain: [name], outcome: outcome, hops: [hop])
    }

    // MARK: DNS servers

    private func route(_ server: ServerID, _ name: DNSName) -> Route {
        guard let table = serverTables[server] else { return .forward(DNSName(canonical: ""), .internet) }
        return Routing.serverRoute(name, table)
    }

    private func serverStep(_ serverName: ServerID, _ name: DNSName, depth: Int) -> Resolution {
        let resolver = ResolverRef.server(serverName)
        guard let server = world.server(serverName) else {
            return failure(name, resolver, .none, .resolverUnreachable(server: .server(serverName), serverNetwork: nil, from: nil))
        }
        let view = View.server(serverName)
        let route = route(serverName, name)
        switch route {
        case .zone(let id):
            guard let contents = world.contents[id] else { return final(name, Hop(name: name, resolver: resolver, source: .zone(id), result: .nxdomain)) }
            switch contents.lookup(name) {
            case .cname(let target, _):
                return follow(view, name, Hop(name: name, resolver: resolver, source: .zone(id), result: .cname(target)), to: target, depth: depth)
            case .address(let address, _):
                return final(name, Hop(name: name, resolver: resolver, source: .zone(id), result: .address(address)))
            case .nodata:
                return final(name, Hop(name: name, resolver: resolver, source: .zone(id), result: .nodata))
            case .nxdomain:
                return final(name, Hop(name: name, resolver: resolver, source: .zone(id), result: .nxdomain))
            }
        case .forward(let domain, let target):
            let source = HopSource.forward(domain: domain, target: target)
            let sub: Resolution
            switch target {
            case .internet:
                guard let network = world.network(server.network), network.internetEgress else {
                    return failure(name, resolver, source, .noEgress(server: serverName, network: server.network))
                }
                return publicStep(view, resolver, name, source: .publicDNS, depth: depth)
            case .azure:
                guard let network = world.network(server.network) else {
                    return failure(name, resolver, source, .azureDNSFromOnPrem(network: server.network))
                }
                sub = azureDNS(of: network, name, depth: depth)
            case .server(let targetName):
                guard let targetServer = world.server(targetName) else {
                    return failure(name, resolver, source, .forwarderUnreachable(server: serverName, target: .server(targetName), targetNetwork: nil))
                }
                if !reachability.reaches(server.network, targetServer.network) {
                    return failure(name, resolver, source,
                                   .forwarderUnreachable(server: serverName, target: .server(targetName), targetNetwork: targetServer.network))
                }
                sub = resolve(.server(targetName), name, depth: depth)
            case .address(let address):
                if address == .azureDNS {
                    guard let network = world.network(server.network) else {
                        return failure(name, resolver, source, .azureDNSFromOnPrem(network: server.network))
                    }
                    sub = azureDNS(of: network, name, depth: depth)
                    break
                }
                switch world.holder(of: address) {
                case .server(let targetName)?:
                    guard let targetServer = world.server(targetName) else {
                        return failure(name, resolver, source, .addressUnheld(address: address, from: .server(serverName)))
                    }
                    if !reachability.reaches(server.network, targetServer.network) {
                        return failure(name, resolver, source,
                                       .forwarderUnreachable(server: serverName, target: .server(targetName), targetNetwork: targetServer.network))
                    }
                    sub = resolve(.server(targetName), name, depth: depth)
                case .inbound(let resolverName, let home)?:
                    guard let network = world.network(home), reachability.reaches(server.network, home) else {
                        return failure(name, resolver, source,
                                       .forwarderUnreachable(server: serverName, target: .inbound(resolver: resolverName, address: address), targetNetwork: home))
                    }
                    sub = azureDNS(of: network, name, depth: depth)
                case nil:
                    return failure(name, resolver, source, .addressUnheld(address: address, from: .server(serverName)))
                }
            }
            let handOver = Hop(name: name, resolver: resolver, source: source, result: .forwarded)
            // A target that answers SERVFAIL sends back no chain: this server answers SERVFAIL.
            // A Windows server takes the whole answer; BIND re-routes below.
            if case .servfail = sub.outcome {
                var failed = sub
                failed.hops.insert(handOver, at: 0)
                return failed
            }
            if server.flavor == .windows {
                var whole = sub
                whole.hops.insert(handOver, at: 0)
                return whole
            }
            // Keep the target's names while this server would route them to the same forwarder;
            // resolve the first name it would route elsewhere itself (BIND 9's behaviour).
            for (i, next) in sub.chain.enumerated().dropFirst() where self.route(serverName, next) != route {
                let kept = sub.hops.prefix { $0.name != next }
                let head = Resolution(chain: Array(sub.chain[..<i]), outcome: .nxdomain, hops: [handOver] + kept)
                var rest = resolve(view, next, depth: depth + i)
                if sub.isTainted { rest.isTainted = true }
                return head.appending(rest)
            }
            var whole = sub
            whole.hops.insert(handOver, at: 0)
            return whole
        }
    }
}

extension Resolution {
    fileprivate var tainted: Resolution { var r = self; r.isTainted = true; return r }

    /// This resolution's names and hops followed by `rest`'s; the outcome is `rest`'s, or
    /// SERVFAIL when the chain would pass 16 names.
    func appending(_ rest: Resolution) -> Resolution {
        var result = Resolution(chain: chain + rest.chain, outcome: rest.outcome, hops: hops + rest.hops)
        result.isTainted = rest.isTainted
        if result.chain.count > maxChainLength {
            result.chain = Array(result.chain.prefix(maxChainLength))
            result.outcome = .servfail(.chainTooLong)
        }
        return result
    }
}
