internal import CLDNS

/// One record through `ldns_rr_new_frm_str`, copied into Swift values at once and freed.
enum LDNSRecordParser {
    /// What ldns made of a record.
    enum Outcome {
        /// The record's owner, TTL and data.
        case parsed(owner: String, ttl: UInt32, data: RecordData)
        /// ldns refused the record with this status.
        case refused(ldns_status)
        /// ldns read a different type than the header named (such as type 0 from garbage).
        case wrongType(UInt16)
        /// ldns read the record but its data has not the shape the type needs.
        case malformed
    }

    /// Parses `text`, a NUL-terminated record with an absolute owner, a TTL and a class; relative
    /// names in the data get `origin`.
    static func parse(
        _ text: UnsafePointer<CChar>, origin: UnsafePointer<ldns_rdf>, type: RecordType
    ) -> Outcome {
        var made: UnsafeMutablePointer<ldns_rr>? = nil
        let status = ldns_rr_new_frm_str(&made, text, 0, origin, nil)
        guard status == LDNS_STATUS_OK, let rr = made else {
            ldns_rr_free(made)
            return .refused(status)
        }
        defer { ldns_rr_free(rr) }
        let code = UInt16(truncatingIfNeeded: ldns_rr_get_type(rr).rawValue)
        guard code == type.code else { return .wrongType(code) }
        // ldns takes "\# 0" for any type; a type it describes needs its minimum of fields.
        if let descriptor = ldns_rr_descript(code), descriptor.pointee._name != nil,
           ldns_rr_rd_count(rr) < ldns_rr_descriptor_minimum(descriptor) {
            return .malformed
        }
        ldns_rr2canonical(rr)
        guard let ownerName = ldns_rr_owner(rr), let data = data(of: rr, type: type) else {
            return .malformed
        }
        return .parsed(owner: DomainNameWire.text(ownerName), ttl: ldns_rr_ttl(rr), data: data)
    }

    /// The record's data as Swift values; nil when a field has not the size its type needs.
    private static func data(of rr: UnsafeMutablePointer<ldns_rr>, type: RecordType) -> RecordData? {
        let count = ldns_rr_rd_count(rr)
        switch type.code {
        case RecordType.a.code:
            guard count == 1, let field = ldns_rr_rdf(rr, 0), ldns_rdf_size(field) == 4,
                  let bytes = ldns_rdf_data(field) else { return nil }
            return .a(UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]))
        case RecordType.aaaa.code:
            guard count == 1, let field = ldns_rr_rdf(rr, 0), ldns_rdf_size(field) == 16,
                  let text = fieldText(field) else { return nil }
            return .aaaa(text)
        case RecordType.cname.code:
            guard count == 1, let field = ldns_rr_rdf(rr, 0), isName(field) else { return nil }
            return .cname(DomainNameWire.text(field))
        case RecordType.ns.code:
            guard count == 1, let field = ldns_rr_rdf(rr, 0), isName(field) else { return nil }
            return .ns(DomainNameWire.text(field))
        case RecordType.soa.code:
            return soa(of: rr)
        case RecordType.txt.code:
            var strings: [String] = []
            strings.reserveCapacity(count)
            for index in 0..<count {
                guard let field = ldns_rr_rdf(rr, index), let bytes = ldns_rdf_data(field) else { return nil }
                let size = ldns_rdf_size(field)
                guard size >= 1, Int(bytes[0]) == size - 1 else { return nil }
                strings.append(String(decoding: UnsafeBufferPointer(start: bytes + 1, count: size - 1), as: UTF8.self))
            }
            return .txt(strings)
        default:
            var parts: [String] = []
            parts.reserveCapacity(count)
            for index in 0..<count {
                guard let field = ldns_rr_rdf(rr, index), let text = fieldText(field) else { return nil }
                parts.append(text)
            }
            return .other(parts.joined(separator: " "))
        }
    }

    private static func soa(of rr: UnsafeMutablePointer<ldns_rr>) -> RecordData? {
        guard ldns_rr_rd_count(rr) == 7,
              let mname = ldns_rr_rdf(rr, 0), isName(mname),
              let rname = ldns_rr_rdf(rr, 1), isName(rname)
        else { return nil }
        var numbers: [UInt32] = []
        for index in 2..<7 {
            guard let field = ldns_rr_rdf(rr, index), ldns_rdf_size(field) == 4,
                  let bytes = ldns_rdf_data(field) else { return nil }
            numbers.append(UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]))
        }
        return .soa(SOAData(
            mname: DomainNameWire.text(mname), rname: DomainNameWire.text(rname),
            serial: numbers[0], refresh: numbers[1], retry: numbers[2], expire: numbers[3], minimum: numbers[4]))
    }

    private static func isName(_ field: UnsafePointer<ldns_rdf>) -> Bool {
        ldns_rdf_get_type(field) == LDNS_RDF_TYPE_DNAME
    }

    /// The field as ldns prints it, with the string ldns allocated freed.
    private static func fieldText(_ field: UnsafePointer<ldns_rdf>) -> String? {
        guard let text = ldns_rdf2str(field) else { return nil }
        defer { free(text) }
        return String(cString: text)
    }
}
