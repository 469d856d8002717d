internal import CLDNS

/// Checks of record data that ldns lets through: numbers out of their field's range (ldns wraps
/// 65536 to 0), character-strings over 255 octets, and data of a type ldns has no description of
/// that is not in RFC 3597's `\#` form. Also data that ldns refuses but leaks memory on (CERT
/// type 0, IPSECKEY and AMTRELAY with too many words, IPSECKEY with a key that is not base64):
/// refused here, ldns never sees it.
enum RecordDataCheck {
    /// The message for the first such fault in `type` data `bytes[data]`, or nil.
    static func fault(type: RecordType, _ bytes: UnsafeBufferPointer<UInt8>, data: Range<Int>) -> String? {
        let firstField = RecordFields.next(bytes, from: data.lowerBound, to: data.upperBound)
        if let firstField, isGenericMarker(bytes, firstField) {
            return nil
        }
        guard let descriptor = ldns_rr_descript(type.code), descriptor.pointee._name != nil else {
            if data.isEmpty { return "missing \(type.name) data (RFC 3597: '\\# 0' for none)" }
            return "bad \(type.name) data \(RecordFields.quoted(bytes, data)): a type without a mnemonic "
                + "takes RFC 3597 data ('\\#', a length, hex)"
        }
        if type == .txt || type.code == 99 {
            return stringFault(type: type, bytes, data: data)
        }
        return numberFault(type: type, descriptor: descriptor, bytes, data: data)
    }

