import AmplsimEngine

extension TopologyParser {
    static let stepKeys = ["createEndpoint", "deleteEndpoint", "linkResource", "unlinkResource", "deleteResource",
                           "linkZone", "unlinkZone", "peer", "unpeer", "setDns", "setAccess", "setRecord",
                           "deleteRecord", "createNetwork", "linkRuleset", "unlinkRuleset", "setRule", "deleteRule"]

    /// A list of steps, each a mapping of one step keyword (and an optional `label`).
    mutating func steps(_ value: YAMLValue) throws(InputError) -> [TimelineStep] {
        var result: [TimelineStep] = []
        for entry in try value.list() { result.append(try step(entry)) }
        return result
    }

    mutating func step(_ value: YAMLValue) throws(InputError) -> TimelineStep {
        let o = try value.mapping(TopologyParser.stepKeys + ["label"])
        let keys = o.order.filter { $0 != "label" }
        guard keys.count == 1, let key = keys.first, let body = o.fields[key] else {
            if keys.isEmpty { throw value.error("a step needs one of: \(TopologyParser.stepKeys.joined(separator: ", "))") }
            throw value.error("a step holds one action, this one \(keys.count): \(keys.joined(separator: ", "))")
        }
        let label = try o["label"]?.string()
        let parsed = try action(key, body)
        return TimelineStep(parsed, label: label, source: source(value))
    }

    private mutating func action(_ key: String, _ body: YAMLValue) throws(InputError) -> Step {
        switch key {
        case "createEndpoint":
            let spec = try parseEndpoint(body)
            endpoints.insert(spec.name)
            return .createEndpoint(spec)
        case "deleteEndpoint":
            let name = try body.name()
            guard endpoints.contains(EndpointID(name)) else {
                throw body.error("no private endpoint named '\(name)' is created before this step" + suggestion(name, endpoints))
            }
            return .deleteEndpoint(EndpointID(name))
        case "linkResource", "unlinkResource":
            let o = try body.mapping(["scope", "resource"])
            let scope = try scopeRef(try o.required("scope"))
            let resource = try resourceRef(try o.required("resource"))
            return key == "linkResource" ? .linkResource(scope: scope, resource: resource)
                : .unlinkResource(scope: scope, resource: resource)
        case "deleteResource":
            return .deleteResource(try resourceRef(body))
        case "linkZone":
            let o = try body.mapping(["zone", "network", "fallbackToInternet"])
            let zone = try zoneRef(try o.required("zone"))
            let networkField = try o.required("network")
            let network = try networkRef(networkField)
            // What the step says on its own is bad input (Docs/topology.md#rules-and-refusals).
            let name = zoneNames[zone] ?? DNSName(canonical: "")
            if let declared = networks[network] { try check(ModelRules.zoneLink(zone: name, network: declared, fallback: false), networkField) }
            let fallback = try o["fallbackToInternet"]?.bool() ?? false
            if fallback, let declared = networks[network] {
                try check(ModelRules.zoneLink(zone: name, network: declared, fallback: true), try o.required("fallbackToInternet"))
            }
            return .linkZone(zone: zone, network: network, fallbackToInternet: fallback)
        case "unlinkZone":
            let o = try body.mapping(["zone", "network"])
            return .unlinkZone(zone: try zoneRef(try o.required("zone")), network: try networkRef(try o.required("network")))
        case "peer", "unpeer":
            let pair = try body.list()
            guard pair.count == 2 else { throw body.error("expected a pair of network names, like [vnet1, vnet2]") }
            let a = try networkRef(pair[0])
            let b = try networkRef(pair[1])
            try check(ModelRules.join(a, b), pair[1])
            return key == "peer" ? .peer(a, b) : .unpeer(a, b)
        case "setDns":
            let o = try body.mapping(["network", "dns"])
            let network = try networkRef(try o.required("network"))
            let dnsField = try o.required("dns")
            let dns = try dnsSetting(dnsField)
            // Steps create no DNS servers or resolvers: every holder is known here.
            if case .address(let address) = dns { try checkHeld(address, dnsField) }
            return .setDns(network: network, dns: dns)
        case "setAccess":
            return try access(body)
        case "setRecord":
            let o = try body.mapping(["zone"] + TopologyParser.recordKeys)
            let zone = try zoneRef(try o.required("zone"))
            let record = try parseRecord(body, in: zoneNames[zone] ?? DNSName(canonical: ""), extraKeys: ["zone"])
            return .setRecord(zone: zone, record: record)
        case "deleteRecord":
            let o = try body.mapping(["zone", "name", "type"])
            let zone = try zoneRef(try o.required("zone"))
            let owner = try recordOwner(try o.required("name"), in: zoneNames[zone] ?? DNSName(canonical: ""))
            return .deleteRecord(zone: zone, name: owner, type: try o.required("type").string().uppercased())
        case "createNetwork":
            return .createNetwork(try createNetwork(body))
        case "linkRuleset":
            let o = try body.mapping(["ruleset", "network"])
            let ruleset = try rulesetRef(try o.required("ruleset"))
            return .linkRuleset(ruleset: ruleset, network: try rulesetLink(try o.required("network")))
        case "unlinkRuleset":
            let o = try body.mapping(["ruleset", "network"])
            let ruleset = try rulesetRef(try o.required("ruleset"))
            return .unlinkRuleset(ruleset: ruleset, network: try networkRef(try o.required("network")))
        case "setRule":
            let o = try body.mapping(["ruleset"] + TopologyParser.ruleKeys)
            let ruleset = try rulesetRef(try o.required("ruleset"))
            let (rule, _) = try parseRule(body, extraKeys: ["ruleset"])
            return .setRule(ruleset: ruleset, rule: rule)
        case "deleteRule":
            let o = try body.mapping(["ruleset", "domain"])
            let ruleset = try rulesetRef(try o.required("ruleset"))
            return .deleteRule(ruleset: ruleset, domain: try dnsName(try o.required("domain")))
        default:
            throw body.error("unknown step '\(key)'")
        }
    }

