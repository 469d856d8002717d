import AmplsimEngine
import AmplsimRender

extension TopologyParser {
    var workspaceKeys: [String] { ["name", "id", "region", "publicIngestion", "publicQuery"] }
    var componentKeys: [String] {
        ["name", "region", "stamp", "endpointSuffix", "connectionString", "publicIngestion", "publicQuery"]
    }
    var dceKeys: [String] { ["name", "id", "region", "publicIngestion"] }
    var scopeKeys: [String] { ["name", "resources", "ingestionAccessMode", "queryAccessMode", "exclusions"] }
    var endpointKeys: [String] { ["name", "network", "subnet", "scope", "dnsZones", "addresses"] }

    mutating func parseWorkspace(_ value: YAMLValue) throws(InputError) -> Workspace {
        let o = try value.mapping(workspaceKeys)
        let name = try o.required("name").name()
        let idField = try o.required("id")
        let id = try idField.string()
        guard GUID.isValid(id) else {
            throw idField.error("'\(id)' is not a GUID (8-4-4-4-12 hexadecimal digits, like 9f1c2d3e-0000-4000-8000-000000000001)")
        }
        var w = Workspace(name: ResourceID(name), id: id, region: try region(try o.required("region")))
        if let v = o["publicIngestion"] { w.publicIngestion = try v.bool() }
        if let v = o["publicQuery"] { w.publicQuery = try v.bool() }
        return w
    }

    /// A component: region, stamp and suffix as fields, or read from its connection string
    /// (Docs/model.md#endpoints). Without either a stamp or a connection string, stamp 0 and a warning.
    mutating func parseComponent(_ value: YAMLValue) throws(InputError) -> Component {
        let o = try value.mapping(componentKeys)
        let name = try o.required("name").name()
        var c: Component
        if let field = o["connectionString"] {
            for key in ["region", "stamp", "endpointSuffix"] {
                if let other = o[key] {
                    throw other.error("\(key) beside connectionString: the connection string gives the region, stamp and suffix; give one or the other")
                }
            }
            c = try connectionStringComponent(name: ResourceID(name), field)
        } else {
            c = Component(name: ResourceID(name), region: try region(try o.required("region")))
            if let v = o["endpointSuffix"] { c.endpointSuffix = try endpointSuffix(v) }
            if let v = o["stamp"] {
                c.stamp = try v.int(in: 0...9999)
            } else if c.endpointSuffix == nil {
                // With an EndpointSuffix there is no regional ingestion name: the stamp is unused.
                c.stampDefaulted = true
                warnings.append(warning(value, "\(name) has no stamp and no connection string: stamp 0 is assumed, and components of one region on different stamps do not share a name"))
            }
        }
        if let v = o["publicIngestion"] { c.publicIngestion = try v.bool() }
        if let v = o["publicQuery"] { c.publicQuery = try v.bool() }
        return c
    }

    /// The component a `connectionString` field describes, read by the engine's `ConnectionString`;
    /// its first problem is the field's error.
    func connectionStringComponent(name: ResourceID, _ field: YAMLValue) throws(InputError) -> Component {
        let parts = ConnectionString(try field.string())
        if let problem = parts.problems.first {
            switch problem {
            case .notKeyValue(let part): throw field.error("'\(part)' is not Key=Value in the connection string")
            case .noKey(let part): throw field.error("'\(part)' has no key in the connection string")
            case .keyTwice(let key): throw field.error("the connection string gives \(key) twice")
            case .noIngestionEndpoint:
                throw field.error("the connection string has no IngestionEndpoint (https://<region>-<stamp>\(AzureMonitorNames.ingestionHostSuffix)/), which gives the component's region and stamp")
            case .badIngestionEndpoint(let url):
                throw field.error("IngestionEndpoint '\(url)' is not https://<region>-<stamp>\(AzureMonitorNames.ingestionHostSuffix)/")
            case .badLiveEndpoint(let url):
                throw field.error("LiveEndpoint '\(url)' is not https://<region>\(AzureMonitorNames.liveHostSuffix)/")
            case .badEndpointSuffix(let suffix): throw field.error("EndpointSuffix '\(suffix)' is not a DNS name")
            }
        }
        guard let component = parts.component(name: name) else { throw field.error("the connection string names no component") }
        return component
    }

