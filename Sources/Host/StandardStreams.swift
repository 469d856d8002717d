import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes every byte to `descriptor`, retrying short writes and interruptions. When the reader
/// has gone (`amplsim simulate BIG | head`), the process ends as `cat` would, by SIGPIPE, without
/// a crash report; another write error ends it with status 74 (EX_IOERR) and a message.
func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
        let n = write(descriptor, base, left)
        if n > 0 {
            base += n
            left -= n
        } else if n < 0 && errno == EINTR {
            continue
        } else if n < 0 && errno == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
            _exit(141)
        } else {
            let message = "amplsim: cannot write the output: \(String(cString: strerror(errno)))\n"
            if descriptor != STDERR_FILENO { message.utf8CString.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count - 1) } }
            _exit(74)
        }
    }
}

func writeAll(_ descriptor: Int32, _ data: Data) {
    data.withUnsafeBytes { writeAll(descriptor, $0) }
}

/// Writes to standard error, ending with a newline.
package func printError(_ text: String) {
    writeAll(STDERR_FILENO, Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes to standard output without adding a newline.
package func write(_ text: String) {
    writeAll(STDOUT_FILENO, Data(text.utf8))
}

/// Writes bytes to standard output as they are (a drawing from Graphviz).
package func write(data: Data) {
    writeAll(STDOUT_FILENO, data)
}

/// Standard output in large chunks, for outputs of hundreds of megabytes.
package struct BufferedOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    package init() {}

    package mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { flush() }
    }

    package mutating func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(bytes: $0) }
    }

    /// Writes bytes lent for the call (a large piece goes out at once, not through the buffer).
    package mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count >= limit / 8 {
            flush()
            writeAll(STDOUT_FILENO, UnsafeRawBufferPointer(bytes))
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    package mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeAll(STDOUT_FILENO, $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
