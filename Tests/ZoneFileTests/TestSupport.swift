import AmplsimZoneFile

/// Reads `text` as a file named "t.zone".
func read(
    _ text: String, origin: String? = nil, defaultTTL: UInt32 = 3600, maxErrors: Int = 1
) -> ZoneFileContents {
    ZoneFileReader(origin: origin, defaultTTL: defaultTTL, maxErrors: maxErrors).read(text: text, path: "t.zone")
}

/// The IPv4 address a.b.c.d in host byte order.
func ipv4(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt32 {
    a << 24 | b << 16 | c << 8 | d
}

/// A record as the tests expect it.
func record(_ owner: String, _ type: RecordType, _ ttl: UInt32, _ data: RecordData, line: Int) -> ZoneRecord {
    ZoneRecord(owner: owner, type: type, ttl: ttl, data: data, line: line)
}
