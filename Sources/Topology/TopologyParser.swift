import AmplsimEngine
import Foundation

/// Turns checked YAML into the engine's model. Knows the names declared so far so that every
/// reference can be checked where it is written.
struct TopologyParser {
    let file: String
    let folder: String

    var networks: [String: Network] = [:]
    var servers: Set<String> = []
    var zoneNames: [String: DNSName] = [:]
    var resources: Set<String> = []
    var scopes: Set<String> = []
    /// Endpoint names declared so far (privateEndpoints and createEndpoint steps).
    var endpoints: Set<String> = []
    /// Zone files given on the command line, by zone id.
    var zoneFileOverrides: [String: String] = [:]

    init(file: String, folder: String) {
        self.file = file
        self.folder = folder
    }

    /// Learns the names of an already loaded topology (for scenario files).
    mutating func know(_ topology: Topology) {
        for n in topology.networks { networks[n.name] = n }
        servers = Set(topology.dnsServers.map(\.name))
        for z in topology.zones { zoneNames[z.id] = z.name }
        resources = Set(topology.workspaces.map(\.name) + topology.components.map(\.name))
        scopes = Set(topology.scopes.map(\.name))
        endpoints = Set(topology.privateEndpoints.map(\.name))
        for step in topology.steps { if case .createEndpoint(let spec) = step.step { endpoints.insert(spec.name) } }
    }

    static let topKeys = ["version", "settings", "networks", "dnsServers", "zones", "workspaces", "components",
                          "scopes", "privateEndpoints", "steps"]

    mutating func parse(_ root: YAMLValue) throws(InputError) -> Topology {
        let top = try root.mapping(TopologyParser.topKeys)
        let version = try top.required("version")
        guard try version.int(in: 0...Int.max) == 1 else {
            throw version.error("this amplsim reads topology version 1")
        }
        var topology = Topology()
        if let settings = top["settings"] { topology.settings = try parseSettings(settings) }

        let networkValues = try top["networks"]?.list() ?? []
        let serverValues = try top["dnsServers"]?.list() ?? []
        // Names first: networks name servers and servers name networks.
        try declareNames(networkValues, key: "name", kind: "network") { networks[$0] = Network(name: $0, addressSpace: []) }
        try declareNames(serverValues, key: "name", kind: "DNS server") { servers.insert($0) }
        for value in networkValues { topology.networks.append(try parseNetwork(value)) }
        networks = Dictionary(topology.networks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        try checkAddressSpaces(topology.networks, networkValues)
        try checkAdjacency(networkValues)

        let zoneValues = try top["zones"]?.list() ?? []
        for value in zoneValues { topology.zones.append(try parseZone(value)) }
        try checkOneZoneOfANamePerNetwork(topology.zones, zoneValues)
        for value in serverValues { topology.dnsServers.append(try parseServer(value)) }

        var declared: [String: YAMLValue] = [:]
        var ids: [String: String] = [:]
        for value in try top["workspaces"]?.list() ?? [] {
            let w = try parseWorkspace(value)
            try declareResource(w.name, value, &declared)
            if let other = ids[w.id] {
                throw (try value.mapping(workspaceKeys).required("id")).error("workspace id \(w.id) is already used by \(other)")
            }
            ids[w.id] = w.name
            topology.workspaces.append(w)
        }
        for value in try top["components"]?.list() ?? [] {
            let c = try parseComponent(value)
            try declareResource(c.name, value, &declared)
            topology.components.append(c)
        }
        for value in try top["scopes"]?.list() ?? [] {
            let scope = try parseScope(value, limit: topology.settings.limits.resourcesPerScope ?? Int.max)
            if scopes.contains(scope.name) { throw try duplicate(value, "scope", scope.name) }
            scopes.insert(scope.name)
            topology.scopes.append(scope)
        }
        try checkScopeLimits(topology, try top["scopes"]?.list() ?? [])
        for value in try top["privateEndpoints"]?.list() ?? [] {
            let spec = try parseEndpoint(value)
            if endpoints.contains(spec.name) { throw try duplicate(value, "private endpoint", spec.name) }
            endpoints.insert(spec.name)
            topology.privateEndpoints.append(spec)
        }
        if let steps = top["steps"] { topology.steps = try self.steps(steps) }
        return topology
    }

    // MARK: Helpers

    func duplicate(_ value: YAMLValue, _ kind: String, _ name: String) throws(InputError) -> InputError {
        let field = try value.mapping(["name", "id"] + allKeys).fields["name"] ?? value
        return field.error("duplicate \(kind) name '\(name)'")
    }

    private var allKeys: [String] {
        Array(Set(networkKeys + serverKeys + zoneKeys + workspaceKeys + componentKeys + scopeKeys + endpointKeys))
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

    private mutating func declareResource(_ name: String, _ value: YAMLValue,
                                          _ declared: inout [String: YAMLValue]) throws(InputError) {
        if declared[name] != nil {
            let field = (try? value.mapping(workspaceKeys + componentKeys))?.fields["name"] ?? value
            throw field.error("duplicate resource name '\(name)' (workspaces and components share one namespace)")
        }
        declared[name] = value
        resources.insert(name)
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

    func cidr(_ value: YAMLValue) throws(InputError) -> CIDR {
        let text = try value.string()
        switch CIDR.parse(text) {
        case .success(let cidr): return cidr
        case .failure(.malformed): throw value.error("'\(text)' is not an IPv4 CIDR (like 10.0.0.0/16)")
        case .failure(.hostBitsSet(let suggested)):
            throw value.error("'\(text)' has host bits set; did you mean \(suggested)?")
        }
    }

    func networkRef(_ value: YAMLValue) throws(InputError) -> String {
        let name = try value.name()
        guard networks[name] != nil else {
            throw value.error("no network named '\(name)'" + suggestion(name, networks.keys))
        }
        return name
    }

    func zoneRef(_ value: YAMLValue) throws(InputError) -> String {
        let id = try value.name()
        guard zoneNames[id] != nil else { throw value.error("no zone with id '\(id)'" + suggestion(id, zoneNames.keys)) }
        return id
    }

    func serverRef(_ value: YAMLValue) throws(InputError) -> String {
        let name = try value.name()
        guard servers.contains(name) else { throw value.error("no DNS server named '\(name)'" + suggestion(name, servers)) }
        return name
    }

    func resourceRef(_ value: YAMLValue) throws(InputError) -> String {
        let name = try value.name()
        guard resources.contains(name) else {
            throw value.error("no workspace or component named '\(name)'" + suggestion(name, resources))
        }
        return name
    }

    func scopeRef(_ value: YAMLValue) throws(InputError) -> String {
        let name = try value.name()
        guard scopes.contains(name) else { throw value.error("no scope named '\(name)'" + suggestion(name, scopes)) }
        return name
    }

    func suggestion<S: Sequence>(_ name: String, _ candidates: S) -> String where S.Element == String {
        Spelling.nearest(name, in: candidates.sorted()).map { "; did you mean '\($0)'?" } ?? ""
    }

    func source(_ value: YAMLValue) -> SourceRef { SourceRef(file: file, line: value.line) }
}
