extension World {
    /// Applies one step. On refusal the world is unchanged and the refusal says which rule.
    public mutating func apply(_ step: Step) -> Refusal? {
        do throws(Refusal) {
            switch step {
            case .createEndpoint(let spec): try createEndpoint(spec)
            case .deleteEndpoint(let name): try deleteEndpoint(name)
            case .linkResource(let scope, let resource): try linkResource(scope: scope, resource: resource)
            case .unlinkResource(let scope, let resource): try unlinkResource(scope: scope, resource: resource)
            case .deleteResource(let name): try deleteResource(name)
            case .linkZone(let zone, let network, let fallback): try linkZone(zone, network, fallback)
            case .unlinkZone(let zone, let network): try unlinkZone(zone, network)
            case .peer(let a, let b): try peer(a, b)
            case .unpeer(let a, let b): try unpeer(a, b)
            case .setDns(let network, let dns): try setDns(network, dns)
            case .setResourceAccess(let resource, let ingestion, let query):
                try setAccess(resource: resource, ingestion: ingestion, query: query)
            case .setScopeAccess(let scope, let ingestion, let query):
                try setAccess(scope: scope, ingestion: ingestion, query: query)
            case .setRecord(let zone, let record): try setRecord(zone, record)
            case .deleteRecord(let zone, let name, let type): try deleteRecord(zone, name, type)
            case .createNetwork(let network): try createNetwork(network)
            case .linkRuleset(let ruleset, let network): try linkRuleset(ruleset, network)
            case .unlinkRuleset(let ruleset, let network): try unlinkRuleset(ruleset, network)
            case .setRule(let ruleset, let rule): try setRule(ruleset, rule)
            case .deleteRule(let ruleset, let domain): try deleteRule(ruleset, domain)
            }
            return nil
        } catch {
            return error
        }
    }

    // MARK: Private endpoints

    private mutating func createEndpoint(_ spec: EndpointSpec) throws(Refusal) {
        if endpoint(spec.name) != nil {
            throw Refusal(.duplicate, "private endpoint \(spec.name) already exists")
        }
        guard let network = network(spec.network) else { throw Refusal(.missing, "network \(spec.network) does not exist") }
        guard let scope = scope(spec.scope) else { throw Refusal(.missing, "scope \(spec.scope) does not exist") }
        if network.kind == .onprem {
            throw Refusal(.link, "network \(network.name) is on-premises: a private endpoint lives in an Azure VNet")
        }
        if !network.addressSpace.contains(where: { $0.contains(spec.subnet) }) {
            throw Refusal(.fixedAddress, "subnet \(spec.subnet) lies outside network \(network.name)'s address space")
        }
        let scopesHere = Set(endpoints.filter { $0.spec.network == network.name }.map(\.spec.scope))
        if !scopesHere.contains(scope.name), scopesHere.count >= settings.limits.scopesPerNetwork {
            let others = scopesHere.sorted().joined(separator: ", ")
            throw Refusal(.limit, "network \(network.name) already has private endpoints to \(others); a network connects to at most \(settings.limits.scopesPerNetwork) scope(s) (limit scopesPerNetwork)")
        }
        let ofScope = endpoints.filter { $0.spec.scope == scope.name }.count
        if ofScope >= settings.limits.endpointsPerScope {
            throw Refusal(.limit, "scope \(scope.name) already has \(ofScope) private endpoints, its limit (endpointsPerScope \(settings.limits.endpointsPerScope))")
        }
        try checkZoneGroup(spec)

        let names = recordNames(forMembers: scope.resources)
        let keys = addressKeys(forMembers: scope.resources)
        for (name, address) in spec.addresses.sorted(by: { $0.key < $1.key }) {
            if AMPLSZone.zone(of: name) == nil {
                throw Refusal(.fixedAddress, "fixed address for \(name.absolute), which is in none of the Azure Monitor private DNS zones")
            }
            if !spec.subnet.contains(address) {
                throw Refusal(.fixedAddress, "fixed address \(address) for \(name.absolute) lies outside subnet \(spec.subnet)")
            }
            if let holder = owners[address], holder != spec.name {
                throw Refusal(.fixedAddress, "fixed address \(address) for \(name.absolute) is held by private endpoint \(holder)")
            }
            if let holder = holders[address] {
                throw Refusal(.fixedAddress, "fixed address \(address) for \(name.absolute) is held by \(Self.describe(holder))")
            }
        }
        var addresses: [DNSName: IPv4Address] = [:]
        var pending: [AMPLSZone.AddressKey] = []
        var fixedKeys: [IPv4Address: DNSName] = [:]
        for key in keys {
            if let fixed = try fixedAddress(of: key, in: spec) {
                if let other = fixedKeys[fixed] {
                    throw Refusal(.fixedAddress, "\(other.absolute) and \(key.names[0].absolute) are fixed to one address \(fixed); they need an address each (MODEL.md section 5)")
                }
                fixedKeys[fixed] = key.names[0]
                for name in key.names { addresses[name] = fixed }
            } else {
                pending.append(key)
            }
        }
        try allocate(pending, in: spec.subnet, for: spec.name, reserved: Set(spec.addresses.values), into: &addresses)

        var state = EndpointState(spec: spec, addresses: addresses, names: names, written: [])
        appendEndpoint(state)
        state.written = writeRecords(of: state, names: names)
        replaceEndpoint(state)
    }

