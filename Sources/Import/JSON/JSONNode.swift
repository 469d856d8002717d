/// A JSON value with the file and path it was read at, so that every complaint names both.
package struct JSONNode: Sendable {
    package let value: JSONValue
    /// `data[12].properties.subnet.id`; empty for the document itself.
    package let path: String
    package let file: String

    package init(value: JSONValue, path: String, file: String) {
        self.value = value
        self.path = path
        self.file = file
    }

    /// An error about this value.
    package func error(_ message: String) -> ImportError { ImportError(file: file, path: path, message: message) }

    /// The child at `key` of an object; nil when this is not an object, or the key is absent or null.
    package subscript(key: String) -> JSONNode? {
        guard case .object(let object) = value, let child = object[key] else { return nil }
        if case .null = child { return nil }
        return JSONNode(value: child, path: path.isEmpty ? object.spelling(of: key) : "\(path).\(object.spelling(of: key))", file: file)
    }

    /// The value at a dotted path of keys (`properties.subnet.id`).
    package func at(_ keys: String) -> JSONNode? {
        var node: JSONNode? = self
        for key in keys.split(separator: ".") { node = node?[String(key)] }
        return node
    }

    /// True for an object.
    var isObject: Bool { if case .object = value { return true } else { return false } }

    /// The elements of a list, each with its path.
    package func list() throws(ImportError) -> [JSONNode] {
        guard case .array(let items) = value else { throw error("expected a list, found \(value.kindName)") }
        return items.enumerated().map { JSONNode(value: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// The elements when this is a list; nothing otherwise.
    package var elements: [JSONNode] { (try? list()) ?? [] }

    /// The keys of an object, in file order.
    package var keys: [String] { if case .object(let o) = value { return o.keys } else { return [] } }

    /// Text: a string (numbers and booleans are refused).
    package func string() throws(ImportError) -> String {
        guard case .string(let text) = value else { throw error("expected a string, found \(value.kindName)") }
        return text
    }

    /// The text of a string, nil for anything else.
    package var text: String? { if case .string(let t) = value { return t } else { return nil } }

    /// A boolean; also the strings "true"/"false" (Azure's `additionalProperties` hold text).
    package func bool() throws(ImportError) -> Bool {
        switch value {
        case .bool(let b): return b
        case .string(let s) where s.lowercased() == "true": return true
        case .string(let s) where s.lowercased() == "false": return false
        default: throw error("expected true or false, found \(value.kindName)")
        }
    }

    /// The boolean when this is one, nil otherwise.
    package var boolean: Bool? { try? bool() }

    /// A whole number.
    package func int() throws(ImportError) -> Int {
        switch value {
        case .number(let text): if let n = Int(text) { return n }
        case .string(let text): if let n = Int(text) { return n }
        default: break
        }
        throw error("expected a whole number, found \(value.kindName)")
    }
}
