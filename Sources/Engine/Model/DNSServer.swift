/// Where a DNS server sends a name it does not host.
package enum ForwardTarget: Hashable, Sendable, CustomStringConvertible {
    /// The server's own recursion through public DNS.
    case internet
    /// Azure DNS of the server's network.
    case azure
    /// Another DNS server, by name.
    case server(ServerID)
    /// An address: a DNS server's or a resolver inbound endpoint's; one nothing holds answers
    /// nothing (SERVFAIL).
    case address(IPv4Address)

    package var description: String {
        switch self {
        case .internet: return "internet"
        case .azure: return "azure"
        case .server(let name): return name.name
        case .address(let address): return address.description
        }
    }
}

/// A conditional forwarder: names under `domain` go to `target`.
package struct Forwarder: Hashable, Sendable {
    /// The domain; the root (`.`) matches every name.
    package var domain: DNSName
    package var target: ForwardTarget

    package init(domain: DNSName, target: ForwardTarget) {
        self.domain = domain
        self.target = target
    }
}

/// How a DNS server treats an answer it got from a forwarder (Docs/model.md#resolving-a-name-from-a-network).
package enum ServerFlavor: String, Hashable, Sendable, CaseIterable {
    /// Keeps the forwarded chain while its own route for each name is the same forwarder entry,
    /// and resolves the first name it would route elsewhere itself (BIND 9).
    case bind
    /// Takes the forwarder's whole answer (Windows DNS).
    case windows
}

/// A custom resolver: a DNS VM, an Azure Firewall DNS proxy, an on-premises server.
package struct DNSServer: Hashable, Sendable {
    package var name: ServerID
    /// The network it runs in.
    package var network: NetworkID
    /// The address clients and forwarders may name it by.
    package var address: IPv4Address?
    package var flavor: ServerFlavor
    /// Zone ids it hosts (answered authoritatively, never with fallback).
    package var zones: [ZoneID]
    package var forwarders: [Forwarder]
    /// The route for names no hosted zone or forwarder covers.
    package var defaultTarget: ForwardTarget

    package init(name: ServerID, network: NetworkID, zones: [ZoneID] = [], forwarders: [Forwarder] = [],
                defaultTarget: ForwardTarget = .internet, address: IPv4Address? = nil, flavor: ServerFlavor = .bind) {
        self.name = name
        self.network = network
        self.address = address
        self.flavor = flavor
        self.zones = zones
        self.forwarders = forwarders
        self.defaultTarget = defaultTarget
    }
}

/// An Azure DNS Private Resolver: its inbound endpoints answer as Azure DNS of its network.
package struct DNSResolver: Hashable, Sendable {
    package var name: ResolverID
    package var network: NetworkID
    /// Inbound endpoint addresses, in the network's address space.
    package var inbound: [IPv4Address]

    package init(name: ResolverID, network: NetworkID, inbound: [IPv4Address] = []) {
        self.name = name
        self.network = network
        self.inbound = inbound
    }
}

/// One rule of a forwarding ruleset: names under `domain` go to the first target that answers.
package struct ForwardingRule: Hashable, Sendable {
    /// The domain; the root (`.`) matches every name but Azure's reserved domains.
    package var domain: DNSName
    package var targets: [IPv4Address]
    package var enabled: Bool

    package init(domain: DNSName, targets: [IPv4Address], enabled: Bool = true) {
        self.domain = domain
        self.targets = targets
        self.enabled = enabled
    }
}

/// A DNS forwarding ruleset of a resolver's outbound endpoint, linked to VNets.
package struct ForwardingRuleset: Hashable, Sendable {
    package var name: RulesetID
    /// The resolver whose network the rules forward from.
    package var resolver: ResolverID
    /// VNets whose Azure DNS applies the rules, in link order.
    package var links: [NetworkID]
    package var rules: [ForwardingRule]

    package init(name: RulesetID, resolver: ResolverID, links: [NetworkID] = [], rules: [ForwardingRule] = []) {
        self.name = name
        self.resolver = resolver
        self.links = links
        self.rules = rules
    }

    /// Azure's reserved domains: a `.` rule does not match names under them
    /// (Docs/model.md#resolving-a-name-from-a-network).
    package static let reservedDomains: [DNSName] = ["azure.com", "azure.net", "azure-automation.net", "windows.net",
                                                     "windowsazure.com", "visualstudio.com"]
}