    /// A holder of an address, in a few words, for refusals.
    static func describe(_ holder: AddressHolder) -> String {
        switch holder {
        case .server(let name): return "DNS server \(name)"
        case .inbound(let resolver, _): return "an inbound endpoint of DNS resolver \(resolver)"
        }
    }

    /// The address fixed for a key (a fixed address fixes its whole key), or nil; two of its
    /// names fixed to different addresses are refused.
    private func fixedAddress(of key: AMPLSZone.AddressKey, in spec: EndpointSpec) throws(Refusal) -> IPv4Address? {
        var found: (DNSName, IPv4Address)?
        for name in key.names {
            guard let address = spec.addresses[name] else { continue }
            if let (other, first) = found, first != address {
                throw Refusal(.fixedAddress, "\(other.absolute) and \(name.absolute) share one address (MODEL.md section 5), but are fixed to \(first) and \(address)")
            }
            found = (name, address)
        }
        return found?.1
    }

    private func checkZoneGroup(_ spec: EndpointSpec) throws(Refusal) {
        if spec.dnsZones.count > 5 {
            throw Refusal(.zoneGroup, "the zone group of \(spec.name) holds \(spec.dnsZones.count) zones; a zone group holds at most 5")
        }
        var seen: [DNSName: String] = [:]
        for id in spec.dnsZones {
            guard let zone = zone(id) else { throw Refusal(.missing, "zone \(id) does not exist") }
            if let other = seen[zone.name] {
                throw Refusal(.zoneGroup, "the zone group of \(spec.name) holds two zones named \(zone.name.absolute): \(other) and \(id)")
            }
            seen[zone.name] = id
        }
    }

    /// Gives each key the lowest address of the subnet that nothing holds (no private endpoint,
    /// DNS server or inbound endpoint), skipping the subnet's first four addresses and its last
    /// one (Azure reserves them); every name of a key gets the key's address.
    private func allocate(_ keys: [AMPLSZone.AddressKey], in subnet: CIDR, for endpoint: String, reserved: Set<IPv4Address>,
                          into addresses: inout [DNSName: IPv4Address]) throws(Refusal) {
        guard !keys.isEmpty else { return }
        var pending = keys[...]
        var candidate = UInt64(subnet.base.value) + 4
        let end = UInt64(subnet.last.value)   // the last address is reserved: stop before it
        var taken = 0
        while let key = pending.first, candidate < end {
            let address = IPv4Address(UInt32(candidate))
            candidate += 1
            if owners[address] != nil || holders[address] != nil || reserved.contains(address) { continue }
            for name in key.names { addresses[name] = address }
            pending = pending.dropFirst()
            taken += 1
        }
        if !pending.isEmpty {
            throw Refusal(.addresses, "subnet \(subnet) has \(taken) free addresses; \(endpoint) needs \(keys.count)")
        }
    }

