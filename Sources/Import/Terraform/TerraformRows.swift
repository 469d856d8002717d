import AmplsimEngine

/// A plan's resources (one state: before or after) as Azure rows, so that the Azure importer
/// maps them: azurerm resources by their attributes, azapi resources by their ARM body. Ids
/// unknown until apply are built as Azure will build them (subscription, resource group, name);
/// references unknown until apply are followed through the configuration.
struct TerraformRows {
    let plan: TerraformPlan
    let resources: [TerraformResource]
    let subscription: String
    var rows: [AzureRow] = []
    var notes: [ImportNote] = []
    /// Lower-cased Azure id → Terraform address.
    var addressOfId: [String: String] = [:]
    /// Types seen that are not mapped, with their count.
    var skipped: [String: Int] = [:]

    private var byAddress: [String: TerraformResource] = [:]
    private var byConfig: [String: [TerraformResource]] = [:]

    static let types: Set<String> = [
        "azurerm_virtual_network", "azurerm_subnet", "azurerm_virtual_network_peering", "azurerm_private_dns_zone",
        "azurerm_private_dns_zone_virtual_network_link", "azurerm_private_dns_a_record", "azurerm_private_dns_cname_record",
        "azurerm_private_endpoint", "azurerm_monitor_private_link_scope", "azurerm_monitor_private_link_scoped_service",
        "azurerm_log_analytics_workspace", "azurerm_application_insights", "azurerm_monitor_data_collection_endpoint",
        "azurerm_private_dns_resolver", "azurerm_private_dns_resolver_inbound_endpoint", "azurerm_private_dns_resolver_outbound_endpoint",
        "azurerm_private_dns_resolver_dns_forwarding_ruleset", "azurerm_private_dns_resolver_forwarding_rule",
        "azurerm_private_dns_resolver_virtual_network_link", "azapi_resource",
    ]

    init(plan: TerraformPlan, resources: [TerraformResource], subscription: String) {
        self.plan = plan
        self.resources = resources
        self.subscription = subscription
        for r in resources {
            byAddress[r.address] = r
            byConfig[r.configAddress, default: []].append(r)
        }
    }

    /// The first `/subscriptions/<id>/` in any known id of the plan.
    static func subscription(in resources: [TerraformResource]) -> String? {
        for r in resources {
            guard let id = r.values["id"]?.text?.lowercased(), id.hasPrefix("/subscriptions/") else { continue }
            let parts = id.split(separator: "/")
            if parts.count > 1 { return String(parts[1]) }
        }
        return nil
    }

    mutating func build() throws(ImportError) {
        for r in resources.sorted(by: { $0.address < $1.address }) {
            guard TerraformRows.types.contains(r.type) else { skipped[r.type, default: 0] += 1; continue }
            try convert(r)
        }
    }

    mutating func placeholder(_ r: TerraformResource, _ message: String) { notes.append(ImportNote(.placeholder, r.address, message)) }

    // MARK: Ids and references

    func rg(_ r: TerraformResource) throws(ImportError) -> String { try r.text("resource_group_name") ?? "unknown-resource-group" }

    func armId(_ r: TerraformResource, _ provider: String, _ name: String? = nil) throws(ImportError) -> String {
        "/subscriptions/\(subscription)/resourceGroups/\(try rg(r))/providers/\(provider)/\(name ?? r.name)"
    }

    /// The resource's id: known, or built as Azure will build it.
    func id(of r: TerraformResource) throws(ImportError) -> String {
        if let known = try r.values["id"]?.string(), !known.isEmpty { return known }
        let name = try r.text("name") ?? r.name
        switch r.type {
        case "azurerm_virtual_network": return try armId(r, "Microsoft.Network/virtualNetworks", name)
        case "azurerm_subnet":
            return try armId(r, "Microsoft.Network/virtualNetworks", try r.text("virtual_network_name") ?? "") + "/subnets/\(name)"
        case "azurerm_virtual_network_peering":
            return try armId(r, "Microsoft.Network/virtualNetworks", try r.text("virtual_network_name") ?? "") + "/virtualNetworkPeerings/\(name)"
        case "azurerm_private_dns_zone": return try armId(r, "Microsoft.Network/privateDnsZones", name)
        case "azurerm_private_dns_zone_virtual_network_link":
            return try armId(r, "Microsoft.Network/privateDnsZones", try r.text("private_dns_zone_name") ?? "") + "/virtualNetworkLinks/\(name)"
        case "azurerm_private_dns_a_record": return try armId(r, "Microsoft.Network/privateDnsZones", try r.text("zone_name") ?? "") + "/A/\(name)"
        case "azurerm_private_dns_cname_record": return try armId(r, "Microsoft.Network/privateDnsZones", try r.text("zone_name") ?? "") + "/CNAME/\(name)"
        case "azurerm_private_endpoint": return try armId(r, "Microsoft.Network/privateEndpoints", name)
        case "azurerm_monitor_private_link_scope": return try armId(r, "microsoft.insights/privateLinkScopes", name)
        case "azurerm_monitor_private_link_scoped_service":
            return try armId(r, "microsoft.insights/privateLinkScopes", try r.text("scope_name") ?? "") + "/scopedResources/\(name)"
        case "azurerm_log_analytics_workspace": return try armId(r, "Microsoft.OperationalInsights/workspaces", name)
        case "azurerm_application_insights": return try armId(r, "Microsoft.Insights/components", name)
        case "azurerm_monitor_data_collection_endpoint": return try armId(r, "Microsoft.Insights/dataCollectionEndpoints", name)
        case "azurerm_private_dns_resolver": return try armId(r, "Microsoft.Network/dnsResolvers", name)
        case "azurerm_private_dns_resolver_inbound_endpoint":
            return (try ref(r, ["private_dns_resolver_id"]).first ?? "/unknown") + "/inboundEndpoints/\(name)"
        case "azurerm_private_dns_resolver_outbound_endpoint":
            return (try ref(r, ["private_dns_resolver_id"]).first ?? "/unknown") + "/outboundEndpoints/\(name)"
        case "azurerm_private_dns_resolver_dns_forwarding_ruleset": return try armId(r, "Microsoft.Network/dnsForwardingRulesets", name)
        case "azurerm_private_dns_resolver_forwarding_rule":
            return (try ref(r, ["dns_forwarding_ruleset_id"]).first ?? "/unknown") + "/forwardingRules/\(name)"
        case "azurerm_private_dns_resolver_virtual_network_link":
            return (try ref(r, ["dns_forwarding_ruleset_id"]).first ?? "/unknown") + "/virtualNetworkLinks/\(name)"
        case "azapi_resource":
            let (type, _) = try azapiType(r)
            let parent = try ref(r, ["parent_id"]).first ?? "/subscriptions/\(subscription)/resourceGroups/unknown-resource-group"
            let segments = type.split(separator: "/")
            if segments.count <= 2 { return "\(parent)/providers/\(type)/\(name)" }
            return "\(parent)/\(segments.last ?? "")/\(name)"
        default: return "/terraform/\(r.address)"
        }
    }

