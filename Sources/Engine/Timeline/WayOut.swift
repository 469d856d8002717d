/// One of the seed's ways out of a broken path, as data (`WayOutText` in AmplsimRender words it),
/// and whether applying it heals the row.
package struct WayOut: Hashable, Sendable {
    /// What to do, and to what.
    package enum Kind: Hashable, Sendable {
        /// Peer `network` with `with`, the network of the endpoint it cannot reach.
        case peer(network: NetworkID, with: NetworkID)
        /// Put the private endpoint in a hub network that `network` is peered with (a design
        /// choice: not checked).
        case hub(network: NetworkID)
        /// Give `network` its own copies of the AMPLS zones it links, holding what it saw before,
        /// with the `serving` endpoints' records written again.
        case ownZones(network: NetworkID, serving: [EndpointID])
        /// A custom zone for a component with `EndpointSuffix` in its connection string (a
        /// connection-string change: not checked).
        case customZone(component: ResourceID)
        /// Write an endpoint's records again (recreate its zone group).
        case rewriteRecords(endpoint: EndpointID)
        /// A hosts-file entry on `network`'s machines (only ever a private endpoint's address).
        case hostsEntry(network: NetworkID, name: DNSName, address: IPv4Address)
        /// Add `resource` to `scope`. Weakens isolation when the resource belongs to other scopes
        /// (`homes`): its traffic would go through `scope` and its endpoint `endpoint`.
        case addToScope(resource: ResourceID, scope: ScopeID, homes: [ScopeID], endpoint: EndpointID)
        /// Add `resource` to `scope` and write `endpoint`'s records again (recreate its zone
        /// group): what heals a resource whose names a deleted endpoint took with it, when no
        /// endpoint of its own scope is left. Weakens isolation like `addToScope` when the resource
        /// belongs to other scopes (`homes`).
        case addToScopeAndRewrite(resource: ResourceID, scope: ScopeID, homes: [ScopeID], endpoint: EndpointID)
        /// Set `scope`'s access mode for `category` to Open (weakens isolation: every resource's
        /// traffic of the category then passes the scope's endpoints).
        case openScope(scope: ScopeID, category: Category)
    }

    package var kind: Kind
    /// True or false when the engine applied it and judged the row again; nil when it cannot be
    /// checked by applying it (it needs a design choice: a hub, a connection string).
    package var heals: Bool?
    /// The row's status once applied, when checked.
    package var result: Status?
    /// When checked: how many rows that succeed after the steps fail once this is applied (a way
    /// out that heals one network by breaking another is no way out).
    package var breaksOthers: Int?

    package init(_ kind: Kind, heals: Bool?, result: Status? = nil, breaksOthers: Int? = nil) {
        self.kind = kind
        self.heals = heals
        self.result = result
        self.breaksOthers = breaksOthers
    }

    /// True for a change that can reach other networks' rows (records written again, a scope's
    /// members or modes): the rows it breaks are counted. A peering, a network's own zones or a
    /// hosts entry changes only what that network reaches or sees.
    var isWide: Bool {
        switch kind {
        case .rewriteRecords, .addToScope, .addToScopeAndRewrite, .openScope: return true
        case .peer, .hub, .ownZones, .customZone, .hostsEntry: return false
        }
    }

    /// True when it routes a resource through a scope of another team (the resource belongs to
    /// other scopes) or opens a scope.
    package var weakensIsolation: Bool {
        switch kind {
        case .addToScope(_, _, let homes, _), .addToScopeAndRewrite(_, _, let homes, _): return !homes.isEmpty
        case .openScope: return true
        case .peer, .hub, .ownZones, .customZone, .rewriteRecords, .hostsEntry: return false
        }
    }
}
