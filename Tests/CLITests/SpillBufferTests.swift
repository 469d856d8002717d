import AmplsimHost
import Testing

/// A table's blocks wait in a `SpillBuffer` while the causes are gathered (Docs/performance.md):
/// in memory, then in a temporary file; what comes out is what went in, in order.
@Suite struct SpillBufferTests {
    @Test(arguments: [1 << 20, 7, 1])
    func bytesComeBackInOrder(limit: Int) {
        var buffer = SpillBuffer(memoryLimit: limit)
        var expected: [UInt8] = []
        for i in 0..<50 {
            let chunk = (0..<(i * 13 % 29)).map { UInt8(truncatingIfNeeded: $0 * 7 + i) }
            expected += chunk
            buffer.append(chunk)
        }
        var out: [UInt8] = []
        buffer.drain { out += $0 }
        #expect(out == expected)
        // Drained: nothing comes out a second time.
        var again: [UInt8] = []
        buffer.drain { again += $0 }
        #expect(again.isEmpty)
    }

    /// Read back piece by piece (as `TableBlocks` reads its differing bytes), the bytes are
    /// those appended, in order, across the file and memory parts.
    @Test(arguments: [1 << 20, 7, 1])
    func bytesReadInPiecesComeBackInOrder(limit: Int) {
        var buffer = SpillBuffer(memoryLimit: limit)
        var expected: [UInt8] = []
        for i in 0..<50 {
            let chunk = (0..<(i * 13 % 29)).map { UInt8(truncatingIfNeeded: $0 * 7 + i) }
            expected += chunk
            buffer.append(chunk)
        }
        var out: [UInt8] = []
        var piece = 0
        while out.count < expected.count {
            // Pieces of 0 to 10 bytes, never past the end.
            buffer.read(min(piece % 11, expected.count - out.count), into: &out)
            piece += 1
        }
        #expect(out == expected)
    }
}
