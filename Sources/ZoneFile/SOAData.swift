/// The data of an SOA record (RFC 1035 section 3.3.13).
package struct SOAData: Hashable, Sendable {
    /// The primary name server: absolute, lower-cased, without the final dot.
    package var mname: String
    /// The responsible person's mailbox as a name: absolute, lower-cased, without the final dot.
    package var rname: String
    /// The zone's serial number.
    package var serial: UInt32
    /// Seconds before a secondary checks the serial again.
    package var refresh: UInt32
    /// Seconds before a secondary retries a failed refresh.
    package var retry: UInt32
    /// Seconds after which a secondary stops answering without a refresh.
    package var expire: UInt32
    /// The negative-caching TTL (RFC 2308).
    package var minimum: UInt32

    /// Makes SOA data from its seven fields.
    package init(
        mname: String, rname: String, serial: UInt32, refresh: UInt32, retry: UInt32,
        expire: UInt32, minimum: UInt32
    ) {
        self.mname = mname
        self.rname = rname
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }
}
