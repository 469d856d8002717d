/// A whole world as the topology file describes it: the objects, then the timeline.
package struct Topology: Sendable {
    package var settings: Settings
    package var networks: [Network]
    package var dnsServers: [DNSServer]
    package var zones: [Zone]
    package var workspaces: [Workspace]
    package var components: [Component]
    package var dataCollectionEndpoints: [DataCollectionEndpoint]
    package var dnsResolvers: [DNSResolver]
    package var forwardingRulesets: [ForwardingRuleset]
    package var scopes: [Scope]
    /// Created in this order; later ones overwrite earlier records.
    package var privateEndpoints: [EndpointSpec]
    /// The timeline that follows the endpoints' creation.
    package var steps: [TimelineStep]
    /// What must hold after the timeline (checked by `check`, `what-if` and `fix`).
    package var intents: [Intent]
    /// The zones' indexed contents by zone id, when the loader built them already (it does, to
    /// merge a zone's sets and find CNAME conflicts): `World` takes them instead of indexing the
    /// same records again. One whose apex or record count no longer matches its zone is ignored.
    package var zoneContents: [ZoneID: ZoneContents] = [:]

    package init(settings: Settings = Settings(), networks: [Network] = [], dnsServers: [DNSServer] = [],
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
