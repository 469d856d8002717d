import AmplsimEngine
import AmplsimZoneBridge
import AmplsimZoneFile

extension TopologyParser {
    var zoneKeys: [String] { ["id", "name", "links", "fallbackToInternet", "file", "records"] }
    static let recordKeys = ["name", "type", "value", "ttl"]

    mutating func parseZone(_ value: YAMLValue) throws(InputError) -> Zone {
        let o = try value.mapping(zoneKeys)
        let idField = try o.required("id")
        let id = ZoneID(try idField.name())
        if zoneNames[id] != nil { throw idField.error("duplicate zone id '\(id)'") }
        let name = try dnsName(try o.required("name"))
        if name.text.isEmpty { throw (try o.required("name")).error("a zone cannot be the root") }
        zoneNames[id] = name
        var zone = Zone(id: id, name: name)

        var linked = Set<NetworkID>()
        for link in try o["links"]?.list() ?? [] {
            let network = try networkRef(link)
            if let declared = networks[network] { try check(ModelRules.zoneLink(zone: name, network: declared, fallback: false), link) }
            try check(ModelRules.zoneLinkedOnce(id, to: network, linked: linked), link)
            linked.insert(network)
            zone.links.append(ZoneLink(network: network))
        }
        for entry in try o["fallbackToInternet"]?.list() ?? [] {
            let network = try networkRef(entry)
            guard let index = zone.links.firstIndex(where: { $0.network == network }) else {
                throw entry.error("\(network) is not in this zone's links; fallback is a property of a link")
            }
            if let declared = networks[network] { try check(ModelRules.zoneLink(zone: name, network: declared, fallback: true), entry) }
            zone.links[index].fallbackToInternet = true
        }

        var groups: [[Record]] = []
        if let override = zoneFileOverrides[id] {
            zone.file = override
            groups.append(try readZoneFile(override, zone: name, field: idField))
        } else if let fileField = o["file"] {
            let path = try fileField.string()
            let resolved = path.hasPrefix("/") ? path : (folder == "." ? path : "\(folder)/\(path)")
            zone.file = resolved
            groups.append(try readZoneFile(resolved, zone: name, field: fileField))
        }
        var inline: [Record] = []
        for entry in try o["records"]?.list() ?? [] { inline.append(try parseRecord(entry, in: name)) }
        groups.append(inline)
        // Given up: the zone's contents order the file's records in place.
        let contents = ZoneContents(apex: name, initial: consume groups)
        if let clash = contents.cnameConflicts.first {
            // The inline record there, else the file's first (none was replaced: inline records
            // replace only sets at their own names, and the file is read alone, in line order).
            let where_ = inline.first { $0.name == clash }?.source
                ?? contents.records.filter { $0.name == clash }.compactMap(\.source).min { $0.line < $1.line }
            let message = "zone \(id): a CNAME stands beside other data at \(clash.absolute)"
            throw InputError(file: where_?.file ?? file, line: where_?.line ?? idField.line, message: message)
        }
        zone.records = contents.records
        zoneContents[id] = contents
        return zone
    }

    /// One inline record; `name` is relative to the zone unless it already lies inside it.
    func parseRecord(_ value: YAMLValue, in zone: DNSName, extraKeys: [String] = []) throws(InputError) -> Record {
        let o = try value.mapping(extraKeys + TopologyParser.recordKeys)
        let nameField = try o.required("name")
        let owner = try recordOwner(nameField, in: zone)
        let typeField = try o.required("type")
        let type = try typeField.string().uppercased()
        let valueField = try o.required("value")
        let ttl = try o["ttl"].map { v throws(InputError) in UInt32(try v.int(in: 0...Int(Int32.max))) } ?? 10
        let recordValue: RecordValue
        switch type {
        case "A": recordValue = .a(try ipv4(valueField))
        case "CNAME": recordValue = .cname(try dnsName(valueField))
        default:
            guard RecordType(name: type) != nil, type.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw typeField.error("unknown record type '\(type)'")
            }
            recordValue = .other(type: type, data: try valueField.string())
        }
        return Record(name: owner, ttl: ttl, value: recordValue, source: source(value))
    }

    func recordOwner(_ field: YAMLValue, in zone: DNSName) throws(InputError) -> DNSName {
        let text = try field.string()
        if text == "@" { return zone }
        let absolute = text.hasSuffix(".")
        guard let name = DNSName(text) else {
            throw field.error("'\(text)' is not a valid DNS name (labels of 1 to 63 letters, digits, '-' or '_', at most 253 characters)")
        }
        if name.isInside(zone) { return name }
        if absolute { throw field.error("\(name.absolute) lies outside zone \(zone.absolute)") }
        let full = DNSName(zone.text.isEmpty ? name.text : name.text + "." + zone.text)
        guard let full else { throw field.error("'\(text)' makes a name longer than 253 characters in \(zone.absolute)") }
        return full
    }

    /// Reads a zone's file through the zone-file module; every record must lie in the zone.
    func readZoneFile(_ path: String, zone: DNSName, field: YAMLValue) throws(InputError) -> [Record] {
        let contents: ZoneFileContents
        do {
            contents = try ZoneFileReader(origin: zone.absolute, defaultTTL: 3600, maxErrors: 1).read(path: path)
        } catch {
            // A file that could not be read at all: point at the topology's field that names it.
            if error.line == 0 { throw field.error("\(error.path): \(error.message)") }
            throw InputError(file: error.path, line: error.line, message: error.message)
        }
        if let first = contents.errors.first {
            throw InputError(file: first.path, line: first.line, message: first.message)
        }
        return try ZoneImport.records(contents.records, zone: zone, path: path)
    }
}

/// Zone-file records to engine records.
package enum ZoneImport {
    /// Converts records read from `path`; an owner outside `zone` is an input error.
    package static func records(_ records: [ZoneRecord], zone: DNSName, path: String) throws(InputError) -> [Record] {
        var result: [Record] = []
        result.reserveCapacity(records.count)
        for i in records.indices {
            let converted = ZoneBridge.record(records[i], path: path)
            guard converted.name.isInside(zone) else {
                throw InputError(file: path, line: records[i].line, message: "\(converted.name.absolute) lies outside zone \(zone.absolute)")
            }
            result.append(converted)
        }
        return result
    }
}
