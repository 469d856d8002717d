/// Recognises what a file holds: Resource Graph output (`{"data": [...], "count", "skip_token"}`),
/// a bare list of resources (`az graph query --query data`, `az ... list`), an ARM list
/// (`{"value": [...]}`) or one resource (`az ... show`); refuses anything else by name.
enum AzureInput {
    static let what = "Azure Resource Graph output or an `az` listing"

    /// The rows of one input file.
    static func rows(of document: JSONNode) throws(ImportError) -> [AzureRow] {
        let items: [JSONNode]
        switch document.value {
        case .array:
            items = try document.list()
        case .object(let object):
            if object["format_version"] != nil || object["resource_changes"] != nil || object["terraform_version"] != nil {
                throw document.error("this is Terraform JSON, not \(what): use `amplsim import terraform`")
            }
            if let data = document["data"] {
                if data.isObject, data["rows"] != nil {
                    throw data.error("Resource Graph's table format: run `az graph query` with its default objectArray format")
                }
                items = try data.list()
            } else if let value = document["value"], case .array = value.value {
                items = try value.list()
            } else if document["id"] != nil, document["type"] != nil {
                items = [document]
            } else if document["error"] != nil {
                let message = document.at("error.message")?.text ?? document.at("error.code")?.text ?? "an error"
                throw document.error("an Azure error response, not \(what): \(message)")
            } else {
                let keys = object.keys.prefix(6).joined(separator: ", ")
                throw document.error("not \(what): expected {\"data\": [...]} or a list of resources with id and type, found an object with keys \(keys)")
            }
        default:
            throw document.error("not \(what): expected {\"data\": [...]} or a list of resources, found \(document.value.kindName)")
        }
        var rows: [AzureRow] = []
        rows.reserveCapacity(items.count)
        for item in items {
            guard item.isObject else { throw item.error("expected a resource (an object with id and type), found \(item.value.kindName)") }
            guard let idNode = item["id"] else {
                throw item.error("a row without an id: the query must project id, name, type and properties")
            }
            let id = try idNode.string()
            guard id.hasPrefix("/"), let derived = AzureID.type(of: id) else {
                throw idNode.error("'\(id.prefix(120))' is not an Azure resource id (/subscriptions/.../providers/...)")
            }
            let type = try item["type"]?.string().lowercased() ?? derived
            let name = try item["name"]?.string() ?? AzureID.name(of: id)
            rows.append(AzureRow(id: id, key: id.lowercased(), type: type, name: name, node: item))
        }
        return rows
    }
}
