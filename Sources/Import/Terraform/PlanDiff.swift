import AmplsimEngine

/// The steps that take the state before a plan to the state after it: deletions first (an
/// endpoint before the membership and the resource it needs, links before what they link), then
/// creations and changes in dependency order (networks, peerings, zone links, records, rules,
/// access, memberships, endpoints). Each step is labelled with the addresses that cause it.
struct PlanDiff {
    let before: ImportResult
    let after: ImportResult
    let addressOfId: [String: String]
    /// Addresses whose change is not a no-op.
    let changed: Set<String>

    var base: Topology
    var steps: [TimelineStep] = []
    var notes: [ImportNote] = []

    init(before: ImportResult, after: ImportResult, addressOfId: [String: String], changed: Set<String>) {
        self.before = before
        self.after = after
        self.addressOfId = addressOfId
        self.changed = changed
        self.base = before.topology
    }

    // MARK: Labels

    /// The addresses behind a list of ids: the changed ones, else all.
    func addresses(_ ids: [String]?) -> String? {
        let all = (ids ?? []).compactMap { addressOfId[$0.lowercased()] }
        var seen = Set<String>()
        let unique = all.filter { seen.insert($0).inserted }
        let moving = unique.filter { changed.contains($0) }
        let chosen = moving.isEmpty ? unique : moving
        return chosen.isEmpty ? nil : chosen.joined(separator: ", ")
    }

    func label(_ key: ObjectKey, later: Bool = true) -> String? {
        addresses((later ? after : before).origins[key]) ?? addresses((later ? before : after).origins[key])
    }

    func label(detail: String, later: Bool = true) -> String? {
        addresses((later ? after : before).detailOrigins[detail])
    }

    mutating func add(_ step: Step, _ label: String?) { steps.append(TimelineStep(step, label: label)) }

    mutating func note(_ kind: ImportNote.Kind, _ subject: String?, _ message: String) {
        notes.append(ImportNote(kind, subject ?? "plan", message))
    }

    // MARK: The diff

