import AmplsimApp
import Testing

/// A table's blocks are held as the rows that differ from the block their worker wrote before
/// (`TableBlocks`, Docs/performance.md); what comes out must be every block, whole and in order,
/// whether the differing bytes stay in memory or go to a temporary file.
@Suite struct TableBlocksTests {
    /// A block: a header, then rows of two lines, then a blank line; `rowStarts` as
    /// `MatrixTable.BlockWriter` gives them.
    private static func block(_ index: Int, rows: [String]) -> (bytes: [UInt8], rowStarts: [Int]) {
        var bytes = Array("== n\(index) -- header\n".utf8)
        var starts: [Int] = []
        for row in rows {
            starts.append(bytes.count)
            bytes += Array(row.utf8)
        }
        if !rows.isEmpty { starts.append(bytes.count) }
        if !rows.isEmpty { bytes.append(0x0A) }
        return (rows.isEmpty ? [] : bytes, starts)
    }

    @Test(arguments: [1 << 20, 64, 1])
    func blocksComeBackWholeAndInOrder(memoryLimit: Int) {
        // Three workers take blocks 0, 1, 2, 3, ... in turn (as a shared counter may give them);
        // each block repeats most rows of the same worker's block before, changes some (one
        // longer, one shorter, one of the same length), and every ninth block is empty (a
        // network with no row shown). Copies are taken from the worker's own block before, so
        // a wrong reference or offset gives other bytes here.
        var encoders = [TableBlocks.Encoder(), TableBlocks.Encoder(), TableBlocks.Encoder()]
        var store = TableBlocks(memoryLimit: memoryLimit)
        var expected: [UInt8] = []
        var copied = 0
        for index in 0..<40 {
            let rows: [String] = index % 9 == 8 ? [] : (0..<(5 + index % 4)).map { row in
                switch (row + index) % 5 {
                case 0: return "  FAIL row\(row) changed in \(index)\n         reason \(index)\n"
                case 1: return "  ok   row\(row)\(String(repeating: "x", count: index % 3))\n         same\n"
                default: return "  ok   row\(row)\n         same reason\n"
                }
            }
            let (bytes, starts) = Self.block(index, rows: rows)
            expected += bytes
            let encoded = encoders[index % 3].encode(bytes, rowStarts: starts, index: index)
            copied += encoded.segments.enumerated().filter { $0.offset % 2 == 0 && $0.element >= 0 }.count
            store.append(encoded)
        }
        var out: [UInt8] = []
        store.drain { out += $0 }
        #expect(out == expected)
        // Rows repeat from a worker's block to its next: some bytes were copies, not kept twice.
        #expect(copied > 0)
    }
}
