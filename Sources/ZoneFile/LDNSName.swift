internal import CLDNS

/// An ldns domain name (`ldns_rdf`) with one owner, freed when the owner lets go.
struct LDNSName: ~Copyable {
    /// The name; valid while this value lives.
    let pointer: UnsafeMutablePointer<ldns_rdf>

    /// Parses absolute presentation text with `ldns_dname_new_frm_str`; nil when ldns refuses it.
    init?(absoluteText text: [UInt8]) {
        var cString = text
        cString.append(0)
        let made = cString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { ldns_dname_new_frm_str($0.baseAddress) }
        }
        guard let made else { return nil }
        pointer = made
    }

    /// The octets the name takes on the wire.
    var wireLength: Int { ldns_rdf_size(pointer) }

    /// The name in this module's form: lower-cased, no final dot, "" for the root.
    var text: String { DomainNameWire.text(pointer) }

    deinit {
        ldns_rdf_deep_free(pointer)
    }
}
