import AmplsimEngine
import AmplsimZoneFile

/// Engine records to zone-file text, through the zone-file module (records built as ldns
/// records, sorted canonically, printed by ldns).
package enum ZoneExport {
    /// A master file for `zone`: `$ORIGIN`, `$TTL`, a header, a SOA and NS naming `nameserver`,
    /// then one A record per entry.
    package static func text(zone: DNSName, entries: [(DNSName, IPv4Address)], header: [String],
                            nameserver: DNSName = DNSName(canonical: "localhost"), ttl: UInt32 = 10) -> String {
        var records: [ZoneRecord] = [
            ZoneBridge.soa(apex: zone.text, mname: nameserver.text,
                           rname: "hostmaster." + (nameserver.text.isEmpty ? "localhost" : nameserver.text)),
            ZoneRecord(owner: zone.text, type: .ns, ttl: 3600, data: .ns(nameserver.text)),
        ]
        for (name, address) in entries {
            records.append(ZoneRecord(owner: name.text, type: .a, ttl: ttl, data: .a(address.value)))
        }
        return ZoneFileWriter.text(origin: zone.absolute, ttl: ttl, records: records, header: header)
    }
}
