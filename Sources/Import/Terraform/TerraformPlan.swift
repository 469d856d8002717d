/// One resource instance of a plan: from `prior_state` or from a `resource_changes` entry.
struct TerraformResource {
    /// `module.hub.azurerm_private_endpoint.pe["a"]`
    let address: String
    let type: String
    let name: String
    /// The attribute values (prior state's `values`, or a change's `before` or `after`).
    let values: JSONNode
    /// A change's `after_unknown`: `true` where a value is known only after apply.
    let unknown: JSONNode?
    /// The module part of the address (`module.hub`), empty for the root module.
    let module: String

    /// The address without instance keys: how the configuration names the resource.
    var configAddress: String { TerraformPlan.stripIndex(address) }

    /// True when the attribute at `path` is unknown until apply.
    func isUnknown(_ path: [String]) -> Bool {
        var node = unknown
        for key in path {
            guard let current = node else { return false }
            if case .bool(true) = current.value { return true }
            if let i = Int(key) { node = current.elements.indices.contains(i) ? current.elements[i] : nil } else { node = current[key] }
        }
        if case .bool(true)? = node?.value { return true }
        return false
    }

    /// The value at a path of keys and list indices (`["private_dns_zone_group", "0", "name"]`).
    func at(_ path: [String]) -> JSONNode? {
        var node: JSONNode? = values
        for key in path {
            guard let current = node else { return nil }
            if let i = Int(key) { node = current.elements.indices.contains(i) ? current.elements[i] : nil } else { node = current[key] }
        }
        return node
    }

    func text(_ key: String) throws(ImportError) -> String? { try values[key]?.string() }
}

/// A change of a plan's `resource_changes`.
struct TerraformChange {
    let resource: TerraformResource?
    let before: TerraformResource?
    let actions: [String]
    let address: String
    let type: String
    let node: JSONNode

    var isNoOp: Bool { actions.allSatisfy { $0 == "no-op" || $0 == "read" } }
}

/// `terraform show -json PLAN` (format 1.x): the prior state's resources, the changes, and the
/// configuration's references (to tell what an unknown value will point at).
struct TerraformPlan {
    let file: String
    var prior: [TerraformResource] = []
    var changes: [TerraformChange] = []
    /// Configuration address → attribute path (joined by ".") → referenced addresses.
    var references: [String: [String: [String]]] = [:]

    static let what = "a Terraform plan in JSON (`terraform show -json PLAN`)"

    init(_ document: JSONNode) throws(ImportError) {
        file = document.file
        guard document.isObject else {
            throw document.error("not \(TerraformPlan.what): expected an object, found \(document.value.kindName)")
        }
        if document["format_version"] == nil {
            if document["lineage"] != nil || (document["version"] != nil && document["resources"] != nil) {
                throw document.error("a Terraform state file, not a plan: run `terraform plan -out PLAN` and `terraform show -json PLAN`")
            }
            if document["data"] != nil || document["value"] != nil {
                throw document.error("Azure Resource Graph output, not a plan: use `amplsim import azure`")
            }
            throw document.error("not \(TerraformPlan.what): it has no format_version")
        }
        let versionField = document["format_version"]!
        let version = try versionField.string()
        guard version.split(separator: ".").first == "1" else {
            throw versionField.error("plan format \(version): this amplsim reads format 1.x")
        }
        if document["resource_changes"] == nil && document["planned_values"] == nil {
            throw document.error("`terraform show -json` of a state, not of a plan (no resource_changes): run `terraform show -json PLANFILE`")
        }
        if let root = document.at("prior_state.values.root_module") { try collect(root, into: &prior) }
        for change in try document["resource_changes"]?.list() ?? [] {
            let mode = try change["mode"]?.string() ?? "managed"
            guard mode == "managed" else { continue }
            guard let addressField = change["address"] else { throw change.error("a resource change without address") }
            let address = try addressField.string()
            let type = try change["type"]?.string() ?? ""
            let name = try change["name"]?.string() ?? ""
            let module = try change["module_address"]?.string() ?? ""
            guard let body = change["change"] else { throw change.error("a resource change without change") }
            var actions: [String] = []
            for action in try body["actions"]?.list() ?? [] { actions.append(try action.string()) }
            if actions.isEmpty { throw (body["actions"] ?? body).error("a change without actions") }
            let after = body["after"].map { TerraformResource(address: address, type: type, name: name, values: $0, unknown: body["after_unknown"], module: module) }
            let before = body["before"].map { TerraformResource(address: address, type: type, name: name, values: $0, unknown: nil, module: module) }
            changes.append(TerraformChange(resource: after, before: before, actions: actions, address: address, type: type, node: change))
        }
        if let root = document.at("configuration.root_module") { try readConfiguration(root, prefix: "") }
    }

    private func collect(_ module: JSONNode, into list: inout [TerraformResource]) throws(ImportError) {
        let moduleAddress = try module["address"]?.string() ?? ""
        for resource in try module["resources"]?.list() ?? [] {
            let mode = try resource["mode"]?.string() ?? "managed"
            guard mode == "managed" else { continue }
            guard let address = try resource["address"]?.string() else { throw resource.error("a resource without address") }
            guard let values = resource["values"] else { continue }
            list.append(TerraformResource(address: address, type: try resource["type"]?.string() ?? "", name: try resource["name"]?.string() ?? "",
                                          values: values, unknown: nil, module: moduleAddress))
        }
        for child in try module["child_modules"]?.list() ?? [] { try collect(child, into: &list) }
    }

    private mutating func readConfiguration(_ module: JSONNode, prefix: String) throws(ImportError) {
        for resource in module["resources"]?.elements ?? [] {
            guard let address = resource["address"]?.text, let expressions = resource["expressions"] else { continue }
            var refs: [String: [String]] = [:]
            TerraformPlan.gather(expressions, path: [], into: &refs, prefix: prefix)
            references[prefix.isEmpty ? address : "\(prefix).\(address)"] = refs
        }
        guard let calls = module["module_calls"], case .object(let object) = calls.value else { return }
        for key in object.keys {
            guard let inner = calls[key]?["module"] else { continue }
            try readConfiguration(inner, prefix: prefix.isEmpty ? "module.\(key)" : "\(prefix).module.\(key)")
        }
    }

    /// Every `references` list under an expression tree, by attribute path (list indices kept).
    private static func gather(_ node: JSONNode, path: [String], into refs: inout [String: [String]], prefix: String) {
        switch node.value {
        case .object(let object):
            if let list = object["references"], case .array(let items) = list {
                refs[path.joined(separator: "."), default: []] += items.compactMap { item -> String? in
                    guard case .string(let s) = item else { return nil }
                    return prefix.isEmpty ? s : "\(prefix).\(s)"
                }
            }
            for key in object.keys where key != "references" && key != "constant_value" {
                if let child = node[key] { gather(child, path: path + [key], into: &refs, prefix: prefix) }
            }
        case .array:
            for (i, child) in node.elements.enumerated() { gather(child, path: path + [String(i)], into: &refs, prefix: prefix) }
        default: break
        }
    }

    /// `a.b["x"]` → `a.b`, `module.m[0].a.b[1]` → `module.m.a.b`.
    static func stripIndex(_ address: String) -> String {
        var out = ""
        var depth = 0
        var inQuote = false
        for c in address {
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if depth > 0 {
                if c == "\"" { inQuote = true } else if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
                continue
            }
            if c == "[" { depth = 1; continue }
            out.append(c)
        }
        return out
    }
}
