/// The data of one record, as far as resolution cares.
package enum RecordValue: Hashable, Sendable, CustomStringConvertible {
    case a(IPv4Address)
    case cname(DNSName)
    /// Any other type, kept as its presentation text (it makes a name exist: NODATA for A).
    case other(type: String, data: String)

    /// The record type's mnemonic.
    package var type: String {
        switch self {
        case .a: return "A"
        case .cname: return "CNAME"
        case .other(let type, _): return type
        }
    }

    package var description: String {
        switch self {
        case .a(let address): return address.description
        case .cname(let target): return target.absolute
        case .other(_, let data): return data
        }
    }
}

/// One record in a zone: an absolute owner name, a TTL, a value and where it came from.
package struct Record: Hashable, Sendable {
    package var name: DNSName
    package var ttl: UInt32
    package var value: RecordValue
    /// The file and line it was read from; nil for records the engine wrote.
    package var source: SourceRef?

    package init(name: DNSName, ttl: UInt32 = 10, value: RecordValue, source: SourceRef? = nil) {
        self.name = name
        self.ttl = ttl
        self.value = value
        self.source = source
    }

    package var type: String { value.type }
}

/// Who wrote a record set, so that a deleted private endpoint can take back what it wrote.
package enum RecordWriter: Hashable, Sendable {
    /// Read from the zone's file or its inline records.
    case initial
    /// Written by a private endpoint's zone group.
    case endpoint(EndpointID)
    /// Written by a `setRecord` step.
    case manual
}
