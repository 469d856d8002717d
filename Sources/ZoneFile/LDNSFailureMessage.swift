internal import CLDNS

/// Messages for records ldns refused: readable for the common faults, ldns's own words otherwise.
enum LDNSFailureMessage {
    /// The message for `type` data `bytes[data]` refused with `status`; `originWireLength` is
    /// used to find an over-long name in the data.
    static func message(
        status: ldns_status, type: RecordType, _ bytes: UnsafeBufferPointer<UInt8>, data: Range<Int>,
        originWireLength: Int
    ) -> String {
        if data.isEmpty {
            return "missing \(type.name) data"
        }
        let shown = "bad \(type.name) data \(RecordFields.quoted(bytes, data))"
        switch status {
        case LDNS_STATUS_SYNTAX_MISSING_VALUE_ERR:
            return "\(shown): too few fields"
        case LDNS_STATUS_SYNTAX_SUPERFLUOUS_TEXT_ERR:
            return "\(shown): extra text at the end"
        case LDNS_STATUS_DOMAINNAME_OVERFLOW:
            return "\(shown): \(DomainNameText.Problem.nameTooLong.reason)"
        case LDNS_STATUS_LABEL_OVERFLOW:
            return "\(shown): \(DomainNameText.Problem.labelTooLong.reason)"
        default:
            break
        }
        switch type.code {
        case RecordType.a.code:
            return "\(shown): not an IPv4 address"
        case RecordType.aaaa.code:
            return "\(shown): not an IPv6 address"
        default:
            break
        }
        if let problem = nameProblem(type: type, bytes, data: data, originWireLength: originWireLength) {
            return "\(shown): \(problem.reason)"
        }
        if status == LDNS_STATUS_SYNTAX_RDATA_ERR {
            return shown
        }
        return "\(shown) (ldns: \(statusText(status)))"
    }

    /// ldns's words for `status`.
    static func statusText(_ status: ldns_status) -> String {
        let text: UnsafePointer<CChar>? = ldns_get_errorstr_by_id(status)
        return text.map { String(cString: $0) } ?? "status \(status.rawValue)"
    }

    /// The first fault in the name fields of the common types that carry names.
    private static func nameProblem(
        type: RecordType, _ bytes: UnsafeBufferPointer<UInt8>, data: Range<Int>, originWireLength: Int
    ) -> DomainNameText.Problem? {
        let nameFields: [Int]
        switch type.code {
        case RecordType.cname.code, RecordType.ns.code, RecordType.ptr.code, RecordType.dname.code:
            nameFields = [0]
        case RecordType.soa.code:
            nameFields = [0, 1]
        case RecordType.mx.code:
            nameFields = [1]
        case RecordType.srv.code:
            nameFields = [3]
        default:
            return nil
        }
        var position = data.lowerBound
        var index = 0
        while let field = RecordFields.next(bytes, from: position, to: data.upperBound) {
            if nameFields.contains(index),
               case .failure(let problem) = DomainNameText.check(bytes, field, originWireLength: originWireLength) {
                return problem
            }
            position = field.upperBound
            index += 1
        }
        return nil
    }
}
