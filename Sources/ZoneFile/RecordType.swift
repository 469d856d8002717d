internal import CLDNS

/// A DNS record type: its 16-bit code and its mnemonic ("A", "AAAA", "TYPE65280").
package struct RecordType: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The type code (RFC 1035 section 3.2.2 and the IANA registry).
    package let code: UInt16
    /// The mnemonic as ldns names it, or "TYPE" and the code for a type without one (RFC 3597).
    /// Looked up from the code, so that a type (and each `ZoneRecord`) holds two bytes only.
    package var name: String { RecordTypeNames.name(for: code) }

    /// The type with this code.
    package init(code: UInt16) {
        self.code = code
    }

    /// The type named by a mnemonic or by RFC 3597's "TYPEnnn", without regard to case; nil when
    /// the name is not a record type ldns knows.
    package init?(name: String) {
        guard let code = RecordTypeNames.code(forMnemonic: name) else { return nil }
        self.init(code: code)
    }

    /// Orders types by code.
    package static func < (lhs: RecordType, rhs: RecordType) -> Bool { lhs.code < rhs.code }

    /// The mnemonic.
    package var description: String { name }

    /// True for the query and meta types (OPT, and 128 to 255, RFC 6895 section 3.1), which
    /// cannot be records in a zone.
    var isQueryOrMetaType: Bool { code == 41 || (128...255).contains(code) }

    /// A, an IPv4 address.
    package static let a = RecordType(code: 1)
    /// NS, a name server.
    package static let ns = RecordType(code: 2)
    /// CNAME, an alias.
    package static let cname = RecordType(code: 5)
    /// SOA, the start of a zone of authority.
    package static let soa = RecordType(code: 6)
    /// PTR, a pointer to a name.
    static let ptr = RecordType(code: 12)
    /// MX, a mail exchange.
    package static let mx = RecordType(code: 15)
    /// TXT, text strings.
    package static let txt = RecordType(code: 16)
    /// AAAA, an IPv6 address.
    package static let aaaa = RecordType(code: 28)
    /// SRV, a service location.
    package static let srv = RecordType(code: 33)
    /// DNAME, a redirection of a subtree.
    static let dname = RecordType(code: 39)
    /// DS, a delegation signer.
    package static let ds = RecordType(code: 43)
    /// DNSKEY, a zone key.
    static let dnskey = RecordType(code: 48)
    /// SVCB, service binding.
    static let svcb = RecordType(code: 64)
    /// HTTPS, service binding for HTTPS.
    package static let https = RecordType(code: 65)
    /// CAA, certification authority authorisation.
    static let caa = RecordType(code: 257)
}
