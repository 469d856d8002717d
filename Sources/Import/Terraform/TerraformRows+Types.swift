import AmplsimEngine

extension TerraformRows {
    /// One resource as a row (and its zone group or peerings where Azure nests them).
    mutating func convert(_ r: TerraformResource) throws(ImportError) {
        let name = try r.text("name") ?? r.name
        let location = try r.text("location").map(AzureID.region)
        let id = try id(of: r)
        switch r.type {
        case "azurerm_virtual_network":
            var subnets: [JSONValue] = []
            for block in try r.values["subnet"]?.list() ?? [] {
                guard let subnetName = try block["name"]?.string() else { continue }
                let subnetId = try block["id"]?.string() ?? "\(id)/subnets/\(subnetName)"
                var prefixes = try cidrs(block["address_prefixes"])
                if prefixes == nil, let single = block["address_prefix"] { prefixes = .array([.string(try single.string())]); _ = try cidr(single) }
                subnets.append(J.object([("id", .string(subnetId)), ("name", .string(subnetName)),
                                         ("properties", J.object([("addressPrefixes", prefixes)]))]))
            }
            row(r, id: id, type: AzureType.vnet, name: name, location: location, properties: [
                ("addressSpace", J.object([("addressPrefixes", try cidrs(r.values["address_space"]))])),
                ("dhcpOptions", J.object([("dnsServers", try addresses(r.values["dns_servers"]))])),
                ("subnets", .array(subnets)),
                ("virtualNetworkPeerings", .array(try peerings(of: r, id: id))),
            ])
        case "azurerm_subnet":
            var prefixes = try cidrs(r.values["address_prefixes"])
            if prefixes == nil, let single = r.values["address_prefix"] { prefixes = .array([.string(try single.string())]); _ = try cidr(single) }
            row(r, id: id, type: AzureType.subnet, name: name, properties: [("addressPrefixes", prefixes)])
        case "azurerm_virtual_network_peering":
            addressOfId[id.lowercased()] = r.address   // folded into its network's row
        case "azurerm_private_dns_zone":
            row(r, id: id, type: AzureType.zone, name: name, properties: [])
        case "azurerm_private_dns_zone_virtual_network_link":
            row(r, id: id, type: AzureType.zoneLink, name: name, properties: [
                ("virtualNetwork", J.ref(try ref(r, ["virtual_network_id"]).first)),
                ("resolutionPolicy", J.string(try r.text("resolution_policy"))),
            ])
        case "azurerm_private_dns_a_record":
            let records = try addresses(r.values["records"]).map { list -> JSONValue in
                guard case .array(let items) = list else { return list }
                return .array(items.map { J.object([("ipv4Address", $0)]) })
            }
            row(r, id: id, type: AzureType.aRecord, name: name, properties: [
                ("ttl", r.values["ttl"].map(\.value)), ("aRecords", records),
            ])
        case "azurerm_private_dns_cname_record":
            row(r, id: id, type: AzureType.cnameRecord, name: name, properties: [
                ("ttl", r.values["ttl"].map(\.value)), ("cnameRecord", J.object([("cname", J.string(try r.text("record")))])),
            ])
        case "azurerm_private_endpoint":
            try endpoint(r, id: id, name: name, location: location)
        case "azurerm_monitor_private_link_scope":
            row(r, id: id, type: AzureType.scope, name: name, properties: [
                ("accessModeSettings", J.object([("ingestionAccessMode", J.string(try r.text("ingestion_access_mode") ?? "Open")),
                                                 ("queryAccessMode", J.string(try r.text("query_access_mode") ?? "Open"))])),
            ])
        case "azurerm_monitor_private_link_scoped_service":
            guard let linked = try ref(r, ["linked_resource_id"]).first else {
                notes.append(ImportNote(.unmapped, r.address, "its linked resource is unknown until apply and its configuration names no resource"))
                return
            }
            row(r, id: id, type: AzureType.scopedResource, name: name, properties: [("linkedResourceId", .string(linked))])
        case "azurerm_log_analytics_workspace":
            var guid = try r.text("workspace_id")
            if guid == nil {
                guid = Placeholder.guid(r.address)
                placeholder(r, "workspace id (customerId) unknown until apply: \(guid ?? "") stands in for it")
            }
            row(r, id: id, type: AzureType.workspace, name: name, location: location, properties: [
                ("customerId", J.string(guid)),
                ("publicNetworkAccessForIngestion", try enabled(r.values["internet_ingestion_enabled"])),
                ("publicNetworkAccessForQuery", try enabled(r.values["internet_query_enabled"])),
            ])
        case "azurerm_application_insights":
            let connection = try r.text("connection_string")
            if connection == nil { placeholder(r, "connection string unknown until apply: region \(location ?? "?") and stamp 0 stand in") }
            row(r, id: id, type: AzureType.component, name: name, location: location, properties: [
                ("ConnectionString", J.string(connection)),
                ("publicNetworkAccessForIngestion", try enabled(r.values["internet_ingestion_enabled"])),
                ("publicNetworkAccessForQuery", try enabled(r.values["internet_query_enabled"])),
            ])
        case "azurerm_monitor_data_collection_endpoint":
            var endpoint = try r.text("configuration_access_endpoint")
            if endpoint == nil {
                let dce = Placeholder.dceID(r.address)
                endpoint = "https://\(name.lowercased())-\(dce).\(location ?? "unknown")-1.handler.control.monitor.azure.com"
                placeholder(r, "endpoint names unknown until apply: id \(dce) stands in for the 4 characters Azure appends")
            }
            row(r, id: id, type: AzureType.dce, name: name, location: location, properties: [
                ("configurationAccess", J.object([("endpoint", J.string(endpoint))])),
                ("networkAcls", J.object([("publicNetworkAccess", try enabled(r.values["public_network_access_enabled"]))])),
            ])
        case "azurerm_private_dns_resolver":
            row(r, id: id, type: AzureType.resolver, name: name, location: location, properties: [
                ("virtualNetwork", J.ref(try ref(r, ["virtual_network_id"]).first)),
            ])
        case "azurerm_private_dns_resolver_inbound_endpoint":
            var configurations: [JSONValue] = []
            for (i, block) in (try r.values["ip_configurations"]?.list() ?? []).enumerated() {
                let subnet = try ref(r, ["ip_configurations", String(i), "subnet_id"]).first
                var address = try block["private_ip_address"].map { n throws(ImportError) in try ipv4(n).description }
                if address == nil, let subnet, let prefix = subnetPrefix(subnet) {
                    address = IPv4Address(prefix.base.value + 4).description
                    placeholder(r, "inbound address unknown until apply: \(address ?? ""), the first address Azure gives in its subnet, stands in")
                }
                configurations.append(J.object([("privateIpAddress", J.string(address)), ("subnet", J.ref(subnet))]))
            }
            row(r, id: id, type: AzureType.inbound, name: name, properties: [("ipConfigurations", .array(configurations))])
        case "azurerm_private_dns_resolver_outbound_endpoint":
            row(r, id: id, type: AzureType.outbound, name: name, properties: [("subnet", J.ref(try ref(r, ["subnet_id"]).first))])
        case "azurerm_private_dns_resolver_dns_forwarding_ruleset":
            let outbound = try ref(r, ["private_dns_resolver_outbound_endpoint_ids"], list: true).map { J.object([("id", .string($0))]) }
            row(r, id: id, type: AzureType.ruleset, name: name, location: location, properties: [("dnsResolverOutboundEndpoints", .array(outbound))])
        case "azurerm_private_dns_resolver_forwarding_rule":
            var targets: [JSONValue] = []
            for block in try r.values["target_dns_servers"]?.list() ?? [] {
                guard let field = block["ip_address"] else { continue }
                targets.append(J.object([("ipAddress", .string(try ipv4(field).description)), ("port", block["port"].map(\.value))]))
            }
            let enabled = try r.values["enabled"]?.bool() ?? true
            row(r, id: id, type: AzureType.rule, name: name, properties: [
                ("domainName", J.string(try r.text("domain_name"))), ("targetDnsServers", .array(targets)),
                ("forwardingRuleState", .string(enabled ? "Enabled" : "Disabled")),
            ])
        case "azurerm_private_dns_resolver_virtual_network_link":
            row(r, id: id, type: AzureType.rulesetLink, name: name, properties: [("virtualNetwork", J.ref(try ref(r, ["virtual_network_id"]).first))])
        case "azapi_resource":
            try azapi(r, id: id, name: name, location: location)
        default:
            break
        }
    }

