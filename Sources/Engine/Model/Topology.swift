/// A whole world as the topology file describes it: the objects, then the timeline.
public struct Topology: Sendable {
    public var settings: Settings
    public var networks: [Network]
    public var dnsServers: [DNSServer]
    public var zones: [Zone]
    public var workspaces: [Workspace]
    public var components: [Component]
    public var dataCollectionEndpoints: [DataCollectionEndpoint]
    public var dnsResolvers: [DNSResolver]
    public var forwardingRulesets: [ForwardingRuleset]
    public var scopes: [Scope]
    /// Created in this order; later ones overwrite earlier records.
    public var privateEndpoints: [EndpointSpec]
    /// The timeline that follows the endpoints' creation.
    public var steps: [TimelineStep]
    /// What must hold after the timeline (checked by `check`, `what-if` and `fix`).
    public var intents: [Intent]
    /// The zones' indexed contents by zone id, when the loader built them already (it does, to
    /// merge a zone's sets and find CNAME conflicts): `World` takes them instead of indexing the
    /// same records again. One whose apex or record count no longer matches its zone is ignored.
    public var zoneContents: [ZoneID: ZoneContents] = [:]

    public init(settings: Settings = Settings(), networks: [Network] = [], dnsServers: [DNSServer] = [],
                zones: [Zone] = [], workspaces: [Workspace] = [], components: [Component] = [],
                dataCollectionEndpoints: [DataCollectionEndpoint] = [], dnsResolvers: [DNSResolver] = [],
                forwardingRulesets: [ForwardingRuleset] = [], scopes: [Scope] = [], privateEndpoints: [EndpointSpec] = [], steps: [TimelineStep] = [],
                intents: [Intent] = []) {
        self.settings = settings
        self.networks = networks
        self.dnsServers = dnsServers
        self.zones = zones
        self.workspaces = workspaces
        self.components = components
        self.dataCollectionEndpoints = dataCollectionEndpoints
        self.dnsResolvers = dnsResolvers
        self.forwardingRulesets = forwardingRulesets
        self.scopes = scopes
        self.privateEndpoints = privateEndpoints
        self.steps = steps
        self.intents = intents
    }
}
