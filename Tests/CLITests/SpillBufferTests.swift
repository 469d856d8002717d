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
}
