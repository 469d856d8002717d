/// A change to the world, as a topology's `steps` or a scenario file lists them.
package enum Step: Hashable, Sendable {
    case createEndpoint(EndpointSpec)
    case deleteEndpoint(EndpointID)
    case linkResource(scope: ScopeID, resource: ResourceID)
    case unlinkResource(scope: ScopeID, resource: ResourceID)
    case deleteResource(ResourceID)
    case linkZone(zone: ZoneID, network: NetworkID, fallbackToInternet: Bool)
    case unlinkZone(zone: ZoneID, network: NetworkID)
    case peer(NetworkID, NetworkID)
    case unpeer(NetworkID, NetworkID)
    case setDns(network: NetworkID, dns: DNSSetting)
    case setResourceAccess(resource: ResourceID, publicIngestion: Bool?, publicQuery: Bool?)
    case setScopeAccess(scope: ScopeID, ingestionAccessMode: AccessMode?, queryAccessMode: AccessMode?)
    case setRecord(zone: ZoneID, record: Record)
    case deleteRecord(zone: ZoneID, name: DNSName, type: String)
    case createNetwork(Network)
    case linkRuleset(ruleset: RulesetID, network: NetworkID)
    case unlinkRuleset(ruleset: RulesetID, network: NetworkID)
    /// Adds the rule, or replaces the ruleset's rule of the same domain.
    case setRule(ruleset: RulesetID, rule: ForwardingRule)
    case deleteRule(ruleset: RulesetID, domain: DNSName)

    /// The step's keyword in Docs/topology.md#steps.
    package var keyword: String {
        switch self {
        case .createEndpoint: return "createEndpoint"
        case .deleteEndpoint: return "deleteEndpoint"
        case .linkResource: return "linkResource"
        case .unlinkResource: return "unlinkResource"
        case .deleteResource: return "deleteResource"
        case .linkZone: return "linkZone"
        case .unlinkZone: return "unlinkZone"
        case .peer: return "peer"
        case .unpeer: return "unpeer"
        case .setDns: return "setDns"
        case .setResourceAccess, .setScopeAccess: return "setAccess"
        case .setRecord: return "setRecord"
        case .deleteRecord: return "deleteRecord"
        case .createNetwork: return "createNetwork"
        case .linkRuleset: return "linkRuleset"
        case .unlinkRuleset: return "unlinkRuleset"
        case .setRule: return "setRule"
        case .deleteRule: return "deleteRule"
        }
    }
}

/// A step with its optional label and its place in the input.
package struct TimelineStep: Hashable, Sendable {
    package var step: Step
    package var label: String?
    package var source: SourceRef?

    package init(_ step: Step, label: String? = nil, source: SourceRef? = nil) {
        self.step = step
        self.label = label
        self.source = source
    }
}
