/// Finds the broken mappings of a world (MODEL.md applied to real zone contents): records that
/// send networks where they cannot go, names a zone lacks, zones that hide public names,
/// forwarding rules that loop or miss what users expect of them, subnets smaller than Azure
/// supports, and the steps the timeline refused. Every failing row of the simulation is explained by at least
/// one finding.
public struct Audit {
    public let simulation: Simulation
    public let outcomes: [StepOutcome]
    private var world: World { simulation.world }
    private var resolver: Resolver { simulation.resolver }

    public init(simulation: Simulation, outcomes: [StepOutcome]) {
        self.simulation = simulation
        self.outcomes = outcomes
    }

    /// Every finding, errors first, then by code, zone and name.
    public func findings() -> [Finding] {
        var collector = Collector(order: world.networks.map(\.name))
        recordFindings(&collector)
        hostsFindings(&collector)
        zoneFindings(&collector)
        networkFindings(&collector)
        ruleFindings(&collector)
        endpointFindings(&collector)
        componentFindings(&collector)
        for row in simulation.rows() where !row.status.succeeds { explain(row, &collector) }
        stepFindings(&collector)
        return collector.sorted()
    }

    // MARK: Who sees what

    /// The networks whose resolution of `name` is answered by zone `id` at that name.
    func viewers(of name: DNSName, in id: String) -> [String] {
        world.networks.compactMap { network in
            let resolution = resolver.resolve(name, from: network.name)
            return resolution.hops.contains { $0.name == name && $0.source == .zone(id) } ? network.name : nil
        }
    }

    // MARK: Records

    private func recordFindings(_ collector: inout Collector) {
        for zone in world.zones {
            guard let contents = world.contents[zone.id] else { continue }
            for owner in contents.owners {
                guard let set = contents.recordSet(owner, "A"), !set.isEmpty else { continue }
                let seenBy = viewers(of: owner, in: zone.id)
                for record in set {
                    guard case .a(let address) = record.value else { continue }
                    check(record, address, zone, seenBy, &collector)
                }
            }
        }
    }

