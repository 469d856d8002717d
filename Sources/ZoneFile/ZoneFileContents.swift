/// What a read produced: records in file order, and the errors met (at most `maxErrors`).
package struct ZoneFileContents: Sendable {
    /// The records read, in file order.
    package var records: [ZoneRecord]
    /// The errors met, in file order; reading stopped at the reader's `maxErrors`-th.
    package var errors: [ZoneFileError]
    /// The zone's origin: the reader's `origin`, else the file's first `$ORIGIN`, else "" (the
    /// root); absolute, lower-cased, without the final dot.
    package var origin: String

    /// Makes contents from their parts.
    package init(records: [ZoneRecord], errors: [ZoneFileError], origin: String) {
        self.records = records
        self.errors = errors
        self.origin = origin
    }
}
