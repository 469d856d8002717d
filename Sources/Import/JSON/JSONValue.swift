/// A JSON value as read from an input file. Numbers keep their text, objects their key order.
package indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The kind of value, for messages ("expected a string, found an object").
    package var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// A JSON object: keys in file order. Azure's objects are small, so lookups scan.
package struct JSONObject: Sendable, Equatable {
    package var keys: [String]
    package var values: [JSONValue]

    package init(keys: [String] = [], values: [JSONValue] = []) {
        self.keys = keys
        self.values = values
    }

    /// The value of `key`: an exact match, else one that differs in case only (Azure spells
    /// `ConnectionString` and `connectionString` both ways).
    package subscript(key: String) -> JSONValue? {
        if let i = keys.firstIndex(of: key) { return values[i] }
        let lowered = key.lowercased()
        if let i = keys.firstIndex(where: { $0.count == key.count && $0.lowercased() == lowered }) { return values[i] }
        return nil
    }

    /// The key as spelled in the file, for paths.
    func spelling(of key: String) -> String {
        if keys.contains(key) { return key }
        let lowered = key.lowercased()
        return keys.first { $0.lowercased() == lowered } ?? key
    }
}