    private func check(_ record: Record, _ address: IPv4Address, _ zone: Zone, _ seenBy: [String],
                       _ collector: inout Collector) {
        let location = record.source ?? zone.file.map { SourceRef(file: $0, line: 0) }
        guard let endpoint = world.owner(of: address) else {
            if simulation.isPrivate(address) {
                collector.add(Finding(
                    code: .danglingRecord, zone: zone.id, name: record.name, networks: seenBy,
                    message: "\(zone.id) maps \(record.name.absolute) to \(address), a private address that no private endpoint holds, so clients connect to nothing",
                    fix: "point \(record.name.absolute) at the private endpoint that serves it, or delete the record",
                    location: location))
            }
            return
        }
        let home = endpoint.spec.network
        let cut = seenBy.filter { !resolver.reachability.reaches($0, home) }
        if !cut.isEmpty {
            collector.add(Finding(
                code: .unroutableRecord, zone: zone.id, name: record.name, networks: cut,
                message: "\(zone.id) maps \(record.name.absolute) to \(address), private endpoint \(endpoint.name) in \(home), which \(cut.joined(separator: ", ")) cannot reach: the last endpoint to write overrides the name for every network that shares the zone",
                fix: "peer \(cut.joined(separator: ", ")) with \(home) (or route through a transit hub), or give \(cut.count == 1 ? "it" : "them") a separate zone \(zone.name.absolute) with \(cut.count == 1 ? "its" : "their") own endpoint's addresses",
                location: location))
        }
        // A workspace's own name sent to an endpoint whose scope lacks the workspace.
        if let workspace = workspaceOwning(record.name), let scope = world.scope(endpoint.spec.scope),
           !scope.resources.contains(workspace.name) {
            collector.add(Finding(
                code: .notInScopeRecord, zone: zone.id, name: record.name, networks: seenBy,
                message: "\(zone.id) sends workspace \(workspace.name)'s own name \(record.name.absolute) to private endpoint \(endpoint.name), whose scope \(scope.name) does not hold \(workspace.name), so the endpoint refuses its traffic",
                fix: "add \(workspace.name) to scope \(scope.name), or delete the record so that \(workspace.name) resolves publicly",
                location: location))
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
                            message: "the hosts file of \(network.name) maps \(name.absolute) to \(address), private endpoint \(endpoint.name) in \(home), which \(network.name) cannot reach",
                            fix: "point the hosts entry at an endpoint \(network.name) reaches, or peer \(network.name) with \(home)",
                            location: nil))
                    }
                } else if simulation.isPrivate(address) {
                    collector.add(Finding(
                        code: .danglingRecord, zone: nil, name: name, networks: [network.name],
                        message: "the hosts file of \(network.name) maps \(name.absolute) to \(address), a private address that no private endpoint holds",
                        fix: "point the hosts entry at the private endpoint that serves \(name.absolute), or remove it",
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
                        message: "\(zone.id) (\(zone.name.absolute)) holds no address records, yet the public CNAMEs send every Azure Monitor name into it, so each one is NXDOMAIN for the networks that see it",
                        fix: "add the private endpoint's A records to \(zone.id), or unlink it from \(seenBy.joined(separator: ", ")) (or enable fallback to internet on those links)",
                        location: zone.file.map { SourceRef(file: $0, line: 0) }))
                }
            }
            if let hidden = hiddenPublicName(by: zone.name) {
                let seenBy = viewers(of: hidden, in: zone.id)
                collector.add(Finding(
                    code: .zoneTooBroad, zone: zone.id, name: zone.name, networks: seenBy,
                    message: "\(zone.id) is named \(zone.name.absolute), a public parent of the Azure Monitor names: it answers for public names such as \(hidden.absolute) that it does not hold, which become NXDOMAIN",
                    fix: "name the zone after the privatelink domain instead (for example \(AMPLSZone.all.first { $0.isInside(zone.name) }?.absolute ?? AMPLSZone.monitor.absolute))",
                    location: zone.file.map { SourceRef(file: $0, line: 0) }))
            }
            if zone.name == AMPLSZone.monitor { mixedEndpoints(zone, contents, &collector) }
        }
    }

    /// A public Azure Monitor name that a zone of this name would answer for, if any.
    private func hiddenPublicName(by zone: DNSName) -> DNSName? {
        let placeholder = "00000000-0000-0000-0000-000000000000"
        var names = Array(resolver.publicDNS.entries.keys).sorted()
        names += ["ods.opinsights.azure.com", "oms.opinsights.azure.com", "agentsvc.azure-automation.net"].map {
            DNSName(canonical: "\(placeholder).\($0)")
        }
        return names.first { $0.isInside(zone) && hides($0, zone: zone) }
    }

    /// True when `name` is a public name that `zone` answers for without a privatelink label.
    private func hides(_ name: DNSName, zone: DNSName) -> Bool {
        let labels = name.relative(to: zone).split(separator: ".") + [zone.firstLabel]
        return !labels.contains("privatelink")
    }

    private func mixedEndpoints(_ zone: Zone, _ contents: ZoneContents, _ collector: inout Collector) {
        var owners: [(DNSName, String)] = []
        for owner in contents.owners {
            guard let first = contents.recordSet(owner, "A")?.first, case .a(let address) = first.value,
                  let endpoint = world.owner(of: address) else { continue }
            owners.append((owner, endpoint.name))
        }
        let distinct = Set(owners.map(\.1))
        guard distinct.count > 1 else { return }
        let seenBy = viewers(of: zone.name.prepending("api"), in: zone.id)
        let list = owners.map { "\($0.0.relative(to: zone.name)) → \($0.1)" }.joined(separator: ", ")
        collector.add(Finding(
            code: .mixedEndpoints, zone: zone.id, name: zone.name, networks: seenBy,
            message: "the shared names of \(zone.id) point at \(distinct.count) different private endpoints (\(list)): every network that sees the zone follows whichever endpoint wrote each name last",
            fix: "serve every network from one private endpoint in a hub, or give each network its own zones",
            location: zone.file.map { SourceRef(file: $0, line: 0) }))
    }

    // MARK: Networks

    private func networkFindings(_ collector: inout Collector) {
        for network in world.networks {
            var seen: [DNSName: String] = [:]
            for zoneName in AMPLSZone.all {
                let probe = zoneName.prepending("amplsim-probe")
                let resolution = resolver.resolve(probe, from: network.name)
                for hop in resolution.hops {
                    if case .zone(let id) = hop.source, world.zone(id)?.name == zoneName { seen[zoneName] = id }
                }
            }
            guard !seen.isEmpty else { continue }
            var needed: [DNSName: [String]] = [:]
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
            collector.add(Finding(
                code: .partialZoneSet, zone: nil, name: nil, networks: [network.name],
                message: "\(network.name) sees \(seen.keys.sorted().map(\.absolute).joined(separator: ", ")) but not \(missing.map(\.absolute).joined(separator: ", ")), which \(scopes.joined(separator: ", ")) need\(scopes.count == 1 ? "s" : ""): those names resolve publicly and bypass the private endpoint",
                fix: "link \(missing.map(\.absolute).joined(separator: ", ")) to \(network.name) (or host them on its DNS server)",
                location: nil))
        }
    }

    /// Scopes whose endpoints sit in the network or answer in the zones it sees.
    private func relevantScopes(_ network: Network, seen: [String]) -> [Scope] {
        var names = Set(world.endpoints.filter { $0.spec.network == network.name }.map(\.spec.scope))
        for id in seen {
            guard let contents = world.contents[id] else { continue }
            for owner in contents.owners {
                for record in contents.recordSet(owner, "A") ?? [] {
                    if case .a(let address) = record.value, let endpoint = world.owner(of: address) {
                        names.insert(endpoint.spec.scope)
                    }
                }
            }
        }
        return world.scopes.filter { names.contains($0.name) }
    }

    // MARK: Forwarding rules

    /// The rules of the forwarding rulesets, read from the topology (MODEL.md section 4): loops
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
    private func inbound(_ address: IPv4Address) -> (resolver: String, network: String)? {
        if case .inbound(let resolver, let network)? = world.holder(of: address) { return (resolver, network) }
        return nil
    }

    /// True when a zone linked to `network` contains `domain`: the zone answers every name under
    /// it, so a rule for `domain` never applies there ("a linked zone never falls through to a rule").
    private func zoneCovers(_ domain: DNSName, in network: String) -> Bool {
        world.zones.contains { zone in zone.links.contains { $0.network == network } && domain.isInside(zone.name) }
    }

    /// The name a finding about a rule carries: its domain, or none for `.`.
    private func subject(of domain: DNSName) -> DNSName? { domain.isRoot ? nil : domain }

    /// "." for the root, the domain otherwise.
    private func spelled(_ domain: DNSName) -> String { domain.isRoot ? "\".\"" : domain.absolute }

    /// A rule of a ruleset linked to R that targets an inbound endpoint in R: Azure DNS of R hands
    /// the name to itself (MODEL.md section 4). Reported from the topology, once per rule, with
    /// the networks whose resolution of a name under the domain loops (the linked network itself
    /// when none resolves through it today); the SERVFAIL rows it causes merge into it.
    private func ruleLoop(_ ruleset: ForwardingRuleset, _ rule: ForwardingRule, from: String?, _ collector: inout Collector) {
        guard let from else { return }
        // A target answers when something holds it in a network the resolver's network reaches.
        let answers: [IPv4Address] = rule.targets.filter { target in
            switch world.holder(of: target) {
            case .server(let name)?: return world.server(name).map { resolver.reachability.reaches(from, $0.network) } ?? false
            case .inbound(_, let network)?: return resolver.reachability.reaches(from, network)
            case nil: return false
            }
        }
        var looping: [(target: IPv4Address, resolver: String, network: String)] = []
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
        let latent = ahead.isEmpty ? ""
            : "; today \(ahead.map(\.description).joined(separator: ", ")) answer\(ahead.count == 1 ? "s" : "") first, so the loop shows whenever \(ahead.count == 1 ? "it does" : "they do") not"
        let targets = looping.map { "\($0.target) (an inbound endpoint of \($0.resolver) in \($0.network))" }.joined(separator: ", ")
        let domainNames = rule.domain.isRoot ? "every name outside Azure's reserved domains" : "names under \(rule.domain.absolute)"
        var finding = Finding(
            code: .ruleLoop, zone: nil, name: subject(of: rule.domain), networks: hurt,
            message: "the rule for \(spelled(rule.domain)) of \(ruleset.name), linked to \(looping.map(\.network).joined(separator: ", ")), targets \(targets): Azure DNS of that network hands \(domainNames) to itself, applies the same rule again and loops, so they are SERVFAIL\(latent)",
            fix: "unlink \(ruleset.name) from \(looping.map(\.network).joined(separator: ", ")) (the network whose inbound endpoint the rule targets; link it to the spokes only), or target a DNS server that resolves \(domainNames) itself",
            location: nil)
        finding.group = ruleset.name
        collector.add(finding)
    }

    /// A `.` rule linked to networks: Azure's reserved domains escape it (MODEL.md section 4), and
    /// Azure Monitor's names are under them but for the two query names.
    private func dotRule(_ ruleset: ForwardingRuleset, _ rule: ForwardingRule, _ collector: inout Collector) {
        let reserved = ForwardingRuleset.reservedDomains.map(\.text).joined(separator: ", ")
        let links = ruleset.links.joined(separator: ", ")
        let targets = rule.targets.map(\.description).joined(separator: ", ")
        var finding = Finding(
            code: .dotRuleReserved, zone: nil, name: nil, networks: ruleset.links,
            message: "the rule for \".\" of \(ruleset.name), linked to \(links), does not match names under Azure's reserved domains (\(reserved)): Azure Monitor's *.monitor.azure.com, *.applicationinsights.azure.com, *.opinsights.azure.com, *.azure-automation.net and *.blob.core.windows.net names never reach \(targets) and are answered by Azure DNS of each linked network (its linked zones, else public DNS), while api.loganalytics.io and api.applicationinsights.io do reach \(targets), with the rest of their chain: query and ingestion take different paths",
            fix: "if Azure Monitor's names must reach \(targets), add rules for monitor.azure.com, applicationinsights.azure.com, opinsights.azure.com, azure-automation.net and blob.core.windows.net to \(ruleset.name); otherwise link the five privatelink zones to \(links) so that Azure DNS answers them privately",
            location: nil)
        finding.group = ruleset.name
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
    /// zone holding it: Azure DNS there answers from public DNS instead (MODEL.md section 4).
    private func ruleZoneUnseen(_ ruleset: ForwardingRuleset, _ rule: ForwardingRule, from: String?, _ collector: inout Collector) {
        guard let from, let zoneName = privatelinkZone(of: rule.domain) else { return }
        // The linked networks where the rule applies: a zone they link themselves answers first.
        let users = ruleset.links.filter { !zoneCovers(rule.domain, in: $0) }
        guard !users.isEmpty else { return }
        var unseen: [(target: IPv4Address, resolver: String, network: String)] = []
        for target in rule.targets {
            // Targets in a linked network loop instead (rule-loop); unreachable ones are skipped.
            guard let (owner, network) = inbound(target), !ruleset.links.contains(network),
                  resolver.reachability.reaches(from, network), !zoneCovers(rule.domain, in: network) else { continue }
            unseen.append((target, owner, network))
        }
        guard !unseen.isEmpty else { return }
        let targets = unseen.map { "\($0.target) (an inbound endpoint of \($0.resolver) in \($0.network))" }.joined(separator: ", ")
        let homes = unseen.map(\.network).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var finding = Finding(
            code: .ruleZoneUnseen, zone: nil, name: rule.domain, networks: users,
            message: "the rule for \(rule.domain.absolute) of \(ruleset.name) forwards to \(targets), but \(homes.joined(separator: ", ")) link\(homes.count == 1 ? "s" : "") no \(zoneName.absolute) zone: Azure DNS there answers those names from public DNS (a public address, or NXDOMAIN) instead of the private zone, and \(users.joined(separator: ", ")) take\(users.count == 1 ? "s" : "") that answer",
            fix: "link the \(zoneName.absolute) zone that holds the private endpoint's records to \(homes.joined(separator: ", ")), or target an inbound endpoint of a resolver whose network links it",
            location: nil)
        finding.group = ruleset.name
        collector.add(finding)
    }

    // MARK: Private endpoints

    /// Private endpoints in subnets smaller than /27, the smallest Azure documents (MODEL.md 5).
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
                message: "private endpoint \(endpoint.name) sits in subnet \(subnet), smaller than the /27 Azure documents as the smallest it supports: its \(subnet.size) addresses leave \(usable) usable (Azure reserves the first four and the last), scope \(endpoint.spec.scope) needs \(needed) (one per address key) and \(free) \(free == 1 ? "is" : "are") free for resources linked later (a workspace of a new region takes 3, a data collection endpoint 3, a component up to 2): a link that needs more is refused",
                fix: "create the private endpoint in a /27 or larger subnet",
                location: endpoint.spec.source)
            finding.group = endpoint.name
            collector.add(finding)
        }
    }

    /// Components whose stamp was assumed (MODEL.md section 2): two components of one region on
    /// different stamps do not share a name, so a wrong 0 points their regional ingestion name at
    /// a record the endpoint does not write.
    private func componentFindings(_ collector: inout Collector) {
        for component in world.liveComponents where component.stampDefaulted && component.endpointSuffix == nil {
            var finding = Finding(
                code: .componentStampDefaulted, zone: nil, name: nil, resource: component.name, networks: [],
                message: "component \(component.name) has no stamp and no connection string, so stamp 0 was assumed: its regional ingestion name is \(component.regionStamp).in.applicationinsights.azure.com, which is wrong if Azure placed it on another stamp (the number in IngestionEndpoint=https://\(component.region)-N.in.applicationinsights.azure.com/)",
                fix: "give \(component.name) its connectionString (Application Insights > Overview > Connection String) or its stamp",
                location: nil)
            finding.group = component.name
            collector.add(finding)
        }
    }

    // MARK: Rows

    /// Adds the finding that explains a failing row (merging with the static ones).
    private func explain(_ row: Row, _ collector: inout Collector) {
        let hop = row.resolution.answeringHop
        var zoneID: String?
        if case .zone(let id)? = hop?.source { zoneID = id }
        if case .fallback(let id)? = hop?.source { zoneID = id }
        let name = hop?.name ?? row.fqdn
        let location = zoneID.flatMap { recordLocation($0, name) }
        let category = row.endpoint.category.rawValue
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
                message: "\(row.detail)",
                fix: row.status == .unroutable
                    ? "make the endpoint reachable from \(row.network) (peering or a transit hub), or stop \(row.network) from resolving \(name.absolute) to it"
                    : "point \(name.absolute) at the private endpoint that serves it, or remove the entry",
                location: location))
        case .nxdomain:
            if let zoneID, let zone = world.zone(zoneID), collector.contains(.zoneTooBroad, zone: zoneID, name: zone.name),
               hides(name, zone: zone.name) {
                collector.add(network: row.network, to: .zoneTooBroad, zone: zoneID, name: zone.name)
                return
            }
            if let zoneID, let zone = world.zone(zoneID), AMPLSZone.all.contains(zone.name),
               world.contents[zoneID]?.hasAddressRecords == false {
                collector.add(network: row.network, to: .emptyZone, zone: zoneID, name: zone.name)
                if collector.contains(.emptyZone, zone: zoneID, name: zone.name) { return }
            }
            let nodata = row.resolution.outcome == .nodata
            let message: String
            if let zoneID {
                message = nodata
                    ? "\(zoneID) holds \(name.absolute) but no A record, so \(row.fqdn.absolute) has no address"
                    : "the chain of \(row.fqdn.absolute) enters \(zoneID), which has no record for \(name.absolute): NXDOMAIN"
            } else {
                message = "no zone \(row.network) sees holds \(name.absolute), and public DNS does not know it: NXDOMAIN"
            }
            collector.add(Finding(
                code: .missingRecord, zone: zoneID, name: name, networks: [row.network], message: message,
                fix: zoneID.map { "add an A record for \(name.absolute) to \($0) with the serving private endpoint's address, or enable fallback to internet on the link" }
                    ?? "create a zone that holds \(name.absolute) and link it to \(row.network) (or add a hosts entry)",
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
                    code: .notInScopeRecord, zone: zoneID, name: name, networks: [row.network], message: row.detail,
                    fix: "add \(row.resource) to scope \(endpoint.spec.scope), or delete the record",
                    location: location))
            } else {
                // The root cause when the resource has a scope of its own: another scope's endpoint
                // wrote the shared names last. Fix that first; adding the resource to the other
                // scope or opening it routes one team's traffic through another's scope.
                let homes = world.scopes(of: row.resource).map(\.name)
                let homeEndpoints = world.endpoints.filter { homes.contains($0.spec.scope) }.map(\.name)
                let message: String
                let fix: String
                if homes.isEmpty {
                    message = "\(row.resource)'s shared names resolve to private endpoint \(via) of scope \(endpoint.spec.scope), which does not hold \(row.resource) and admits only its own resources: Azure Monitor Private Link is all or nothing"
                    fix = "add \(row.resource) to scope \(endpoint.spec.scope), or set the scope's \(category) access mode to Open"
                } else {
                    let own = homeEndpoints.isEmpty ? "" : " (endpoint \(homeEndpoints.joined(separator: ", ")))"
                    message = "private endpoint \(via) of scope \(endpoint.spec.scope), in \(endpoint.spec.network), wrote the shared names last, so \(row.resource)'s shared names resolve to it; \(row.resource) belongs to \(homes.joined(separator: ", "))\(own), and \(endpoint.spec.scope) admits only its own resources: Azure Monitor Private Link is all or nothing"
                    let reachable = world.endpoints.filter {
                        homes.contains($0.spec.scope) && simulation.resolver.reachability.reaches(row.network, $0.spec.network)
                    }.map(\.name)
                    if let home = reachable.first {
                        fix = "have \(home)'s records serve \(row.network): keep \(via) from writing the zones \(row.network) links (give \(endpoint.spec.network) its own zones, or remove \(via)'s zone group) and write \(home)'s records again; adding \(row.resource) to \(endpoint.spec.scope) or opening its \(category) access mode also heals, but weakens isolation: \(row.resource)'s traffic would pass another team's scope"
                    } else {
                        fix = "\(row.network) reaches no endpoint of \(homes.joined(separator: ", ")), and one network's shared names can point at one scope only: connect \(row.network) to a network with an endpoint of \(homes[0]) that serves it, or, weakening isolation (\(row.resource)'s traffic would pass another team's scope), add \(row.resource) to \(endpoint.spec.scope) or open its \(category) access mode"
                    }
                }
                collector.add(Finding(
                    code: .scopeMissingResource, zone: zoneID, name: nil, resource: row.resource, networks: [row.network],
                    message: message, fix: fix, location: endpoint.spec.source))
            }
        case .publicDenied:
            collector.add(Finding(
                code: .publicDenied, zone: nil, name: nil, resource: row.resource, networks: [row.network],
                message: "\(row.resource) denies public \(category), and these networks reach it over public access" + (row.via.map { " (through the Open scope of \($0))" } ?? ""),
                fix: "add \(row.resource) to the scope that serves these networks, or allow public \(category) on \(row.resource)",
                location: nil))
        case .egressBlocked:
            collector.add(Finding(
                code: .egressBlocked, zone: nil, name: nil, resource: row.resource, networks: [row.network],
                message: "\(row.resource)'s names resolve to public addresses from networks without internet egress",
                fix: "add \(row.resource) to a scope with a private endpoint that these networks reach and see in DNS, or allow internet egress",
                location: nil))
        }
    }

    private func explainServfail(_ row: Row, _ name: DNSName, _ collector: inout Collector) {
        guard case .servfail(let reason) = row.resolution.outcome else { return }
        let code: FindingCode
        var subject: DNSName?
        let group: String
        let fix: String
        switch reason {
        case .chainTooLong, .cnameLoop:
            code = .cnameLoop
            subject = name
            group = ""
            fix = "break the CNAME chain: point \(name.absolute) at an address, or shorten the chain below \(maxChainLength) names"
        case .forwardingLoop(let server, let looped):
            code = .forwardingLoop
            subject = looped
            group = server
            fix = "make sure forwarders do not lead back to \(server): one of them must resolve the name itself"
        case .azureDNSFromOnPrem(let network):
            code = .onPremAzureDNS
            group = network
            fix = "from on-premises, forward to a DNS server or DNS Private Resolver inside an Azure VNet, not to Azure DNS directly"
        case .resolverUnreachable(let server, let serverNetwork, _):
            code = .unreachableDNSServer
            group = server
            fix = "connect the networks to \(serverNetwork), or use a DNS server they can reach"
        case .forwarderUnreachable(let server, let target, let targetNetwork):
            code = .unreachableDNSServer
            group = "\(server)>\(target)"
            fix = "connect \(server)'s network to \(targetNetwork), or forward to a server it can reach"
        case .noEgress(let server, let network):
            code = .resolverNoEgress
            group = server
            fix = "forward \(server)'s public names to a resolver with internet access, or allow egress from \(network)"
        case .ruleLoop(let ruleset, let looped):
            code = .ruleLoop
            // Named by the rule that loops, so that the rows merge with the finding read from
            // the topology (ruleLoop(_:_:from:_:)).
            subject = loopingRule(ruleset, looped).flatMap { self.subject(of: $0) }
            group = ruleset
            fix = "a rule of \(ruleset) sends \(looped.absolute) back to the Azure DNS that applies it: unlink \(ruleset) from the resolver's own network, or target a DNS server that resolves the name itself"
        case .addressUnheld(let address, let from):
            code = .unreachableDNSServer
            group = "\(from)>\(address)"
            fix = "no DNS server or resolver inbound endpoint holds \(address): point \(from) at an address that one holds"
        case .noRuleTarget(let ruleset, let domain):
            code = .unreachableDNSServer
            group = "\(ruleset)>\(domain.text)"
            fix = "the rule for \(domain.absolute) in \(ruleset) has no target that its resolver's network reaches: connect the networks, or target a reachable DNS server or inbound endpoint"
        }
        var zone: String?
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
        let message = code == .cnameLoop || code == .forwardingLoop
            ? "\(row.fqdn.absolute): " + Explain.servfail(reason)
            : "every name is SERVFAIL: " + Explain.servfail(reason)
        var finding = Finding(code: code, zone: zone, name: subject, networks: [row.network],
                              message: message, fix: fix, location: place)
        finding.group = group
        collector.add(finding)
    }

    /// The domain of the enabled rule of `ruleset` that `name` follows: the longest that matches
    /// (`.` not for names under Azure's reserved domains).
    private func loopingRule(_ ruleset: String, _ name: DNSName) -> DNSName? {
        let domains = world.ruleset(ruleset)?.rules.filter(\.enabled).map(\.domain) ?? []
        return domains.filter { domain in
            name.isInside(domain) && !(domain.isRoot && ForwardingRuleset.reservedDomains.contains { name.isInside($0) })
        }.max { $0.text.count < $1.text.count }
    }

    private func recordLocation(_ zoneID: String, _ name: DNSName) -> SourceRef? {
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
            let label = outcome.step.label.map { " (\($0))" } ?? ""
            collector.add(Finding(
                code: refusal.rule == .limit ? .limitExceeded : .refusedStep, zone: nil,
                name: nil, networks: [],
                message: "step \(outcome.index) \(outcome.step.step.keyword)\(label) was refused: \(refusal.message)",
                fix: refusal.rule == .limit ? "stay within the limit, or raise it in settings.limits if Azure's has changed"
                    : "change the step so that it follows the rule, or remove it",
                location: outcome.step.source))
        }
    }
}

