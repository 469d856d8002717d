import AmplsimEngine

/// Azure DNS Private Resolvers and their forwarding rulesets (Docs/topology.md#version-2).
extension TopologyParser {
    var resolverKeys: [String] { ["name", "network", "inbound"] }
    var rulesetKeys: [String] { ["name", "resolver", "links", "rules"] }
    static let ruleKeys = ["domain", "to", "enabled"]

    /// A resolver in one VNet; its inbound addresses lie in that VNet and nothing else holds them.
    mutating func parseResolver(_ value: YAMLValue) throws(InputError) -> DNSResolver {
        let o = try value.mapping(resolverKeys)
        let nameField = try o.required("name")
        let name = try nameField.name()
        if resolvers[ResolverID(name)] != nil { throw nameField.error("duplicate DNS resolver name '\(name)'") }
        let networkField = try o.required("network")
        let network = try networkRef(networkField)
        if networks[network]?.kind == .onprem {
            throw networkField.error("\(network) is an on-premises network: a DNS resolver lives in an Azure VNet")
        }
        var resolver = DNSResolver(name: ResolverID(name), network: network)
        let space = networks[network]?.addressSpace ?? []
        for field in try o["inbound"]?.list() ?? [] {
            let address = try ipv4(field)
            if !space.contains(where: { $0.contains(address) }) {
                throw field.error("inbound address \(address) lies outside \(network)'s address space (\(space.map(\.description).joined(separator: ", ")))")
            }
            try claim(address, for: .inbound(resolver: resolver.name, network: network), field)
            resolver.inbound.append(address)
        }
        resolvers[resolver.name] = resolver
        return resolver
    }

    /// A ruleset of a declared resolver, linked to VNets only, one rule per domain.
    mutating func parseRuleset(_ value: YAMLValue) throws(InputError) -> ForwardingRuleset {
        let o = try value.mapping(rulesetKeys)
        let nameField = try o.required("name")
        let name = try nameField.name()
        if rulesets.contains(RulesetID(name)) { throw nameField.error("duplicate forwarding ruleset name '\(name)'") }
        var ruleset = ForwardingRuleset(name: RulesetID(name), resolver: try resolverRef(try o.required("resolver")))
        for link in try o["links"]?.list() ?? [] {
            let network = try rulesetLink(link)
            try check(ModelRules.rulesetLinkedOnce(ruleset.name, to: network, linked: ruleset.links), link)
            ruleset.links.append(network)
        }
        var domains = Set<DNSName>()
        for entry in try o["rules"]?.list() ?? [] {
            let (rule, domainField) = try parseRule(entry)
            if !domains.insert(rule.domain).inserted {
                throw domainField.error("a second rule for \(rule.domain.absolute); a ruleset holds one rule per domain")
            }
            ruleset.rules.append(rule)
        }
        rulesets.insert(ruleset.name)
        return ruleset
    }

    /// A network a ruleset links to: an Azure VNet (Docs/model.md#resolving-a-name-from-a-network).
    func rulesetLink(_ field: YAMLValue) throws(InputError) -> NetworkID {
        let network = try networkRef(field)
        if let declared = networks[network] { try check(ModelRules.rulesetLink(network: declared), field) }
        return network
    }

    /// One rule, `{domain, to, enabled}`; `extraKeys` are the step's own (`setRule`'s `ruleset`).
    /// Returns the rule and its domain's field.
    func parseRule(_ value: YAMLValue, extraKeys: [String] = []) throws(InputError) -> (ForwardingRule, YAMLValue) {
        let o = try value.mapping(extraKeys + TopologyParser.ruleKeys)
        let domainField = try o.required("domain")
        let domain = try dnsName(domainField)
        let toField = try o.required("to")
        let targets = try toField.list()
        if targets.isEmpty { throw toField.error("a rule needs at least one target address") }
        var rule = ForwardingRule(domain: domain, targets: [])
        for field in targets {
            let address = try ipv4(field)
            try check(ModelRules.forwardTarget(address), field)
            if rule.targets.contains(address) { throw field.error("\(address) is listed twice") }
            rule.targets.append(address)
        }
        if let enabled = o["enabled"] { rule.enabled = try enabled.bool() }
        return (rule, domainField)
    }

    /// Two enabled rules of one domain in rulesets linked to one network are an input error
    /// (`ModelRules.ruleConflict`, Docs/model.md#resolving-a-name-from-a-network): each ruleset is
    /// checked against those before it, so the error points at the later ruleset's rule.
    func checkRuleConflicts(_ all: [ForwardingRuleset], _ values: [YAMLValue]) throws(InputError) {
        for (index, (ruleset, value)) in zip(all, values).enumerated() {
            guard let broken = ModelRules.ruleConflict(ruleset, others: all[..<index]), let item = broken.item else { continue }
            let ruleFields = try value.mapping(rulesetKeys)["rules"]?.list() ?? []
            let field = item < ruleFields.count ? ruleFields[item] : value
            let domainField = (try? field.mapping(TopologyParser.ruleKeys))?.fields["domain"] ?? field
            try check(broken, domainField)
        }
    }
}
