import Yams

/// A node of a parsed topology with the path that leads to it, so that every complaint can name
/// the file, the line and the field.
struct YAMLValue {
    let node: Node
    /// The field's path: `networks[0].addressSpace[1]`.
    let path: String
    let file: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ message: String) -> InputError {
        InputError(file: file, line: line, message: path.isEmpty ? message : "\(path): \(message)")
    }

    func child(_ node: Node, _ component: String) -> YAMLValue {
        YAMLValue(node: node, path: path.isEmpty ? component : "\(path)\(component.hasPrefix("[") ? "" : ".")\(component)", file: file)
    }

    /// True when the node's resolved tag is `name` (plain `10` is an int, quoted `"10"` a string).
    /// Whether a plain scalar is null or a boolean is decided from its text, as Yams's default
    /// resolver decides it (its first matching rule is bool's, and no null word matches an
    /// earlier rule), without the regular expressions it runs for every look at `tag`: the
    /// loader asks this of each scalar it reads.
    func tagIs(_ name: Tag.Name) -> Bool {
        if case .scalar(let s) = node, s.tag.description == Tag.Name.implicit.rawValue {
            if name == .null { return YAMLValue.nullWords.contains(s.string) }
            if name == .bool { return YAMLValue.boolWords.contains(s.string) }
        }
        return node.tag.description == name.rawValue
    }

    /// The plain scalars Yams's default resolver (`Resolver.Rule.null`, `.bool`) tags null and bool.
    static let nullWords: Set<String> = ["~", "null", "Null", "NULL", ""]
    static let boolWords: Set<String> = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
                                         "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"]

    var isNull: Bool {
        if case .scalar(let s) = node { return tagIs(.null) || (s.style == .plain && s.string.isEmpty) }
        return false
    }

    private var kindName: String {
        switch node {
        case .scalar:
            if tagIs(.null) { return "null" }
            if tagIs(.bool) { return "a boolean" }
            if tagIs(.int) { return "a number" }
            return "a string"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The node as a mapping whose keys must all be in `allowed`.
    func mapping(_ allowed: [String]) throws(InputError) -> YAMLObject {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(kindName)") }
        var fields: [String: YAMLValue] = [:]
        var order: [String] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw YAMLValue(node: keyNode, path: path, file: file).error("keys must be plain names")
            }
            let name = key.string
            let keyValue = YAMLValue(node: keyNode, path: path, file: file)
            guard allowed.contains(name) else {
                var message = "unknown key '\(name)'"
                if let near = Spelling.nearest(name, in: allowed) { message += "; did you mean '\(near)'?" }
                else { message += " (expected one of: \(allowed.joined(separator: ", ")))" }
                throw keyValue.error(message)
            }
            if fields[name] != nil { throw keyValue.error("key '\(name)' appears twice") }
            fields[name] = child(valueNode, name)
            order.append(name)
        }
        return YAMLObject(value: self, fields: fields, order: order)
    }

    /// The node as a list (null counts as an empty list).
    func list() throws(InputError) -> [YAMLValue] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw error("expected a list, found \(kindName)") }
        return sequence.enumerated().map { child($1, "[\($0)]") }
    }

    /// The node as text. Numbers are accepted as their text (a name may be all digits).
    func string() throws(InputError) -> String {
        guard case .scalar(let s) = node, !isNull else { throw error("expected a string, found \(kindName)") }
        if tagIs(.bool) && s.style == .plain { throw error("expected a string, found a boolean (quote it)") }
        if s.string.isEmpty { throw error("must not be empty") }
        return s.string
    }

    func bool() throws(InputError) -> Bool {
        guard case .scalar(let s) = node, tagIs(.bool), let value = Bool(s.string.lowercased()) else {
            throw error("expected true or false, found \(kindName)\(scalarText)")
        }
        return value
    }

    func int(in range: ClosedRange<Int>) throws(InputError) -> Int {
        guard case .scalar(let s) = node, tagIs(.int), let value = Int(s.string) else {
            throw error("expected a whole number, found \(kindName)\(scalarText)")
        }
        guard range.contains(value) else { throw error("\(value) is out of range \(range.lowerBound)...\(range.upperBound)") }
        return value
    }

    private var scalarText: String {
        if case .scalar(let s) = node, !s.string.isEmpty { return " '\(s.string)'" }
        return ""
    }

    /// A name of the topology: `[A-Za-z0-9._-]+`.
    func name() throws(InputError) -> String {
        let text = try string()
        guard text.utf8.allSatisfy({ byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }) else { throw error("'\(text)' is not a valid name (letters, digits, '.', '_' and '-' only)") }
        return text
    }

    /// One of the given words, matched exactly.
    func word(_ choices: [String]) throws(InputError) -> String {
        let text = try string()
        guard choices.contains(text) else {
            var message = "'\(text)' is not one of \(choices.joined(separator: ", "))"
            if let near = Spelling.nearest(text, in: choices) { message += "; did you mean '\(near)'?" }
            throw error(message)
        }
        return text
    }
}

/// A mapping whose keys were checked.
struct YAMLObject {
    let value: YAMLValue
    let fields: [String: YAMLValue]
    let order: [String]

    /// A present, non-null field.
    subscript(_ key: String) -> YAMLValue? {
        guard let field = fields[key], !field.isNull else { return nil }
        return field
    }

    func required(_ key: String) throws(InputError) -> YAMLValue {
        guard let field = fields[key] else { throw value.error("missing required key '\(key)'") }
        if field.isNull { throw field.error("must not be empty") }
        return field
    }
}

/// Suggestions for near misses.
package enum Spelling {
    /// The closest candidate within a small edit distance, if any.
    package static func nearest(_ word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            let limit = max(1, min(3, candidate.count / 3))
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
