import AmplsimEngine

extension AzureBuild {
    static let reservedServerNames: Set<String> = ["azure", "internet"]

    /// A DNS server name: Azure's name, made valid, never a reserved word or an address.
    mutating func serverName(_ key: String, _ raw: String, qualifier: String?) -> ServerID {
        let looksLikeAddress = raw.allSatisfy { $0.isNumber || $0 == "." } && raw.contains(".")
        return ServerID(claim(key, looksLikeAddress ? "dns-\(raw)" : raw, in: .server, qualifier: qualifier, reserved: AzureBuild.reservedServerNames))
    }

    /// Nothing to gather before the resolvers: kept as a step of its own for readability.
    mutating func dnsHolders() throws(ImportError) {}

    /// DNS Private Resolvers with their inbound endpoints, and forwarding rulesets with their rules
    /// and virtual network links.
    mutating func resolvers() throws(ImportError) {
        var inbound: [String: [(address: IPv4Address, network: NetworkID?)]] = [:]
        var inboundIds: [String: [String]] = [:]
        for row in importer.rows(AzureType.inbound) {
            guard let parent = AzureID.parent(of: row.id) else { continue }
            inboundIds[parent, default: []].append(row.id)
            for configuration in try row.prop("ipConfigurations")?.list() ?? [] {
                guard let field = sub(configuration, "privateIpAddress") else {
                    note(.unmapped, row.id, "an IP configuration without privateIpAddress")
                    continue
                }
                var where_: NetworkID?
                if let subnet = try subRef(configuration, "subnet") { where_ = network(of: subnet) }
                inbound[parent, default: []].append((try ipv4(field), where_))
            }
        }
        let keys = Set(importer.rows(AzureType.resolver).map(\.key)).union(inbound.keys)
        for key in keys.sorted() {
            let row = importer.byKey[key]
            let id = row?.id ?? key
            var networkName: NetworkID?
            if let vnet = try row?.ref("virtualNetwork") { networkName = network(of: vnet) }
            if networkName == nil { networkName = inbound[key]?.compactMap(\.network).first }
            guard let networkName else {
                note(.unmapped, id, "the resolver's virtual network is not in the export")
                continue
            }
            let name = ResolverID(claim(key, row?.name ?? AzureID.name(of: id), in: .resolver, qualifier: row?.resourceGroup ?? AzureID.resourceGroup(of: id)))
            resolverByKey[key] = name
            var resolver = DNSResolver(name: name, network: networkName)
            for entry in (inbound[key] ?? []).sorted(by: { $0.address < $1.address }) where !resolver.inbound.contains(entry.address) {
                if networkIndex.count != topology.networks.count { reindexNetworks() }
                guard networkIndex[networkName].map({ topology.networks[$0].owns(entry.address) }) == true else {
                    note(.unmapped, id, "inbound endpoint address \(entry.address) lies outside \(networkName)")
                    continue
                }
                if let other = holders[entry.address] {
                    note(.unmapped, id, "inbound endpoint address \(entry.address) is already held by \(other)")
                    continue
                }
                holders[entry.address] = "an inbound endpoint of DNS resolver \(name)"
                resolver.inbound.append(entry.address)
            }
            topology.dnsResolvers.append(resolver)
            if row != nil { origin(.dnsResolver(name), id) }
            for inboundId in (inboundIds[key] ?? []).sorted() { origin(.dnsResolver(name), inboundId) }
        }
        try rulesets()
    }

