import AmplsimEngine

/// Writes a topology as the YAML of Docs/topology.md (version 2): sections in its order, objects in
/// the topology's order, optional fields only where they differ from the defaults, a comment
/// above each object naming where it was read from, and the import's notes at the end.
package enum TopologyYAML {
    /// The topology file's text.
    package static func text(_ result: ImportResult) -> String {
        var out = Emitter()
        let t = result.topology
        for line in result.header { out.line("# " + YAMLScalar.comment(line)) }
        out.line("version: 2")
        out.section("networks", t.networks) { o, n in
            o.origins(result.origins[.network(n.name)])
            for comment in result.networkComments[n.name] ?? [] { o.line("  # " + YAMLScalar.comment(comment)) }
            o.item(network(n))
        }
        out.section("dnsServers", t.dnsServers) { o, s in
            o.origins(result.origins[.dnsServer(s.name)])
            var fields: [(String, String)] = [("name", YAMLScalar.text(s.name)), ("network", YAMLScalar.text(s.network))]
            if let a = s.address { fields.append(("address", a.description)) }
            if s.flavor != .bind { fields.append(("flavor", s.flavor.rawValue)) }
            if !s.zones.isEmpty { fields.append(("zones", YAMLScalar.list(s.zones))) }
            o.item(fields)
            if !s.forwarders.isEmpty {
                o.line("    forwarders:")
                for f in s.forwarders {
                    o.line("      - " + YAMLScalar.map([("domain", YAMLScalar.text(f.domain.description)), ("to", YAMLScalar.text(f.target.description))]))
                }
            }
            if s.defaultTarget != .internet { o.line("    default: " + YAMLScalar.text(s.defaultTarget.description)) }
        }
        out.section("dnsResolvers", t.dnsResolvers) { o, r in
            o.origins(result.origins[.dnsResolver(r.name)])
            o.item([("name", YAMLScalar.text(r.name)), ("network", YAMLScalar.text(r.network)),
                    ("inbound", YAMLScalar.list(r.inbound.map(\.description)))])
        }
        out.section("forwardingRulesets", t.forwardingRulesets) { o, r in
            o.origins(result.origins[.ruleset(r.name)])
            o.item([("name", YAMLScalar.text(r.name)), ("resolver", YAMLScalar.text(r.resolver)), ("links", YAMLScalar.list(r.links))])
            if !r.rules.isEmpty {
                o.line("    rules:")
                for rule in r.rules { o.line("      - " + YAMLScalar.map(ruleFields(rule))) }
            }
        }
        out.section("zones", t.zones) { o, z in
            o.origins(result.origins[.zone(z.id)])
            var fields: [(String, String)] = [("id", YAMLScalar.text(z.id)), ("name", YAMLScalar.text(z.name.text))]
            if !z.links.isEmpty { fields.append(("links", YAMLScalar.list(z.links.map(\.network)))) }
            let fallback = z.links.filter(\.fallbackToInternet).map(\.network)
            if !fallback.isEmpty { fields.append(("fallbackToInternet", YAMLScalar.list(fallback))) }
            if let file = result.zoneFiles[z.id] { fields.append(("file", YAMLScalar.text(file))) }
            o.item(fields)
            if result.zoneFiles[z.id] == nil, !z.records.isEmpty {
                o.line("    records:")
                for r in z.records { o.line("      - " + YAMLScalar.map(recordFields(r, zone: z.name))) }
            }
        }
        out.section("workspaces", t.workspaces) { o, w in
            o.origins(result.origins[.resource(w.name)])
            var fields: [(String, String)] = [("name", YAMLScalar.text(w.name)), ("id", YAMLScalar.text(w.id)), ("region", YAMLScalar.text(w.region))]
            if !w.publicIngestion { fields.append(("publicIngestion", "false")) }
            if !w.publicQuery { fields.append(("publicQuery", "false")) }
            o.line("  - " + YAMLScalar.map(fields))
        }
        out.section("components", t.components) { o, c in
            o.origins(result.origins[.resource(c.name)])
            var fields: [(String, String)] = [("name", YAMLScalar.text(c.name))]
            if let text = result.connectionStrings[c.name] ?? (c.liveRegion != c.region ? ConnectionString.text(for: c) : nil) {
                fields.append(("connectionString", YAMLScalar.quoted(text)))
            } else {
                fields.append(("region", YAMLScalar.text(c.region)))
                fields.append(("stamp", String(c.stamp)))
                if let suffix = c.endpointSuffix { fields.append(("endpointSuffix", YAMLScalar.text(suffix.text))) }
            }
            if !c.publicIngestion { fields.append(("publicIngestion", "false")) }
            if !c.publicQuery { fields.append(("publicQuery", "false")) }
            o.item(fields)
        }
        out.section("dataCollectionEndpoints", t.dataCollectionEndpoints) { o, d in
            o.origins(result.origins[.resource(d.name)])
            var fields: [(String, String)] = [("name", YAMLScalar.text(d.name)), ("id", YAMLScalar.quoted(d.id)), ("region", YAMLScalar.text(d.region))]
            if !d.publicIngestion { fields.append(("publicIngestion", "false")) }
            o.line("  - " + YAMLScalar.map(fields))
        }
        out.section("scopes", t.scopes) { o, s in
            o.origins(result.origins[.scope(s.name)])
            o.item([("name", YAMLScalar.text(s.name)), ("resources", YAMLScalar.list(s.resources)),
                    ("ingestionAccessMode", s.ingestionAccessMode.rawValue), ("queryAccessMode", s.queryAccessMode.rawValue)])
            if !s.exclusions.isEmpty {
                o.line("    exclusions:")
                for e in s.exclusions {
                    var fields: [(String, String)] = [("endpoint", YAMLScalar.text(e.endpoint))]
                    if let m = e.ingestionAccessMode { fields.append(("ingestionAccessMode", m.rawValue)) }
                    if let m = e.queryAccessMode { fields.append(("queryAccessMode", m.rawValue)) }
                    o.line("      - " + YAMLScalar.map(fields))
                }
            }
        }
        out.section("privateEndpoints", t.privateEndpoints) { o, e in
            o.origins(result.origins[.endpoint(e.name)])
            o.item(endpointFields(e))
            if !e.addresses.isEmpty {
                o.line("    addresses:")
                for (name, address) in e.addresses.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                    o.line("      \(YAMLScalar.text(name.text)): \(address)")
                }
            }
        }
        if !t.steps.isEmpty {
            out.line("")
            out.line("steps:")
            for step in t.steps { out.step(step) }
        }
        let notes = result.sortedNotes
        if !notes.isEmpty {
            out.line("")
            out.line("# What the import did not carry over, or assumed (\(notes.count)):")
            for note in notes { out.line("#   " + YAMLScalar.comment(note.line)) }
        }
        return out.text
    }

    /// A scenario file: the steps, each with its label.
    package static func scenario(_ steps: [TimelineStep], header: [String]) -> String {
        var out = Emitter()
        for line in header { out.line("# " + YAMLScalar.comment(line)) }
        if steps.isEmpty {
            out.line("steps: []")
        } else {
            out.line("steps:")
            for step in steps { out.step(step) }
        }
        return out.text
    }

    static func network(_ n: Network) -> [(String, String)] {
        var fields: [(String, String)] = [("name", YAMLScalar.text(n.name))]
        if n.kind != .vnet { fields.append(("kind", n.kind.rawValue)) }
        fields.append(("addressSpace", YAMLScalar.list(n.addressSpace.map(\.description))))
        if n.dns != .azure { fields.append(("dns", YAMLScalar.text(n.dns.description))) }
        if !n.peerings.isEmpty { fields.append(("peerings", YAMLScalar.list(n.peerings))) }
        if !n.connections.isEmpty { fields.append(("connections", YAMLScalar.list(n.connections))) }
        if n.transit { fields.append(("transit", "true")) }
        if n.gatewayTransit { fields.append(("gatewayTransit", "true")) }
        if !n.internetEgress { fields.append(("internetEgress", "false")) }
        if !n.hosts.isEmpty {
            let pairs = n.hosts.sorted { $0.key < $1.key }.map { (YAMLScalar.text($0.key.text), $0.value.description) }
            fields.append(("hosts", YAMLScalar.map(pairs)))
        }
        return fields
    }

    static func ruleFields(_ rule: ForwardingRule) -> [(String, String)] {
        var fields: [(String, String)] = [("domain", YAMLScalar.text(rule.domain.description)), ("to", YAMLScalar.list(rule.targets.map(\.description)))]
        if !rule.enabled { fields.append(("enabled", "false")) }
        return fields
    }

    static func recordFields(_ r: Record, zone: DNSName) -> [(String, String)] {
        [("name", YAMLScalar.text(r.name.relative(to: zone))), ("type", r.type), ("value", YAMLScalar.text(r.value.description)),
         ("ttl", String(r.ttl))]
    }

    static func endpointFields(_ e: EndpointSpec) -> [(String, String)] {
        [("name", YAMLScalar.text(e.name)), ("network", YAMLScalar.text(e.network)), ("subnet", e.subnet.description),
         ("scope", YAMLScalar.text(e.scope)), ("dnsZones", YAMLScalar.list(e.dnsZones))]
    }

    /// One step as Docs/topology.md#steps writes it (its keyword and body), without the label.
    static func stepBody(_ step: Step) -> String {
        func m(_ pairs: [(String, String)]) -> String { YAMLScalar.map(pairs) }
        func t(_ s: String) -> String { YAMLScalar.text(s) }
        func t<Tag>(_ id: Identifier<Tag>) -> String { YAMLScalar.text(id) }
        switch step {
        case .createEndpoint(let e):
            var fields = endpointFields(e)
            if !e.addresses.isEmpty {
                fields.append(("addresses", m(e.addresses.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { (t($0.key.text), $0.value.description) })))
            }
            return "createEndpoint: " + m(fields)
        case .deleteEndpoint(let name): return "deleteEndpoint: " + t(name)
        case .linkResource(let scope, let resource): return "linkResource: " + m([("scope", t(scope)), ("resource", t(resource))])
        case .unlinkResource(let scope, let resource): return "unlinkResource: " + m([("scope", t(scope)), ("resource", t(resource))])
        case .deleteResource(let name): return "deleteResource: " + t(name)
        case .linkZone(let zone, let network, let fallback):
            return "linkZone: " + m([("zone", t(zone)), ("network", t(network)), ("fallbackToInternet", fallback ? "true" : "false")])
        case .unlinkZone(let zone, let network): return "unlinkZone: " + m([("zone", t(zone)), ("network", t(network))])
        case .peer(let a, let b): return "peer: " + YAMLScalar.list([a, b])
        case .unpeer(let a, let b): return "unpeer: " + YAMLScalar.list([a, b])
        case .setDns(let network, let dns): return "setDns: " + m([("network", t(network)), ("dns", t(dns.description))])
        case .setResourceAccess(let resource, let ingestion, let query):
            var fields = [("resource", t(resource))]
            if let ingestion { fields.append(("publicIngestion", ingestion ? "true" : "false")) }
            if let query { fields.append(("publicQuery", query ? "true" : "false")) }
            return "setAccess: " + m(fields)
        case .setScopeAccess(let scope, let ingestion, let query):
            var fields = [("scope", t(scope))]
            if let ingestion { fields.append(("ingestionAccessMode", ingestion.rawValue)) }
            if let query { fields.append(("queryAccessMode", query.rawValue)) }
            return "setAccess: " + m(fields)
        case .setRecord(let zone, let record):
            return "setRecord: " + m([("zone", t(zone)), ("name", t(record.name.absolute)), ("type", record.type),
                                      ("value", t(record.value.description)), ("ttl", String(record.ttl))])
        case .deleteRecord(let zone, let name, let type):
            return "deleteRecord: " + m([("zone", t(zone)), ("name", t(name.absolute)), ("type", type)])
        case .createNetwork(let n): return "createNetwork: " + m(network(n))
        case .linkRuleset(let ruleset, let network): return "linkRuleset: " + m([("ruleset", t(ruleset)), ("network", t(network))])
        case .unlinkRuleset(let ruleset, let network): return "unlinkRuleset: " + m([("ruleset", t(ruleset)), ("network", t(network))])
        case .setRule(let ruleset, let rule): return "setRule: " + m([("ruleset", t(ruleset))] + ruleFields(rule))
        case .deleteRule(let ruleset, let domain): return "deleteRule: " + m([("ruleset", t(ruleset)), ("domain", t(domain.description))])
        }
    }
}

/// Lines of YAML text.
struct Emitter {
    var text = ""

    mutating func line(_ s: String) { text += s + "\n" }

    /// A top-level list: `key:` and its items, or `key: []` when empty (omitted entirely).
    mutating func section<T>(_ key: String, _ items: [T], _ body: (inout Emitter, T) -> Void) {
        guard !items.isEmpty else { return }
        line("")
        line("\(key):")
        for item in items { body(&self, item) }
    }

    /// Comment lines naming where an object came from.
    mutating func origins(_ ids: [String]?) {
        for id in ids ?? [] { line("  # " + YAMLScalar.comment(id)) }
    }

    /// A list item in block style: the first field after `- `, the rest indented.
    mutating func item(_ fields: [(String, String)]) {
        for (i, (key, value)) in fields.enumerated() { line((i == 0 ? "  - " : "    ") + "\(key): \(value)") }
    }

    mutating func step(_ step: TimelineStep) {
        line("  - " + TopologyYAML.stepBody(step.step))
        if let label = step.label { line("    label: " + YAMLScalar.quoted(label)) }
    }
}