    /// Writes the endpoint's A record sets for `names` into its zone group; returns what it wrote.
    private mutating func writeRecords(of state: EndpointState, names: [DNSName]) -> [EndpointState.ZoneName] {
        var written: [EndpointState.ZoneName] = []
        for id in state.spec.dnsZones {
            guard let zone = zone(id) else { continue }
            for name in names where AMPLSZone.zone(of: name) == zone.name {
                guard let address = state.addresses[name] else { continue }
                updateContents(id) { $0.write([Record(name: name, ttl: 10, value: .a(address))], by: .endpoint(state.name)) }
                written.append(.init(zone: id, name: name))
            }
        }
        return written
    }

    private mutating func deleteEndpoint(_ name: String) throws(Refusal) {
        guard let state = endpoint(name) else {
            throw Refusal(.missing, "private endpoint \(name) does not exist (never created, or deleted earlier)")
        }
        // Azure deletes the record sets by name, even where someone has overwritten them since.
        for set in state.written { updateContents(set.zone) { $0.delete(set.name, "A") } }
        removeEndpoint(name)
    }

    // MARK: Resources and scopes

    private mutating func linkResource(scope name: String, resource: String) throws(Refusal) {
        guard let scope = scope(name) else { throw Refusal(.missing, "scope \(name) does not exist") }
        guard self.resource(resource) != nil else { throw Refusal(.missing, "resource \(resource) does not exist") }
        if scope.resources.contains(resource) {
            throw Refusal(.duplicate, "\(resource) is already a member of scope \(name)")
        }
        try checkScopeLimits(name, adding: resource, to: scope.resources)
        let memberOf = scopes(of: resource).count
        if memberOf >= settings.limits.scopesPerResource {
            throw Refusal(.limit, "\(resource) already belongs to \(memberOf) scopes, its limit (scopesPerResource \(settings.limits.scopesPerResource))")
        }
        let before = Set(recordNames(forMembers: scope.resources))
        let after = recordNames(forMembers: scope.resources + [resource])
        let added = after.filter { !before.contains($0) }
        let keys = addressKeys(forMembers: scope.resources + [resource])
        // Every endpoint of the scope needs addresses for the new keys: all or nothing. A new
        // name of a key the endpoint already holds (a workspace of a region already present)
        // takes the key's address.
        var updated: [EndpointState] = []
        var claimed = Set<IPv4Address>()
        for var state in endpoints where state.spec.scope == name {
            var addresses = state.addresses
            var pending: [AMPLSZone.AddressKey] = []
            for key in keys {
                if let held = key.names.lazy.compactMap({ addresses[$0] }).first {
                    for n in key.names { addresses[n] = held }
                } else if let fixed = try fixedAddress(of: key, in: state.spec) {
                    if let holder = owners[fixed], holder != state.name {
                        throw Refusal(.fixedAddress, "fixed address \(fixed) of \(state.name) for \(key.names[0].absolute) is held by private endpoint \(holder)")
                    }
                    if let holder = holders[fixed] {
                        throw Refusal(.fixedAddress, "fixed address \(fixed) of \(state.name) for \(key.names[0].absolute) is held by \(Self.describe(holder))")
                    }
                    if claimed.contains(fixed) {
                        throw Refusal(.fixedAddress, "fixed address \(fixed) of \(state.name) for \(key.names[0].absolute) is taken by another endpoint of \(name)")
                    }
                    for n in key.names { addresses[n] = fixed }
                    claimed.insert(fixed)
                } else {
                    pending.append(key)
                }
            }
            try allocate(pending, in: state.spec.subnet, for: state.name,
                         reserved: claimed.union(state.spec.addresses.values), into: &addresses)
            for key in pending { if let a = addresses[key.names[0]] { claimed.insert(a) } }
            state.addresses = addresses
            state.names = after
            updated.append(state)
        }
        updateScope(name) { $0.resources.append(resource) }
        for var state in updated {
            replaceEndpoint(state)
            state.written += writeRecords(of: state, names: added)
            replaceEndpoint(state)
        }
    }

