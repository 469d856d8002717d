internal import CLDNS

/// A DNS record type: its 16-bit code and its mnemonic ("A", "AAAA", "TYPE65280").
public struct RecordType: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The type code (RFC 1035 section 3.2.2 and the IANA registry).
    public let code: UInt16
    /// The mnemonic as ldns names it, or "TYPE" and the code for a type without one (RFC 3597).
    /// Looked up from the code, so that a type (and each `ZoneRecord`) holds two bytes only.
    public var name: String { RecordTypeNames.name(for: code) }

    /// The type with this code.
    public init(code: UInt16) {
        self.code = code
    }

    /// The type named by a mnemonic or by RFC 3597's "TYPEnnn", without regard to case; nil when
    /// the name is not a record type ldns knows.
    public init?(name: String) {
        guard let code = RecordTypeNames.code(forMnemonic: name) else { return nil }
        self.init(code: code)
    }

    /// Orders types by code.
    public static func < (lhs: RecordType, rhs: RecordType) -> Bool { lhs.code < rhs.code }

    /// The mnemonic.
    public var description: String { name }

    /// True for the query and meta types (OPT, and 128 to 255, RFC 6895 section 3.1), which
    /// cannot be records in a zone.
    public var isQueryOrMetaType: Bool { code == 41 || (128...255).contains(code) }

    /// A, an IPv4 address.
    public static let a = RecordType(code: 1)
    /// NS, a name server.
    public static let ns = RecordType(code: 2)
    /// CNAME, an alias.
    public static let cname = RecordType(code: 5)
    /// SOA, the start of a zone of authority.
    public static let soa = RecordType(code: 6)
    /// PTR, a pointer to a name.
    public static let ptr = RecordType(code: 12)
    /// MX, a mail exchange.
    public static let mx = RecordType(code: 15)
    /// TXT, text strings.
    public static let txt = RecordType(code: 16)
    /// AAAA, an IPv6 address.
    public static let aaaa = RecordType(code: 28)
    /// SRV, a service location.
    public static let srv = RecordType(code: 33)
    /// DNAME, a redirection of a subtree.
    public static let dname = RecordType(code: 39)
    /// DS, a delegation signer.
    public static let ds = RecordType(code: 43)
    /// DNSKEY, a zone key.
    public static let dnskey = RecordType(code: 48)
    /// SVCB, service binding.
    public static let svcb = RecordType(code: 64)
    /// HTTPS, service binding for HTTPS.
    public static let https = RecordType(code: 65)
    /// CAA, certification authority authorisation.
    public static let caa = RecordType(code: 257)
}