    private mutating func rulesets() throws(ImportError) {
        let rules = Dictionary(grouping: importer.rows(AzureType.rule), by: { AzureID.parent(of: $0.id) ?? "" })
        let links = Dictionary(grouping: importer.rows(AzureType.rulesetLink), by: { AzureID.parent(of: $0.id) ?? "" })
        for row in importer.rows(AzureType.ruleset) {
            var resolver: ResolverID?
            for outbound in try row.prop("dnsResolverOutboundEndpoints")?.list() ?? [] {
                let id = outbound.isObject ? try outbound["id"]?.string() : try outbound.string()
                if let id, let parent = AzureID.parent(of: id), let name = resolverByKey[parent] { resolver = name; break }
            }
            guard let resolver else {
                note(.unmapped, row.id, "the resolver of its outbound endpoint is not in the export")
                continue
            }
            let name = RulesetID(claim(row.key, row.name, in: .ruleset, qualifier: row.resourceGroup))
            var ruleset = ForwardingRuleset(name: name, resolver: resolver)
            origin(.ruleset(name), row.id)
            for ruleRow in rules[row.key] ?? [] {
                guard let domainField = ruleRow.prop("domainName") else {
                    note(.unmapped, ruleRow.id, "a forwarding rule without domainName")
                    continue
                }
                let domainText = try domainField.string()
                guard let domain = domainText == "." ? DNSName(canonical: "") : DNSName(domainText) else {
                    throw domainField.error("'\(domainText)' is not a DNS name")
                }
                var targets: [IPv4Address] = []
                for target in try ruleRow.prop("targetDnsServers")?.list() ?? [] {
                    guard let field = sub(target, "ipAddress") else { continue }
                    let address = try ipv4(field)
                    if let port = try sub(target, "port")?.int(), port != 53 {
                        note(.assumed, ruleRow.id, "target \(address) port \(port): amplsim models port 53 only")
                    }
                    if address == IPv4Address.azureDNS {
                        note(.unmapped, ruleRow.id, "target 168.63.129.16 is not allowed in a forwarding rule")
                        continue
                    }
                    if !targets.contains(address) { targets.append(address) }
                }
                if targets.isEmpty {
                    note(.unmapped, ruleRow.id, "a forwarding rule without usable targets")
                    continue
                }
                let state = try ruleRow.prop("forwardingRuleState")?.string() ?? "Enabled"
                ruleset.rules.append(ForwardingRule(domain: domain, targets: targets, enabled: state.lowercased() != "disabled"))
                detail("rule|\(name)|\(domain.text)", ruleRow.id)
                origin(.ruleset(name), ruleRow.id)
            }
            ruleset.rules.sort { $0.domain < $1.domain }
            for linkRow in links[row.key] ?? [] {
                guard let vnet = try linkRow.ref("virtualNetwork"), let network = network(of: vnet) else {
                    note(.unmapped, linkRow.id, "the linked virtual network is not in the export")
                    continue
                }
                if !ruleset.links.contains(network) { ruleset.links.append(network) }
                detail("rulesetLink|\(name)|\(network)", linkRow.id)
            }
            ruleset.links.sort()
            topology.forwardingRulesets.append(ruleset)
        }
        topology.forwardingRulesets.sort { $0.name.name.lowercased() < $1.name.name.lowercased() }
        topology.dnsResolvers.sort { $0.name.name.lowercased() < $1.name.name.lowercased() }
    }

    /// Azure Firewalls: a firewall makes its network a transit hub; one whose policy (or classic
    /// setting) turns DNS proxy on is a DNS server at its private address, whose default is the
    /// policy's first DNS server or Azure DNS.
    mutating func firewalls() throws(ImportError) {
        var proxyPolicies: [String: (servers: [String], row: AzureRow)] = [:]
        var usedPolicies = Set<String>()
        for row in importer.rows(AzureType.firewallPolicy) where try row.prop("dnsSettings.enableProxy")?.bool() == true {
            proxyPolicies[row.key] = (try row.strings("dnsSettings.servers"), row)
        }
        var policyOfFirewall: [String: String] = [:]
        for (key, entry) in proxyPolicies {
            for firewall in entry.row.prop("firewalls")?.elements ?? [] {
                if let id = try firewall["id"]?.string() { policyOfFirewall[id.lowercased()] = key }
            }
        }
        for row in importer.rows(AzureType.firewall) {
            var address: IPv4Address?
            var networkName: NetworkID?
            for configuration in row.prop("ipConfigurations")?.elements ?? [] {
                if let field = sub(configuration, "privateIPAddress") { address = try ipv4(field) }
                if let subnet = try subRef(configuration, "subnet") { networkName = network(of: subnet) }
                if address != nil { break }
            }
            if address == nil, let field = row.prop("hubIPAddresses.privateIPAddress") { address = try ipv4(field) }
            if networkName == nil, let hub = try row.ref("virtualHub") { networkName = network(of: hub) }
            guard let networkName else {
                note(.unmapped, row.id, "the firewall's network is not in the export")
                continue
            }
            update(networkName) { $0.transit = true }
            note(.assumed, row.id, "\(networkName) holds this firewall: modelled as a transit hub (traffic between its neighbours passes; routes are not read)")
            let policyId = try row.ref("firewallPolicy")?.lowercased() ?? policyOfFirewall[row.key]
            var servers: [String]? = nil
            if let policyId, let policy = proxyPolicies[policyId] {
                servers = policy.servers
                usedPolicies.insert(policyId)
            } else if let extra = row.node["properties"]?["additionalProperties"] ?? row.node["additionalProperties"],
                      extra["Network.DNS.EnableProxy"]?.text?.lowercased() == "true" {
                servers = (extra["Network.DNS.Servers"]?.text ?? "").split(separator: ",").map { String($0).trimmingCharacters() }
            } else if let policyId, importer.byKey[policyId] == nil {
                note(.unmapped, row.id, "its firewall policy \(policyId) is not in the export: DNS proxy unknown, not modelled")
            }
            guard let servers else { continue }
            guard let address else {
                note(.unmapped, row.id, "DNS proxy is on, but the firewall's private address is not in the export")
                continue
            }
            let name = serverName(row.key, row.name, qualifier: row.resourceGroup)
            var server = DNSServer(name: name, network: networkName, address: address)
            if let first = servers.first(where: { !$0.isEmpty }) {
                guard let upstream = IPv4Address(first) else {
                    note(.unmapped, row.id, "DNS server '\(first)' of its policy is not an IPv4 address: Azure DNS assumed")
                    continue
                }
                server.defaultTarget = upstream == IPv4Address.azureDNS ? .azure : .address(upstream)
                if servers.count > 1 {
                    note(.assumed, row.id, "the policy lists \(servers.count) DNS servers; amplsim forwards to the first, \(first)")
                }
            }
            if let other = holders[address] {
                note(.unmapped, row.id, "its address \(address) is already held by \(other)")
                continue
            }
            holders[address] = "DNS server \(name)"
            topology.dnsServers.append(server)
            origin(.dnsServer(name), row.id)
            if let policyId, let policy = proxyPolicies[policyId] { origin(.dnsServer(name), policy.row.id) }
        }
        for (key, entry) in proxyPolicies.sorted(by: { $0.key < $1.key }) where !usedPolicies.contains(key) {
            note(.unmapped, entry.row.id, "DNS proxy is on, but no firewall in the export uses this policy")
        }
    }

