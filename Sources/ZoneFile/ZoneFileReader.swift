/// Reads zone files (RFC 1035 master files) through ldns.
///
/// A splitter written in Swift cuts the text into logical records; directives (`$ORIGIN`, `$TTL`),
/// owners, TTLs and classes are settled in Swift; each record's data is parsed by ldns's
/// `ldns_rr_new_frm_str` and copied into Swift values at once. `$INCLUDE` is refused: files are
/// read alone.
public struct ZoneFileReader: Sendable {
    /// The largest file `read(path:)` accepts: 1 GiB.
    public static let maximumFileSize = 1 << 30

    /// The origin before any `$ORIGIN`; nil means the root. With or without the final dot.
    public var origin: String?
    /// The TTL of records without one when neither `$TTL` nor an earlier explicit TTL gives one.
    public var defaultTTL: UInt32
    /// How many errors to collect before reading stops (at least 1).
    public var maxErrors: Int

    /// Makes a reader; with `maxErrors: 1` the first error ends the read.
    public init(origin: String? = nil, defaultTTL: UInt32 = 3600, maxErrors: Int = 1) {
        self.origin = origin
        self.defaultTTL = defaultTTL
        self.maxErrors = maxErrors
    }

    /// Reads the file at `path`. Throws when the file is missing, a directory, unreadable or
    /// larger than 1 GiB; errors in records are collected in the result.
    public func read(path: String) throws(ZoneFileError) -> ZoneFileContents {
        let bytes = try ZoneFileLoader.load(path: path, limit: Self.maximumFileSize)
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            throw ZoneFileError(path: path, line: line, message: "the file holds binary data (a NUL byte), not zone-file text")
        }
        return read(bytes: bytes, path: path)
    }

    /// Reads zone-file text; `path` names it in errors.
    public func read(text: String, path: String) -> ZoneFileContents {
        read(bytes: Array(text.utf8), path: path)
    }

    /// Reads zone-file bytes; `path` names them in errors.
    public func read(bytes: [UInt8], path: String) -> ZoneFileContents {
        MallocTuning.ensure()
        let split = bytes.withUnsafeBufferPointer { LogicalRecordSplitter.split($0) }
        let session: ZoneReadSession
        do {
            session = try ZoneReadSession(
                path: path, origin: origin, defaultTTL: defaultTTL, maxErrors: max(1, maxErrors))
        } catch {
            return ZoneFileContents(
                records: [], errors: [ZoneFileError(path: path, line: 0, message: error.message)], origin: "")
        }
        session.run(split)
        return session.contents
    }
}