    /// The ids an attribute holds (one, or a list), or, unknown until apply, the ids of the
    /// resources the configuration's expression refers to.
    func ref(_ r: TerraformResource, _ path: [String], list: Bool = false) throws(ImportError) -> [String] {
        if let node = r.at(path) {
            if case .array = node.value {
                if !list { throw node.error("expected a string, found a list") }
                var out: [String] = []
                for item in try node.list() { out.append(try item.string()) }
                if !out.isEmpty || !r.isUnknown(path) { return out }
            } else {
                return [try node.string()]
            }
        }
        guard r.isUnknown(path) || r.at(path) == nil else { return [] }
        let refs = plan.references[r.configAddress]?[path.joined(separator: ".")] ?? []
        var out: [String] = []
        for reference in refs {
            var matched: [TerraformResource] = []
            if let exact = resources.first(where: { reference == $0.address || reference.hasPrefix($0.address + ".") }) {
                matched = [exact]
            } else {
                let stripped = TerraformPlan.stripIndex(reference)
                for (config, list) in byConfig where stripped == config || stripped.hasPrefix(config + ".") { matched += list }
                matched.sort { $0.address < $1.address }
            }
            for m in matched {
                let id = try id(of: m)
                if !out.contains(id) { out.append(id) }
            }
        }
        return out
    }

    func azapiType(_ r: TerraformResource) throws(ImportError) -> (type: String, version: String) {
        guard let field = r.values["type"] else { throw r.values.error("an azapi_resource without type") }
        let text = try field.string()
        let parts = text.split(separator: "@", maxSplits: 1)
        return (String(parts.first ?? ""), parts.count > 1 ? String(parts[1]) : "")
    }

    // MARK: Building rows

    mutating func row(_ r: TerraformResource, id: String, type: String, name: String, location: String? = nil,
                      properties: [(String, JSONValue?)]) {
        var fields: [(String, JSONValue?)] = [("id", .string(id)), ("type", .string(type)), ("name", .string(name))]
        if let location { fields.append(("location", .string(location))) }
        fields.append(("properties", J.object(properties)))
        let node = JSONNode(value: J.object(fields), path: r.values.path, file: r.values.file)
        rows.append(AzureRow(id: id, key: id.lowercased(), type: type, name: name, node: node))
        addressOfId[id.lowercased()] = r.address
    }

    func cidrs(_ node: JSONNode?) throws(ImportError) -> JSONValue? {
        guard let node else { return nil }
        var out: [JSONValue] = []
        for item in try node.list() {
            let text = try item.string()
            if !text.contains(":") { _ = try cidr(item) }
            out.append(.string(text))
        }
        return .array(out)
    }

    func addresses(_ node: JSONNode?) throws(ImportError) -> JSONValue? {
        guard let node else { return nil }
        var out: [JSONValue] = []
        for item in try node.list() { out.append(.string(try ipv4(item).description)) }
        return .array(out)
    }

    func enabled(_ node: JSONNode?) throws(ImportError) -> JSONValue? {
        guard let node else { return nil }
        return .string(try node.bool() ? "Enabled" : "Disabled")
    }
}

/// Building JSON values.
enum J {
    static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        var o = JSONObject()
        for (k, v) in pairs { if let v { o.keys.append(k); o.values.append(v) } }
        return .object(o)
    }
    static func ref(_ id: String?) -> JSONValue? { id.map { object([("id", .string($0))]) } }
    static func string(_ s: String?) -> JSONValue? { s.map { .string($0) } }
}
