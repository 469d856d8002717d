import AmplsimEngine
import AmplsimRender
import Foundation

/// Turns checked YAML into the engine's model. Knows the names declared so far so that every
/// reference can be checked where it is written.
struct TopologyParser {
    let file: String
    let folder: String

    var networks: [NetworkID: Network] = [:]
    var servers: Set<ServerID> = []
    var zoneNames: [ZoneID: DNSName] = [:]
    /// Workspaces, components and DCEs: one namespace.
    var resources: [ResourceID: ResourceKind] = [:]
    var scopes: Set<ScopeID> = []
    /// Endpoint names declared so far (privateEndpoints and createEndpoint steps).
    var endpoints: Set<EndpointID> = []
    var resolvers: [ResolverID: DNSResolver] = [:]
    var rulesets: Set<RulesetID> = []
    /// The addresses DNS servers and inbound endpoints hold, with who holds them.
    var holders: [IPv4Address: AddressHolder] = [:]
    /// Zone files given on the command line, by zone id.
    var zoneFileOverrides: [ZoneID: String] = [:]
    /// What loaded but was left to a default the user may not have meant.
    var warnings: [LoadWarning] = []
    /// Each zone's contents as `parseZone` indexed them, handed to the topology (`World` uses them).
    var zoneContents: [ZoneID: ZoneContents] = [:]

    init(file: String, folder: String) {
        self.file = file
        self.folder = folder
    }

    /// Learns the names of an already loaded topology (for scenario files).
    mutating func know(_ topology: Topology) {
        for n in topology.networks { networks[n.name] = n }
        servers = Set(topology.dnsServers.map(\.name))
        for z in topology.zones { zoneNames[z.id] = z.name }
        for w in topology.workspaces { resources[w.name] = .workspace }
        for c in topology.components { resources[c.name] = .component }
        for d in topology.dataCollectionEndpoints { resources[d.name] = .dataCollectionEndpoint }
        scopes = Set(topology.scopes.map(\.name))
        endpoints = Set(topology.privateEndpoints.map(\.name))
        for r in topology.dnsResolvers { resolvers[r.name] = r }
        rulesets = Set(topology.forwardingRulesets.map(\.name))
        for s in topology.dnsServers { if let a = s.address, holders[a] == nil { holders[a] = .server(s.name) } }
        for r in topology.dnsResolvers {
            for a in r.inbound where holders[a] == nil { holders[a] = .inbound(resolver: r.name, network: r.network) }
        }
        for step in topology.steps {
            switch step.step {
            case .createEndpoint(let spec): endpoints.insert(spec.name)
            case .createNetwork(let network): if networks[network.name] == nil { networks[network.name] = network }
            default: break
            }
        }
    }

    static let topKeys = ["version", "settings", "networks", "dnsServers", "dnsResolvers", "forwardingRulesets", "zones",
                          "workspaces", "components", "dataCollectionEndpoints", "scopes", "privateEndpoints", "steps", "intents"]

    /// The topology versions this loader reads; version 1's keys are a subset of version 2's.
    static let versions = 1...2

