/// The most names a resolution may pass through (the query name and its CNAME targets).
package let maxChainLength = 16

/// How a resolution ended.
package enum Outcome: Hashable, Sendable {
    case address(IPv4Address)
    case nxdomain
    /// The name exists without an A record: NXDOMAIN for the verdict, but it does not fall back.
    case nodata
    case servfail(ServfailReason)

    package var address: IPv4Address? {
        if case .address(let a) = self { return a }
        return nil
    }
}

/// Why a resolution failed with SERVFAIL.
package enum ServfailReason: Hashable, Sendable {
    /// Azure DNS serves only Azure networks.
    case azureDNSFromOnPrem(network: NetworkID)
    /// A client's DNS server runs in a network the client cannot reach (`server` nil: the
    /// client's network is one the world does not hold; `serverNetwork` nil: a server or network
    /// the world does not hold; `from` is left out of a `Cause`).
    case resolverUnreachable(server: ResolverTarget?, serverNetwork: NetworkID?, from: NetworkID?)
    /// A forwarder's target runs in a network the forwarding server cannot reach (nil: a
    /// target the world does not hold).
    case forwarderUnreachable(server: ServerID, target: ResolverTarget, targetNetwork: NetworkID?)
    /// A server's own recursion from a network without internet egress.
    case noEgress(server: ServerID, network: NetworkID)
    /// The chain passed 16 names.
    case chainTooLong
    /// A CNAME chain came back to a name already in it.
    case cnameLoop(DNSName)
    /// A server was asked for a name it was itself still resolving.
    case forwardingLoop(server: ServerID, name: DNSName)
    /// Azure DNS (a network's, or its resolver's inbound endpoint) was asked, through a
    /// forwarding rule, for a name it was itself still resolving.
    case ruleLoop(ruleset: RulesetID, name: DNSName)
    /// A forwarder, or a client's DNS setting, names an address that no DNS server or inbound
    /// endpoint holds (`from`: the server or network that asked; nil in a `Cause`).
    case addressUnheld(address: IPv4Address, from: Asker?)
    /// No target of a forwarding rule answers: none is held by a DNS server or inbound endpoint
    /// that the ruleset's resolver network reaches.
    case noRuleTarget(ruleset: RulesetID, domain: DNSName)
}

/// A resolver a client or a DNS server is pointed at and cannot reach: a DNS server, or an
/// inbound endpoint of a DNS resolver (by its resolver and address).
package enum ResolverTarget: Hashable, Sendable {
    case server(ServerID)
    case inbound(resolver: ResolverID, address: IPv4Address)
}

/// Who asked a resolver for a name: a network's clients, or a DNS server forwarding it.
package enum Asker: Hashable, Sendable, CustomStringConvertible {
    case network(NetworkID)
    case server(ServerID)

    package var description: String {
        switch self {
        case .network(let network): return network.name
        case .server(let server): return server.name
        }
    }
}

/// Who answered a hop.
package enum ResolverRef: Hashable, Sendable {
    /// The client's hosts file in this network.
    case hosts(network: NetworkID)
    /// Azure DNS (168.63.129.16) of a network: a DNS server's, a resolver's (through its
    /// inbound endpoint), or the asking client's network once the answer is named for it.
    case azure(network: NetworkID)
    /// Azure DNS of the network whose client asked, in an answer shared by every network of
    /// one Azure DNS view (memoised answers, and a row's resolution: the row names the network).
    case askingNetworkAzure
    /// A custom DNS server.
    case server(ServerID)
    /// An inbound endpoint of a DNS resolver, by its address: Azure DNS of the resolver's network.
    case inbound(resolver: ResolverID, address: IPv4Address)
}

/// Where a hop's answer came from.
package enum HopSource: Hashable, Sendable {
    case hostsFile
    /// A private DNS zone or a zone a server hosts, by id.
    case zone(ZoneID)
    /// Public DNS (the simulated internet).
    case publicDNS
    /// Public DNS, because the zone (by id) lacked the name and its link falls back to internet.
    case fallback(zone: ZoneID)
    /// The name was handed to a forwarder (the forwarder's own hops follow).
    case forward(domain: DNSName, target: ForwardTarget)
    /// Azure DNS handed the name to a forwarding rule's target (the target's own hops follow,
    /// and Azure DNS takes its whole answer).
    case rule(ruleset: RulesetID, domain: DNSName, target: IPv4Address)
    /// No resolver could be asked.
    case none
}

/// What a hop said.
package enum HopResult: Hashable, Sendable {
    case cname(DNSName)
    case address(IPv4Address)
    case nxdomain
    case nodata
    case servfail(ServfailReason)
    /// The name went to a forwarder; the next hops are the target's.
    case forwarded
}

/// One step of a resolution, as `dig +trace` would show it.
package struct Hop: Hashable, Sendable {
    package var name: DNSName
    package var resolver: ResolverRef
    package var source: HopSource
    package var result: HopResult
}

/// A whole resolution: the names passed through, how it ended, and every hop on the way.
package struct Resolution: Hashable, Sendable {
    package var chain: [DNSName]
    package var outcome: Outcome
    package var hops: [Hop]
    /// Set on a result that depends on the path that led to it (a depth cut or a loop): such a
    /// result is not memoised.
    var isTainted = false

    package init(chain: [DNSName], outcome: Outcome, hops: [Hop]) {
        self.chain = chain
        self.outcome = outcome
        self.hops = hops
    }

    /// The last hop that produced an answer or an error (not a hand-over to a forwarder).
    package var answeringHop: Hop? { hops.last { $0.result != .forwarded } }
}
