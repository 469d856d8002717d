/// When a workspace's public CNAMEs into the privatelink zones are published.
package enum WorkspaceCnames: String, Hashable, Sendable {
    /// While the workspace belongs to a scope that has a private endpoint (Azure's behaviour).
    case linked
    /// For every workspace, always.
    case always
}

/// The limits of Docs/model.md#limits-and-refusals (Azure's documented values); a topology may override any
/// of them. `nil` is no limit.
package struct Limits: Hashable, Sendable {
    package var scopesPerNetwork = 1
    package var scopesPerResource = 5
    package var workspacesPerScope: Int? = 300
    package var componentsPerScope: Int? = 1000
    /// Resources of every kind together; unset by default.
    package var resourcesPerScope: Int? = nil
    package var endpointsPerScope = 10

    package init() {}

    /// The seed's values of 2020 (`limits: seed`, Docs/model.md#limits-and-refusals).
    package static var seed: Limits {
        var limits = Limits()
        limits.workspacesPerScope = nil
        limits.componentsPerScope = nil
        limits.resourcesPerScope = 50
        return limits
    }
}

/// Topology-wide switches.
package struct Settings: Hashable, Sendable {
    package var workspaceCnames: WorkspaceCnames = .linked
    package var limits = Limits()

    package init() {}
}
