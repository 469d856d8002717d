/// What the first bytes of an input file say about its encoding. A UTF-8 byte order mark (as
/// Windows editors write it) is accepted and skipped; UTF-16 (as Windows PowerShell's `>` and
/// `Out-File` write it) is refused with a message that says so, in every reader of input files.
package enum ByteOrderMark: Sendable, Equatable {
    case none
    case utf8
    case utf16

    /// The mark that `bytes` begin with.
    package init(_ bytes: some Collection<UInt8>) {
        var iterator = bytes.makeIterator()
        let first = iterator.next(), second = iterator.next(), third = iterator.next()
        switch (first, second, third) {
        case (0xEF, 0xBB, 0xBF): self = .utf8
        case (0xFF, 0xFE, _), (0xFE, 0xFF, _): self = .utf16
        default: self = .none
        }
    }

    /// The bytes to skip: 3 for UTF-8's mark, 0 otherwise.
    package var length: Int { self == .utf8 ? 3 : 0 }

    /// The error message for a UTF-16 file.
    package static let utf16Message = "the file is UTF-16 (as Windows PowerShell writes it); re-save it as UTF-8"
}