    func endpointSuffix(_ value: YAMLValue) throws(InputError) -> DNSName {
        let suffix = try dnsName(value)
        if suffix.text.isEmpty { throw value.error("an endpoint suffix cannot be the root") }
        return suffix
    }

    /// A data collection endpoint; its name and id make the first label of its names
    /// (`<name>-<id>`, Docs/model.md#endpoints).
    mutating func parseDCE(_ value: YAMLValue) throws(InputError) -> DataCollectionEndpoint {
        let o = try value.mapping(dceKeys)
        let nameField = try o.required("name")
        let name = try nameField.name()
        guard name.count <= 58, name.utf8.allSatisfy({ byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
        }) else {
            throw nameField.error("'\(name)' cannot begin a DNS label: a DCE name is letters, digits and '-', at most 58 characters (its names start with <name>-<id>)")
        }
        let idField = try o.required("id")
        let id = try idField.string()
        guard id.utf8.count == 4, id.utf8.allSatisfy({ byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }) else {
            throw idField.error("DCE id must be 4 lower-case letters or digits (Azure appends them to the name), got \(id)")
        }
        var d = DataCollectionEndpoint(name: ResourceID(name), id: id, region: try region(try o.required("region")))
        if let v = o["publicIngestion"] { d.publicIngestion = try v.bool() }
        return d
    }

    func warning(_ value: YAMLValue, _ message: String) -> LoadWarning {
        LoadWarning(file: file, line: value.line, message: value.path.isEmpty ? message : "\(value.path): \(message)")
    }

    /// A region name: lower-case letters and digits (`westeurope`). A display name with spaces
    /// (`West Europe`) is refused with the name meant; upper case is lower-cased (Docs/model.md#public-dns)
    /// with a warning that names the region as written.
    private mutating func region(_ value: YAMLValue) throws(InputError) -> String {
        let given = try value.string()
        let text = given.lowercased()
        func valid(_ name: String) -> Bool {
            !name.isEmpty && name.count <= 40 && name.allSatisfy { ($0.isASCII && $0.isLetter) || $0.isNumber }
        }
        guard valid(text) else {
            let squeezed = text.filter { $0 != " " && $0 != "-" && $0 != "_" }
            if valid(squeezed) {
                throw value.error("'\(given)' is not an Azure region name: regions are lower-case without spaces; did you mean '\(squeezed)'?")
            }
            throw value.error("'\(text)' is not an Azure region name (letters and digits, like eastus)")
        }
        if text != given {
            warnings.append(warning(value, "'\(given)': regions are lower-case; did you mean '\(text)'? (read as \(text))"))
        }
        return text
    }

    func parseScope(_ value: YAMLValue, limit: Int = Int.max) throws(InputError) -> Scope {
        let o = try value.mapping(scopeKeys)
        var scope = Scope(name: ScopeID(try o.required("name").name()))
        var members = Set<ResourceID>()
        let list = try o["resources"]?.list() ?? []
        if list.count > limit, let field = o["resources"] {
            throw field.error("scope \(scope.name) holds \(list.count) resources; the limit is \(limit) (settings.limits.resourcesPerScope)")
        }
        for member in list {
            let name = try resourceRef(member)
            if !members.insert(name).inserted { throw member.error("\(name) is listed twice") }
            scope.resources.append(name)
        }
        if let v = o["ingestionAccessMode"] { scope.ingestionAccessMode = try accessMode(v) }
        if let v = o["queryAccessMode"] { scope.queryAccessMode = try accessMode(v) }
        var excluded = Set<String>()
        for entry in try o["exclusions"]?.list() ?? [] {
            let e = try entry.mapping(["endpoint", "ingestionAccessMode", "queryAccessMode"])
            let endpointField = try e.required("endpoint")
            // An exclusion may name an endpoint that a scenario creates later (what-if).
            let endpoint = try endpointField.name()
            if !excluded.insert(endpoint).inserted { throw endpointField.error("a second exclusion for \(endpoint)") }
            var exclusion = Exclusion(endpoint: EndpointID(endpoint))
            if let v = e["ingestionAccessMode"] { exclusion.ingestionAccessMode = try accessMode(v) }
            if let v = e["queryAccessMode"] { exclusion.queryAccessMode = try accessMode(v) }
            scope.exclusions.append(exclusion)
        }
        return scope
    }