    mutating func parse(_ root: YAMLValue) throws(InputError) -> Topology {
        let top = try root.mapping(TopologyParser.topKeys)
        let version = try top.required("version")
        guard TopologyParser.versions.contains(try version.int(in: 0...Int.max)) else {
            throw version.error("this amplsim reads topology versions 1 and 2")
        }
        var topology = Topology()
        if let settings = top["settings"] { topology.settings = try parseSettings(settings) }

        let networkValues = try top["networks"]?.list() ?? []
        let serverValues = try top["dnsServers"]?.list() ?? []
        // Names first: networks name servers and servers name networks.
        try declareNames(networkValues, key: "name", kind: "network") { networks[NetworkID($0)] = Network(name: NetworkID($0), addressSpace: []) }
        try declareNames(serverValues, key: "name", kind: "DNS server") { servers.insert(ServerID($0)) }
        // A network's `dns` may be an address that a server or an inbound endpoint declared
        // further down holds: checked once those are read.
        var dnsAddresses: [(IPv4Address, YAMLValue)] = []
        // Each list's items are read one by one and their errors collected (up to 20), so that
        // independent mistakes come out in one run; a list with an error ends the loading, since
        // later lists name what it declares.
        var collected = CollectedErrors()
        for value in networkValues {
            try collected.attempt { () throws(InputError) in topology.networks.append(try parseNetwork(value, addresses: &dnsAddresses)) }
        }
        try collected.check()
        networks = Dictionary(topology.networks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        try checkAddressSpaces(topology.networks, networkValues)
        try checkAdjacency(topology.networks, networkValues)

        let zoneValues = try top["zones"]?.list() ?? []
        for value in zoneValues { try collected.attempt { () throws(InputError) in topology.zones.append(try parseZone(value)) } }
        try collected.check()
        try checkOneZoneOfANamePerNetwork(topology.zones, zoneValues)
        topology.zoneContents = zoneContents
        for value in serverValues { try collected.attempt { () throws(InputError) in topology.dnsServers.append(try parseServer(value)) } }
        try collected.check()
        for value in try top["dnsResolvers"]?.list() ?? [] {
            try collected.attempt { () throws(InputError) in topology.dnsResolvers.append(try parseResolver(value)) }
        }
        try collected.check()
        for (address, field) in dnsAddresses { try checkHeld(address, field) }
        let rulesetValues = try top["forwardingRulesets"]?.list() ?? []
        for value in rulesetValues { try collected.attempt { () throws(InputError) in topology.forwardingRulesets.append(try parseRuleset(value)) } }
        try collected.check()
        try checkRuleConflicts(topology.forwardingRulesets, rulesetValues)

        var declared: [String: YAMLValue] = [:]
        var ids: [String: ResourceID] = [:]
        for value in try top["workspaces"]?.list() ?? [] {
            try collected.attempt { () throws(InputError) in
                let w = try parseWorkspace(value)
                try declareResource(w.name.name, .workspace, value, &declared)
                if let other = ids[w.id] {
                    throw (try value.mapping(workspaceKeys).required("id")).error("workspace id \(w.id) is already used by \(other)")
                }
                ids[w.id] = w.name
                topology.workspaces.append(w)
            }
        }
        for value in try top["components"]?.list() ?? [] {
            try collected.attempt { () throws(InputError) in
                let c = try parseComponent(value)
                try declareResource(c.name.name, .component, value, &declared)
                topology.components.append(c)
            }
        }
        for value in try top["dataCollectionEndpoints"]?.list() ?? [] {
            try collected.attempt { () throws(InputError) in
                let d = try parseDCE(value)
                try declareResource(d.name.name, .dataCollectionEndpoint, value, &declared)
                topology.dataCollectionEndpoints.append(d)
            }
        }
        try collected.check()
        for value in try top["scopes"]?.list() ?? [] {
            try collected.attempt { () throws(InputError) in
                let scope = try parseScope(value, limit: topology.settings.limits.resourcesPerScope ?? Int.max)
                if scopes.contains(scope.name) { throw try duplicate(value, "scope", scope.name.name) }
                scopes.insert(scope.name)
                topology.scopes.append(scope)
            }
        }
        try collected.check()
        try checkScopeLimits(topology, try top["scopes"]?.list() ?? [])
        for value in try top["privateEndpoints"]?.list() ?? [] {
            try collected.attempt { () throws(InputError) in
                let spec = try parseEndpoint(value)
                if endpoints.contains(spec.name) { throw try duplicate(value, "private endpoint", spec.name.name) }
                endpoints.insert(spec.name)
                topology.privateEndpoints.append(spec)
            }
        }
        try collected.check()
        if let steps = top["steps"] { topology.steps = try self.steps(steps) }
        // After the steps: a pattern may name a network that a step creates.
        if let intents = top["intents"] { topology.intents = try self.intents(intents) }
        return topology
    }

    // MARK: Helpers

    func duplicate(_ value: YAMLValue, _ kind: String, _ name: String) throws(InputError) -> InputError {
        let field = try value.mapping(["name", "id"] + allKeys).fields["name"] ?? value
        return field.error("duplicate \(kind) name '\(name)'")
    }

    private var allKeys: [String] {
        Array(Set(networkKeys + serverKeys + zoneKeys + workspaceKeys + componentKeys + dceKeys + scopeKeys + endpointKeys
                  + resolverKeys + rulesetKeys))
    }

    private func declareNames(_ values: [YAMLValue], key: String, kind: String,
                              _ add: (String) -> Void) throws(InputError) {
        var seen = Set<String>()
        for value in values {
            guard case .mapping(let mapping) = value.node else { continue }
            for (k, v) in mapping where k.scalar?.string == key {
                let field = value.child(v, key)
                let name = try field.name()
                if !seen.insert(name).inserted { throw field.error("duplicate \(kind) name '\(name)'") }
                add(name)
            }
        }
    }

    private mutating func declareResource(_ name: String, _ kind: ResourceKind, _ value: YAMLValue,
                                          _ declared: inout [String: YAMLValue]) throws(InputError) {
        if declared[name] != nil {
            let field = (try? value.mapping(workspaceKeys + componentKeys + dceKeys))?.fields["name"] ?? value
            throw field.error("duplicate resource name '\(name)' (workspaces, components and DCEs share one namespace)")
        }
        declared[name] = value
        resources[ResourceID(name)] = kind
    }

    func dnsName(_ value: YAMLValue) throws(InputError) -> DNSName {
        let text = try value.string()
        if text == "." { return DNSName(canonical: "") }
        guard let name = DNSName(text) else {
            throw value.error("'\(text)' is not a valid DNS name (labels of 1 to 63 letters, digits, '-' or '_', at most 253 characters)")
        }
        return name
    }

    func ipv4(_ value: YAMLValue) throws(InputError) -> IPv4Address {
        let text = try value.string()
        guard let address = IPv4Address(text) else { throw value.error("'\(text)' is not an IPv4 address") }
        return address
    }

    /// Text that can only be meant as an address (digits and dots): `10.0.0.4`, or `10.0.0.256`
    /// written by mistake.
    static func looksLikeAddress(_ text: String) -> Bool {
        text.contains(".") && text.utf8.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
    }

    /// A `dns` address must be held by a DNS server or an inbound endpoint (`ModelRules.dnsAddress`).
    func checkHeld(_ address: IPv4Address, _ field: YAMLValue) throws(InputError) {
        try check(ModelRules.dnsAddress(address, holder: holders[address]), field)
    }

    /// An address a DNS server or an inbound endpoint is about to take: nothing else may hold it.
    mutating func claim(_ address: IPv4Address, for holder: AddressHolder, _ field: YAMLValue) throws(InputError) {
        if let other = holders[address] { throw field.error("\(address) is already held by \(RefusalText.holderName(other))") }
        holders[address] = holder
    }

    /// A model rule broken (Docs/topology.md#rules-and-refusals) is the field's error, worded by
    /// Render's `RefusalText.inputMessage`.
    func check(_ broken: ModelRules.RuleViolation?, _ field: YAMLValue, space: [CIDR] = []) throws(InputError) {
        if let broken { throw field.error(RefusalText.inputMessage(broken.facts, space: space)) }
    }

    func cidr(_ value: YAMLValue) throws(InputError) -> CIDR {
        let text = try value.string()
        switch CIDR.parse(text) {
        case .success(let cidr): return cidr
        case .failure(.malformed): throw value.error("'\(text)' is not an IPv4 CIDR (like 10.0.0.0/16)")
        case .failure(.hostBitsSet(let suggested)):
            throw value.error("'\(text)' has host bits set; did you mean \(suggested)?")
        }
    }

    func networkRef(_ value: YAMLValue) throws(InputError) -> NetworkID {
        let name = try value.name()
        guard networks[NetworkID(name)] != nil else {
            throw value.error("no network named '\(name)'" + suggestion(name, networks.keys.map(\.name)))
        }
        return NetworkID(name)
    }

    func zoneRef(_ value: YAMLValue) throws(InputError) -> ZoneID {
        let id = try value.name()
        guard zoneNames[ZoneID(id)] != nil else { throw value.error("no zone with id '\(id)'" + suggestion(id, zoneNames.keys)) }
        return ZoneID(id)
    }

    func serverRef(_ value: YAMLValue) throws(InputError) -> ServerID {
        let name = try value.name()
        guard servers.contains(ServerID(name)) else { throw value.error("no DNS server named '\(name)'" + suggestion(name, servers)) }
        return ServerID(name)
    }

    func resourceRef(_ value: YAMLValue) throws(InputError) -> ResourceID {
        let name = try value.name()
        guard resources[ResourceID(name)] != nil else {
            throw value.error("no workspace, component or DCE named '\(name)'" + suggestion(name, resources.keys))
        }
        return ResourceID(name)
    }

    func resolverRef(_ value: YAMLValue) throws(InputError) -> ResolverID {
        let name = try value.name()
        guard resolvers[ResolverID(name)] != nil else {
            throw value.error("no DNS resolver named '\(name)'" + suggestion(name, resolvers.keys))
        }
        return ResolverID(name)
    }

    func rulesetRef(_ value: YAMLValue) throws(InputError) -> RulesetID {
        let name = try value.name()
        guard rulesets.contains(RulesetID(name)) else {
            throw value.error("no forwarding ruleset named '\(name)'" + suggestion(name, rulesets))
        }
        return RulesetID(name)
    }

    func scopeRef(_ value: YAMLValue) throws(InputError) -> ScopeID {
        let name = try value.name()
        guard scopes.contains(ScopeID(name)) else { throw value.error("no scope named '\(name)'" + suggestion(name, scopes)) }
        return ScopeID(name)
    }

    func suggestion<S: Sequence>(_ name: String, _ candidates: S) -> String where S.Element == String {
        Spelling.nearest(name, in: candidates.sorted()).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The nearest of the identities' names, as a "did you mean" ending.
    func suggestion<Tag>(_ name: String, _ candidates: some Sequence<Identifier<Tag>>) -> String {
        suggestion(name, candidates.lazy.map(\.name))
    }

    func source(_ value: YAMLValue) -> SourceRef { SourceRef(file: file, line: value.line) }
}
