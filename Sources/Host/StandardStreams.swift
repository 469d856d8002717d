import Foundation

/// Writes to standard error, ending with a newline.
package func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes to standard output without adding a newline.
package func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes bytes to standard output as they are (a drawing from Graphviz).
package func write(data: Data) {
    FileHandle.standardOutput.write(data)
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
        if bytes.count >= limit / 8 {
            flush()
            bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count,
                                                     deallocator: .none))
            }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    package mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
