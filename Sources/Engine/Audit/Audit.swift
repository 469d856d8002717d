/// Finds the broken mappings of a world (MODEL.md applied to real zone contents): records that
/// send networks where they cannot go, names a zone lacks, zones that hide public names, and
/// the steps the timeline refused. Every failing row of the simulation is explained by at least
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
                collector.add(Finding(
                    code: .scopeMissingResource, zone: zoneID, name: nil, resource: row.resource, networks: [row.network],
                    message: "\(row.resource)'s shared names resolve to private endpoint \(via) of scope \(endpoint.spec.scope), which does not hold \(row.resource) and admits only its own resources: Azure Monitor Private Link is all or nothing",
                    fix: "add \(row.resource) to scope \(endpoint.spec.scope), or set the scope's \(category) access mode to Open",
                    location: endpoint.spec.source))
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
            subject = looped
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
        } else {
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
