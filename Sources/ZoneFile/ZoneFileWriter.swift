internal import CLDNS

/// Writes zone files through ldns: each record built as an ldns record, sorted canonically and
/// printed by `ldns_rr2str`.
package enum ZoneFileWriter {
    /// Zone-file text: `$ORIGIN`, `$TTL`, the header lines as `; ` comments, then the SOA records
    /// and every other record in DNSSEC canonical order (RFC 4034 section 6), owners absolute with
    /// their final dot. A record ldns cannot build is written at the end as a comment saying so.
    package static func text(origin: String, ttl: UInt32, records: [ZoneRecord], header: [String]) -> String {
        let originText = origin.hasSuffix(".") && !origin.hasSuffix("\\.") ? origin : origin + "."
        // Names in `.other` data may be relative; without a valid origin ldns makes them absolute.
        let originName = originText.withCString { ldns_dname_new_frm_str($0) }
        defer { ldns_rdf_deep_free(originName) }

        var out = "$ORIGIN \(originText)\n$TTL \(ttl)\n"
        for line in header.flatMap({ $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }) {
            out += line.isEmpty ? ";\n" : "; \(line)\n"
        }

        var built = BuiltRecords()
        var unwritable: [String] = []
        for record in records {
            let line = canonicalLine(record)
            var made: UnsafeMutablePointer<ldns_rr>? = nil
            let status = line.withCString { ldns_rr_new_frm_str(&made, $0, 0, originName, nil) }
            if status == LDNS_STATUS_OK, let rr = made {
                ldns_rr2canonical(rr)
                built.append(rr, ttl: record.ttl, isSOA: record.type == .soa)
            } else {
                ldns_rr_free(made)
                let reason = LDNSFailureMessage.statusText(status)
                // One comment line, whatever the data holds: a line break would start a record.
                let shown = line.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\\n")
                unwritable.append("; not written, ldns could not build it (\(reason)): \(shown)\n")
            }
        }
        for text in built.sortedTexts() {
            out += text
        }
        for line in unwritable {
            out += line
        }
        return out
    }

    /// The record as presentation text with an absolute owner and explicit TTL and class.
    static func canonicalLine(_ record: ZoneRecord) -> String {
        "\(RecordData.absoluteText(record.owner)) \(record.ttl) IN \(record.type.name) \(record.data.text)"
    }
}

/// ldns records owned until printed.
private struct BuiltRecords: ~Copyable {
    private var entries: [(rr: UnsafeMutablePointer<ldns_rr>, ttl: UInt32, isSOA: Bool)] = []

    mutating func append(_ rr: UnsafeMutablePointer<ldns_rr>, ttl: UInt32, isSOA: Bool) {
        entries.append((rr, ttl, isSOA))
    }

    /// The records printed by ldns (without DNSSEC comments): SOA first, then canonical order,
    /// ties broken by TTL so that the output does not depend on the input's order.
    func sortedTexts() -> [String] {
        let sorted = entries.sorted { lhs, rhs in
            if lhs.isSOA != rhs.isSOA { return lhs.isSOA }
            let order = ldns_rr_compare(lhs.rr, rhs.rr)
            if order != 0 { return order < 0 }
            return lhs.ttl < rhs.ttl
        }
        return sorted.compactMap { entry in
            guard let text = ldns_rr2str_fmt(cldns_format_nocomments(), entry.rr) else { return nil }
            defer { free(text) }
            return String(cString: text)
        }
    }

    deinit {
        for entry in entries {
            ldns_rr_free(entry.rr)
        }
    }
}
