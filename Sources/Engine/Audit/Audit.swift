/// Finds the broken mappings of a world (Docs/model.md applied to real zone contents): records that
/// send networks where they cannot go, names a zone lacks, zones that hide public names,
/// forwarding rules that loop or miss what users expect of them, subnets smaller than Azure
/// supports, and the steps the timeline refused. Every failing row of the simulation is explained by at least
/// one finding.
package struct Audit {
    package let simulation: Simulation
    package let outcomes: [StepOutcome]
    private var world: World { simulation.world }
    private var resolver: Resolver { simulation.resolver }
    /// The zones' A records, read once for every check.
    let records: AuditRecords

    package init(simulation: Simulation, outcomes: [StepOutcome]) {
        self.simulation = simulation
        self.outcomes = outcomes
        self.records = AuditRecords(simulation.world)
    }

    /// Every finding, errors first, then by code, zone, name and resource, and then by message:
    /// the engine writes no message, so `message` (AmplsimRender's `FindingText.message`) words
    /// them for that last order.
    package func findings(orderedBy message: (Finding) -> String) -> [Finding] {
        var collector = Collector(order: world.networks.map(\.name))
        recordFindings(&collector)
        hostsFindings(&collector)
        zoneFindings(&collector)
        networkFindings(&collector)
        ruleFindings(&collector)
        endpointFindings(&collector)
        componentFindings(&collector)
        let rows = simulation.rows()
        designFindings(rows: rows, &collector)
        for row in rows where !row.status.succeeds { explain(row, &collector) }
        stepFindings(&collector)
        return collector.sorted(message: message)
    }

    // MARK: Who sees what

    /// The networks whose resolution of `name` is answered by zone `id` at that name.
    func viewers(of name: DNSName, in id: ZoneID) -> [NetworkID] {
        world.networks.compactMap { network in
            // The hops' names and sources are all it reads: the shared answer, not a copy naming the network.
            let resolution = resolver.resolve(name, from: network.name, namingNetwork: false)
            return resolution.hops.contains { $0.name == name && $0.source == .zone(id) } ? network.name : nil
        }
    }

    // MARK: Records

    private func recordFindings(_ collector: inout Collector) {
        // About one finding an A record, each new: the collector's index grows once.
        collector.reserve(records.addressSets.values.reduce(0) { total, sets in
            sets.reduce(total) { $0 + $1.records.count }
        })
        var viewers = RecordViewers(resolver: resolver, world: world)
        for zone in world.zones {
            guard let sets = records.addressSets[zone.id] else { continue }
            // The codes this zone has added a finding of: the owners come in canonical order, one
            // finding of a code an owner, so each later one orders after the one before it.
            var added: [FindingCode] = []
            for k in sets.indices where !sets[k].records.isEmpty {
                let seenBy = viewers.viewers(of: sets[k].owner, in: zone)
                for i in sets[k].records.indices {
                    guard case .a(let address) = sets[k].records[i].value else { continue }
                    check(sets[k].records[i], address, zone, seenBy, &added, &collector)
                }
            }
        }
    }

    /// The findings of one A record. `added`: the codes its zone has added findings of so far
    /// (the next of each follows the one before it: `Collector.add(_:follows:)`).
    private func check(_ record: Record, _ address: IPv4Address, _ zone: Zone, _ seenBy: [NetworkID],
                       _ added: inout [FindingCode], _ collector: inout Collector) {
        func follows(_ code: FindingCode) -> Bool {
            if added.contains(code) { return true }
            added.append(code)
            return false
        }
        let location = record.source ?? zone.file.map { SourceRef(file: $0, line: 0) }
        guard let endpoint = world.owner(of: address) else {
            if simulation.isPrivate(address) {
                collector.add(Finding(
                    code: .danglingRecord, zone: zone.id, name: record.name, networks: seenBy,
                    facts: .danglingRecord(zone: zone.id, name: record.name, address: address),
                    location: location), follows: follows(.danglingRecord))
            }
            return
        }
        let home = endpoint.spec.network
        let cut = seenBy.filter { !resolver.reachability.reaches($0, home) }
        if !cut.isEmpty {
            collector.add(Finding(
                code: .unroutableRecord, zone: zone.id, name: record.name, networks: cut,
                facts: .unroutableRecord(zone: zone.id, zoneName: zone.name, name: record.name, address: address,
                                         endpoint: endpoint.name, home: home, cut: cut),
                location: location), follows: follows(.unroutableRecord))
        }
        // A workspace's own name sent to an endpoint whose scope lacks the workspace.
        if let workspace = workspaceOwning(record.name), let scope = world.scope(endpoint.spec.scope),
           !scope.resources.contains(workspace.name) {
            collector.add(Finding(
                code: .notInScopeRecord, zone: zone.id, name: record.name, networks: seenBy,
                facts: .workspaceNameOutOfScope(zone: zone.id, workspace: workspace.name, name: record.name,
                                                endpoint: endpoint.name, scope: scope.name),
                location: location), follows: follows(.notInScopeRecord))
        }
    }

    /// The workspace whose GUID is the first label of a name in the oms, ods or agentsvc zone.
    private func workspaceOwning(_ name: DNSName) -> Workspace? {
        guard let zone = AMPLSZone.zone(of: name), zone != AMPLSZone.monitor, zone != AMPLSZone.blob,
              name.parent == zone else { return nil }
        let id = String(name.firstLabel)
        return world.workspaces.first { $0.id == id && world.resource($0.name) != nil }
    }

    // MARK: Hosts files

    /// Hosts entries are checked like records: the network that holds them is the one that sees them.
    private func hostsFindings(_ collector: inout Collector) {
        for network in world.networks {
            for (name, address) in network.hosts.sorted(by: { $0.key < $1.key }) {
                if let endpoint = world.owner(of: address) {
                    let home = endpoint.spec.network
                    if !resolver.reachability.reaches(network.name, home) {
                        collector.add(Finding(
                            code: .unroutableRecord, zone: nil, name: name, networks: [network.name],
                            facts: .unroutableHostsEntry(network: network.name, name: name, address: address,
                                                         endpoint: endpoint.name, home: home),
                            location: nil))
                    }
                } else if simulation.isPrivate(address) {
                    collector.add(Finding(
                        code: .danglingRecord, zone: nil, name: name, networks: [network.name],
                        facts: .danglingHostsEntry(network: network.name, name: name, address: address),
                        location: nil))
                }
            }
        }
    }

    // MARK: Zones

    private func zoneFindings(_ collector: inout Collector) {
        for zone in world.zones {
            guard let contents = world.contents[zone.id] else { continue }
            let probe = zone.name.prepending("amplsim-probe")
            if AMPLSZone.all.contains(zone.name), !contents.hasAddressRecords {
                let seenBy = viewers(of: probe, in: zone.id)
                if !seenBy.isEmpty {
                    collector.add(Finding(
                        code: .emptyZone, zone: zone.id, name: zone.name, networks: seenBy,
                        facts: .emptyZone(zone: zone.id, zoneName: zone.name, seenBy: seenBy),
                        location: zone.file.map { SourceRef(file: $0, line: 0) }))
                }
            }
            if let hidden = hiddenPublicName(by: zone.name) {
                let seenBy = viewers(of: hidden, in: zone.id)
                collector.add(Finding(
                    code: .zoneTooBroad, zone: zone.id, name: zone.name, networks: seenBy,
                    facts: .zoneTooBroad(zone: zone.id, zoneName: zone.name, hidden: hidden,
                                         instead: AMPLSZone.all.first { $0.isInside(zone.name) } ?? AMPLSZone.monitor),
                    location: zone.file.map { SourceRef(file: $0, line: 0) }))
            }
            if zone.name == AMPLSZone.monitor { mixedEndpoints(zone, contents, &collector) }
        }
    }

    /// A public Azure Monitor name that a zone of this name would answer for, if any.
    private func hiddenPublicName(by zone: DNSName) -> DNSName? {
        let placeholder = "00000000-0000-0000-0000-000000000000"
        var names = Array(resolver.publicDNS.entries.keys).sorted()
        names += AzureMonitorNames.workspaceNames(id: placeholder)
        return names.first { $0.isInside(zone) && hides($0, zone: zone) }
    }

    /// True when `name` is a public name that `zone` answers for without a privatelink label.
    private func hides(_ name: DNSName, zone: DNSName) -> Bool {
        let labels = name.relative(to: zone).split(separator: ".") + [zone.firstLabel]
        return !labels.contains("privatelink")
    }

    private func mixedEndpoints(_ zone: Zone, _ contents: ZoneContents, _ collector: inout Collector) {
        var owners: [(DNSName, EndpointID)] = []
        for (owner, set) in records.addressSets[zone.id] ?? [] {
            guard let first = set.first, case .a(let address) = first.value,
                  let endpoint = world.owner(of: address) else { continue }
            owners.append((owner, endpoint.name))
        }
        let distinct = Set(owners.map(\.1))
        guard distinct.count > 1 else { return }
        let seenBy = viewers(of: zone.name.prepending("api"), in: zone.id)
        collector.add(Finding(
            code: .mixedEndpoints, zone: zone.id, name: zone.name, networks: seenBy,
            facts: .mixedEndpoints(zone: zone.id, owners: owners.map {
                FindingFacts.NamedEndpoint(name: $0.0.relative(to: zone.name), endpoint: $0.1)
            }, distinct: distinct.count),
            location: zone.file.map { SourceRef(file: $0, line: 0) }))
    }

    // MARK: Networks

    private func networkFindings(_ collector: inout Collector) {
        for network in world.networks {
            var seen: [DNSName: ZoneID] = [:]
            for zoneName in AMPLSZone.all {
                let probe = zoneName.prepending("amplsim-probe")
                let resolution = resolver.resolve(probe, from: network.name)
                for hop in resolution.hops {
                    if case .zone(let id) = hop.source, world.zone(id)?.name == zoneName { seen[zoneName] = id }
                }
            }
            guard !seen.isEmpty else { continue }
            var needed: [DNSName: [ScopeID]] = [:]
            for scope in relevantScopes(network, seen: Array(seen.values)) {
                var zones = [AMPLSZone.monitor]
                if scope.resources.contains(where: { if case .workspace = world.resource($0) { return true } else { return false } }) {
                    zones += [AMPLSZone.oms, AMPLSZone.ods, AMPLSZone.agentsvc]
                }
                for z in zones { needed[z, default: []].append(scope.name) }
            }
            let missing = AMPLSZone.all.filter { needed[$0] != nil && seen[$0] == nil }
            guard !missing.isEmpty else { continue }
            let scopes = Set(missing.flatMap { needed[$0] ?? [] }).sorted()
            var finding = Finding(
                code: .partialZoneSet, zone: nil, name: nil, networks: [network.name],
                facts: .partialZoneSet(network: network.name, seen: seen.keys.sorted(), missing: missing, scopes: scopes),
                location: nil)
            // One per network: each stays apart.
            finding.group = .network(network.name)
            collector.add(finding)
        }
    }

    /// Scopes whose endpoints sit in the network or answer in the zones it sees.
    private func relevantScopes(_ network: Network, seen: [ZoneID]) -> [Scope] {
        var names = Set(world.endpoints.filter { $0.spec.network == network.name }.map(\.spec.scope))
        for id in seen { names.formUnion(records.endpointScopes[id] ?? []) }
        return world.scopes.filter { names.contains($0.name) }
    }

    // MARK: Forwarding rules

    /// The rules of the forwarding rulesets, read from the topology (Docs/model.md#resolving-a-name-from-a-network): loops
    /// to a linked network's own inbound endpoint, `.` rules that Azure's reserved domains
    /// escape, and privatelink rules sent to a resolver whose network lacks the zone.
    private func ruleFindings(_ collector: inout Collector) {
        for ruleset in world.rulesets where !ruleset.links.isEmpty {
            let from = world.dnsResolver(ruleset.resolver)?.network
            for rule in ruleset.rules where rule.enabled {
                ruleLoop(ruleset, rule, from: from, &collector)
                if rule.domain.isRoot { dotRule(ruleset, rule, &collector) }
                ruleZoneUnseen(ruleset, rule, from: from, &collector)
            }
        }
    }

    /// The inbound endpoint (resolver, network) holding `address`, if one does.
    private func inbound(_ address: IPv4Address) -> (resolver: ResolverID, network: NetworkID)? {
        if case .inbound(let resolver, let network)? = world.holder(of: address) { return (resolver, network) }
        return nil
    }

    /// True when a zone linked to `network` contains `domain`: the zone answers every name under
    /// it, so a rule for `domain` never applies there ("a linked zone never falls through to a rule").
    private func zoneCovers(_ domain: DNSName, in network: NetworkID) -> Bool {
        world.zones.contains { zone in zone.links.contains { $0.network == network } && domain.isInside(zone.name) }
    }

    /// The name a finding about a rule carries: its domain, or none for `.`.
    private func subject(of domain: DNSName) -> DNSName? { domain.isRoot ? nil : domain }


    /// A rule of a ruleset linked to R that targets an inbound endpoint in R: Azure DNS of R hands
    /// the name to itself (Docs/model.md#reaching-resolvers-and-loops). Reported from the topology, once per rule, with
    /// the networks whose resolution of a name under the domain loops (the linked network itself
    /// when none resolves through it today); the SERVFAIL rows it causes merge into it.
    private func ruleLoop(_ ruleset: ForwardingRuleset, _ rule: ForwardingRule, from: NetworkID?, _ collector: inout Collector) {
        guard let from else { return }
        // A target answers when something holds it in a network the resolver's network reaches.
        let answers: [IPv4Address] = rule.targets.filter { target in
            switch world.holder(of: target) {
            case .server(let name)?: return world.server(name).map { resolver.reachability.reaches(from, $0.network) } ?? false
            case .inbound(_, let network)?: return resolver.reachability.reaches(from, network)
            case nil: return false
            }
        }
        var looping: [(target: IPv4Address, resolver: ResolverID, network: NetworkID)] = []
        for target in answers {
            guard let (owner, network) = inbound(target), ruleset.links.contains(network),
                  !zoneCovers(rule.domain, in: network) else { continue }
            looping.append((target, owner, network))
        }
        guard let first = looping.first else { return }
        let probe = rule.domain.isRoot ? DNSName(canonical: "amplsim-probe") : rule.domain.prepending("amplsim-probe")
        var hurt = world.networks.map(\.name).filter { network in
            if case .servfail(.ruleLoop(let looped, _)) = resolver.resolve(probe, from: network).outcome { return looped == ruleset.name }
            return false
        }
        for network in looping.map(\.network) where !hurt.contains(network) { hurt.append(network) }
        let ahead = answers.prefix { $0 != first.target }
        var finding = Finding(
            code: .ruleLoop, zone: nil, name: subject(of: rule.domain), networks: hurt,
            facts: .ruleLoop(ruleset: ruleset.name, domain: rule.domain, looping: looping.map {
                FindingFacts.RuleTarget(target: $0.target, resolver: $0.resolver, network: $0.network)
            }, ahead: Array(ahead)),
            location: nil)
        finding.group = .ruleset(ruleset.name)
        collector.add(finding)
    }

    /// A `.` rule linked to networks: Azure's reserved domains escape it (Docs/model.md#azure-dns-of-a-network), and
    /// Azure Monitor's names are under them but for the two query names.
    private func dotRule(_ ruleset: ForwardingRuleset, _ rule: ForwardingRule, _ collector: inout Collector) {
        var finding = Finding(
            code: .dotRuleReserved, zone: nil, name: nil, networks: ruleset.links,
            facts: .dotRuleReserved(ruleset: ruleset.name, links: ruleset.links, targets: rule.targets,
                                    reserved: ForwardingRuleset.reservedDomains),
            location: nil)
        finding.group = .ruleset(ruleset.name)
        collector.add(finding)
    }

    /// The `privatelink.*` zone a domain is, or is inside (the suffix from its rightmost
    /// `privatelink` label), if any.
    private func privatelinkZone(of domain: DNSName) -> DNSName? {
        let labels = domain.labels
        guard let i = labels.lastIndex(of: "privatelink") else { return nil }
        return DNSName(canonical: labels[i...].joined(separator: "."))
    }

    /// A rule for a `privatelink.*` name that targets an inbound endpoint whose network links no
    /// zone holding it: Azure DNS there answers from public DNS instead (Docs/model.md#azure-dns-of-a-network).
    private func ruleZoneUnseen(_ ruleset: ForwardingRuleset, _ rule: ForwardingRule, from: NetworkID?, _ collector: inout Collector) {
        guard let from, let zoneName = privatelinkZone(of: rule.domain) else { return }
        // The linked networks where the rule applies: a zone they link themselves answers first.
        let users = ruleset.links.filter { !zoneCovers(rule.domain, in: $0) }
        guard !users.isEmpty else { return }
        var unseen: [(target: IPv4Address, resolver: ResolverID, network: NetworkID)] = []
        for target in rule.targets {
            // Targets in a linked network loop instead (rule-loop); unreachable ones are skipped.
            guard let (owner, network) = inbound(target), !ruleset.links.contains(network),
                  resolver.reachability.reaches(from, network), !zoneCovers(rule.domain, in: network) else { continue }
            unseen.append((target, owner, network))
        }
        guard !unseen.isEmpty else { return }
        let homes = unseen.map(\.network).reduce(into: [NetworkID]()) { if !$0.contains($1) { $0.append($1) } }
        var finding = Finding(
            code: .ruleZoneUnseen, zone: nil, name: rule.domain, networks: users,
            facts: .ruleZoneUnseen(ruleset: ruleset.name, domain: rule.domain, zoneName: zoneName, targets: unseen.map {
                FindingFacts.RuleTarget(target: $0.target, resolver: $0.resolver, network: $0.network)
            }, homes: homes, users: users),
            location: nil)
        finding.group = .ruleset(ruleset.name)
        collector.add(finding)
    }

    // MARK: Private endpoints

    /// Private endpoints in subnets smaller than /27, the smallest Azure documents (Docs/model.md#addresses).
    private func endpointFindings(_ collector: inout Collector) {
        for endpoint in world.endpoints where endpoint.spec.subnet.prefix > 27 {
            let subnet = endpoint.spec.subnet
            let needed = world.addressKeys(forMembers: world.scope(endpoint.spec.scope)?.resources ?? []).count
            // Azure reserves the subnet's first four addresses and its last one.
            let usable = subnet.size >= 5 ? Int(subnet.size) - 5 : 0
            var free = 0
            if usable > 0 {
                for value in (subnet.base.value + 4)..<subnet.last.value {
                    let address = IPv4Address(value)
                    if world.owners[address] == nil && world.holder(of: address) == nil { free += 1 }
                }
            }
            var finding = Finding(
                code: .subnetTooSmall, zone: nil, name: nil, networks: [endpoint.spec.network],
                facts: .subnetTooSmall(endpoint: endpoint.name, subnet: subnet, usable: usable, scope: endpoint.spec.scope,
                                       needed: needed, free: free),
                location: endpoint.spec.source)
            finding.group = .endpoint(endpoint.name)
            collector.add(finding)
        }
    }

    /// Components whose stamp was assumed (Docs/model.md#endpoints): two components of one region on
    /// different stamps do not share a name, so a wrong 0 points their regional ingestion name at
    /// a record the endpoint does not write.
    private func componentFindings(_ collector: inout Collector) {
        for component in world.liveComponents where component.stampDefaulted && component.endpointSuffix == nil {
            var finding = Finding(
                code: .componentStampDefaulted, zone: nil, name: nil, resource: component.name, networks: [],
                facts: .componentStampDefaulted(component: component.name, region: component.region,
                                                regionStamp: component.regionStamp),
                location: nil)
            finding.group = .resource(component.name)
            collector.add(finding)
        }
    }

    // MARK: Rows

    /// Adds the finding that explains a failing row (merging with the static ones).
    private func explain(_ row: Row, _ collector: inout Collector) {
        let hop = row.resolution.answeringHop
        var zoneID: ZoneID?
        if case .zone(let id)? = hop?.source { zoneID = id }
        if case .fallback(let id)? = hop?.source { zoneID = id }
        let name = hop?.name ?? row.fqdn
        let location = zoneID.flatMap { recordLocation($0, name) }
        switch row.status {
        case .private, .public:
            return
        case .unroutable, .dangling:
            let code: FindingCode = row.status == .unroutable ? .unroutableRecord : .danglingRecord
            if zoneID != nil, collector.contains(code, zone: zoneID, name: name) {
                collector.add(network: row.network, to: code, zone: zoneID, name: name)
                return
            }
            collector.add(Finding(
                code: code, zone: zoneID, name: name, networks: [row.network],
                facts: row.status == .unroutable
                    ? .unroutableAnswer(row.reason, network: row.network, name: name)
                    : .danglingAnswer(row.reason, name: name),
                location: location))
        case .nxdomain:
            if let zoneID, let zone = world.zone(zoneID), collector.contains(.zoneTooBroad, zone: zoneID, name: zone.name),
               hides(name, zone: zone.name) {
                collector.add(network: row.network, to: .zoneTooBroad, zone: zoneID, name: zone.name)
                return
            }
            if let zoneID, let zone = world.zone(zoneID), AMPLSZone.all.contains(zone.name),
               world.contents[zoneID]?.hasAddressRecords == false || collector.contains(.emptyZone, zone: zoneID, name: zone.name) {
                collector.add(network: row.network, to: .emptyZone, zone: zoneID, name: zone.name)
                if collector.contains(.emptyZone, zone: zoneID, name: zone.name) { return }
            }
            collector.add(Finding(
                code: .missingRecord, zone: zoneID, name: name, networks: [row.network],
                facts: .missingRecord(fqdn: row.fqdn, name: name, zone: zoneID, nodata: row.resolution.outcome == .nodata,
                                      network: row.network),
                location: location))
        case .servfail:
            explainServfail(row, name, &collector)
        case .notInScope:
            guard let via = row.via, let endpoint = world.endpoint(via) else { return }
            if row.endpoint.isResourceSpecific(of: row.resourceKind) {
                if collector.contains(.notInScopeRecord, zone: zoneID, name: name) {
                    collector.add(network: row.network, to: .notInScopeRecord, zone: zoneID, name: name)
                    return
                }
                collector.add(Finding(
                    code: .notInScopeRecord, zone: zoneID, name: name, networks: [row.network],
                    facts: .resourceNameOutOfScope(row.reason, resource: row.resource, scope: endpoint.spec.scope),
                    location: location))
            } else {
                // The root cause when the resource has a scope of its own: another scope's endpoint
                // wrote the shared names last. Fix that first; adding the resource to the other
                // scope or opening it routes one team's traffic through another's scope.
                let homes = world.scopes(of: row.resource).map(\.name)
                let homeEndpoints = world.endpoints.filter { homes.contains($0.spec.scope) }.map(\.name)
                let reachable = world.endpoints.first {
                    homes.contains($0.spec.scope) && simulation.resolver.reachability.reaches(row.network, $0.spec.network)
                }
                collector.add(Finding(
                    code: .scopeMissingResource, zone: zoneID, name: nil, resource: row.resource, networks: [row.network],
                    facts: .scopeMissingResource(FindingFacts.ScopeMiss(
                        resource: row.resource, network: row.network, category: row.endpoint.category, endpoint: via,
                        scope: endpoint.spec.scope, endpointNetwork: endpoint.spec.network, homes: homes,
                        homeEndpoints: homeEndpoints, reachableHome: homes.isEmpty ? nil : reachable?.name)),
                    location: endpoint.spec.source))
            }
        case .publicDenied:
            collector.add(Finding(
                code: .publicDenied, zone: nil, name: nil, resource: row.resource, networks: [row.network],
                facts: .publicDenied(resource: row.resource, category: row.endpoint.category, via: row.via),
                location: nil))
        case .egressBlocked:
            collector.add(Finding(
                code: .egressBlocked, zone: nil, name: nil, resource: row.resource, networks: [row.network],
                facts: .egressBlocked(resource: row.resource),
                location: nil))
        }
    }

    private func explainServfail(_ row: Row, _ name: DNSName, _ collector: inout Collector) {
        guard case .servfail(let reason) = row.resolution.outcome else { return }
        let code: FindingCode
        var subject: DNSName?
        let group: FindingGroup
        switch reason {
        case .chainTooLong, .cnameLoop:
            code = .cnameLoop
            subject = name
            group = .nothing
        case .forwardingLoop(let server, let looped):
            code = .forwardingLoop
            subject = looped
            group = .server(server)
        case .azureDNSFromOnPrem(let network):
            code = .onPremAzureDNS
            group = .network(network)
        case .resolverUnreachable(let server, _, _):
            code = .unreachableDNSServer
            group = .resolver(server)
        case .forwarderUnreachable(let server, let target, _):
            code = .unreachableDNSServer
            group = .forwarder(server, target)
        case .noEgress(let server, _):
            code = .resolverNoEgress
            group = .server(server)
        case .ruleLoop(let ruleset, let looped):
            code = .ruleLoop
            // Named by the rule that loops, so that the rows merge with the finding read from
            // the topology (ruleLoop(_:_:from:_:)).
            subject = loopingRule(ruleset, looped).flatMap { self.subject(of: $0) }
            group = .ruleset(ruleset)
        case .addressUnheld(let address, let from):
            code = .unreachableDNSServer
            group = .address(from, address)
        case .noRuleTarget(let ruleset, let domain):
            code = .unreachableDNSServer
            group = .rule(ruleset, domain)
        }
        var zone: ZoneID?
        var place: SourceRef?
        if code == .cnameLoop {
            // The zone that answered the looping (or last) name with its CNAME.
            let looped: DNSName
            if case .cnameLoop(let n) = reason { looped = n } else { looped = row.resolution.chain.last ?? name }
            let answered = row.resolution.hops.last { hop in
                if case .zone = hop.source, case .cname = hop.result { return hop.name == looped || reason == .chainTooLong }
                return false
            }
            if case .zone(let id)? = answered?.source, let hop = answered {
                zone = id
                subject = hop.name
                place = recordLocation(id, hop.name)
            } else {
                subject = looped
            }
        } else if code != .ruleLoop {
            subject = nil
        }
        var finding = Finding(code: code, zone: zone, name: subject, networks: [row.network],
                              facts: .servfail(reason, fqdn: row.fqdn, name: name), location: place)
        finding.group = group
        collector.add(finding)
    }

    /// The domain of the enabled rule of `ruleset` that `name` follows: the longest that matches
    /// (`.` not for names under Azure's reserved domains).
    private func loopingRule(_ ruleset: RulesetID, _ name: DNSName) -> DNSName? {
        let domains = world.ruleset(ruleset)?.rules.filter(\.enabled).map(\.domain) ?? []
        return domains.filter { domain in
            name.isInside(domain) && !(domain.isRoot && ForwardingRuleset.reservedDomains.contains { name.isInside($0) })
        }.max { $0.text.count < $1.text.count }
    }

    private func recordLocation(_ zoneID: ZoneID, _ name: DNSName) -> SourceRef? {
        let contents = world.contents[zoneID]
        for type in contents?.types(at: name) ?? [] {
            if let source = contents?.recordSet(name, type)?.first?.source { return source }
        }
        return world.zone(zoneID)?.file.map { SourceRef(file: $0, line: 0) }
    }

    // MARK: Steps

    private func stepFindings(_ collector: inout Collector) {
        for outcome in outcomes {
            guard let refusal = outcome.refusal else { continue }
            var finding = Finding(
                code: refusal.rule == .limit ? .limitExceeded : .refusedStep, zone: nil,
                name: nil, networks: [],
                facts: .refusedStep(index: outcome.index, keyword: outcome.step.step.keyword, label: outcome.step.label,
                                    refusal: refusal),
                location: outcome.step.source)
            // One per step: each stays apart.
            finding.group = .step(outcome.index)
            collector.add(finding)
        }
    }
}

