import AmplsimEngine

/// The words for resolutions and verdicts: who answered, why a resolution failed, and the
/// one-line sentence of a row (`Row.detail`), all read off the engine's data (`Reason`).
package enum VerdictText {
    /// "hub-monitor answers 10.0.1.4", "public DNS has no such name (NXDOMAIN)", or why it failed.
    package static func answer(_ resolution: Resolution) -> String {
        answer(resolution.answeringHop, resolution.outcome)
    }

    /// The answer of a hop that ended a resolution with `outcome`.
    package static func answer(_ hop: Hop?, _ outcome: Outcome) -> String {
        guard let hop else { return "no answer" }
        let who = source(hop)
        switch outcome {
        case .address(let address): return "\(who) answers \(address)"
        case .nxdomain: return "\(who) has no \(hop.name.absolute) (NXDOMAIN)"
        case .nodata: return "\(who) holds \(hop.name.absolute) but no A record (NODATA)"
        case .servfail(let reason): return "SERVFAIL: " + servfail(reason)
        }
    }

    /// Who answered a hop, in a few words.
    package static func source(_ hop: Hop) -> String {
        switch hop.source {
        case .hostsFile:
            if case .hosts(let network) = hop.resolver { return "the hosts file of \(network)" }
            return "the hosts file"
        case .zone(let id): return id.name
        case .publicDNS: return "public DNS"
        case .fallback(let zone): return "public DNS (fallback from \(zone))"
        case .forward(let domain, let target): return "forwarder for \(domain) to \(target)"
        case .rule(let ruleset, let domain, let target): return "rule \(domain) of \(ruleset) to \(target)"
        case .none: return resolverName(hop.resolver)
        }
    }

    /// A resolver's name as reports print it.
    package static func resolverName(_ resolver: ResolverRef) -> String {
        switch resolver {
        case .hosts(let network): return "hosts file of \(network)"
        case .azure, .askingNetworkAzure: return "Azure DNS"
        case .server(let name): return name.name
        case .inbound(let resolver, let address): return "\(resolver) inbound endpoint \(address)"
        }
    }

    /// Why a resolution failed, in one clause.
    package static func servfail(_ reason: ServfailReason) -> String {
        switch reason {
        case .azureDNSFromOnPrem(let network):
            return "Azure DNS serves only Azure networks, and \(network) is on-premises"
        case .resolverUnreachable(let server, let serverNetwork, let from):
            return "\(named(from)) has no route to its DNS server \(named(server)) in \(named(serverNetwork))"
        case .forwarderUnreachable(let server, let target, let targetNetwork):
            return "\(server) forwards to \(named(target)) in \(named(targetNetwork)), which it cannot reach"
        case .noEgress(let server, let network):
            return "\(server) resolves through the internet, but \(network) has no internet egress"
        case .chainTooLong:
            return "the CNAME chain passes \(maxChainLength) names"
        case .cnameLoop(let name):
            return "CNAME loop at \(name.absolute)"
        case .forwardingLoop(let server, let name):
            return "forwarding loop: \(server) is asked for \(name.absolute) while resolving it"
        case .ruleLoop(let ruleset, let name):
            return "forwarding loop: a rule of \(ruleset) sends \(name.absolute) back to the Azure DNS that is resolving it"
        case .addressUnheld(let address, let from):
            return "\(from?.description ?? "") asks \(address), which no DNS server or resolver inbound endpoint holds"
        case .noRuleTarget(let ruleset, let domain):
            return "no target of the rule for \(domain.absolute) in \(ruleset) answers (none is reachable from its resolver's network)"
        }
    }

    /// ", reached through peering", " (same network)", ", reached via hub".
    package static func path(_ path: NetworkPath) -> String {
        guard let link = path.firstLink else { return " (same network)" }
        if path.via.isEmpty { return ", reached through \(link.rawValue)" }
        return ", reached via \(path.via.map(\.name).joined(separator: ", "))"
    }

    /// A row's sentence: who answered what, and why that succeeds or fails.
    package static func detail(_ reason: Reason) -> String {
        let said = answer(reason.answeredBy, reason.outcome)
        switch reason.meaning {
        case .noAddress:
            return said
        case .dangling:
            return "\(said), a private address that no private endpoint holds"
        case .publicAddress(.allowed):
            return "\(said), a public address"
        case .publicAddress(.noEgress(let network)):
            return "\(said), a public address; \(network) has no internet egress"
        case .publicAddress(.denied(let resource, let category)):
            return "\(said), a public address; \(resource) denies public \(category.rawValue)"
        case .unroutable(let owner, let client):
            return "\(owned(said, owner)); \(client) has no route to \(owner.network)"
        case .reached(let owner, let path, let scope):
            return owned(said, owner) + self.path(path) + suffix(scope, owner)
        }
    }

    /// "…, address of pe1 in hub": the answer and the endpoint that holds it.
    private static func owned(_ said: String, _ owner: Reason.EndpointPlace) -> String {
        "\(said), address of \(owner.endpoint) in \(owner.network)"
    }

    /// What follows the path for a resource outside the answering endpoint's scope.
    static func suffix(_ scope: Reason.ScopeJudgement, _ owner: Reason.EndpointPlace) -> String {
        guard case .outside(let outside) = scope else { return "" }
        let held = "; \(outside.scope) does not hold \(outside.resource)"
        switch outside.rule {
        case .ownName(let kind, let resourceKind):
            return "\(held), and the \(kind.rawValue) name is the \(resourceKind == .workspace ? "workspace" : "data collection endpoint")'s own"
        case .mode(let category, let mode, let excluded, let accepts):
            let exclusion = excluded ? " (exclusion for \(owner.endpoint))" : ""
            let modeText = "its \(category.rawValue) mode is \(mode.rawValue)\(exclusion)"
            if mode == .privateOnly { return "\(held) and \(modeText)" }
            if accepts { return "\(held); \(modeText) and \(outside.resource) accepts public \(category.rawValue)" }
            return "\(held); \(modeText) but \(outside.resource) denies public \(category.rawValue)"
        }
    }
}

extension Row {
    /// One sentence: who answered what, and why that succeeds or fails (`VerdictText.detail`).
    package var detail: String { VerdictText.detail(reason) }
}