    /// The prefix of a subnet id among this state's networks and subnets.
    func subnetPrefix(_ subnetId: String) -> CIDR? {
        let key = subnetId.lowercased()
        for r in resources where r.type == "azurerm_subnet" || r.type == "azurerm_virtual_network" {
            if r.type == "azurerm_subnet", (try? id(of: r))?.lowercased() == key,
               let first = (r.values["address_prefixes"]?.elements.first ?? r.values["address_prefix"]), let c = try? cidr(first) { return c }
            if r.type == "azurerm_virtual_network", let vnetId = try? id(of: r) {
                for block in r.values["subnet"]?.elements ?? [] {
                    guard let subnetName = block["name"]?.text else { continue }
                    let blockId = (block["id"]?.text ?? "\(vnetId)/subnets/\(subnetName)").lowercased()
                    if blockId == key, let first = block["address_prefixes"]?.elements.first ?? block["address_prefix"], let c = try? cidr(first) { return c }
                }
            }
        }
        return nil
    }

    /// The network's peerings: azurerm_virtual_network_peering resources on it, Connected when
    /// the other direction exists too (Azure connects a peering only then).
    private func peerings(of network: TerraformResource, id: String) throws(ImportError) -> [JSONValue] {
        var out: [JSONValue] = []
        let all = resources.filter { $0.type == "azurerm_virtual_network_peering" }
        for p in all {
            let pid = try self.id(of: p)
            guard AzureID.parent(of: pid) == id.lowercased() else { continue }
            guard let remote = try ref(p, ["remote_virtual_network_id"]).first else { continue }
            var connected = false
            for q in all {
                let qid = try self.id(of: q)
                guard AzureID.parent(of: qid) == remote.lowercased() else { continue }
                if try ref(q, ["remote_virtual_network_id"]).first?.lowercased() == id.lowercased() { connected = true }
            }
            out.append(J.object([("id", .string(pid)), ("name", .string(try p.text("name") ?? p.name)), ("properties", J.object([
                ("peeringState", .string(connected ? "Connected" : "Initiated")),
                ("remoteVirtualNetwork", J.ref(remote)),
                ("allowGatewayTransit", .bool(try p.values["allow_gateway_transit"]?.bool() ?? false)),
                ("useRemoteGateways", .bool(try p.values["use_remote_gateways"]?.bool() ?? false)),
            ]))]))
        }
        return out
    }