/// Gathers findings, merging those of one code, zone and name.
struct Collector {
    let order: [NetworkID]
    private var findings: [Finding] = []
    /// Where each finding is, by its key: positions of `findings` in an open-addressing table
    /// (the key is the finding's own fields, so the table holds 8 bytes a finding, not a copy of
    /// its key: a large zone's audit has hundreds of thousands).
    private var index = PositionTable()
    /// Per finding: true when its caller vouched that it orders after the finding of its code
    /// added before it (`add(_:follows:)`), so that `sorted` need not compare the two.
    private var follows: [Bool] = []

    /// The index's hash of a finding's key: its code, zone, name, resource and group. A finding
    /// about a name is told apart by the name (a zone's record findings are one per name), hashed
    /// by its bytes; the others by every field, through `Hasher`. Equality still compares every
    /// field (`position`).
    private static func hash(_ code: FindingCode, _ zone: ZoneID?, _ name: DNSName?, _ resource: ResourceID?,
                             _ group: FindingGroup) -> Int {
        if let name { return name.bytesHash }
        var hasher = Hasher()
        hasher.combine(code)
        hasher.combine(zone)
        hasher.combine(resource)
        hasher.combine(group)
        return hasher.finalize()
    }

    init(order: [NetworkID]) { self.order = order }

