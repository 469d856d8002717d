/// A JSON value with the file and path it was read at, so that every complaint names both.
public struct JSONNode: Sendable {
    public let value: JSONValue
    /// `data[12].properties.subnet.id`; empty for the document itself.
    public let path: String
    public let file: String

    public init(value: JSONValue, path: String, file: String) {
        self.value = value
        self.path = path
        self.file = file
    }

    /// An error about this value.
    public func error(_ message: String) -> ImportError { ImportError(file: file, path: path, message: message) }

    /// The child at `key` of an object; nil when this is not an object, or the key is absent or null.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let object) = value, let child = object[key] else { return nil }
        if case .null = child { return nil }
        return JSONNode(value: child, path: path.isEmpty ? object.spelling(of: key) : "\(path).\(object.spelling(of: key))", file: file)
    }

    /// The value at a dotted path of keys (`properties.subnet.id`).
    public func at(_ keys: String) -> JSONNode? {
        var node: JSONNode? = self
        for key in keys.split(separator: ".") { node = node?[String(key)] }
        return node
    }

    /// True for an object.
    public var isObject: Bool { if case .object = value { return true } else { return false } }

    /// The elements of a list, each with its path.
    public func list() throws(ImportError) -> [JSONNode] {
        guard case .array(let items) = value else { throw error("expected a list, found \(value.kindName)") }
        return items.enumerated().map { JSONNode(value: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// The elements when this is a list; nothing otherwise.
    public var elements: [JSONNode] { (try? list()) ?? [] }

    /// The keys of an object, in file order.
    public var keys: [String] { if case .object(let o) = value { return o.keys } else { return [] } }

    /// Text: a string (numbers and booleans are refused).
    public func string() throws(ImportError) -> String {
        guard case .string(let text) = value else { throw error("expected a string, found \(value.kindName)") }
        return text
    }

    /// The text of a string, nil for anything else.
    public var text: String? { if case .string(let t) = value { return t } else { return nil } }

    /// A boolean; also the strings "true"/"false" (Azure's `additionalProperties` hold text).
    public func bool() throws(ImportError) -> Bool {
        switch value {
        case .bool(let b): return b
        case .string(let s) where s.lowercased() == "true": return true
        case .string(let s) where s.lowercased() == "false": return false
        default: throw error("expected true or false, found \(value.kindName)")
        }
    }

    /// The boolean when this is one, nil otherwise.
    public var boolean: Bool? { try? bool() }

    /// A whole number.
    public func int() throws(ImportError) -> Int {
        switch value {
        case .number(let text): if let n = Int(text) { return n }
        case .string(let text): if let n = Int(text) { return n }
        default: break
        }
        throw error("expected a whole number, found \(value.kindName)")
    }
}
