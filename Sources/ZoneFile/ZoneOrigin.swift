internal import CLDNS

/// An origin (`$ORIGIN` or the reader's) in every form the reader needs: ldns's name for relative
/// names in record data, the text written for owners, and this module's text for fast-path data.
///
/// `@unchecked Sendable`: every stored property is a `let` set in `init`, and the ldns name is
/// never written after `ldns_dname_new_frm_str` made it; threads only pass it to
/// `ldns_rr_new_frm_str` as its `origin`, which only reads it (`ldns_rdf_clone`, and
/// `ldns_dname_cat` copying from it). It is freed in `deinit`, when no thread holds the object.
final class ZoneOrigin: @unchecked Sendable {
    /// The name for ldns.
    let name: LDNSName
    /// Absolute presentation text ending with a dot ("." for the root), as the file wrote it.
    let text: [UInt8]
    /// The name in this module's form (lower-cased, no final dot, "" for the root), as UTF-8.
    let display: [UInt8]
    /// The octets the name takes on the wire.
    let wireLength: Int

    /// Makes the origin from absolute text; nil when ldns refuses it.
    init?(absoluteText text: [UInt8]) {
        guard let name = LDNSName(absoluteText: text) else { return nil }
        self.display = Array(name.text.utf8)
        self.wireLength = name.wireLength
        self.name = name
        self.text = text
    }

    /// The ldns name; valid while this object lives.
    var pointer: UnsafeMutablePointer<ldns_rdf> { name.pointer }
}
