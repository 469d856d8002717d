import AmplsimEngine

extension TopologyParser {
    static let stepKeys = ["createEndpoint", "deleteEndpoint", "linkResource", "unlinkResource", "deleteResource",
                           "linkZone", "unlinkZone", "peer", "unpeer", "setDns", "setAccess", "setRecord",
                           "deleteRecord"]

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
            guard endpoints.contains(name) else {
                throw body.error("no private endpoint named '\(name)' is created before this step" + suggestion(name, endpoints))
            }
            return .deleteEndpoint(name)
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
            if networks[network]?.kind == .onprem {
                throw networkField.error("\(network) is an on-premises network: private DNS zones link only to Azure VNets")
            }
            let fallback = try o["fallbackToInternet"]?.bool() ?? false
            if fallback, let name = zoneNames[zone], name.firstLabel != "privatelink" {
                throw (try o.required("fallbackToInternet")).error("fallback to internet applies to privatelink.* zones only, not \(name.absolute)")
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
            if a == b { throw pair[1].error("a network cannot be joined to itself") }
            return key == "peer" ? .peer(a, b) : .unpeer(a, b)
        case "setDns":
            let o = try body.mapping(["network", "dns"])
            let network = try networkRef(try o.required("network"))
            let dnsField = try o.required("dns")
            let dns = try dnsField.name()
            return .setDns(network: network, dns: dns == "azure" ? .azure : .server(try serverRef(dnsField)))
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
        default:
            throw body.error("unknown step '\(key)'")
        }
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
