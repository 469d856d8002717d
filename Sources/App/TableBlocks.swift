import AmplsimHost
import AmplsimRender

/// A table's blocks, held until the causes that lead the table are known (Docs/performance.md).
///
/// The blocks of networks of one view repeat each other row for row, so a block is kept as the
/// rows that differ from the block its worker wrote before, the others as references to that
/// block's bytes (`MatrixTable.BlockWriter` encodes them so). The differing bytes wait in a
/// `SpillBuffer` (in memory, then in a temporary file past its limit); `drain` writes every block
/// back, whole and in order.
package struct TableBlocks {
    /// One block as its worker encoded it (`MatrixTable.BlockWriter.finish(world:counts:index:)`).
    package typealias Encoded = MatrixTable.EncodedBlock

    private var literals: SpillBuffer
    private var blocks: [(reference: Int, segments: [Int])] = []

    /// `memoryLimit`: the differing bytes held in memory before they go to a temporary file.
    /// 16 MiB: fewer of the process's own pages touched, for less system time than 64 MiB gave
    /// (1,000 networks: 77 MiB peak instead of 130, 0.95x the CPU; Docs/performance.md).
    package init(memoryLimit: Int = 16 << 20) { literals = SpillBuffer(memoryLimit: memoryLimit) }

    /// Keeps the next block (blocks come in index order).
    package mutating func append(_ block: Encoded) {
        if !block.literal.isEmpty { literals.append(block.literal) }
        blocks.append((block.reference, block.segments))
    }

    /// Hands every block to `write`, whole, in order; nothing is held afterwards.
    package mutating func drain(_ write: ([UInt8]) -> Void) {
        // A block is the reference of one block at most: the next its worker wrote.
        var referenced = [Bool](repeating: false, count: blocks.count)
        for block in blocks where block.reference >= 0 { referenced[block.reference] = true }
        var held: [Int: [UInt8]] = [:]
        for (index, block) in blocks.enumerated() {
            let reference = block.reference >= 0 ? held.removeValue(forKey: block.reference) ?? [] : []
            // Sized once (growing by doubling copied every block's bytes again).
            var size = 0
            for k in stride(from: 1, to: block.segments.count, by: 2) { size += block.segments[k] }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(size)
            var i = 0
            while i < block.segments.count {
                let from = block.segments[i], count = block.segments[i + 1]
                if from < 0 {
                    literals.read(count, into: &bytes)
                } else {
                    bytes.append(contentsOf: reference[from..<(from + count)])
                }
                i += 2
            }
            if !bytes.isEmpty { write(bytes) }
            if referenced[index] { held[index] = bytes }
        }
        blocks = []
    }
}
