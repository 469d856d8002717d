import AmplsimEngine
import AmplsimZoneBridge
import AmplsimZoneFile

/// A zone's records as a zone file, through the zone-file module (ldns builds, sorts and prints
/// each record). The SOA is Azure private DNS's own.
package enum ZoneText {
    package static func text(_ zone: Zone, header: [String]) -> String {
        var records = [ZoneBridge.soa(apex: zone.name.text, mname: "azureprivatedns.net", rname: "azureprivatedns-host.microsoft.com")]
        for record in zone.records {
            if case .other = record.value { continue }
            if let converted = ZoneBridge.zoneRecord(record) { records.append(converted) }
        }
        return ZoneFileWriter.text(origin: zone.name.absolute, ttl: 3600, records: records, header: header)
    }

    /// Every file an import writes beside its topology: `zones/<id>.zone` per zone with a file.
    package static func files(_ result: ImportResult) -> [(name: String, text: String)] {
        var files: [(String, String)] = []
        for zone in result.topology.zones {
            guard let path = result.zoneFiles[zone.id] else { continue }
            let origin = result.origins[.zone(zone.id)]?.first
            files.append((path, text(zone, header: ["zone \(zone.id)"] + (origin.map { [$0] } ?? []) + ["written by amplsim import"])))
        }
        return files
    }
}
