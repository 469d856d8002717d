import AmplsimEngine

// Identities are printed by name: these let the writers take them as they take strings.

extension JSONText {
    package mutating func field<Tag>(_ name: String, _ value: Identifier<Tag>?) { field(name, value?.name) }
    package mutating func strings<Tag>(_ values: [Identifier<Tag>]) { strings(values.map(\.name)) }
    static func appendQuoted<Tag>(_ id: Identifier<Tag>, to out: inout [UInt8]) { appendQuoted(id.name, to: &out) }
}

extension MatrixTable {
    package static func pad<Tag>(_ id: Identifier<Tag>, _ n: Int) -> String { pad(id.name, n) }
}


extension HTMLText {
    package static func escape<Tag>(_ id: Identifier<Tag>) -> String { escape(id.name) }
}

/// A network a SERVFAIL reason could not name (a server or network the world does not hold)
/// prints as "?".
func named(_ network: NetworkID?) -> String { network?.name ?? "?" }

/// The resolver a SERVFAIL reason names: a DNS server by name, an inbound endpoint as
/// "<resolver> inbound endpoint <address>"; none (asked from a network the world does not hold)
/// prints as "?".
func named(_ target: ResolverTarget?) -> String {
    switch target {
    case .server(let server)?: return server.name
    case .inbound(let resolver, let address)?: return "\(resolver) inbound endpoint \(address)"
    case nil: return "?"
    }
}
