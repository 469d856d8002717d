#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads zone files (RFC 1035 master files) through ldns.
///
/// The input is read in pieces of 1 MiB (a record that goes on past a piece is read with the
/// next). A splitter written in Swift cuts each piece into logical records; directives
/// (`$ORIGIN`, `$TTL`), owners, TTLs and classes are settled in Swift, in file order; then the
/// records' data is read on several threads, in chunks, while the next piece is prepared: A, AAAA
/// and CNAME data of the plain forms by Swift code that gives what ldns gives, everything else by
/// ldns's `ldns_rr_new_frm_str`, copied into Swift values at once. Records and errors come out in
/// file order, and reading stops at the `maxErrors`-th error as if records were read one by one.
/// `$INCLUDE` is refused: files are read alone.
package struct ZoneFileReader: Sendable {
    /// The largest file `read(path:)` accepts: 1 GiB.
    package static let maximumFileSize = 1 << 30

    /// The origin before any `$ORIGIN`; nil means the root. With or without the final dot.
    package var origin: String?
    /// The TTL of records without one when neither `$TTL` nor an earlier explicit TTL gives one.
    package var defaultTTL: UInt32
    /// How many errors to collect before reading stops (at least 1).
    package var maxErrors: Int
    /// False to read every record through ldns, without the Swift fast path for A, AAAA and
    /// CNAME data (tests compare the two).
    var usesFastPath = true

    /// Makes a reader; with `maxErrors: 1` the first error ends the read.
    package init(origin: String? = nil, defaultTTL: UInt32 = 3600, maxErrors: Int = 1) {
        self.origin = origin
        self.defaultTTL = defaultTTL
        self.maxErrors = maxErrors
    }

    /// The size of the pieces the input is read in. Memory stays flat whatever the file's size:
    /// two pieces at a time (one prepared, one being read), beside the records read.
    static let pieceSize = 1 << 20

    /// Reads the file at `path`. Throws when the file is missing, a directory, unreadable or
    /// larger than 1 GiB, is UTF-16, or holds a NUL byte (binary data, at the line of the first
    /// one); errors in records are collected in the result. A UTF-8 byte order mark is skipped.
    package func read(path: String) throws(ZoneFileError) -> ZoneFileContents {
        let stream = try ZoneFileLoader.openStream(path: path, limit: Self.maximumFileSize)
        var session: ZoneReadSession?
        var badOrigin: ZoneFileContents?
        switch makeSession(path: path, expectedBytes: stream.size) {
        case .success(let made): session = made
        case .failure(let bad): badOrigin = bad.contents
        }
        var buffer = [UInt8](repeating: 0, count: Self.pieceSize)
        var filled = 0
        // The line of `buffer[0]`, and that of the file's first NUL byte once one is seen.
        var line = 1
        var nulLine: Int?
        var atEnd = false

        // Fills the buffer from the file; notes the first NUL byte read.
        func fill() throws(ZoneFileError) {
            while filled < buffer.count && !atEnd {
                let start = filled
                let count = try Self.readSome(stream, into: &buffer, at: start)
                if count == 0 {
                    atEnd = true
                } else {
                    filled += count
                    if nulLine == nil, let nul = Self.firstNUL(buffer, start..<filled) {
                        nulLine = line + Self.lineBreaks(buffer, 0..<nul)
                    }
                }
            }
        }

        var startChecked = false
        while let reading = session, !reading.isFinished, nulLine == nil {
            try fill()
            if !startChecked {
                // Before the NUL check: UTF-16 text is full of NUL bytes.
                startChecked = true
                let mark = ByteOrderMark(buffer[0..<filled])
                if mark == .utf16 { throw ZoneFileError(path: path, line: 0, message: ByteOrderMark.utf16Message) }
                if mark.length > 0 {
                    buffer.removeFirst(mark.length)
                    buffer.append(contentsOf: repeatElement(0, count: mark.length))
                    filled -= mark.length
                }
            }
            if filled == 0 || nulLine != nil { break }
            let isFinal = atEnd
            let (consumed, nextLine) = buffer.withUnsafeBufferPointer {
                reading.read(UnsafeBufferPointer(rebasing: $0[0..<filled]), firstLine: line, isFinal: isFinal)
            }
            if consumed == 0 && !atEnd {
                // A record longer than the buffer: read more of it.
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
                continue
            }
            line = nextLine
            // Keep the record the piece left for the next one at the front.
            let rest = filled - consumed
            if rest > 0 {
                buffer.withUnsafeMutableBufferPointer { bytes in
                    guard let base = bytes.baseAddress else { return }
                    base.update(from: base + consumed, count: rest)
                }
            }
            filled = rest
        }

        // A file with a NUL byte anywhere is refused, even after the last error reported, but a
        // file that cannot be read to its end (or is over the limit) is refused for that first:
        // read what is left.
        while !atEnd {
            if nulLine == nil { line += Self.lineBreaks(buffer, 0..<filled) }
            filled = 0
            try fill()
        }
        if let nulLine {
            throw ZoneFileError(path: path, line: nulLine, message: "the file holds binary data (a NUL byte), not zone-file text")
        }
        if let badOrigin { return badOrigin }
        return session?.finish() ?? ZoneFileContents(records: [], errors: [], origin: "")
    }

    /// Reads from `stream` into `buffer` from `start` to its end; returns how many bytes came.
    private static func readSome(_ stream: ZoneFileStream, into buffer: inout [UInt8], at start: Int) throws(ZoneFileError) -> Int {
        let got = buffer.withUnsafeMutableBytes { raw -> Result<Int, ZoneFileError> in
            guard let base = raw.baseAddress else { return .success(0) }
            return Result { () throws(ZoneFileError) -> Int in
                try stream.readSome(into: base + start, count: raw.count - start)
            }
        }
        return try got.get()
    }

    /// The index of the first NUL byte of `buffer[range]`.
    private static func firstNUL(_ buffer: [UInt8], _ range: Range<Int>) -> Int? {
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, !range.isEmpty,
                  let found = memchr(base + range.lowerBound, 0, range.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The line breaks in `buffer[range]`.
    private static func lineBreaks(_ buffer: [UInt8], _ range: Range<Int>) -> Int {
        buffer.withUnsafeBufferPointer { bytes in
            var count = 0
            for i in range where bytes[i] == UInt8(ascii: "\n") { count += 1 }
            return count
        }
    }

    /// Reads zone-file text; `path` names it in errors.
    package func read(text: String, path: String) -> ZoneFileContents {
        read(bytes: Array(text.utf8), path: path)
    }

    /// Reads zone-file bytes; `path` names them in errors. A UTF-8 byte order mark is skipped.
    package func read(bytes: [UInt8], path: String) -> ZoneFileContents {
        read(bytes: Array(bytes.dropFirst(ByteOrderMark(bytes).length)), path: path, pieceSize: Self.pieceSize)
    }

    /// Reads `bytes` in pieces of `pieceSize` bytes (more for a record longer than that).
    func read(bytes: [UInt8], path: String, pieceSize: Int) -> ZoneFileContents {
        let session: ZoneReadSession
        switch makeSession(path: path, expectedBytes: bytes.count) {
        case .success(let made): session = made
        case .failure(let bad): return bad.contents
        }
        bytes.withUnsafeBufferPointer { all in
            var position = 0
            var line = 1
            var size = max(1, pieceSize)
            while position < all.count && !session.isFinished {
                let end = all.count - position > size ? position + size : all.count
                let isFinal = end == all.count
                let (consumed, nextLine) = session.read(
                    UnsafeBufferPointer(rebasing: all[position..<end]), firstLine: line, isFinal: isFinal)
                if consumed == 0 && !isFinal {
                    // A record longer than a piece: take a larger one.
                    size *= 2
                    continue
                }
                position += consumed
                line = nextLine
                size = max(1, pieceSize)
            }
        }
        return session.finish()
    }

    /// The session for a read, or the contents to return when the reader's origin is bad.
    private func makeSession(path: String, expectedBytes: Int) -> Result<ZoneReadSession, BadOrigin> {
        MallocTuning.ensure()
        do {
            return .success(try ZoneReadSession(
                path: path, origin: origin, defaultTTL: defaultTTL, maxErrors: max(1, maxErrors),
                expectedBytes: expectedBytes, usesFastPath: usesFastPath))
        } catch {
            return .failure(BadOrigin(contents: ZoneFileContents(
                records: [], errors: [ZoneFileError(path: path, line: 0, message: error.message)], origin: "")))
        }
    }
}

/// The result of a read whose reader's origin is not a domain name.
private struct BadOrigin: Error {
    var contents: ZoneFileContents
}
