#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes held for later (a table's blocks, which follow the causes that only the last network
/// completes): in memory up to `memoryLimit`, then in an anonymous temporary file, so that a
/// table of millions of rows holds little memory.
package struct SpillBuffer {
    private var memory: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private let memoryLimit: Int
    /// `read` has gone back to the file's start; where it is in `memory`.
    private var rewound = false
    private var readOffset = 0

    package init(memoryLimit: Int = 64 << 20) { self.memoryLimit = memoryLimit }

    /// Keeps `bytes` after those already kept.
    package mutating func append(_ bytes: [UInt8]) {
        memory.append(contentsOf: bytes)
        if memory.count >= memoryLimit { spill() }
    }

    private mutating func spill() {
        if file == nil { file = tmpfile() }
        guard let file else { return }   // no temporary file: keep it in memory
        memory.withUnsafeBytes { raw in _ = fwrite(raw.baseAddress, 1, raw.count, file) }
        memory.removeAll(keepingCapacity: true)
    }

    /// Appends the next `count` bytes kept (the first read starts at the first byte) to `out`:
    /// for a reader that takes the bytes back piece by piece. Not mixed with `drain`.
    package mutating func read(_ count: Int, into out: inout [UInt8]) {
        var left = count
        if let file, left > 0 {
            if !rewound {
                rewind(file)
                rewound = true
            }
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: left))
            let n = out.withUnsafeMutableBytes { fread($0.baseAddress! + start, 1, left, file) }
            out.removeLast(left - n)
            left -= n
            if left > 0 {
                // The file is read to its end: the rest is in memory.
                fclose(file)
                self.file = nil
            }
        }
        guard left > 0 else { return }
        let end = min(readOffset + left, memory.count)
        out.append(contentsOf: memory[readOffset..<end])
        readOffset = end
    }

    /// Hands every byte kept to `write`, in order, in chunks; the buffer is empty afterwards.
    package mutating func drain(_ write: ([UInt8]) -> Void) {
        if let file {
            rewind(file)
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                if n <= 0 { break }
                write(n == chunk.count ? chunk : Array(chunk[..<n]))
            }
            fclose(file)
            self.file = nil
        }
        if !memory.isEmpty { write(memory) }
        memory = []
    }
}
