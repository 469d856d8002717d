import AmplsimEngine
import AmplsimZoneFile

/// A zone's records as a zone file, through the zone-file module (ldns builds, sorts and prints
/// each record). The SOA is Azure private DNS's own.
public enum ZoneText {
    public static func text(_ zone: Zone, header: [String]) -> String {
        var records = [ZoneRecord(owner: zone.name.text, type: .soa, ttl: 3600,
                                  data: .soa(SOAData(mname: "azureprivatedns.net", rname: "azureprivatedns-host.microsoft.com",
                                                     serial: 1, refresh: 3600, retry: 300, expire: 2_419_200, minimum: 10)))]
        for record in zone.records {
            switch record.value {
            case .a(let address): records.append(ZoneRecord(owner: record.name.text, type: .a, ttl: record.ttl, data: .a(address.value)))
            case .cname(let target): records.append(ZoneRecord(owner: record.name.text, type: .cname, ttl: record.ttl, data: .cname(target.text)))
            case .other: continue
            }
        }
        return ZoneFileWriter.text(origin: zone.name.absolute, ttl: 3600, records: records, header: header)
    }

    /// Every file an import writes beside its topology: `zones/<id>.zone` per zone with a file.
    public static func files(_ result: ImportResult) -> [(name: String, text: String)] {
        var files: [(String, String)] = []
        for zone in result.topology.zones {
            guard let path = result.zoneFiles[zone.id] else { continue }
            let origin = result.origins[.zone(zone.id)]?.first
            files.append((path, text(zone, header: ["zone \(zone.id)"] + (origin.map { [$0] } ?? []) + ["written by amplsim import"])))
        }
        return files
    }
}
