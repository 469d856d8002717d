/// Splits a logical record's text into fields: runs of bytes between single spaces, where a
/// backslash escapes the next byte and a field that starts with a quote runs to the closing quote
/// whatever it holds.
enum RecordFields {
    /// The next field at or after `start`, before `end`; nil when only spaces are left.
    static func next(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Range<Int>? {
        let space = UInt8(ascii: " ")
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        var i = start
        while i < end && bytes[i] == space { i += 1 }
        guard i < end else { return nil }
        let first = i
        if bytes[i] == quote {
            i += 1
            while i < end && bytes[i] != quote {
                i += bytes[i] == backslash ? 2 : 1
            }
            i += 1
        }
        while i < end && bytes[i] != space {
            i += bytes[i] == backslash ? 2 : 1
        }
        return first..<min(i, end)
    }

    /// The rest of the record from `start`, without leading spaces.
    static func rest(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Range<Int> {
        let space = UInt8(ascii: " ")
        var i = start
        while i < end && bytes[i] == space { i += 1 }
        return i..<end
    }

    /// The field's bytes as a String (for messages and mnemonics).
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The field in single quotes for a message, cut to 100 characters.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        quoted(string(bytes, range))
    }

    /// `text` in single quotes for a message, cut to 100 characters.
    static func quoted(_ text: String) -> String {
        text.count > 100 ? "'\(text.prefix(100))...'" : "'\(text)'"
    }
}
