import AmplsimTestSupport
import AmplsimApp
import AmplsimEngine
import AmplsimRender
import AmplsimTopology
import Testing

/// A table's blocks are held as the rows that differ from the block their worker wrote before
/// (`TableBlocks`, Docs/performance.md); what comes out must be every block, whole and in order,
/// whether the differing bytes stay in memory or go to a temporary file.
@Suite struct TableBlocksTests {
    /// A block: a header, then rows of two lines, then a blank line; where each row starts, then
    /// where the last ends.
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

    /// Encodes blocks of bytes as a worker does: rows that are the same bytes as the same
    /// position's in the block before as copies of it.
    private struct ByteEncoder {
        var previous: [UInt8] = []
        var previousRows: [Int] = []
        var previousIndex = -1

        mutating func encode(_ bytes: [UInt8], rowStarts: [Int], index: Int) -> TableBlocks.Encoded {
            var encoded = TableBlocks.Encoded()
            guard let first = rowStarts.first, let last = rowStarts.last else { return encoded }
            encoded.reference = previousIndex
            func literal(_ part: ArraySlice<UInt8>) {
                encoded.literal += part
                encoded.literal(part.count)
            }
            literal(bytes[..<first])
            for row in 0..<(rowStarts.count - 1) {
                let start = rowStarts[row], end = rowStarts[row + 1]
                if row + 1 < previousRows.count, previousRows[row + 1] - previousRows[row] == end - start,
                   bytes[start..<end].elementsEqual(previous[previousRows[row]..<previousRows[row + 1]]) {
                    encoded.copy(previousRows[row], end - start)
                } else {
                    literal(bytes[start..<end])
                }
            }
            literal(bytes[last...])
            (previous, previousRows, previousIndex) = (bytes, rowStarts, index)
            return encoded
        }
    }

    @Test(arguments: [1 << 20, 64, 1])
    func blocksComeBackWholeAndInOrder(memoryLimit: Int) {
        // Three workers take blocks 0, 1, 2, 3, ... in turn (as a shared counter may give them);
        // each block repeats most rows of the same worker's block before, changes some (one
        // longer, one shorter, one of the same length), and every ninth block is empty (a
        // network with no row shown). Copies are taken from the worker's own block before, so
        // a wrong reference or offset gives other bytes here.
        var encoders = [ByteEncoder(), ByteEncoder(), ByteEncoder()]
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

    /// The block writer compares a row's parts with the same position's in its block before and
    /// gives the rows that repeat as copies of that block's bytes. Blocks whose rows partly
    /// repeat the block before's (some rows with another status, answer, via or reason, or a
    /// reason equal to their own but stored apart; some rows left out, one block's columns
    /// widened by a longer name, some blocks empty), written by three writers in turn and put
    /// back together by `TableBlocks`, must be the bytes each block's rows give on their own
    /// (`MatrixTable.block`).
    @Test(arguments: [TerminalStyle.plain, TerminalStyle(width: 60, color: true)])
    func writerBlocksRoundTripToTheirOwnBytes(style: TerminalStyle) throws {
        let world = Timeline.finalWorld(of: try TopologyLoader().load(path: fixture("topologies/hub-spoke-transit.yaml"))).world
        let simulation = Simulation(world: world)
        let networks = world.networks.map { simulation.rows(networks: [$0.name]) }
        #expect(networks.count >= 2 && networks.allSatisfy { $0.count >= 4 })
        let other = networks.flatMap { $0 }.first { $0.via != nil }
        for memoryLimit in [1 << 20, 1] {
            var writers = [MatrixTable.BlockWriter(style: style), MatrixTable.BlockWriter(style: style),
                           MatrixTable.BlockWriter(style: style)]
            var store = TableBlocks(memoryLimit: memoryLimit)
            var expected: [UInt8] = []
            var copied = 0, literal = 0
            for index in 0..<48 {
                // Mostly a network's rows as they are (each worker sees the same network again
                // and again), some changed from one block to the next.
                var rows = networks[(index / 12) % networks.count]
                for position in rows.indices where (position + index) % 7 == 0 {
                    switch index % 4 {
                    case 0: rows[position].status = rows[position].status.succeeds ? .nxdomain : .private
                    case 1: rows[position].resolution = other?.resolution ?? rows[position].resolution
                    case 2: rows[position].via = rows[position].via == nil ? other?.via : nil
                    default: rows[position].reason = other?.reason ?? rows[position].reason
                    }
                }
                // Equal reasons that are not the same stored one read the same.
                for position in rows.indices where (position + index) % 5 == 1 {
                    let reason = rows[position].reason
                    rows[position].reason = Reason(answeredBy: reason.answeredBy, outcome: reason.outcome, meaning: reason.meaning)
                }
                if index % 10 == 9 { rows.removeLast(2) }
                if index % 11 == 10 { rows[0].resource = ResourceID("a-resource-with-a-much-longer-name") }
                if index % 13 == 12 { rows = [] }
                let counts = rows.isEmpty ? nil : (ok: 3, failed: rows.count)
                expected += Array(MatrixTable.block(rows[...], world: world, style: style, counts: counts).utf8)
                for row in rows { writers[index % 3].add(row) }
                let block = writers[index % 3].finish(world: world, counts: counts, index: index)
                for i in stride(from: 0, to: block.segments.count, by: 2) {
                    if block.segments[i] >= 0 { copied += 1 } else { literal += block.segments[i + 1] }
                }
                store.append(block)
            }
            var out: [UInt8] = []
            store.drain { out += $0 }
            #expect(out == expected, "memory limit \(memoryLimit)")
            // Rows that repeat were copies, and not every byte was.
            #expect(copied > 0)
            #expect(literal > 0 && literal < expected.count)
        }
    }

    /// A writer's whole bytes (`finish(world:counts:into:)`) are the same whether or not the
    /// block before had the same rows: nothing is taken from an earlier block.
    @Test func wholeBlocksDoNotDependOnTheBlockBefore() throws {
        let world = Timeline.finalWorld(of: try TopologyLoader().load(path: fixture("topologies/hub-spoke-transit.yaml"))).world
        let rows = Simulation(world: world).rows(networks: [world.networks[0].name])
        var writer = MatrixTable.BlockWriter()
        var first: [UInt8] = [], second: [UInt8] = []
        for row in rows { writer.add(row) }
        writer.finish(world: world, into: &first)
        for row in rows { writer.add(row) }
        writer.finish(world: world, into: &second)
        #expect(first == second)
        #expect(first == Array(MatrixTable.block(rows[...], world: world).utf8))
    }
}
