/// The fields between a record's owner and its data: `[ttl] [class] type` or `[class] [ttl] type`
/// (RFC 1035 section 5.1).
struct RecordHeader {
    /// The TTL when the record states one.
    var ttl: UInt32?
    /// The record's type.
    var type: RecordType
    /// Where the data begins and ends in the record's text.
    var data: Range<Int>

    /// Reads the header from `bytes[start..<end]`; the error is the message to report.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Result<RecordHeader, ReadProblem> {
        var ttl: UInt32? = nil
        var sawClass = false
        var position = start
        while true {
            guard let field = RecordFields.next(bytes, from: position, to: end) else {
                return .failure(ReadProblem(message: "missing record type"))
            }
            position = field.upperBound
            let first = bytes[field.lowerBound]
            let signed = (first == UInt8(ascii: "-") || first == UInt8(ascii: "+")) && field.count > 1
                && bytes[field.lowerBound + 1] >= UInt8(ascii: "0") && bytes[field.lowerBound + 1] <= UInt8(ascii: "9")
            if ttl == nil && (signed || first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) {
                switch TTLText.parse(bytes, field) {
                case .value(let value):
                    ttl = value
                    continue
                case .bad:
                    return .failure(ReadProblem(message: "bad TTL \(RecordFields.quoted(bytes, field))"))
                case .outOfRange:
                    return .failure(ReadProblem(
                        message: "TTL \(RecordFields.quoted(bytes, field)) is out of range (0 to \(TTLText.maximum))"))
                }
            }
            // The common class and types, matched on the bytes (the same answers as below).
            switch commonWord(bytes, field) {
            case .classIN where !sawClass:
                sawClass = true
                continue
            case .type(let type):
                return .success(RecordHeader(ttl: ttl, type: type, data: RecordFields.rest(bytes, from: position, to: end)))
            default:
                break
            }
            let word = RecordFields.string(bytes, field)
            if !sawClass, let classCode = classCode(word) {
                guard classCode == 1 else {
                    return .failure(ReadProblem(
                        message: "class \(word.uppercased()) is not supported; zone files here are IN"))
                }
                sawClass = true
                continue
            }
            guard let code = RecordTypeNames.code(forMnemonic: word) else {
                return .failure(ReadProblem(message: "unknown record type \(RecordFields.quoted(word))"))
            }
            let type = RecordType(code: code)
            if code == 0 {
                return .failure(ReadProblem(message: "record type 0 is reserved and cannot be in a zone file"))
            }
            if type.isQueryOrMetaType {
                return .failure(ReadProblem(
                    message: "record type \(type.name) is a query or meta type and cannot be in a zone file"))
            }
            return .success(RecordHeader(ttl: ttl, type: type, data: RecordFields.rest(bytes, from: position, to: end)))
        }
    }

    private enum CommonWord {
        case classIN
        case type(RecordType)
        case other
    }

    /// "IN" and the mnemonics of common types, without regard to case. None of these types'
    /// mnemonics is a class mnemonic, so `classCode` is nil for each and
    /// `RecordTypeNames.code(forMnemonic:)` gives these codes (ldns names them so).
    private static func commonWord(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> CommonWord {
        guard field.count <= 5 else { return .other }
        // The upper-cased word packed into an integer, first byte highest.
        var packed: UInt64 = 0
        for i in field {
            var c = bytes[i]
            if c >= 0x61 && c <= 0x7A { c &= 0xDF }
            packed = packed << 8 | UInt64(c)
        }
        switch packed {
        case 0x494E: return .classIN  // IN
        case 0x41: return .type(.a)  // A
        case 0x4141_4141: return .type(.aaaa)  // AAAA
        case 0x43_4E41_4D45: return .type(.cname)  // CNAME
        case 0x4E53: return .type(.ns)  // NS
        case 0x53_4F41: return .type(.soa)  // SOA
        case 0x4D58: return .type(.mx)  // MX
        case 0x54_5854: return .type(.txt)  // TXT
        case 0x50_5452: return .type(.ptr)  // PTR
        case 0x53_5256: return .type(.srv)  // SRV
        default: return .other
        }
    }

    /// The class code of a class mnemonic or "CLASSnnn" (RFC 3597), without regard to case; nil
    /// when `word` is not a class.
    static func classCode(_ word: String) -> Int? {
        switch word.uppercased() {
        case "IN": return 1
        case "CS": return 2
        case "CH": return 3
        case "HS": return 4
        case "NONE": return 254
        case "ANY": return 255
        case let upper where upper.hasPrefix("CLASS"):
            let digits = upper.dropFirst(5)
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCIIDigit),
                  let value = Int(digits), value <= 65535
            else { return nil }
            return value
        default: return nil
        }
    }
}

/// Why a record or directive could not be read: the message to report at its line.
struct ReadProblem: Error {
    /// The message to report.
    var message: String
}

extension Character {
    /// True for the ASCII digits 0 to 9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
