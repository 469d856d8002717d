import Foundation
import AmplsimEngine
import AmplsimZoneBridge
import AmplsimZoneFile

/// Zone-file text for the lab, written through the zone-file module (ldns).
package enum LabZones {
    /// The name of the internet server in the root zone and in the root hints. It lies under
    /// `.invalid` (RFC 6761), so it cannot be one of the names amplsim resolves.
    static let internetServerName = "internet.amplsim.invalid"

    /// A zone as the engine holds it after the timeline, loadable by BIND: the zone's own SOA and
    /// apex NS when it has them (an SOA and `NS localhost.` otherwise), then every record set.
    /// An NS below the apex and a DNAME become a TXT record at the same name: the engine neither
    /// follows delegations nor rewrites with DNAME, so the name only exists (NODATA for A).
    package static func text(zone: Zone, contents: ZoneContents) -> String {
        let apex = zone.name
        var records: [ZoneRecord] = []
        var hasSOA = false, hasNS = false
        for record in contents.records {
            let owner = record.name.text
            switch record.value {
            case .a, .cname:
                if let converted = ZoneBridge.zoneRecord(record) { records.append(converted) }
            case .other(let type, let data):
                let upper = type.uppercased()
                if record.name != apex && (upper == "NS" || upper == "DNAME" || upper == "SOA") {
                    records.append(ZoneRecord(owner: owner, type: .txt, ttl: record.ttl,
                                              data: .other("\"amplsim: \(upper) \(data.replacingOccurrences(of: "\"", with: "")) not exported\"")))
                    continue
                }
                if record.name == apex && upper == "SOA" { hasSOA = true }
                if record.name == apex && upper == "NS" { hasNS = true }
                if let converted = ZoneBridge.zoneRecord(record) { records.append(converted) }
            }
        }
        if !hasSOA { records.append(soa(apex.text)) }
        if !hasNS { records.append(ZoneRecord(owner: apex.text, type: .ns, ttl: 3600, data: .ns("localhost"))) }
        let header = ["Zone \(zone.id) (\(apex.absolute)) as amplsim holds it after the topology's timeline."]
        return ZoneFileWriter.text(origin: apex.absolute, ttl: 10, records: records, header: header)
    }

    /// The simulated internet (Docs/model.md#public-dns) as one root zone: every public CNAME and
    /// address, so that every other name is NXDOMAIN. The internet server's own name and
    /// address (`internet.amplsim.invalid.`, 127.0.0.1) are the only additions.
    package static func rootZone(_ publicDNS: PublicDNS) -> String {
        var records: [ZoneRecord] = [
            soa(""),
            ZoneRecord(owner: "", type: .ns, ttl: 3600, data: .ns(internetServerName)),
            ZoneRecord(owner: internetServerName, type: .a, ttl: 3600, data: .a(0x7F00_0001)),
        ]
        for (name, entry) in publicDNS.entries.sorted(by: { $0.key < $1.key }) {
            switch entry {
            case .cname(let target):
                records.append(ZoneRecord(owner: name.text, type: .cname, ttl: 10, data: .cname(target.text)))
            case .address(let address):
                records.append(ZoneRecord(owner: name.text, type: .a, ttl: 10, data: .a(address.value)))
            }
        }
        let header = ["The simulated public DNS (MODEL.md section 3): the public CNAME chains and addresses.",
                      "Public addresses come from \(publicDNS.range); any other name is NXDOMAIN."]
        return ZoneFileWriter.text(origin: ".", ttl: 10, records: records, header: header)
    }

    /// Root hints naming the internet server, so that no view ever asks the real root servers.
    static func rootHints() -> String {
        ZoneFileWriter.text(origin: ".", ttl: 3600, records: [
            ZoneRecord(owner: "", type: .ns, ttl: 3600, data: .ns(internetServerName)),
            ZoneRecord(owner: internetServerName, type: .a, ttl: 3600, data: .a(0x7F00_0001)),
        ], header: ["Root hints: the lab's internet server only."])
    }

    private static func soa(_ apex: String) -> ZoneRecord {
        ZoneBridge.soa(apex: apex, mname: "localhost", rname: "hostmaster.localhost")
    }
}
