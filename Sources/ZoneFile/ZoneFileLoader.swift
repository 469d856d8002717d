#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Opens zone files, turning each failure into a `ZoneFileError` about the file.
enum ZoneFileLoader {
    /// Opens the file for reading in pieces; throws when it cannot be opened or examined, is a
    /// directory, or is larger than `limit` bytes (a file that grows past the limit while it is
    /// read fails then, in `ZoneFileStream.readSome`).
    static func openStream(path: String, limit: Int) throws(ZoneFileError) -> ZoneFileStream {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw failure(path, "cannot open the file: \(errorText(errno))")
        }
        let stream = ZoneFileStream(descriptor: descriptor, path: path, limit: limit)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw failure(path, "cannot read the file: \(errorText(errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw failure(path, "is a directory, not a zone file")
        }
        if Int(info.st_size) > limit {
            throw failure(path, "the file is larger than \(limitText(limit))")
        }
        stream.size = max(0, Int(info.st_size))
        return stream
    }

    static func limitText(_ limit: Int) -> String {
        limit == 1 << 30 ? "1 GiB" : "\(limit) bytes"
    }

    static func failure(_ path: String, _ message: String) -> ZoneFileError {
        ZoneFileError(path: path, line: 0, message: message)
    }

    /// strerror's text with a lower-case first letter, to sit inside a message.
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let string = String(cString: text)
        return string.prefix(1).lowercased() + string.dropFirst()
    }
}

/// An open zone file read in pieces; closed when released.
final class ZoneFileStream {
    private let descriptor: Int32
    private let path: String
    private let limit: Int
    /// The size `fstat` gave when the file was opened.
    fileprivate(set) var size = 0
    /// The bytes read so far.
    private(set) var total = 0

    fileprivate init(descriptor: Int32, path: String, limit: Int) {
        self.descriptor = descriptor
        self.path = path
        self.limit = limit
    }

    /// Reads up to `count` bytes to `buffer`; returns how many (0 at the end of the file).
    /// Throws when the read fails or the file has grown past the limit.
    func readSome(into buffer: UnsafeMutableRawPointer, count: Int) throws(ZoneFileError) -> Int {
        while true {
            let got = read(descriptor, buffer, count)
            if got < 0 {
                if errno == EINTR { continue }
                throw ZoneFileLoader.failure(path, "cannot read the file: \(ZoneFileLoader.errorText(errno))")
            }
            total += got
            if total > limit {
                throw ZoneFileLoader.failure(path, "the file is larger than \(ZoneFileLoader.limitText(limit))")
            }
            return got
        }
    }

    deinit {
        _ = close(descriptor)
    }
}
