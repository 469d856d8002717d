import Foundation

/// Reads JSON files: checks the encoding first (PowerShell's UTF-16, an HTML error page, an
/// empty or binary file), then parses in one pass over the bytes. Syntax errors name the line.
package enum JSONReader {
    /// Input files larger than this are refused before reading (a tenant's export of 100,000
    /// resources is well below it).
    package static let maxFileSize = 1 << 30

    /// Reads and parses the file at `path`; `what` says what it should be, for messages.
    package static func read(path: String, what: String) throws(ImportError) -> JSONNode {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError(file: path, message: "no such file")
        }
        if isDirectory.boolValue { throw ImportError(file: path, message: "is a folder, not \(what)") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        if size > maxFileSize { throw ImportError(file: path, message: "the file is \(size) bytes; the limit is \(maxFileSize) bytes") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, message: "cannot read the file")
        }
        return try parse(data, file: path, what: what)
    }

    /// Parses `data` as the contents of `file`.
    package static func parse(_ data: Data, file: String, what: String) throws(ImportError) -> JSONNode {
        var bytes = [UInt8](data)
        try checkEncoding(&bytes, file: file, what: what)
        var parser = JSONParser(bytes: bytes, file: file)
        let value = try parser.document()
        return JSONNode(value: value, path: "", file: file)
    }

    /// Refuses what is not UTF-8 JSON text, saying what it looks like instead; drops a UTF-8 BOM.
    static func checkEncoding(_ bytes: inout [UInt8], file: String, what: String) throws(ImportError) {
        if bytes.isEmpty { throw ImportError(file: file, message: "the file is empty, not \(what)") }
        let utf16 = "UTF-16 text (what Windows PowerShell's `>` and Out-File write), not UTF-8: write it with `| Out-File -Encoding utf8 FILE`, or run the command from bash"
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw ImportError(file: file, message: "the file is " + utf16)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        if bytes.prefix(64).contains(0) {
            let pairs = stride(from: 0, to: min(bytes.count, 64) - 1, by: 2)
            let looksUTF16 = pairs.contains { bytes[$0] == 0 || bytes[$0 + 1] == 0 }
            throw ImportError(file: file, message: looksUTF16 ? "the file is " + utf16 : "the file holds binary data (a NUL byte), not \(what)")
        }
        guard let first = bytes.first(where: { !JSONParser.isSpace($0) }) else {
            throw ImportError(file: file, message: "the file holds only white space, not \(what)")
        }
        if first == UInt8(ascii: "<") {
            let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
            var detail = ""
            if let open = head.range(of: "<title>", options: .caseInsensitive),
               let close = head.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<head.endIndex) {
                let title = head[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
                if !title.isEmpty { detail = " titled \"\(title.prefix(80))\"" }
            }
            throw ImportError(file: file, line: 1, message: "the file is an HTML or XML page\(detail), not \(what) (an error page saved in place of the command's output?)")
        }
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") {
            let line = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }.prefix(80), as: UTF8.self)
            throw ImportError(file: file, line: 1, message: "the file is not JSON (it starts with \"\(line)\"), not \(what)")
        }
    }
}

/// A recursive-descent JSON parser over bytes (RFC 8259), linear in the input.
struct JSONParser {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var depth = 0

    static let maxDepth = 512

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    mutating func document() throws(ImportError) -> JSONValue {
        skipSpace()
        let value = try parseValue()
        skipSpace()
        if index < bytes.count { throw fail("text after the end of the JSON document") }
        return value
    }

    /// The 1-based line of `index`.
    func line(at position: Int) -> Int {
        var line = 1
        for b in bytes[..<min(position, bytes.count)] where b == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    func fail(_ message: String) -> ImportError {
        ImportError(file: file, line: line(at: index), message: "JSON: " + message)
    }

    func endedEarly() -> ImportError {
        ImportError(file: file, line: line(at: index), message: "JSON: the file ends in the middle of a value (truncated?)")
    }

    mutating func skipSpace() {
        while index < bytes.count, JSONParser.isSpace(bytes[index]) { index += 1 }
    }

    mutating func parseValue() throws(ImportError) -> JSONValue {
        guard index < bytes.count else { throw endedEarly() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            let shown = String(decoding: [bytes[index]], as: UTF8.self)
            throw fail("unexpected '\(shown)' where a value should start")
        }
    }

    mutating func literal(_ word: StaticString) throws(ImportError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw endedEarly() }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for i in 0..<count where bytes[index + i] != expected[i] { throw fail("unknown word where a value should start") }
        index += count
    }

    mutating func nest() throws(ImportError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw fail("lists and objects nest deeper than \(JSONParser.maxDepth) levels") }
    }

    mutating func parseObject() throws(ImportError) -> JSONValue {
        try nest()
        index += 1
        var object = JSONObject()
        skipSpace()
        guard index < bytes.count else { throw endedEarly() }
        if bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(object) }
        while true {
            skipSpace()
            guard index < bytes.count else { throw endedEarly() }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let key = try parseString()
            skipSpace()
            guard index < bytes.count else { throw endedEarly() }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\"") }
            index += 1
            skipSpace()
            let value = try parseValue()
            object.keys.append(key)
            object.values.append(value)
            skipSpace()
            guard index < bytes.count else { throw endedEarly() }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw fail("expected ',' or '}' in an object")
        }
        depth -= 1
        return .object(object)
    }

    mutating func parseArray() throws(ImportError) -> JSONValue {
        try nest()
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        guard index < bytes.count else { throw endedEarly() }
        if bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue())
            skipSpace()
            guard index < bytes.count else { throw endedEarly() }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw fail("expected ',' or ']' in a list")
        }
        depth -= 1
        return .array(items)
    }

    mutating func parseNumber() throws(ImportError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.index
            while p.index < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.index]) { p.index += 1 }
            return p.index - s
        }
        if digits(&self) == 0 { throw index >= bytes.count ? endedEarly() : fail("a number needs digits") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits(&self) == 0 { throw fail("a number needs digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits(&self) == 0 { throw fail("a number needs digits in its exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func parseString() throws(ImportError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let slice = bytes[start..<index]
                index += 1
                guard let text = String(validating: slice, as: UTF8.self) else { throw fail("a string is not UTF-8 text") }
                return text
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail(b == 0x0A ? "a string runs past the end of its line (a missing '\"'?)" : "a control character inside a string") }
            index += 1
        }
        var out = [UInt8](bytes[start..<index])
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else { throw fail("a string is not UTF-8 text") }
                return text
            }
            if b < 0x20 { throw fail(b == 0x0A ? "a string runs past the end of its line (a missing '\"'?)" : "a control character inside a string") }
            if b != UInt8(ascii: "\\") { out.append(b); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw endedEarly() }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone surrogate \\u escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("a lone surrogate \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw fail("unknown escape '\\\(String(decoding: [e], as: UTF8.self))' in a string")
            }
        }
        throw endedEarly()
    }

    mutating func hex4() throws(ImportError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw endedEarly() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("a \\u escape needs four hexadecimal digits")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }
}