    /// Each VNet's DNS setting: its first DNS server address, mapped to Azure DNS, a resolver's
    /// inbound endpoint, a firewall, an on-premises server, or a VM (a server assumed to forward
    /// everything to Azure DNS). An address nothing holds leaves Azure DNS, listed.
    mutating func networkDNS() throws(ImportError) {
        var vmAddresses: [IPv4Address: (vm: String, network: NetworkID?, nic: String)] = [:]
        for row in importer.rows(AzureType.nic) {
            guard let vm = try row.ref("virtualMachine") else { continue }
            for configuration in row.prop("ipConfigurations")?.elements ?? [] {
                guard let field = sub(configuration, "privateIPAddress") else { continue }
                var where_: NetworkID?
                if let subnet = try subRef(configuration, "subnet") { where_ = network(of: subnet) }
                vmAddresses[try ipv4(field)] = (vm, where_, row.id)
            }
        }
        for row in importer.rows(AzureType.vnet) {
            guard let name = networkByKey[row.key] else { continue }
            let fields = try row.prop("dhcpOptions.dnsServers")?.list() ?? []
            guard let firstField = fields.first else { continue }
            let first = try ipv4(firstField)
            if fields.count > 1 {
                let rest = fields.dropFirst().compactMap(\.text).joined(separator: ", ")
                note(.assumed, row.id, "DNS servers \(first), \(rest): amplsim asks the first only")
                networkComments[name, default: []].append("Azure lists further DNS servers: \(rest) (amplsim asks the first)")
            }
            if first == IPv4Address.azureDNS { continue }
            if holders[first] == nil, let vm = vmAddresses[first], let vmNetwork = vm.network {
                let server = serverName(vm.vm.lowercased(), AzureID.name(of: vm.vm), qualifier: AzureID.resourceGroup(of: vm.vm))
                holders[first] = "DNS server \(server)"
                topology.dnsServers.append(DNSServer(name: server, network: vmNetwork, defaultTarget: .azure, address: first))
                origin(.dnsServer(server), vm.vm)
                origin(.dnsServer(server), vm.nic)
                note(.assumed, vm.vm, "a DNS server at \(first) on this VM, assumed to forward every name to Azure DNS of \(vmNetwork): give its real forwarders in the topology")
            }
            if holders[first] != nil {
                update(name) { $0.dns = .address(first) }
            } else {
                note(.unmapped, row.id, "its DNS server \(first) is held by nothing in the export (no resolver, firewall, VM or --onprem server): Azure DNS is assumed instead")
                networkComments[name, default: []].append("Azure's DNS setting is \(first), which nothing imported holds: modelled as Azure DNS")
            }
        }
        topology.dnsServers.sort { $0.name.name.lowercased() < $1.name.name.lowercased() }
    }
}

extension String {
    /// Without leading and trailing spaces.
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