    /// MODEL.md section 7's per-scope counts, for a resource about to join `members`.
    private func checkScopeLimits(_ scope: String, adding resource: String, to members: [String]) throws(Refusal) {
        let limits = settings.limits
        if let limit = limits.resourcesPerScope, members.count >= limit {
            throw Refusal(.limit, "scope \(scope) already holds \(members.count) resources, its limit (resourcesPerScope \(limit))")
        }
        func count(_ kind: ResourceKind) -> Int { members.filter { self.resource($0)?.kind == kind }.count }
        switch self.resource(resource)?.kind {
        case .workspace?:
            if let limit = limits.workspacesPerScope, count(.workspace) >= limit {
                throw Refusal(.limit, "scope \(scope) already holds \(count(.workspace)) workspaces, its limit (workspacesPerScope \(limit))")
            }
        case .component?:
            if let limit = limits.componentsPerScope, count(.component) >= limit {
                throw Refusal(.limit, "scope \(scope) already holds \(count(.component)) components, its limit (componentsPerScope \(limit))")
            }
        default: break
        }
    }

    private mutating func unlinkResource(scope name: String, resource: String) throws(Refusal) {
        guard let scope = scope(name) else { throw Refusal(.missing, "scope \(name) does not exist") }
        guard scope.resources.contains(resource) else {
            throw Refusal(.missing, "\(resource) is not a member of scope \(name)")
        }
        let remaining = scope.resources.filter { $0 != resource }
        let after = recordNames(forMembers: remaining)
        let kept = Set(after)
        let removed = Set(recordNames(forMembers: scope.resources)).subtracting(kept)
        updateScope(name) { $0.resources = remaining }
        for var state in endpoints where state.spec.scope == name {
            for id in state.spec.dnsZones {
                guard let zone = zone(id) else { continue }
                for n in removed where AMPLSZone.zone(of: n) == zone.name {
                    updateContents(id) { $0.delete(n, "A") }
                }
            }
            state.written.removeAll { removed.contains($0.name) }
            for n in removed { state.addresses[n] = nil }
            state.names = after
            replaceEndpoint(state)
        }
    }

    private mutating func deleteResource(_ name: String) throws(Refusal) {
        guard resource(name) != nil else {
            throw Refusal(.missing, "resource \(name) does not exist (never defined, or deleted earlier)")
        }
        let holding = scopes(of: name).map(\.name)
        if !holding.isEmpty {
            throw Refusal(.resourceInScope, "\(name) belongs to scope \(holding.joined(separator: ", ")); a resource that belongs to a scope cannot be deleted: unlink it first")
        }
        markDeleted(name)
    }

    private mutating func setAccess(resource name: String, ingestion: Bool?, query: Bool?) throws(Refusal) {
        guard resource(name) != nil else { throw Refusal(.missing, "resource \(name) does not exist") }
        updateResource(name, workspace: { w in
            if let ingestion { w.publicIngestion = ingestion }
            if let query { w.publicQuery = query }
        }, component: { c in
            if let ingestion { c.publicIngestion = ingestion }
            if let query { c.publicQuery = query }
        }, dce: { d in
            if let ingestion { d.publicIngestion = ingestion }
        })
    }

    private mutating func setAccess(scope name: String, ingestion: AccessMode?, query: AccessMode?) throws(Refusal) {
        guard scope(name) != nil else { throw Refusal(.missing, "scope \(name) does not exist") }
        updateScope(name) { s in
            if let ingestion { s.ingestionAccessMode = ingestion }
            if let query { s.queryAccessMode = query }
        }
    }

    // MARK: Zones, records and networks