    /// Makes room for `count` more findings.
    mutating func reserve(_ count: Int) {
        findings.reserveCapacity(findings.count + count)
        follows.reserveCapacity(follows.count + count)
        index.reserve(findings.count + count)
    }

    /// The position of the finding with this key, and the key's hash. The finding's fields are
    /// its key: hashed and compared in place, no key made. Findings about networks or steps stay
    /// apart (their group is the network or the step); record findings merge by zone and name.
    private func position(_ code: FindingCode, _ zone: ZoneID?, _ name: DNSName?, _ resource: ResourceID?,
                          _ group: FindingGroup) -> (found: Int?, hash: Int) {
        let hash = Collector.hash(code, zone, name, resource, group)
        let found = index.find(hash: hash) { i in
            findings[i].name == name && findings[i].code == code && findings[i].zone == zone
                && findings[i].resource == resource && findings[i].group == group
        }
        return (found, hash)
    }

    func contains(_ code: FindingCode, zone: ZoneID?, name: DNSName?) -> Bool {
        position(code, zone, name, nil, .nothing).found != nil
    }

    mutating func add(network: NetworkID, to code: FindingCode, zone: ZoneID?, name: DNSName?) {
        guard let i = position(code, zone, name, nil, .nothing).found else { return }
        if !findings[i].networks.contains(network) { findings[i].networks.append(network) }
    }