/// Gathers findings, merging those of one code, zone and name.
struct Collector {
    let order: [String]
    private var findings: [Finding] = []
    private var index: [Key: Int] = [:]

    private struct Key: Hashable {
        var code: FindingCode
        var zone: String?
        var name: DNSName?
        var resource: String?
        var extra: String
    }

    init(order: [String]) { self.order = order }

    private func key(_ f: Finding) -> Key {
        // Findings about networks or steps stay apart; record findings merge by zone and name.
        let extra: String
        switch f.code {
        case .partialZoneSet, .refusedStep, .limitExceeded: extra = f.message
        default: extra = f.group
        }
        return Key(code: f.code, zone: f.zone, name: f.name, resource: f.resource, extra: extra)
    }

    func contains(_ code: FindingCode, zone: String?, name: DNSName?) -> Bool {
        index[Key(code: code, zone: zone, name: name, resource: nil, extra: "")] != nil
    }

    mutating func add(network: String, to code: FindingCode, zone: String?, name: DNSName?) {
        guard let i = index[Key(code: code, zone: zone, name: name, resource: nil, extra: "")] else { return }
        if !findings[i].networks.contains(network) { findings[i].networks.append(network) }
    }

    mutating func add(_ finding: Finding) {
        let k = key(finding)
        if let i = index[k] {
            for n in finding.networks where !findings[i].networks.contains(n) { findings[i].networks.append(n) }
            return
        }
        index[k] = findings.count
        findings.append(finding)
    }

    func sorted() -> [Finding] {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return findings.map { f -> Finding in
            var f = f
            f.networks.sort { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
            return f
        }.sorted { a, b in
            (a.severity, a.code, a.zone ?? "", a.name?.text ?? "", a.resource ?? "", a.message)
                < (b.severity, b.code, b.zone ?? "", b.name?.text ?? "", b.resource ?? "", b.message)
        }
    }
}
