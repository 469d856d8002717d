import AmplsimEngine

/// Steps as reports show them: one line of text, or the object form of Docs/topology.md#steps in JSON.
package enum StepText {
    /// "createEndpoint pe2 (network vnet2, scope ampls2)".
    package static func line(_ step: Step) -> String {
        switch step {
        case .createEndpoint(let s): return "createEndpoint \(s.name) (network \(s.network), subnet \(s.subnet), scope \(s.scope))"
        case .deleteEndpoint(let name): return "deleteEndpoint \(name)"
        case .linkResource(let scope, let resource): return "linkResource \(resource) to \(scope)"
        case .unlinkResource(let scope, let resource): return "unlinkResource \(resource) from \(scope)"
        case .deleteResource(let name): return "deleteResource \(name)"
        case .linkZone(let zone, let network, let fallback): return "linkZone \(zone) to \(network)\(fallback ? " with fallback to internet" : "")"
        case .unlinkZone(let zone, let network): return "unlinkZone \(zone) from \(network)"
        case .peer(let a, let b): return "peer \(a) with \(b)"
        case .unpeer(let a, let b): return "unpeer \(a) and \(b)"
        case .setDns(let network, let dns): return "setDns \(network) to \(dns)"
        case .setResourceAccess(let resource, let ingestion, let query):
            return "setAccess \(resource)" + (ingestion.map { " publicIngestion \($0)" } ?? "") + (query.map { " publicQuery \($0)" } ?? "")
        case .setScopeAccess(let scope, let ingestion, let query):
            return "setAccess \(scope)" + (ingestion.map { " ingestionAccessMode \($0.rawValue)" } ?? "")
                + (query.map { " queryAccessMode \($0.rawValue)" } ?? "")
        case .setRecord(let zone, let record): return "setRecord \(zone) \(record.name.absolute) \(record.type) \(record.value)"
        case .deleteRecord(let zone, let name, let type): return "deleteRecord \(zone) \(name.absolute) \(type)"
        case .createNetwork(let n):
            return "createNetwork \(n.name) (\(n.addressSpace.map(\.description).joined(separator: ", "))"
                + (n.peerings.isEmpty ? "" : ", peered with \(n.peerings.map(\.name).joined(separator: ", "))")
                + (n.connections.isEmpty ? "" : ", connected to \(n.connections.map(\.name).joined(separator: ", "))") + ", dns \(n.dns))"
        case .linkRuleset(let ruleset, let network): return "linkRuleset \(ruleset) to \(network)"
        case .unlinkRuleset(let ruleset, let network): return "unlinkRuleset \(ruleset) from \(network)"
        case .setRule(let ruleset, let rule):
            return "setRule \(ruleset) \(rule.domain.absolute) to \(rule.targets.map(\.description).joined(separator: ", "))"
                + (rule.enabled ? "" : " (disabled)")
        case .deleteRule(let ruleset, let domain): return "deleteRule \(ruleset) \(domain.absolute)"
        }
    }

    /// `{"createEndpoint": {...}}`, as a scenario file would hold it; with `label`, the step's
    /// `label` follows the action.
    package static func write(_ step: Step, label: String? = nil, into json: inout JSONText) {
        json.beginObject()
        json.key(step.keyword)
        switch step {
        case .createEndpoint(let s):
            json.beginObject()
            json.field("name", s.name)
            json.field("network", s.network)
            json.field("subnet", s.subnet.description)
            json.field("scope", s.scope)
            json.key("dnsZones")
            json.strings(s.dnsZones)
            if !s.addresses.isEmpty {
                json.key("addresses")
                json.beginObject()
                for (name, address) in s.addresses.sorted(by: { $0.key < $1.key }) { json.field(name.text, address.description) }
                json.endObject()
            }
            json.endObject()
        case .deleteEndpoint(let name):
            json.string(name.name)
        case .deleteResource(let name):
            json.string(name.name)
        case .linkResource(let scope, let resource), .unlinkResource(let scope, let resource):
            json.beginObject()
            json.field("scope", scope)
            json.field("resource", resource)
            json.endObject()
        case .linkZone(let zone, let network, let fallback):
            json.beginObject()
            json.field("zone", zone)
            json.field("network", network)
            json.field("fallbackToInternet", fallback)
            json.endObject()
        case .unlinkZone(let zone, let network):
            json.beginObject()
            json.field("zone", zone)
            json.field("network", network)
            json.endObject()
        case .peer(let a, let b), .unpeer(let a, let b):
            json.strings([a, b])
        case .setDns(let network, let dns):
            json.beginObject()
            json.field("network", network)
            json.field("dns", dns.description)
            json.endObject()
        case .setResourceAccess(let resource, let ingestion, let query):
            json.beginObject()
            json.field("resource", resource)
            if let ingestion { json.field("publicIngestion", ingestion) }
            if let query { json.field("publicQuery", query) }
            json.endObject()
        case .setScopeAccess(let scope, let ingestion, let query):
            json.beginObject()
            json.field("scope", scope)
            if let ingestion { json.field("ingestionAccessMode", ingestion.rawValue) }
            if let query { json.field("queryAccessMode", query.rawValue) }
            json.endObject()
        case .setRecord(let zone, let record):
            json.beginObject()
            json.field("zone", zone)
            json.field("name", record.name.text)
            json.field("type", record.type)
            json.field("value", record.value.description)
            json.field("ttl", Int(record.ttl))
            json.endObject()
        case .deleteRecord(let zone, let name, let type):
            json.beginObject()
            json.field("zone", zone)
            json.field("name", name.text)
            json.field("type", type)
            json.endObject()
        case .createNetwork(let n):
            json.beginObject()
            json.field("name", n.name)
            json.field("kind", n.kind.rawValue)
            json.key("addressSpace")
            json.strings(n.addressSpace.map(\.description))
            json.field("dns", n.dns.description)
            if !n.peerings.isEmpty { json.key("peerings"); json.strings(n.peerings) }
            if !n.connections.isEmpty { json.key("connections"); json.strings(n.connections) }
            if n.transit { json.field("transit", true) }
            if n.gatewayTransit { json.field("gatewayTransit", true) }
            if !n.internetEgress { json.field("internetEgress", false) }
            json.endObject()
        case .linkRuleset(let ruleset, let network), .unlinkRuleset(let ruleset, let network):
            json.beginObject()
            json.field("ruleset", ruleset)
            json.field("network", network)
            json.endObject()
        case .setRule(let ruleset, let rule):
            json.beginObject()
            json.field("ruleset", ruleset)
            json.field("domain", rule.domain.isRoot ? "." : rule.domain.text)
            json.key("to")
            json.strings(rule.targets.map(\.description))
            json.field("enabled", rule.enabled)
            json.endObject()
        case .deleteRule(let ruleset, let domain):
            json.beginObject()
            json.field("ruleset", ruleset)
            json.field("domain", domain.isRoot ? "." : domain.text)
            json.endObject()
        }
        if let label { json.field("label", label) }
        json.endObject()
    }
}