    /// Adds a finding, or merges its networks into the one with its key. `follows`: the caller
    /// vouches that, if new, it orders after the last finding of its code added before it (by
    /// zone, name and resource, strictly), as a zone's record findings do, found in owner order.
    @inline(__always)
    mutating func add(_ finding: consuming Finding, follows: Bool = false) {
        let (found, hash) = position(finding.code, finding.zone, finding.name, finding.resource, finding.group)
        if let i = found {
            for n in finding.networks where !findings[i].networks.contains(n) { findings[i].networks.append(n) }
            return
        }
        index.insert(findings.count, hash: hash)
        findings.append(finding)
        self.follows.append(follows)
    }

    /// The positions of `list` by severity, then code, each code's in the order found (a stable
    /// counting sort: ranks read once per run of one code, not compared per pair).
    private static func orderedByCode(_ list: [Finding]) -> [Int] {
        let codes = FindingCode.allCases
        var rank = [Int](repeating: 0, count: list.count)
        var last: (code: FindingCode, rank: Int)?
        for i in list.indices {
            let code = list[i].code
            if let last, last.code == code { rank[i] = last.rank; continue }
            let severity = Severity.allCases.firstIndex(of: code.severity) ?? 0
            let found = severity * codes.count + (codes.firstIndex(of: code) ?? 0)
            rank[i] = found
            last = (code, found)
        }
        let buckets = Severity.allCases.count * codes.count
        var starts = [Int](repeating: 0, count: buckets + 1)
        for r in rank { starts[r + 1] += 1 }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var positions = [Int](repeating: 0, count: list.count)
        for (i, r) in rank.enumerated() {
            positions[starts[r]] = i
            starts[r] += 1
        }
        return positions
    }

