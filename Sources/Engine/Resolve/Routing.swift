/// Where a name goes next (Docs/model.md#resolving-a-name-from-a-network): the routing decisions
/// the `Resolver` makes, and the lab writes into BIND's configuration (`LabLayout`), decided here
/// once.
package enum Routing {
    /// An enabled rule that Azure DNS of a network applies, with its ruleset.
    package struct AppliedRule: Sendable {
        package var ruleset: ForwardingRuleset
        package var rule: ForwardingRule
    }

    /// The enabled rules of `rulesets` (those linked to one network, in topology order) that
    /// Azure DNS applies: one per domain, the first ruleset's.
    package static func appliedRules(_ rulesets: [ForwardingRuleset]) -> [AppliedRule] {
        var seen = Set<DNSName>()
        var applied: [AppliedRule] = []
        for ruleset in rulesets {
            for rule in ruleset.rules where rule.enabled && seen.insert(rule.domain).inserted {
                applied.append(AppliedRule(ruleset: ruleset, rule: rule))
            }
        }
        return applied
    }

    /// Who a rule's target address is.
    package enum RuleTarget: Hashable, Sendable {
        /// A DNS server's address.
        case server(ServerID, address: IPv4Address)
        /// An inbound endpoint of a resolver: Azure DNS of its network.
        case inbound(resolver: ResolverID, network: NetworkID, address: IPv4Address)
    }

    /// Where a rule sends its names: its first target held by a DNS server or an inbound endpoint
    /// that `from` (the network the ruleset's resolver forwards from) reaches; nil when none is,
    /// or when the resolver is unknown (`from` nil).
    package static func ruleTarget(_ rule: ForwardingRule, from: NetworkID?, world: World,
                                  reachability: Reachability) -> RuleTarget? {
        guard let from else { return nil }
        for target in rule.targets {
            switch world.holder(of: target) {
            case .server(let name)?:
                guard let server = world.server(name), reachability.reaches(from, server.network) else { continue }
                return .server(name, address: target)
            case .inbound(let resolver, let home)?:
                guard world.network(home) != nil, reachability.reaches(from, home) else { continue }
                return .inbound(resolver: resolver, network: home, address: target)
            case nil:
                continue
            }
        }
        return nil
    }

    /// The network a ruleset's resolver forwards from (nil when the resolver is unknown).
    package static func forwardingNetwork(of ruleset: ForwardingRuleset, in world: World) -> NetworkID? {
        world.dnsResolver(ruleset.resolver)?.network
    }

    /// How a DNS server routes a name.
    package enum ServerRoute: Hashable, Sendable {
        /// A zone it hosts (by id).
        case zone(ZoneID)
        /// A forwarder (its domain, the root for the default) and its target.
        case forward(DNSName, ForwardTarget)
    }

    /// A DNS server's hosted zones by name, and its forwarders by domain (the root: its `.`
    /// forwarder, else its `default`): what `serverRoute` reads.
    package struct ServerTable: Sendable {
        package var zones: [DNSName: ZoneID] = [:]
        package var forwarders: [DNSName: ForwardTarget] = [:]

        package init(_ server: DNSServer, in world: World) {
            for id in server.zones { if let zone = world.zone(id) { zones[zone.name] = id } }
            for f in server.forwarders { forwarders[f.domain] = f.target }
            if forwarders[DNSName(canonical: "")] == nil { forwarders[DNSName(canonical: "")] = server.defaultTarget }
        }
    }

    /// The route a server takes for `name`: the nearest hosted zone that holds it, else the
    /// forwarder of the nearest domain, else its default.
    package static func serverRoute(_ name: DNSName, _ table: ServerTable) -> ServerRoute {
        if let (_, id) = nearest(name, in: table.zones) { return .zone(id) }
        if let (domain, target) = nearest(name, in: table.forwarders) { return .forward(domain, target) }
        return .forward(DNSName(canonical: ""), .internet)
    }

    /// The entry of `table` at `name` or its nearest ancestor.
    package static func nearest<Value>(_ name: DNSName, in table: [DNSName: Value]) -> (DNSName, Value)? {
        guard !table.isEmpty else { return nil }
        var candidate: DNSName? = name
        while let key = candidate {
            if let value = table[key] { return (key, value) }
            candidate = key.parent
        }
        return nil
    }
}
