extension World {
    /// Applies one step. On refusal the world is unchanged and the refusal says which rule.
    package mutating func apply(_ step: Step) -> Refusal? {
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
            throw Refusal(.duplicate, .alreadyExists(.privateEndpoint(spec.name)))
        }
        guard let network = network(spec.network) else { throw Refusal(.missing, .doesNotExist(.network(spec.network))) }
        guard let scope = scope(spec.scope) else { throw Refusal(.missing, .doesNotExist(.scope(spec.scope))) }
        if let broken = ModelRules.endpointPlacement(network: network, subnet: spec.subnet) { throw broken.refusal }
        let scopesHere = Set(endpoints.filter { $0.spec.network == network.name }.map(\.spec.scope))
        if !scopesHere.contains(scope.name), scopesHere.count >= settings.limits.scopesPerNetwork {
            throw Refusal(.limit, .scopesPerNetwork(network: network.name, scopes: scopesHere.sorted(),
                                                    limit: settings.limits.scopesPerNetwork))
        }
        let ofScope = endpoints.filter { $0.spec.scope == scope.name }.count
        if ofScope >= settings.limits.endpointsPerScope {
            throw Refusal(.limit, .endpointsPerScope(scope: scope.name, count: ofScope, limit: settings.limits.endpointsPerScope))
        }
        try checkZoneGroup(spec)