    private mutating func endpoint(_ r: TerraformResource, id: String, name: String, location: String?) throws(ImportError) {
        var connections: [JSONValue] = []
        var manual: [JSONValue] = []
        for (i, block) in (try r.values["private_service_connection"]?.list() ?? []).enumerated() {
            let target = try ref(r, ["private_service_connection", String(i), "private_connection_resource_id"]).first
            var groups: [JSONValue] = []
            for g in try block["subresource_names"]?.list() ?? [] { groups.append(.string(try g.string())) }
            let connection = J.object([("name", J.string(try block["name"]?.string())), ("properties", J.object([
                ("privateLinkServiceId", J.string(target)), ("groupIds", .array(groups)),
            ]))])
            if try block["is_manual_connection"]?.bool() == true { manual.append(connection) } else { connections.append(connection) }
        }
        var dnsConfigs: [JSONValue] = []
        for config in try r.values["custom_dns_configs"]?.list() ?? [] {
            dnsConfigs.append(J.object([("fqdn", J.string(try config["fqdn"]?.string())), ("ipAddresses", try addresses(config["ip_addresses"]))]))
        }
        if dnsConfigs.isEmpty {
            for config in try r.values["private_dns_zone_configs"]?.list() ?? [] {
                for set in try config["record_sets"]?.list() ?? [] {
                    dnsConfigs.append(J.object([("fqdn", J.string(try set["fqdn"]?.string())), ("ipAddresses", try addresses(set["ip_addresses"]))]))
                }
            }
        }
        row(r, id: id, type: AzureType.endpoint, name: name, location: location, properties: [
            ("subnet", J.ref(try ref(r, ["subnet_id"]).first)),
            ("privateLinkServiceConnections", .array(connections)),
            ("manualPrivateLinkServiceConnections", .array(manual)),
            ("customDnsConfigs", .array(dnsConfigs)),
        ])
        for (i, group) in (try r.values["private_dns_zone_group"]?.list() ?? []).enumerated() {
            let groupName = try group["name"]?.string() ?? "default"
            let zones = try ref(r, ["private_dns_zone_group", String(i), "private_dns_zone_ids"], list: true)
            row(r, id: "\(id)/privateDnsZoneGroups/\(groupName)", type: AzureType.zoneGroup, name: groupName, properties: [
                ("privateDnsZoneConfigs", .array(zones.map { J.object([("privateDnsZoneId", .string($0))]) })),
            ])
        }
    }

    private mutating func azapi(_ r: TerraformResource, id: String, name: String, location: String?) throws(ImportError) {
        let (type, _) = try azapiType(r)
        var body = r.values["body"]
        if let text = body?.text {
            var parser = JSONParser(bytes: Array(text.utf8), file: r.values.file)
            guard let value = try? parser.document() else { throw (body ?? r.values).error("body is not JSON") }
            body = JSONNode(value: value, path: body?.path ?? "", file: r.values.file)
        }
        let loweredType = type.lowercased()
        guard AzureImporter.knownTypes.contains(loweredType) else { skipped["azapi_resource \(type)", default: 0] += 1; return }
        var properties: [(String, JSONValue?)] = []
        if let props = body?["properties"], case .object(let object) = props.value {
            for (k, v) in zip(object.keys, object.values) { properties.append((k, v)) }
        }
        if loweredType == AzureType.workspace, body?["properties"]?["customerId"] == nil {
            let guid = Placeholder.guid(r.address)
            properties.append(("customerId", .string(guid)))
            placeholder(r, "workspace id (customerId) unknown until apply: \(guid) stands in for it")
        }
        row(r, id: id, type: loweredType, name: name, location: location ?? body?["location"]?.text.map(AzureID.region), properties: properties)
    }
}