    private mutating func linkZone(_ id: String, _ networkName: String, _ fallback: Bool) throws(Refusal) {
        guard let zone = zone(id) else { throw Refusal(.missing, "zone \(id) does not exist") }
        guard let network = network(networkName) else { throw Refusal(.missing, "network \(networkName) does not exist") }
        if network.kind == .onprem {
            throw Refusal(.link, "network \(networkName) is on-premises: private DNS zones link only to Azure VNets")
        }
        if fallback && !zone.isPrivateLink {
            throw Refusal(.link, "fallback to internet applies to privatelink.* zones only, not \(zone.name.absolute)")
        }
        if zone.links.contains(where: { $0.network == networkName }) {
            throw Refusal(.duplicate, "zone \(id) is already linked to \(networkName)")
        }
        if let other = zones.first(where: { $0.name == zone.name && $0.links.contains { $0.network == networkName } }) {
            throw Refusal(.limit, "network \(networkName) already links zone \(other.id) of the same name \(zone.name.absolute); a network links at most one zone of a given name")
        }
        updateZone(id) { $0.links.append(ZoneLink(network: networkName, fallbackToInternet: fallback)) }
    }

    private mutating func unlinkZone(_ id: String, _ networkName: String) throws(Refusal) {
        guard let zone = zone(id) else { throw Refusal(.missing, "zone \(id) does not exist") }
        guard zone.links.contains(where: { $0.network == networkName }) else {
            throw Refusal(.missing, "zone \(id) is not linked to \(networkName)")
        }
        updateZone(id) { $0.links.removeAll { $0.network == networkName } }
    }

    private mutating func peer(_ a: String, _ b: String) throws(Refusal) {
        guard network(a) != nil else { throw Refusal(.missing, "network \(a) does not exist") }
        guard network(b) != nil else { throw Refusal(.missing, "network \(b) does not exist") }
        if a == b { throw Refusal(.link, "a network cannot peer with itself (\(a))") }
        if let kind = adjacency[NetworkPair(a, b)] {
            throw Refusal(.duplicate, "\(a) and \(b) are already joined by a \(kind.rawValue)")
        }
        setAdjacency(NetworkPair(a, b), .peering)
    }

    private mutating func unpeer(_ a: String, _ b: String) throws(Refusal) {
        guard adjacency[NetworkPair(a, b)] != nil else {
            throw Refusal(.missing, "\(a) and \(b) are not peered or connected")
        }
        setAdjacency(NetworkPair(a, b), nil)
    }

    private mutating func setDns(_ networkName: String, _ dns: DNSSetting) throws(Refusal) {
        guard network(networkName) != nil else { throw Refusal(.missing, "network \(networkName) does not exist") }
        try checkDns(dns)
        updateNetwork(networkName) { $0.dns = dns }
    }

    private func checkDns(_ dns: DNSSetting) throws(Refusal) {
        switch dns {
        case .azure: break
        case .server(let s): if server(s) == nil { throw Refusal(.missing, "DNS server \(s) does not exist") }
        case .address(let a):
            if holder(of: a) == nil {
                throw Refusal(.missing, "no DNS server or resolver inbound endpoint holds \(a)")
            }
        }
    }

    // MARK: Networks and rulesets (version 2)

    private mutating func createNetwork(_ new: Network) throws(Refusal) {
        if network(new.name) != nil { throw Refusal(.duplicate, "network \(new.name) already exists") }
        for cidr in new.addressSpace {
            if let other = networks.first(where: { $0.addressSpace.contains { $0.overlaps(cidr) } }) {
                throw Refusal(.link, "address space \(cidr) of \(new.name) overlaps \(other.name)'s; network address spaces must not overlap")
            }
        }
        for peer in new.peerings + new.connections {
            guard network(peer) != nil else { throw Refusal(.missing, "network \(peer) does not exist") }
            if peer == new.name { throw Refusal(.link, "a network cannot peer with itself (\(peer))") }
        }
        try checkDns(new.dns)
        addNetwork(new)
    }

