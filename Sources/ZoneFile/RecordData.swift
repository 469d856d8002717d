/// The data of a record, as Swift values for the types the simulator reads and as text otherwise.
package enum RecordData: Hashable, Sendable {
    /// An IPv4 address in host byte order (10.0.1.4 is 0x0A000104).
    case a(UInt32)
    /// An IPv6 address in its canonical text form (RFC 5952), such as "2001:db8::1".
    case aaaa(String)
    /// A CNAME target: absolute, lower-cased, without the final dot.
    case cname(String)
    /// A name server: absolute, lower-cased, without the final dot.
    case ns(String)
    /// SOA data.
    /// (`indirect`: kept in a box, so that every other case, and each `ZoneRecord`, stays small.)
    indirect case soa(SOAData)
    /// The character-strings of a TXT record, each decoded as UTF-8 (invalid bytes become U+FFFD).
    case txt([String])
    /// The data of any other type, as ldns prints it (names absolute with a final dot).
    case other(String)
}
