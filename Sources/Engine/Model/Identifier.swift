/// The identity of one object of a topology: a network, a zone, a DNS server, an endpoint, a
/// scope, a resource, a DNS resolver or a forwarding ruleset. The tag keeps kinds apart (a
/// network's identity is no zone's), the name is what the topology calls it, and what messages
/// and output print (`description` is the name, so interpolation writes the same bytes).
///
/// Identities are made where a file's names become the model (the topology loader, the
/// importers, a step read from a scenario); inside the engine they are compared, hashed and
/// looked up, never built from pieces of text (but for `ZoneID.ownCopy`, a hypothetical's zone).
package struct Identifier<Tag: IdentifierTag>: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name as the topology writes it.
    package let name: String

    package init(_ name: String) { self.name = name }

    package var description: String { name }

    /// Ordered by name (the order reports and pairs use).
    package static func < (a: Identifier, b: Identifier) -> Bool { a.name < b.name }
}

/// Literals, for tests and fixtures written in code. The modules under Sources build without
/// this conformance: they make identities from names explicitly.
extension Identifier: ExpressibleByStringInterpolation {
    package init(stringLiteral name: String) { self.name = name }
}

/// What kind of object an `Identifier` names.
package protocol IdentifierTag {}

package enum NetworkTag: IdentifierTag {}

/// A network: an Azure VNet or an on-premises site.
package typealias NetworkID = Identifier<NetworkTag>

package enum ZoneTag: IdentifierTag {}

/// A zone instance (two zones may share a name, never an id): a private DNS zone or a zone a DNS
/// server hosts.
package typealias ZoneID = Identifier<ZoneTag>

extension Identifier where Tag == ZoneTag {
    /// The zone a hypothetical gives `network` of its own in place of `zone` (a way out that
    /// unlinks a shared zone): named `<zone>+own-<network>`, which reports print. No topology can
    /// declare that name, since '+' is not a name character, so the copy is a new zone. The one
    /// identity the engine makes, here so that it is made in one place.
    package static func ownCopy(of zone: ZoneID, for network: NetworkID) -> ZoneID {
        ZoneID(zone.name + "+own-" + network.name)
    }
}

package enum ScopeTag: IdentifierTag {}

/// An Azure Monitor Private Link Scope.
package typealias ScopeID = Identifier<ScopeTag>

package enum EndpointTag: IdentifierTag {}

/// A private endpoint.
package typealias EndpointID = Identifier<EndpointTag>

package enum ServerTag: IdentifierTag {}

/// A DNS server: a DNS VM, an Azure Firewall DNS proxy, an on-premises server.
package typealias ServerID = Identifier<ServerTag>

package enum ResolverTag: IdentifierTag {}

/// An Azure DNS Private Resolver.
package typealias ResolverID = Identifier<ResolverTag>

package enum RulesetTag: IdentifierTag {}

/// A DNS forwarding ruleset.
package typealias RulesetID = Identifier<RulesetTag>

package enum ResourceTag: IdentifierTag {}

/// A resource private endpoints lead to: a Log Analytics workspace, an Application Insights
/// component or a data collection endpoint (the three share one namespace).
package typealias ResourceID = Identifier<ResourceTag>