    private mutating func linkRuleset(_ name: String, _ networkName: String) throws(Refusal) {
        guard let ruleset = ruleset(name) else { throw Refusal(.missing, "forwarding ruleset \(name) does not exist") }
        guard let network = network(networkName) else { throw Refusal(.missing, "network \(networkName) does not exist") }
        if network.kind == .onprem {
            throw Refusal(.link, "network \(networkName) is on-premises: forwarding rulesets link only to Azure VNets")
        }
        if ruleset.links.contains(networkName) {
            throw Refusal(.duplicate, "forwarding ruleset \(name) is already linked to \(networkName)")
        }
        var linked = ruleset
        linked.links.append(networkName)
        try checkRuleConflicts(linked)
        updateRuleset(name) { $0.links.append(networkName) }
    }

    private mutating func unlinkRuleset(_ name: String, _ networkName: String) throws(Refusal) {
        guard let ruleset = ruleset(name) else { throw Refusal(.missing, "forwarding ruleset \(name) does not exist") }
        guard ruleset.links.contains(networkName) else {
            throw Refusal(.missing, "forwarding ruleset \(name) is not linked to \(networkName)")
        }
        updateRuleset(name) { $0.links.removeAll { $0 == networkName } }
    }

    private mutating func setRule(_ name: String, _ rule: ForwardingRule) throws(Refusal) {
        guard var ruleset = ruleset(name) else { throw Refusal(.missing, "forwarding ruleset \(name) does not exist") }
        if rule.targets.contains(IPv4Address.azureDNS) {
            throw Refusal(.link, "a forwarding rule may not target 168.63.129.16 (Azure DNS)")
        }
        if let i = ruleset.rules.firstIndex(where: { $0.domain == rule.domain }) {
            ruleset.rules[i] = rule
        } else {
            ruleset.rules.append(rule)
        }
        try checkRuleConflicts(ruleset)
        updateRuleset(name) { $0 = ruleset }
    }

    private mutating func deleteRule(_ name: String, _ domain: DNSName) throws(Refusal) {
        guard let ruleset = ruleset(name) else { throw Refusal(.missing, "forwarding ruleset \(name) does not exist") }
        guard ruleset.rules.contains(where: { $0.domain == domain }) else {
            throw Refusal(.missing, "forwarding ruleset \(name) has no rule for \(domain.absolute)")
        }
        updateRuleset(name) { $0.rules.removeAll { $0.domain == domain } }
    }

    /// Two enabled rules of one domain in rulesets linked to one network are refused (MODEL.md 4).
    private func checkRuleConflicts(_ changed: ForwardingRuleset) throws(Refusal) {
        let domains = Set(changed.rules.filter(\.enabled).map(\.domain))
        for other in rulesets where other.name != changed.name {
            let shared = other.links.filter { changed.links.contains($0) }
            guard let network = shared.first else { continue }
            if let rule = other.rules.first(where: { $0.enabled && domains.contains($0.domain) }) {
                throw Refusal(.duplicate, "rulesets \(changed.name) and \(other.name) both have an enabled rule for \(rule.domain.absolute) and are both linked to \(network)")
            }
        }
    }

    private mutating func setRecord(_ id: String, _ record: Record) throws(Refusal) {
        guard let zone = zone(id) else { throw Refusal(.missing, "zone \(id) does not exist") }
        guard record.name.isInside(zone.name) else {
            throw Refusal(.missing, "\(record.name.absolute) is outside zone \(id) (\(zone.name.absolute))")
        }
        updateContents(id) { $0.write([record], by: .manual) }
    }

    private mutating func deleteRecord(_ id: String, _ name: DNSName, _ type: String) throws(Refusal) {
        guard zone(id) != nil else { throw Refusal(.missing, "zone \(id) does not exist") }
        var found = false
        updateContents(id) { found = $0.delete(name, type) }
        if !found { throw Refusal(.missing, "zone \(id) has no \(type) record at \(name.absolute)") }
    }
}
