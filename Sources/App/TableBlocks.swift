import AmplsimHost

/// A table's blocks, held until the causes that lead the table are known (Docs/performance.md).
///
/// The blocks of networks of one view repeat each other row for row, so a block is kept as the
/// rows that differ from the block its worker wrote before (`Encoder`), the others as references
/// to that block's bytes. The differing bytes wait in a `SpillBuffer` (in memory, then in a
/// temporary file past its limit); `drain` writes every block back, whole and in order.
package struct TableBlocks {
    /// One block as its worker encoded it.
    package struct Encoded: Sendable {
        /// The index of the block the copies are taken from (the worker's block before), or -1.
        package var reference = -1
        /// The bytes of the block that are not copies, in order.
        package var literal: [UInt8] = []
        /// Pairs (from, count): `count` bytes of `literal` when `from` is -1, otherwise `count`
        /// bytes of the reference block from its byte `from`.
        package var segments: [Int] = []
    }

    /// A worker's side: the block it wrote last, which its next block is compared with.
    package struct Encoder {
        private var previous: [UInt8] = []
        private var previousRows: [Int] = []
        private var previousIndex = -1

        package init() {}

        /// Encodes block number `index` (`bytes`, whose rows start at `rowStarts` as
        /// `MatrixTable.BlockWriter.rowStarts` gives them: a row's start, the last row's end).
        /// A worker encodes its blocks in increasing index order.
        package mutating func encode(_ bytes: [UInt8], rowStarts: [Int], index: Int) -> Encoded {
            var encoded = Encoded()
            guard let first = rowStarts.first, let last = rowStarts.last else {
                // No rows: the bytes (if any) as they are, and the block before stays the reference.
                TableBlocks.literal(bytes[...], into: &encoded)
                return encoded
            }
            encoded.reference = previousIndex
            TableBlocks.literal(bytes[..<first], into: &encoded)
            for row in 0..<(rowStarts.count - 1) {
                let start = rowStarts[row], end = rowStarts[row + 1]
                if row + 1 < previousRows.count {
                    let from = previousRows[row], to = previousRows[row + 1]
                    if to - from == end - start && bytes[start..<end].elementsEqual(previous[from..<to]) {
                        TableBlocks.copy(from, end - start, into: &encoded)
                        continue
                    }
                }
                TableBlocks.literal(bytes[start..<end], into: &encoded)
            }
            TableBlocks.literal(bytes[last...], into: &encoded)
            previous = bytes
            previousRows = rowStarts
            previousIndex = index
            return encoded
        }
    }

    private var literals: SpillBuffer
    private var blocks: [(reference: Int, segments: [Int])] = []

    /// `memoryLimit`: the differing bytes held in memory before they go to a temporary file.
    package init(memoryLimit: Int = 64 << 20) { literals = SpillBuffer(memoryLimit: memoryLimit) }

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
            var bytes: [UInt8] = []
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

    private static func literal(_ bytes: ArraySlice<UInt8>, into encoded: inout Encoded) {
        guard !bytes.isEmpty else { return }
        encoded.literal.append(contentsOf: bytes)
        let n = encoded.segments.count
        if n >= 2 && encoded.segments[n - 2] < 0 {
            encoded.segments[n - 1] += bytes.count
        } else {
            encoded.segments += [-1, bytes.count]
        }
    }

    private static func copy(_ from: Int, _ count: Int, into encoded: inout Encoded) {
        let n = encoded.segments.count
        if n >= 2 && encoded.segments[n - 2] >= 0 && encoded.segments[n - 2] + encoded.segments[n - 1] == from {
            encoded.segments[n - 1] += count
        } else {
            encoded.segments += [from, count]
        }
    }
}
