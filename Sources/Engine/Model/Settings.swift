/// When a workspace's public CNAMEs into the privatelink zones are published.
public enum WorkspaceCnames: String, Hashable, Sendable {
    /// While the workspace belongs to a scope that has a private endpoint (Azure's behaviour).
    case linked
    /// For every workspace, always.
    case always
}

/// The limits of MODEL.md section 7; a topology may override any of them.
public struct Limits: Hashable, Sendable {
    public var scopesPerNetwork = 1
    public var scopesPerResource = 5
    public var resourcesPerScope = 50
    public var endpointsPerScope = 10

    public init() {}
}

/// Topology-wide switches.
public struct Settings: Hashable, Sendable {
    public var workspaceCnames: WorkspaceCnames = .linked
    public var limits = Limits()

    public init() {}
}
