/// Where a DNS server sends a name it does not host.
public enum ForwardTarget: Hashable, Sendable, CustomStringConvertible {
    /// The server's own recursion through public DNS.
    case internet
    /// Azure DNS of the server's network.
    case azure
    /// Another DNS server, by name.
    case server(String)

    public var description: String {
        switch self {
        case .internet: return "internet"
        case .azure: return "azure"
        case .server(let name): return name
        }
    }
}

/// A conditional forwarder: names under `domain` go to `target`.
public struct Forwarder: Hashable, Sendable {
    /// The domain; the root (`.`) matches every name.
    public var domain: DNSName
    public var target: ForwardTarget

    public init(domain: DNSName, target: ForwardTarget) {
        self.domain = domain
        self.target = target
    }
}

/// A custom resolver: a DNS VM, a DNS Private Resolver, an on-premises server.
public struct DNSServer: Hashable, Sendable {
    public var name: String
    /// The network it runs in.
    public var network: String
    /// Zone ids it hosts (answered authoritatively, never with fallback).
    public var zones: [String]
    public var forwarders: [Forwarder]
    /// The route for names no hosted zone or forwarder covers.
    public var defaultTarget: ForwardTarget

    public init(name: String, network: String, zones: [String] = [], forwarders: [Forwarder] = [],
                defaultTarget: ForwardTarget = .internet) {
        self.name = name
        self.network = network
        self.zones = zones
        self.forwarders = forwarders
        self.defaultTarget = defaultTarget
    }
}