    func accessMode(_ value: YAMLValue) throws(InputError) -> AccessMode {
        AccessMode(rawValue: try value.word(["PrivateOnly", "Open"])) ?? .privateOnly
    }

    /// The scope limits hold for the topology's own membership lists (`ModelRules.scopeMembers`
    /// and `.scopesPerResource`, as for a `linkResource` step).
    func checkScopeLimits(_ topology: Topology, _ values: [YAMLValue]) throws(InputError) {
        let limits = topology.settings.limits
        var memberships: [ResourceID: Int] = [:]
        for (scope, value) in zip(topology.scopes, values) {
            let field = (try? value.mapping(scopeKeys))?.fields["resources"] ?? value
            let kinds = scope.resources.compactMap { resources[$0] }
            try check(ModelRules.scopeMembers(scope: scope.name, kinds: kinds, limits: limits, joining: false), field)
            for member in scope.resources {
                memberships[member, default: 0] += 1
                try check(ModelRules.scopesPerResource(resource: member, count: memberships[member] ?? 0, limits: limits, joining: false), field)
            }
        }
    }

    func parseEndpoint(_ value: YAMLValue) throws(InputError) -> EndpointSpec {
        let o = try value.mapping(endpointKeys)
        let name = try o.required("name").name()
        let networkField = try o.required("network")
        let network = try networkRef(networkField)
        let declared = networks[network]
        if let declared { try check(ModelRules.endpointNetwork(declared), networkField) }
        let subnetField = try o.required("subnet")
        let subnet = try cidr(subnetField)
        if let declared { try check(ModelRules.endpointSubnet(subnet, in: declared), subnetField, space: declared.addressSpace) }
        if subnet.prefix > 29 {
            throw subnetField.error("subnet \(subnet) is too small: Azure subnets are /29 or larger")
        }
        let scope = try scopeRef(try o.required("scope"))
        var spec = EndpointSpec(name: EndpointID(name), network: network, subnet: subnet, scope: scope, source: source(value))
        var group: [(id: ZoneID, name: DNSName)] = []
        for entry in try o["dnsZones"]?.list() ?? [] {
            let id = try zoneRef(entry)
            group.append((id, zoneNames[id] ?? DNSName(canonical: "")))
            // A second zone of a name is the entry's error, as soon as it is read.
            if let broken = ModelRules.zoneGroup(endpoint: spec.name, zones: group), broken.item != nil { try check(broken, entry) }
            spec.dnsZones.append(id)
        }
        if let broken = ModelRules.zoneGroup(endpoint: spec.name, zones: group) { try check(broken, try o.required("dnsZones")) }
        if let addresses = o["addresses"] {
            guard case .mapping(let mapping) = addresses.node else {
                throw addresses.error("expected a mapping of record names to addresses")
            }
            for (key, entry) in mapping {
                let keyField = YAMLValue(node: key, path: addresses.path, file: file)
                let fqdn = try dnsName(keyField)
                try check(ModelRules.fixedAddressName(fqdn), keyField)
                if spec.addresses[fqdn] != nil { throw keyField.error("\(fqdn.absolute) appears twice") }
                let field = addresses.child(entry, fqdn.text)
                let address = try ipv4(field)
                try check(ModelRules.fixedAddress(name: fqdn, address: address, subnet: subnet, holder: holders[address]), field)
                spec.addresses[fqdn] = address
            }
        }
        return spec
    }
}

/// GUID text: 8-4-4-4-12 hexadecimal digits.
enum GUID {
    /// Five groups of 8, 4, 4, 4 and 12 ASCII hexadecimal digits, joined by hyphens. Read byte
    /// by byte (split into `Character`s, a workspace's id cost 60,000 instructions).
    static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 36 else { return false }
        for (i, byte) in bytes.enumerated() {
            switch i {
            case 8, 13, 18, 23:
                guard byte == UInt8(ascii: "-") else { return false }
            default:
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
                    continue
                default:
                    return false
                }
            }
        }
        return true
    }
}