        let names = recordNames(forMembers: scope.resources)
        let keys = addressKeys(forMembers: scope.resources)
        for (name, address) in spec.addresses.sorted(by: { $0.key < $1.key }) {
            if let broken = ModelRules.fixedAddress(name: name, address: address, subnet: spec.subnet, holder: holders[address]) {
                throw broken.refusal
            }
            if let holder = owners[address], holder != spec.name {
                throw Refusal(.fixedAddress, .fixedAddressHeld(address: address, endpoint: nil, name: name, by: .endpoint(holder)))
            }
        }
        var addresses: [DNSName: IPv4Address] = [:]
        var pending: [AMPLSZone.AddressKey] = []
        var fixedKeys: [IPv4Address: DNSName] = [:]
        for key in keys {
            if let fixed = try fixedAddress(of: key, in: spec) {
                if let other = fixedKeys[fixed] {
                    throw Refusal(.fixedAddress, .fixedToOneAddress(other, key.names[0], address: fixed))
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

    /// The address fixed for a key (a fixed address fixes its whole key), or nil; two of its
    /// names fixed to different addresses are refused.
    private func fixedAddress(of key: AMPLSZone.AddressKey, in spec: EndpointSpec) throws(Refusal) -> IPv4Address? {
        var found: (DNSName, IPv4Address)?
        for name in key.names {
            guard let address = spec.addresses[name] else { continue }
            if let (other, first) = found, first != address {
                throw Refusal(.fixedAddress, .fixedApart(other, name, first, address))
            }
            found = (name, address)
        }
        return found?.1
    }

    private func checkZoneGroup(_ spec: EndpointSpec) throws(Refusal) {
        var zones: [(id: ZoneID, name: DNSName)] = []
        for id in spec.dnsZones {
            guard let zone = zone(id) else { throw Refusal(.missing, .doesNotExist(.zone(id))) }
            zones.append((id, zone.name))
        }
        if let broken = ModelRules.zoneGroup(endpoint: spec.name, zones: zones) { throw broken.refusal }
    }

    /// Gives each key the lowest address of the subnet that nothing holds (no private endpoint,
    /// DNS server or inbound endpoint), skipping the subnet's first four addresses and its last
    /// one (Azure reserves them); every name of a key gets the key's address.
    private func allocate(_ keys: [AMPLSZone.AddressKey], in subnet: CIDR, for endpoint: EndpointID, reserved: Set<IPv4Address>,
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
            throw Refusal(.addresses, .subnetFull(subnet: subnet, free: taken, endpoint: endpoint, needed: keys.count))
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

    private mutating func deleteEndpoint(_ name: EndpointID) throws(Refusal) {
        guard let state = endpoint(name) else {
            throw Refusal(.missing, .endpointGone(name))
        }
        // Azure deletes the record sets by name, even where someone has overwritten them since.
        for set in state.written { updateContents(set.zone) { $0.delete(set.name, "A") } }
        removeEndpoint(name)
    }

    // MARK: Resources and scopes

    private mutating func linkResource(scope name: ScopeID, resource: ResourceID) throws(Refusal) {
        guard let scope = scope(name) else { throw Refusal(.missing, .doesNotExist(.scope(name))) }
        guard self.resource(resource) != nil else { throw Refusal(.missing, .doesNotExist(.resource(resource))) }
        if scope.resources.contains(resource) {
            throw Refusal(.duplicate, .alreadyMember(resource: resource, scope: name))
        }
        let kinds = (scope.resources + [resource]).compactMap { self.resource($0)?.kind }
        if let broken = ModelRules.scopeMembers(scope: name, kinds: kinds, limits: settings.limits, joining: true) {
            throw broken.refusal
        }
        if let broken = ModelRules.scopesPerResource(resource: resource, count: scopes(of: resource).count,
                                                     limits: settings.limits, joining: true) {
            throw broken.refusal
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
                        throw Refusal(.fixedAddress, .fixedAddressHeld(address: fixed, endpoint: state.name, name: key.names[0], by: .endpoint(holder)))
                    }
                    if let holder = holders[fixed] {
                        throw Refusal(.fixedAddress, .fixedAddressHeld(address: fixed, endpoint: state.name, name: key.names[0], by: .holder(holder)))
                    }
                    if claimed.contains(fixed) {
                        throw Refusal(.fixedAddress, .fixedAddressHeld(address: fixed, endpoint: state.name, name: key.names[0], by: .anotherEndpoint(scope: name)))
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

    private mutating func unlinkResource(scope name: ScopeID, resource: ResourceID) throws(Refusal) {
        guard let scope = scope(name) else { throw Refusal(.missing, .doesNotExist(.scope(name))) }
        guard scope.resources.contains(resource) else {
            throw Refusal(.missing, .notMember(resource: resource, scope: name))
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

    private mutating func deleteResource(_ name: ResourceID) throws(Refusal) {
        guard resource(name) != nil else {
            throw Refusal(.missing, .resourceGone(name))
        }
        let holding = scopes(of: name).map(\.name)
        if !holding.isEmpty {
            throw Refusal(.resourceInScope, .resourceInScope(resource: name, scopes: holding))
        }
        markDeleted(name)
    }

    private mutating func setAccess(resource name: ResourceID, ingestion: Bool?, query: Bool?) throws(Refusal) {
        guard resource(name) != nil else { throw Refusal(.missing, .doesNotExist(.resource(name))) }
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

    private mutating func setAccess(scope name: ScopeID, ingestion: AccessMode?, query: AccessMode?) throws(Refusal) {
        guard scope(name) != nil else { throw Refusal(.missing, .doesNotExist(.scope(name))) }
        updateScope(name) { s in
            if let ingestion { s.ingestionAccessMode = ingestion }
            if let query { s.queryAccessMode = query }
        }
    }

    // MARK: Zones, records and networks

    private mutating func linkZone(_ id: ZoneID, _ networkName: NetworkID, _ fallback: Bool) throws(Refusal) {
        guard let zone = zone(id) else { throw Refusal(.missing, .doesNotExist(.zone(id))) }
        guard let network = network(networkName) else { throw Refusal(.missing, .doesNotExist(.network(networkName))) }
        if let broken = ModelRules.zoneLink(zone: zone.name, network: network, fallback: fallback) { throw broken.refusal }
        if let broken = ModelRules.zoneLinkedOnce(id, to: networkName, linked: zone.links.lazy.map(\.network)) { throw broken.refusal }
        if let broken = ModelRules.oneZoneOfAName((zone.id, zone.name), network: networkName, others: zones) { throw broken.refusal }
        updateZone(id) { $0.links.append(ZoneLink(network: networkName, fallbackToInternet: fallback)) }
    }

    private mutating func unlinkZone(_ id: ZoneID, _ networkName: NetworkID) throws(Refusal) {
        guard let zone = zone(id) else { throw Refusal(.missing, .doesNotExist(.zone(id))) }
        guard zone.links.contains(where: { $0.network == networkName }) else {
            throw Refusal(.missing, .zoneNotLinked(zone: id, network: networkName))
        }
        updateZone(id) { $0.links.removeAll { $0.network == networkName } }
    }

    private mutating func peer(_ a: NetworkID, _ b: NetworkID) throws(Refusal) {
        guard network(a) != nil else { throw Refusal(.missing, .doesNotExist(.network(a))) }
        guard network(b) != nil else { throw Refusal(.missing, .doesNotExist(.network(b))) }
        if let broken = ModelRules.join(a, b) { throw broken.refusal }
        if let kind = adjacency[NetworkPair(a, b)] {
            throw Refusal(.duplicate, .alreadyJoined(a, b, kind))
        }
        setAdjacency(NetworkPair(a, b), .peering)
    }

    private mutating func unpeer(_ a: NetworkID, _ b: NetworkID) throws(Refusal) {
        guard adjacency[NetworkPair(a, b)] != nil else {
            throw Refusal(.missing, .notJoined(a, b))
        }
        setAdjacency(NetworkPair(a, b), nil)
    }

    private mutating func setDns(_ networkName: NetworkID, _ dns: DNSSetting) throws(Refusal) {
        guard network(networkName) != nil else { throw Refusal(.missing, .doesNotExist(.network(networkName))) }
        try checkDns(dns)
        updateNetwork(networkName) { $0.dns = dns }
    }

    private func checkDns(_ dns: DNSSetting) throws(Refusal) {
        switch dns {
        case .azure: break
        case .server(let s): if server(s) == nil { throw Refusal(.missing, .doesNotExist(.dnsServer(s))) }
        case .address(let a):
            if let broken = ModelRules.dnsAddress(a, holder: holder(of: a)) { throw broken.refusal }
        }
    }

    // MARK: Networks and rulesets (version 2)

    private mutating func createNetwork(_ new: Network) throws(Refusal) {
        if network(new.name) != nil { throw Refusal(.duplicate, .alreadyExists(.network(new.name))) }
        if let broken = ModelRules.addressSpaces(networks + [new]) { throw broken.refusal }
        for peer in new.peerings + new.connections {
            guard network(peer) != nil else { throw Refusal(.missing, .doesNotExist(.network(peer))) }
            if let broken = ModelRules.join(new.name, peer) { throw broken.refusal }
        }
        if let broken = ModelRules.joinedOneWay([new]) { throw broken.refusal }
        try checkDns(new.dns)
        addNetwork(new)
    }

    private mutating func linkRuleset(_ name: RulesetID, _ networkName: NetworkID) throws(Refusal) {
        guard let ruleset = ruleset(name) else { throw Refusal(.missing, .doesNotExist(.forwardingRuleset(name))) }
        guard let network = network(networkName) else { throw Refusal(.missing, .doesNotExist(.network(networkName))) }
        if let broken = ModelRules.rulesetLink(network: network) { throw broken.refusal }
        if let broken = ModelRules.rulesetLinkedOnce(name, to: networkName, linked: ruleset.links) { throw broken.refusal }
        var linked = ruleset
        linked.links.append(networkName)
        try checkRuleConflicts(linked)
        updateRuleset(name) { $0.links.append(networkName) }
    }

    private mutating func unlinkRuleset(_ name: RulesetID, _ networkName: NetworkID) throws(Refusal) {
        guard let ruleset = ruleset(name) else { throw Refusal(.missing, .doesNotExist(.forwardingRuleset(name))) }
        guard ruleset.links.contains(networkName) else {
            throw Refusal(.missing, .rulesetNotLinked(ruleset: name, network: networkName))
        }
        updateRuleset(name) { $0.links.removeAll { $0 == networkName } }
    }

    private mutating func setRule(_ name: RulesetID, _ rule: ForwardingRule) throws(Refusal) {
        guard var ruleset = ruleset(name) else { throw Refusal(.missing, .doesNotExist(.forwardingRuleset(name))) }
        if let broken = ModelRules.forwardingRule(rule) { throw broken.refusal }
        if let i = ruleset.rules.firstIndex(where: { $0.domain == rule.domain }) {
            ruleset.rules[i] = rule
        } else {
            ruleset.rules.append(rule)
        }
        try checkRuleConflicts(ruleset)
        updateRuleset(name) { $0 = ruleset }
    }

    private mutating func deleteRule(_ name: RulesetID, _ domain: DNSName) throws(Refusal) {
        guard let ruleset = ruleset(name) else { throw Refusal(.missing, .doesNotExist(.forwardingRuleset(name))) }
        guard ruleset.rules.contains(where: { $0.domain == domain }) else {
            throw Refusal(.missing, .noRule(ruleset: name, domain: domain))
        }
        updateRuleset(name) { $0.rules.removeAll { $0.domain == domain } }
    }

    /// Two enabled rules of one domain in rulesets linked to one network are refused
    /// (Docs/model.md#resolving-a-name-from-a-network).
    private func checkRuleConflicts(_ changed: ForwardingRuleset) throws(Refusal) {
        if let broken = ModelRules.ruleConflict(changed, others: rulesets) { throw broken.refusal }
    }

    private mutating func setRecord(_ id: ZoneID, _ record: Record) throws(Refusal) {
        guard let zone = zone(id) else { throw Refusal(.missing, .doesNotExist(.zone(id))) }
        guard record.name.isInside(zone.name) else {
            throw Refusal(.missing, .recordOutsideZone(name: record.name, zone: id, zoneName: zone.name))
        }
        updateContents(id) { $0.write([record], by: .manual) }
    }

    private mutating func deleteRecord(_ id: ZoneID, _ name: DNSName, _ type: String) throws(Refusal) {
        guard zone(id) != nil else { throw Refusal(.missing, .doesNotExist(.zone(id))) }
        var found = false
        updateContents(id) { found = $0.delete(name, type) }
        if !found { throw Refusal(.missing, .noRecord(zone: id, type: type, name: name)) }
    }
}
