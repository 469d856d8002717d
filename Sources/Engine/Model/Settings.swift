/// When a workspace's public CNAMEs into the privatelink zones are published.
public enum WorkspaceCnames: String, Hashable, Sendable {
    /// While the workspace belongs to a scope that has a private endpoint (Azure's behaviour).
    case linked
    /// For every workspace, always.
    case always
}

/// The limits of Docs/model.md#limits-and-refusals (Azure's documented values); a topology may override any
/// of them. `nil` is no limit.
public struct Limits: Hashable, Sendable {
    public var scopesPerNetwork = 1
    public var scopesPerResource = 5
    public var workspacesPerScope: Int? = 300
    public var componentsPerScope: Int? = 1000
    /// Resources of every kind together; unset by default.
    public var resourcesPerScope: Int? = nil
    public var endpointsPerScope = 10

    public init() {}

    /// The seed's values of 2020 (`limits: seed`, Docs/model.md#limits-and-refusals).
    public static var seed: Limits {
        var limits = Limits()
        limits.workspacesPerScope = nil
        limits.componentsPerScope = nil
        limits.resourcesPerScope = 50
        return limits
    }
}

/// Topology-wide switches.
public struct Settings: Hashable, Sendable {
    public var workspaceCnames: WorkspaceCnames = .linked
    public var limits = Limits()

    public init() {}
}
