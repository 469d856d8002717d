import AmplsimEngine
import AmplsimZoneFile

/// The one bridge between the engine's records and the zone-file module's: records both ways and
/// the SOA of every zone amplsim writes. The topology loader (`ZoneImport`), `generate`
/// (`ZoneExport`), an import's zone files (`ZoneText`) and the lab's zones (`LabZones`) go
/// through it.
package enum ZoneBridge {
    /// The SOA of a zone amplsim writes at `apex` (text form, "" for the root): serial 1, refresh
    /// an hour, retry five minutes, expire four weeks, negative answers cached 10 seconds (the
    /// TTL of the records a private endpoint writes).
    package static func soa(apex: String, mname: String, rname: String) -> ZoneRecord {
        ZoneRecord(owner: apex, type: .soa, ttl: 3600,
                   data: .soa(SOAData(mname: mname, rname: rname, serial: 1, refresh: 3600, retry: 300,
                                      expire: 2_419_200, minimum: 10)))
    }

    /// An engine record as a zone-file record: A and CNAME as such, another type with its data
    /// as text; nil for a type the zone-file module does not know.
    package static func zoneRecord(_ record: Record) -> ZoneRecord? {
        let owner = record.name.text
        switch record.value {
        case .a(let address): return ZoneRecord(owner: owner, type: .a, ttl: record.ttl, data: .a(address.value))
        case .cname(let target): return ZoneRecord(owner: owner, type: .cname, ttl: record.ttl, data: .cname(target.text))
        case .other(let type, let data):
            guard let recordType = RecordType(name: type) else { return nil }
            return ZoneRecord(owner: owner, type: recordType, ttl: record.ttl, data: .other(data))
        }
    }

    /// A zone-file record read from `path` as an engine record (its owner as read; whether it
    /// lies in its zone is the caller's to check).
    package static func record(_ record: ZoneRecord, path: String) -> Record {
        let value: RecordValue
        switch record.data {
        case .a(let address): value = .a(IPv4Address(address))
        case .cname(let target): value = .cname(DNSName(canonical: target))
        default: value = .other(type: record.type.name, data: record.data.text)
        }
        return Record(name: DNSName(canonical: record.owner), ttl: record.ttl, value: value, source: SourceRef(file: path, line: record.line))
    }
}