    private static func isGenericMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        field.count == 2 && bytes[field.lowerBound] == UInt8(ascii: "\\") && bytes[field.lowerBound + 1] == UInt8(ascii: "#")
    }

    /// A character-string over 255 octets (RFC 1035 section 3.3), counting each escape as one.
    private static func stringFault(type: RecordType, _ bytes: UnsafeBufferPointer<UInt8>, data: Range<Int>) -> String? {
        var position = data.lowerBound
        var index = 0
        while let field = RecordFields.next(bytes, from: position, to: data.upperBound) {
            index += 1
            var start = field.lowerBound
            var end = field.upperBound
            if bytes[start] == UInt8(ascii: "\"") && end - start >= 2 && bytes[end - 1] == UInt8(ascii: "\"") {
                start += 1
                end -= 1
            }
            var octets = 0
            var i = start
            while i < end {
                if bytes[i] == UInt8(ascii: "\\") {
                    let isDecimal = i + 3 < end && (i + 1..<i + 4).allSatisfy {
                        bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9")
                    }
                    i += isDecimal ? 4 : 2
                } else {
                    i += 1
                }
                octets += 1
            }
            if octets > 255 {
                return "bad \(type.name) data \(RecordFields.quoted(bytes, data)): "
                    + "string \(index) is longer than 255 octets"
            }
            position = field.upperBound
        }
        return nil
    }

    /// A number out of its field's range, for the fields that are one word each (numbers, names,
    /// addresses), up to the first field that may hold spaces.
    private static func numberFault(
        type: RecordType, descriptor: UnsafePointer<ldns_rr_descriptor>, _ bytes: UnsafeBufferPointer<UInt8>,
        data: Range<Int>
    ) -> String? {
        let fieldCount = ldns_rr_descriptor_maximum(descriptor)
        var position = data.lowerBound
        var index = 0
        while index < fieldCount, let field = RecordFields.next(bytes, from: position, to: data.upperBound) {
            var limit: UInt64 = 0
            switch ldns_rr_descriptor_field_type(descriptor, index) {
            case LDNS_RDF_TYPE_INT8:
                limit = UInt64(UInt8.max)
            case LDNS_RDF_TYPE_INT16:
                limit = UInt64(UInt16.max)
            case LDNS_RDF_TYPE_INT32:
                limit = UInt64(UInt32.max)
            case LDNS_RDF_TYPE_ALG:
                // A mnemonic or a number; ldns checks mnemonics.
                let first = bytes[field.lowerBound]
                if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") || first == UInt8(ascii: "-") {
                    limit = UInt64(UInt8.max)
                }
            case LDNS_RDF_TYPE_PERIOD:
                if case .value = TTLText.parse(bytes, field) { break }
                return "bad \(type.name) data \(RecordFields.quoted(bytes, data)): field \(index + 1) "
                    + "\(RecordFields.quoted(bytes, field)) is not a time from 0 to \(UInt32.max) seconds"
            case LDNS_RDF_TYPE_CERT_ALG:
                // A mnemonic or a number from 1 (0 is reserved). ldns wraps a number to 16 bits
                // and, for one that wraps to 0, refuses the record but leaks the field it made.
                let first = bytes[field.lowerBound]
                if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: "+") {
                    if !isNumber(bytes, field, upTo: UInt64(UInt16.max)) || isZero(bytes, field) {
                        return "bad \(type.name) data \(RecordFields.quoted(bytes, data)): field \(index + 1) "
                            + "\(RecordFields.quoted(bytes, field)) is not a certificate type from 1 to 65535"
                    }
                }
            case LDNS_RDF_TYPE_IPSECKEY, LDNS_RDF_TYPE_AMTRELAY:
                // ldns reads the rest of the record as this one field, word by word, and leaks the
                // words it kept when it meets one too many: refuse those before it sees them.
                let isIPSECKEY = ldns_rr_descriptor_field_type(descriptor, index) == LDNS_RDF_TYPE_IPSECKEY
                let most = isIPSECKEY ? 5 : 4
                let found = words(bytes, field.lowerBound..<data.upperBound)
                if found.count > most {
                    return "bad \(type.name) data \(RecordFields.quoted(bytes, data)): more than \(most) fields "
                        + "(the key or address is one word, without spaces)"
                }
                // It also leaks the gateway's data when the public key is not base64: ask ldns
                // about the key alone first.
                if isIPSECKEY, found.count == 5, !isBase64(bytes, found[4]) {
                    return "bad \(type.name) data \(RecordFields.quoted(bytes, data)): the public key "
                        + "\(RecordFields.quoted(bytes, found[4])) is not base64"
                }
                return nil
            case LDNS_RDF_TYPE_DNAME, LDNS_RDF_TYPE_A, LDNS_RDF_TYPE_AAAA, LDNS_RDF_TYPE_TYPE,
                 LDNS_RDF_TYPE_CLASS, LDNS_RDF_TYPE_TIME:
                break
            default:
                return nil
            }
            if limit > 0 && !isNumber(bytes, field, upTo: limit) {
                return "bad \(type.name) data \(RecordFields.quoted(bytes, data)): field \(index + 1) "
                    + "\(RecordFields.quoted(bytes, field)) is not a number from 0 to \(limit)"
            }
            position = field.upperBound
            index += 1
        }
        return nil
    }

    /// True when the field is all zeros.
    private static func isZero(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        field.allSatisfy { bytes[$0] == UInt8(ascii: "0") }
    }

    /// The words of `bytes[range]` as ldns splits them: runs between spaces, tabs and line breaks.
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var start: Int?
        for i in range {
            let c = bytes[i]
            let isSpace = c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n")
            if isSpace, let first = start {
                found.append(first..<i)
                start = nil
            } else if !isSpace && start == nil {
                start = i
            }
        }
        if let first = start { found.append(first..<range.upperBound) }
        return found
    }

    /// True when ldns reads `bytes[word]` as base64 (its own `ldns_str2rdf_b64`, which frees what
    /// it made when it fails).
    private static func isBase64(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        var text = Array(UnsafeBufferPointer(rebasing: bytes[word]))
        text.append(0)
        var made: UnsafeMutablePointer<ldns_rdf>? = nil
        let status = text.withUnsafeBufferPointer { chars in
            chars.withMemoryRebound(to: CChar.self) { ldns_str2rdf_b64(&made, $0.baseAddress) }
        }
        if let made { ldns_rdf_deep_free(made) }
        return status == LDNS_STATUS_OK
    }

    private static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, upTo limit: UInt64) -> Bool {
        var value: UInt64 = 0
        for i in field {
            let c = bytes[i]
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return false }
            value = value * 10 + UInt64(c - UInt8(ascii: "0"))
            if value > limit { return false }
        }
        return true
    }
}