    mutating func run() {
        let b = before.topology, a = after.topology
        declareNew(b, a)
        // Deletions.
        let endpointsAfter = Dictionary(a.privateEndpoints.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        var replaced = Set<EndpointID>()
        for e in b.privateEndpoints {
            guard let later = endpointsAfter[e.name] else {
                add(.deleteEndpoint(e.name), label(.endpoint(e.name), later: false))
                continue
            }
            if later.network != e.network || later.subnet != e.subnet || later.scope != e.scope || later.dnsZones != e.dnsZones {
                add(.deleteEndpoint(e.name), label(.endpoint(e.name)))
                replaced.insert(e.name)
                note(.assumed, label(.endpoint(e.name)), "\(e.name) changes its network, subnet, scope or zone group: modelled as a delete and a create")
            }
        }
        let scopesAfter = Dictionary(a.scopes.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for s in b.scopes {
            let remaining = Set(scopesAfter[s.name]?.resources ?? [])
            for member in s.resources where !remaining.contains(member) {
                add(.unlinkResource(scope: s.name, resource: member), label(detail: "member|\(s.name)|\(member)", later: false) ?? label(.scope(s.name), later: false))
            }
        }
        let resourcesAfter = Set(a.workspaces.map(\.name) + a.components.map(\.name) + a.dataCollectionEndpoints.map(\.name))
        for name in b.workspaces.map(\.name) + b.components.map(\.name) + b.dataCollectionEndpoints.map(\.name) where !resourcesAfter.contains(name) {
            add(.deleteResource(name), label(.resource(name), later: false))
        }
        let rulesetsAfter = Dictionary(a.forwardingRulesets.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for r in b.forwardingRulesets {
            let later = rulesetsAfter[r.name]
            for link in r.links where !(later?.links.contains(link) ?? false) {
                add(.unlinkRuleset(ruleset: r.name, network: link), label(detail: "rulesetLink|\(r.name)|\(link)", later: false))
            }
            for rule in r.rules where !(later?.rules.contains { $0.domain == rule.domain } ?? false) {
                if later != nil { add(.deleteRule(ruleset: r.name, domain: rule.domain), label(detail: "rule|\(r.name)|\(rule.domain.text)", later: false)) }
            }
        }
        let zonesAfter = Dictionary(a.zones.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for z in b.zones {
            guard let later = zonesAfter[z.id] else { continue }
            let keep = Set(later.records.map { "\($0.name.text)|\($0.type)" })
            var seen = Set<String>()
            for r in z.records where !keep.contains("\(r.name.text)|\(r.type)") && seen.insert("\(r.name.text)|\(r.type)").inserted {
                add(.deleteRecord(zone: z.id, name: r.name, type: r.type), label(detail: "record|\(z.id)|\(r.name.text)|\(r.type)", later: false))
            }
        }
        for z in b.zones {
            let later = zonesAfter[z.id]
            for link in z.links {
                let kept = later?.links.first { $0.network == link.network }
                if kept == nil || kept?.fallbackToInternet != link.fallbackToInternet {
                    add(.unlinkZone(zone: z.id, network: link.network), label(detail: "link|\(z.id)|\(link.network)", later: kept != nil))
                }
            }
        }
        let pairsBefore = PlanDiff.pairs(b.networks), pairsAfter = PlanDiff.pairs(a.networks)
        for pair in pairsBefore.keys.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) where pairsAfter[pair] == nil {
            add(.unpeer(pair.a, pair.b), label(detail: "peer|\(pair.a)|\(pair.b)", later: false))
        }
        noteDeletedWithoutStep(b, a)

        // Creations and changes.
        let networksBefore = Dictionary(b.networks.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        var made = Set(base.networks.map(\.name))
        for n in a.networks where networksBefore[n.name] == nil && !made.contains(n.name) {
            var created = n
            created.peerings = n.peerings.filter { made.contains($0) }
            created.connections = n.connections.filter { made.contains($0) }
            add(.createNetwork(created), label(.network(n.name)))
            made.insert(n.name)
        }
        let createdPairs = Set(steps.compactMap { step -> [NetworkPair]? in
            guard case .createNetwork(let n) = step.step else { return nil }
            return (n.peerings + n.connections).map { NetworkPair(n.name, $0) }
        }.flatMap { $0 })
        for n in a.networks {
            guard let old = networksBefore[n.name] else { continue }
            if old.dns != n.dns { add(.setDns(network: n.name, dns: n.dns), label(.network(n.name))) }
            if old.addressSpace != n.addressSpace || old.transit != n.transit || old.gatewayTransit != n.gatewayTransit {
                note(.unmapped, label(.network(n.name)), "\(n.name) changes its address space or transit: no step does that; the scenario keeps the old one")
            }
        }
        for pair in pairsAfter.keys.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) where pairsBefore[pair] == nil && !createdPairs.contains(pair) {
            if pairsAfter[pair] == .connection {
                note(.unmapped, "\(pair.a)-\(pair.b)", "a new connection: modelled as a peering (peer)")
            }
            add(.peer(pair.a, pair.b), label(detail: "peer|\(pair.a)|\(pair.b)"))
        }
        let zonesBefore = Dictionary(b.zones.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for z in a.zones {
            let old = zonesBefore[z.id]
            for link in z.links {
                let had = old?.links.first { $0.network == link.network }
                if had == nil || had?.fallbackToInternet != link.fallbackToInternet {
                    add(.linkZone(zone: z.id, network: link.network, fallbackToInternet: link.fallbackToInternet), label(detail: "link|\(z.id)|\(link.network)"))
                }
            }
        }
        for z in a.zones {
            let old = zonesBefore[z.id]
            var sets: [String: [Record]] = [:]
            var order: [String] = []
            for r in z.records {
                let key = "\(r.name.text)|\(r.type)"
                if sets[key] == nil { order.append(key) }
                sets[key, default: []].append(r)
            }
            for key in order {
                let records = sets[key] ?? []
                let oldSet = old?.records.filter { "\($0.name.text)|\($0.type)" == key } ?? []
                guard oldSet.map(\.value) != records.map(\.value) || oldSet.map(\.ttl) != records.map(\.ttl), let first = records.first else { continue }
                let l = label(detail: "record|\(z.id)|\(first.name.text)|\(first.type)")
                add(.setRecord(zone: z.id, record: Record(name: first.name, ttl: first.ttl, value: first.value)), l)
                if records.count > 1 {
                    note(.unmapped, l, "\(first.name.absolute) holds \(records.count) addresses: the step sets the first, which is the one amplsim answers with")
                }
            }
        }
        let rulesetsBefore = Dictionary(b.forwardingRulesets.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for r in a.forwardingRulesets {
            let old = rulesetsBefore[r.name]
            for rule in r.rules where old?.rules.first(where: { $0.domain == rule.domain }) != rule {
                add(.setRule(ruleset: r.name, rule: rule), label(detail: "rule|\(r.name)|\(rule.domain.text)"))
            }
            for link in r.links where !(old?.links.contains(link) ?? false) {
                add(.linkRuleset(ruleset: r.name, network: link), label(detail: "rulesetLink|\(r.name)|\(link)"))
            }
        }
        accessChanges(b, a)
        let scopesBefore = Dictionary(b.scopes.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for s in a.scopes {
            let had = Set(scopesBefore[s.name]?.resources ?? [])
            for member in s.resources where !had.contains(member) {
                add(.linkResource(scope: s.name, resource: member), label(detail: "member|\(s.name)|\(member)") ?? label(.scope(s.name)))
            }
            if let old = scopesBefore[s.name], old.exclusions != s.exclusions {
                note(.unmapped, label(.scope(s.name)), "\(s.name) changes its exclusions: no step does that")
            }
        }
        let endpointsBefore = Set(b.privateEndpoints.map(\.name))
        for e in a.privateEndpoints where !endpointsBefore.contains(e.name) || replaced.contains(e.name) {
            add(.createEndpoint(e), label(.endpoint(e.name)))
        }
    }

    /// Objects the plan creates that no step creates: declared in the base topology, unused.
    private mutating func declareNew(_ b: Topology, _ a: Topology) {
        let say = "declared in topology.yaml, unused, since no step creates"
        let networks = Set(b.networks.map(\.name))
        var needed = Set<NetworkID>()
        for r in a.dnsResolvers where !b.dnsResolvers.contains(where: { $0.name == r.name }) { needed.insert(r.network) }
        for s in a.dnsServers where !b.dnsServers.contains(where: { $0.name == s.name }) { needed.insert(s.network) }
        for n in a.networks where !networks.contains(n.name) && needed.contains(n.name) {
            var declared = n
            declared.peerings = []
            declared.connections = []
            base.networks.append(declared)
            note(.assumed, label(.network(n.name)), "network \(n.name) holds a new resolver or DNS server: \(say) those; its peerings follow as steps")
        }
        for z in a.zones where !b.zones.contains(where: { $0.id == z.id }) {
            base.zones.append(Zone(id: z.id, name: z.name))
            note(.assumed, label(.zone(z.id)), "zone \(z.id) is created by the plan: \(say) a zone; its links and records follow as steps")
        }
        for w in a.workspaces where !b.workspaces.contains(where: { $0.name == w.name }) {
            base.workspaces.append(w)
            note(.assumed, label(.resource(w.name)), "workspace \(w.name) is created by the plan: \(say) a workspace (its rows exist before the plan)")
        }
        for c in a.components where !b.components.contains(where: { $0.name == c.name }) {
            base.components.append(c)
            note(.assumed, label(.resource(c.name)), "component \(c.name) is created by the plan: \(say) a component (its rows exist before the plan)")
        }
        for d in a.dataCollectionEndpoints where !b.dataCollectionEndpoints.contains(where: { $0.name == d.name }) {
            base.dataCollectionEndpoints.append(d)
            note(.assumed, label(.resource(d.name)), "DCE \(d.name) is created by the plan: \(say) a DCE (its rows exist before the plan)")
        }
        for s in a.scopes where !b.scopes.contains(where: { $0.name == s.name }) {
            base.scopes.append(Scope(name: s.name, ingestionAccessMode: s.ingestionAccessMode, queryAccessMode: s.queryAccessMode, exclusions: s.exclusions))
            note(.assumed, label(.scope(s.name)), "scope \(s.name) is created by the plan: \(say) a scope; its members follow as steps")
        }
        for r in a.dnsResolvers where !b.dnsResolvers.contains(where: { $0.name == r.name }) {
            base.dnsResolvers.append(r)
            note(.assumed, label(.dnsResolver(r.name)), "DNS resolver \(r.name) is created by the plan: \(say) a resolver (no network asks it before a step says so)")
        }
        for r in a.forwardingRulesets where !b.forwardingRulesets.contains(where: { $0.name == r.name }) {
            base.forwardingRulesets.append(ForwardingRuleset(name: r.name, resolver: r.resolver))
            note(.assumed, label(.ruleset(r.name)), "forwarding ruleset \(r.name) is created by the plan: \(say) a ruleset; its rules and links follow as steps")
        }
        for s in a.dnsServers where !b.dnsServers.contains(where: { $0.name == s.name }) {
            base.dnsServers.append(s)
            note(.assumed, label(.dnsServer(s.name)), "DNS server \(s.name) is created by the plan: \(say) a DNS server")
        }
    }

    private mutating func noteDeletedWithoutStep(_ b: Topology, _ a: Topology) {
        let stays = "no step deletes one, so it stays in the model once its links, records and members are gone"
        for z in b.zones where !a.zones.contains(where: { $0.id == z.id }) {
            note(.unmapped, label(.zone(z.id), later: false), "zone \(z.id) is deleted by the plan: \(stays)")
        }
        for s in b.scopes where !a.scopes.contains(where: { $0.name == s.name }) {
            note(.unmapped, label(.scope(s.name), later: false), "scope \(s.name) is deleted by the plan: \(stays)")
        }
        for n in b.networks where !a.networks.contains(where: { $0.name == n.name }) {
            note(.unmapped, label(.network(n.name), later: false), "network \(n.name) is deleted by the plan: \(stays)")
        }
        for r in b.dnsResolvers where !a.dnsResolvers.contains(where: { $0.name == r.name }) {
            note(.unmapped, label(.dnsResolver(r.name), later: false), "DNS resolver \(r.name) is deleted by the plan: \(stays)")
        }
        for r in b.forwardingRulesets where !a.forwardingRulesets.contains(where: { $0.name == r.name }) {
            note(.unmapped, label(.ruleset(r.name), later: false), "forwarding ruleset \(r.name) is deleted by the plan: \(stays)")
        }
    }

    private mutating func accessChanges(_ b: Topology, _ a: Topology) {
        func flags(_ t: Topology) -> [ResourceID: (Bool, Bool)] {
            var out: [ResourceID: (Bool, Bool)] = [:]
            for w in t.workspaces { out[w.name] = (w.publicIngestion, w.publicQuery) }
            for c in t.components { out[c.name] = (c.publicIngestion, c.publicQuery) }
            for d in t.dataCollectionEndpoints { out[d.name] = (d.publicIngestion, d.publicIngestion) }
            return out
        }
        let old = flags(b), new = flags(a)
        let dces = Set(a.dataCollectionEndpoints.map(\.name))
        for name in (a.workspaces.map(\.name) + a.components.map(\.name) + a.dataCollectionEndpoints.map(\.name)) {
            guard let was = old[name], let now = new[name] else { continue }
            let ingestion = was.0 != now.0 ? now.0 : nil
            let query = was.1 != now.1 && !dces.contains(name) ? now.1 : nil
            if ingestion != nil || query != nil {
                add(.setResourceAccess(resource: name, publicIngestion: ingestion, publicQuery: query), label(.resource(name)))
            }
        }
        let scopes = Dictionary(b.scopes.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for s in a.scopes {
            guard let was = scopes[s.name] else { continue }
            let ingestion = was.ingestionAccessMode != s.ingestionAccessMode ? s.ingestionAccessMode : nil
            let query = was.queryAccessMode != s.queryAccessMode ? s.queryAccessMode : nil
            if ingestion != nil || query != nil {
                add(.setScopeAccess(scope: s.name, ingestionAccessMode: ingestion, queryAccessMode: query), label(.scope(s.name)))
            }
        }
    }

    enum Adjacency { case peering, connection }

    /// Every pair of networks joined by a peering or a connection, written on either side.
    static func pairs(_ networks: [Network]) -> [NetworkPair: Adjacency] {
        var out: [NetworkPair: Adjacency] = [:]
        for n in networks {
            for p in n.peerings { out[NetworkPair(n.name, p)] = .peering }
            for c in n.connections { out[NetworkPair(n.name, c)] = .connection }
        }
        return out
    }
}