    /// The findings, networks in topology order; ordered by severity, code, zone, name and
    /// resource, and then by their message (`message` words it). Only findings that tie on all the
    /// fields are worded for the order (a large zone's record findings differ by name: none is);
    /// ties on everything keep the order they were found in. The collector is left empty.
    mutating func sorted(message: (Finding) -> String) -> [Finding] {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // Taken out, so that the findings are sorted in place, not copied (each copy of a
        // finding retains its strings: a large zone's audit has hundreds of thousands).
        var list: [Finding] = []
        swap(&list, &findings)
        var follows: [Bool] = []
        swap(&follows, &self.follows)
        index = PositionTable()
        for i in list.indices where list[i].networks.count > 1 {
            list[i].networks.sort { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        }
        // Each finding's fields, read once and only when compared (not at every comparison of
        // the sort, nor for findings whose place was vouched for): the order's keys, not
        // identities; a finding about no zone, name or resource orders first. The severity is
        // read from the code in place (`severity` copied the whole finding to be called).
        var fields = [(Severity, FindingCode, String, String, String)?](repeating: nil, count: list.count)
        func field(_ i: Int) -> (Severity, FindingCode, String, String, String) {
            if let known = fields[i] { return known }
            let f = (list[i].code.severity, list[i].code, list[i].zone?.name ?? "", list[i].name?.text ?? "",
                     list[i].resource?.name ?? "")
            fields[i] = f
            return f
        }
        var positions = Collector.orderedByCode(list)
        // Within one code the order is zone, name, resource, then the order found: positions of
        // one code come in the order found, and a zone's record findings were found in owner
        // order, so most runs are in order already and are only checked, and a finding vouched
        // to follow the one before it (`follows`) not even that. `after[k]`: the finding at k
        // orders strictly after the one at k - 1, known without comparing them.
        var after = [Bool](repeating: false, count: list.count)
        var low = 0
        while low < positions.count {
            var high = low + 1
            while high < positions.count && list[positions[high]].code == list[positions[low]].code { high += 1 }
            let inOrder = (low + 1 ..< high).allSatisfy { k in
                if follows[positions[k]] { return true }
                let (x, y) = (field(positions[k - 1]), field(positions[k]))
                return (x.2, x.3, x.4) <= (y.2, y.3, y.4)
            }
            if inOrder {
                for k in low + 1 ..< high where follows[positions[k]] { after[k] = true }
            } else {
                positions[low..<high].sort { a, b in
                    let (x, y) = (field(a), field(b))
                    return (x.2, x.3, x.4) < (y.2, y.3, y.4) || ((x.2, x.3, x.4) == (y.2, y.3, y.4) && a < b)
                }
            }
            low = high
        }
        var start = 0
        while start < positions.count {
            var end = start + 1
            while end < positions.count && !after[end] && field(positions[start]) == field(positions[end]) { end += 1 }
            if end - start > 1 {
                let worded = positions[start..<end].map { (message: message(list[$0]), position: $0) }
                positions.replaceSubrange(start..<end, with: worded.sorted { $0 < $1 }.map(\.position))
            }
            start = end
        }
        // list[k] becomes the finding at positions[k], one cycle of the permutation at a time,
        // by swaps (which move a finding, never copy it).
        var placed = [Bool](repeating: false, count: list.count)
        for first in list.indices where !placed[first] {
            var k = first
            placed[k] = true
            while positions[k] != first {
                let next = positions[k]
                list.swapAt(k, next)
                k = next
                placed[k] = true
            }
        }
        return list
    }
}