    /// A network created by a step: its fields are checked as in `networks`; a name already
    /// taken, or an address space that overlaps another network's, is the engine's to refuse
    /// when the step is applied. Later steps may name it.
    private mutating func createNetwork(_ body: YAMLValue) throws(InputError) -> Network {
        var addresses: [(IPv4Address, YAMLValue)] = []
        let network = try parseNetwork(body, addresses: &addresses)
        for (address, field) in addresses { try checkHeld(address, field) }
        try checkAddressSpaces([network], [body])
        try checkAdjacency([network], [body])
        if networks[network.name] == nil { networks[network.name] = network }
        return network
    }

    private func access(_ body: YAMLValue) throws(InputError) -> Step {
        let o = try body.mapping(["resource", "scope", "publicIngestion", "publicQuery", "ingestionAccessMode", "queryAccessMode"])
        switch (o["resource"], o["scope"]) {
        case (let resource?, nil):
            for key in ["ingestionAccessMode", "queryAccessMode"] where o[key] != nil {
                throw (o[key] ?? body).error("\(key) is a setting of a scope, not of a resource")
            }
            let ingestion = try o["publicIngestion"]?.bool()
            let query = try o["publicQuery"]?.bool()
            if ingestion == nil && query == nil { throw body.error("setAccess needs publicIngestion or publicQuery") }
            return .setResourceAccess(resource: try resourceRef(resource), publicIngestion: ingestion, publicQuery: query)
        case (nil, let scope?):
            for key in ["publicIngestion", "publicQuery"] where o[key] != nil {
                throw (o[key] ?? body).error("\(key) is a setting of a resource, not of a scope")
            }
            let ingestion = try o["ingestionAccessMode"].map { v throws(InputError) in try accessMode(v) }
            let query = try o["queryAccessMode"].map { v throws(InputError) in try accessMode(v) }
            if ingestion == nil && query == nil { throw body.error("setAccess needs ingestionAccessMode or queryAccessMode") }
            return .setScopeAccess(scope: try scopeRef(scope), ingestionAccessMode: ingestion, queryAccessMode: query)
        default:
            throw body.error("setAccess names either a resource or a scope")
        }
    }
}
