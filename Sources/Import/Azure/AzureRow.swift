/// One Azure resource as Resource Graph (or an `az` command) returns it.
struct AzureRow: Sendable {
    /// The resource id as written.
    let id: String
    /// The id lower-cased: resource ids compare case-insensitively.
    let key: String
    /// The type lower-cased (`microsoft.network/virtualnetworks`), read or derived from the id.
    let type: String
    let name: String
    let node: JSONNode

    /// The row's `location`, lower-cased without spaces (`East US` is `eastus`).
    var location: String? { node["location"]?.text.map(AzureID.region) }

    /// The resource group, from the row or from the id.
    var resourceGroup: String? { node["resourceGroup"]?.text ?? AzureID.resourceGroup(of: id) }

    /// A property: under `properties` (Resource Graph, REST) or at the top (the `az` CLI flattens).
    func prop(_ path: String) -> JSONNode? { node["properties"]?.at(path) ?? node.at(path) }

    /// A property that must be text when present; nil when absent.
    func text(_ path: String) throws(ImportError) -> String? { try prop(path)?.string() }

    /// The `id` of a sub-resource reference (`{"id": "..."}`), checked to be text.
    func ref(_ path: String) throws(ImportError) -> String? {
        guard let node = prop(path) else { return nil }
        if node.isObject { return try node["id"]?.string() }
        return try node.string()
    }

    /// The string list at `path`; absent is empty.
    func strings(_ path: String) throws(ImportError) -> [String] {
        guard let node = prop(path) else { return [] }
        var out: [String] = []
        for item in try node.list() { out.append(try item.string()) }
        return out
    }

    /// An `Enabled`/`Disabled` setting: nil when absent.
    func enabled(_ path: String) throws(ImportError) -> Bool? {
        guard let node = prop(path) else { return nil }
        if let b = node.boolean { return b }
        let text = try node.string()
        switch text.lowercased() {
        case "enabled": return true
        case "disabled", "securedbyperimeter": return false
        default: throw node.error("expected Enabled or Disabled, found '\(text)'")
        }
    }
}

/// Azure resource ids: `/subscriptions/S/resourceGroups/RG/providers/NS/type/name[/type/name]...`.
enum AzureID {
    /// The type of a resource id, lower-cased: the namespace and each type segment.
    static func type(of id: String) -> String? {
        let parts = id.split(separator: "/")
        guard let p = parts.lastIndex(where: { $0.lowercased() == "providers" }), p + 2 < parts.count else { return nil }
        var segments = [String(parts[p + 1])]
        var i = p + 2
        while i < parts.count { segments.append(String(parts[i])); i += 2 }
        return segments.joined(separator: "/").lowercased()
    }

    /// The last name segment of an id.
    static func name(of id: String) -> String { id.split(separator: "/").last.map(String.init) ?? id }

    static func resourceGroup(of id: String) -> String? {
        let parts = id.split(separator: "/")
        guard let i = parts.firstIndex(where: { $0.lowercased() == "resourcegroups" }), i + 1 < parts.count else { return nil }
        return String(parts[i + 1])
    }

    /// The id of the parent resource (`.../virtualNetworks/v/subnets/s` → `.../virtualNetworks/v`), lower-cased.
    static func parent(of id: String) -> String? {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard let p = parts.lastIndex(where: { $0.lowercased() == "providers" }), parts.count >= p + 5 else { return nil }
        return parts.dropLast(2).joined(separator: "/").lowercased()
    }

    /// The id cut after the first `count` type/name pairs past the provider namespace, lower-cased
    /// (`ancestor(of: zone-record-id, depth: 1)` is the zone's id).
    static func ancestor(of id: String, depth: Int) -> String? {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard let p = parts.lastIndex(where: { $0.lowercased() == "providers" }), parts.count >= p + 2 + 2 * depth else { return nil }
        return parts[..<(p + 2 + 2 * depth)].joined(separator: "/").lowercased()
    }

    /// A region name as the model writes it: `East US` → `eastus`.
    static func region(_ text: String) -> String {
        String(text.lowercased().filter { $0 != " " })
    }
}
