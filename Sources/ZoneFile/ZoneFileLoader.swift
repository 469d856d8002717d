#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads a whole file into memory, turning each failure into a `ZoneFileError` about the file.
enum ZoneFileLoader {
    /// The file's bytes; throws when it cannot be opened or read, is a directory, or is larger than
    /// `limit` bytes.
    static func load(path: String, limit: Int) throws(ZoneFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw failure(path, "cannot open the file: \(errorText(errno))")
        }
        defer { _ = close(descriptor) }

        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw failure(path, "cannot read the file: \(errorText(errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw failure(path, "is a directory, not a zone file")
        }
        let limitText = limit == 1 << 30 ? "1 GiB" : "\(limit) bytes"
        if Int(info.st_size) > limit {
            throw failure(path, "the file is larger than \(limitText)")
        }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read the file: \(errorText(errno))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw failure(path, "the file is larger than \(limitText)")
            }
        }
        return bytes
    }

    private static func failure(_ path: String, _ message: String) -> ZoneFileError {
        ZoneFileError(path: path, line: 0, message: message)
    }

    /// strerror's text with a lower-case first letter, to sit inside a message.
    private static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let string = String(cString: text)
        return string.prefix(1).lowercased() + string.dropFirst()
    }
}
