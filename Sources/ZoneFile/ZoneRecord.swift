/// A record as read from a zone file.
package struct ZoneRecord: Hashable, Sendable {
    // Stored in this order so that a record takes 48 bytes: a zone of a million records holds
    // a million of them.
    /// The owner name: absolute, lower-cased, without the final dot; "" is the root.
    package var owner: String
    /// The record's data.
    package var data: RecordData
    /// The record's type.
    package var type: RecordType
    /// The time to live in seconds, explicit or inherited (`$TTL`, the last explicit TTL, the default).
    package var ttl: UInt32
    /// The 1-based line where the record starts in the file; 0 for a record not read from a file.
    package var line: Int

    /// Makes a record; `line` is 0 for one that was not read from a file.
    package init(owner: String, type: RecordType, ttl: UInt32, data: RecordData, line: Int = 0) {
        self.owner = owner
        self.type = type
        self.ttl = ttl
        self.data = data
        self.line = line
    }
}
