import AmplsimEngine

/// `simulate --format table`: one block per network, a line per row (its verdict, the answer, the
/// endpoint that holds it and the name asked) and the full reason below it, wrapped to the
/// terminal's width on a terminal and never cut (`TerminalStyle`).
package enum MatrixTable {
    /// One network's block: a header with its counts, then two lines a row. `counts` are the
    /// network's own when `rows` are only some of them (`--failures-only` shows the failing rows
    /// but counts every row); nil counts `rows`.
    package static func block(_ rows: ArraySlice<Row>, world: World, style: TerminalStyle = .plain,
                             counts: (ok: Int, failed: Int)? = nil) -> String {
        var out: [UInt8] = []
        block(rows, world: world, style: style, counts: counts, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same block, appended to `out` as bytes (`BlockWriter`).
    package static func block(_ rows: ArraySlice<Row>, world: World, style: TerminalStyle = .plain,
                             counts: (ok: Int, failed: Int)? = nil, into out: inout [UInt8]) {
        var writer = BlockWriter(style: style)
        for row in rows { writer.add(row) }
        writer.finish(world: world, counts: counts, into: &out)
    }

    /// A block as a worker encodes it (`BlockWriter.finish(world:counts:index:)`): the rows
    /// that repeat the worker's block before as references to that block's bytes, the rest as
    /// bytes. `TableBlocks` holds them and puts every block back together, in order.
    package struct EncodedBlock: Sendable {
        /// The index of the block the copies are taken from (the worker's block before), or -1.
        package var reference = -1
        /// The bytes of the block that are not copies, in order.
        package var literal: [UInt8] = []
        /// Pairs (from, count): `count` bytes of `literal` when `from` is -1, otherwise `count`
        /// bytes of the reference block from its byte `from`.
        package var segments: [Int] = []

        package init() {}

        /// Records that the next `count` bytes are the last `count` of `literal`.
        package mutating func literal(_ count: Int) {
            guard count > 0 else { return }
            let n = segments.count
            if n >= 2 && segments[n - 2] < 0 {
                segments[n - 1] += count
            } else {
                segments += [-1, count]
            }
        }

        /// Records that the next `count` bytes are the reference block's from its byte `from`.
        package mutating func copy(_ from: Int, _ count: Int) {
            guard count > 0 else { return }
            let n = segments.count
            if n >= 2 && segments[n - 2] >= 0 && segments[n - 2] + segments[n - 1] == from {
                segments[n - 1] += count
            } else {
                segments += [from, count]
            }
        }
    }

    /// Writes network blocks one after another as bytes: a worker's state in `simulate --format
    /// table` (Docs/performance.md), as `MatrixJSON.RowWriter` is JSON's. Rows are added as the
    /// simulation gives them, and the columns widen as they come; `finish` writes the block.
    ///
    /// A row is compared, before anything is worded or formatted, with the row at the same
    /// position of the writer's block before (its status, resource, endpoint, answer, via, name
    /// and reason, the reason by identity, then by value): the networks of one view reached the
    /// same way repeat each other row for row. When the two blocks' columns are as wide, such a
    /// row's lines are the block before's bytes, and `finish(world:counts:index:)` gives them as a
    /// reference to those bytes, never formatted again. What else repeats is worded once and kept from one
    /// block to the next: a reason's text (`WordsCache`), an answer's text per address, a
    /// status's cell. The bytes are those the block's rows and counts alone give.
    package struct BlockWriter {
        package let style: TerminalStyle
        /// Per row position: the parts the lines of the row last added there print (by the
        /// block being written, or at positions it has not reached, by the blocks before). A
        /// `Row` is not kept (copying one retains its resolution, hops and reason, per row of
        /// millions), and a row that repeats the block before's leaves its position as it is.
        private var lines: [Line] = []
        /// Per row position of the block being written: its row has the parts of the same
        /// position's row in the block before.
        private var repeats: [Bool] = []
        /// Rows added since the last block.
        private var count = 0
        private var network: NetworkID?
        private var answerIndex: [UInt32: Int] = [:]
        private var answerTexts: [[UInt8]] = []
        private var widths = BlockWriter.headingWidths
        private var failed = 0
        private var lastResource: ResourceID?
        private var lastResourceColumns = 0
        private var words = WordsCache()
        private let ok6: [UInt8], fail6: [UInt8]
        /// Per status (`ordinal`): its cell, padded to the status column and painted.
        private let statusCells: [[UInt8]]
        /// Per endpoint kind (`ordinal`): its name's bytes, and the columns they take.
        private static let endpointNames: [[UInt8]] = EndpointKind.allCases.map { Array($0.rawValue.utf8) }
        private static let endpointColumns: [Int] = EndpointKind.allCases.map { MatrixTable.columns($0.rawValue) }
        /// The block before (the last one written with rows): how many rows, its columns'
        /// widths, where each row starts from the block's first byte then where the last ends,
        /// and its index when it was encoded (-1 otherwise).
        private var previousCount = 0
        private var previousWidths = BlockWriter.headingWidths
        private var previousStarts: [Int] = []
        private var previousIndex = -1
        private var starts: [Int] = []
        /// The block's bytes as they are written, appended through a pointer (`Array`'s
        /// appends, their checks and retains cost twice the bytes' copies), its room kept from
        /// block to block. A writer's own: copies of a writer are not used side by side.
        private let sink = ByteSink(capacity: 1 << 16)

        /// Columns at least as wide as the headings' usual values.
        private static let headingWidths = (resource: 16, endpoint: 15, status: 14, answer: 15, via: 4)

        package init(style: TerminalStyle = .plain) {
            self.style = style
            ok6 = Array(style.paint("  ok  ", succeeds: true).utf8)
            fail6 = Array(style.paint("  FAIL", succeeds: false).utf8)
            let width = BlockWriter.headingWidths.status
            statusCells = Status.allCases.map { status in
                if style.color { return Array(style.paint(MatrixTable.pad(status.rawValue, width), succeeds: status.succeeds).utf8) }
                var cell: [UInt8] = []
                MatrixTable.padded(status.rawValue, width, to: &cell)
                return cell
            }
        }

        /// What a row's two lines print, with the columns its cells take: its reason already
        /// worded (wrapped by `style`), and the reason itself, kept so that its identity stays
        /// its own while it is compared with.
        private struct Line {
            var status: Status
            var resource: ResourceID
            var resourceColumns: Int
            var endpoint: EndpointKind
            var endpointColumns: Int
            /// The answer's address, and its index in `answerTexts` (-1 for none).
            var address: UInt32
            var answer: Int
            var via: EndpointID?
            var viaColumns: Int
            var fqdn: DNSName
            var reason: Reason
            var text: [UInt8]
        }

        /// Adds a row to the block being written (rows of one network, in row order).
        package mutating func add(_ row: Row) {
            add(network: row.network, row.resource, row.endpoint, row.fqdn, row.answer, row.status, row.via, row.reason)
        }

        /// Adds a row from its parts (as `Simulation.forEachRow(of:parts:)` lends them, with the
        /// answer's address).
        package mutating func add(network name: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind, _ fqdn: DNSName,
                                  _ answerAddress: IPv4Address?, _ status: Status, _ via: EndpointID?, _ reason: Reason) {
            let position = count
            count += 1
            if network == nil { network = name }
            if !status.succeeds { failed += 1 }
            let address = answerAddress?.value
            if position < previousCount, BlockWriter.same(status, endpoint, address, resource, via, fqdn, lines, position),
               BlockWriter.same(reason, as: &lines[position].reason) {
                widths.resource = max(widths.resource, lines[position].resourceColumns)
                widths.endpoint = max(widths.endpoint, lines[position].endpointColumns)
                if lines[position].answer >= 0 { widths.answer = max(widths.answer, answerTexts[lines[position].answer].count) }
                widths.via = max(widths.via, lines[position].viaColumns)
                BlockWriter.set(&repeats, position, true)
                return
            }
            fresh(status, resource, endpoint, fqdn, answerAddress, via, reason, position)
        }

        /// Keeps the parts of a row that does not repeat the block before's at its position.
        private mutating func fresh(_ status: Status, _ resource: ResourceID, _ endpoint: EndpointKind, _ fqdn: DNSName,
                                    _ answerAddress: IPv4Address?, _ via: EndpointID?, _ reason: Reason, _ position: Int) {
            let address = answerAddress?.value
            if lastResource?.name != resource.name {
                lastResource = resource
                lastResourceColumns = MatrixTable.columns(resource.name)
            }
            widths.resource = max(widths.resource, lastResourceColumns)
            let endpointColumns = BlockWriter.endpointColumns[endpoint.ordinal]
            widths.endpoint = max(widths.endpoint, endpointColumns)
            var answer = -1
            if let address {
                if let known = answerIndex[address] {
                    answer = known
                } else {
                    answer = answerTexts.count
                    answerIndex[address] = answer
                    answerTexts.append(Array((answerAddress ?? IPv4Address(address)).description.utf8))
                }
                widths.answer = max(widths.answer, answerTexts[answer].count)
            }
            var viaColumns = 0
            if let via {
                viaColumns = MatrixTable.columns(via.name)
                widths.via = max(widths.via, viaColumns)
            }
            let text = words.reasonText(of: reason, position: position, style: style)
            let line = Line(status: status, resource: resource, resourceColumns: lastResourceColumns,
                            endpoint: endpoint, endpointColumns: endpointColumns, address: address ?? 0, answer: answer,
                            via: via, viaColumns: viaColumns, fqdn: fqdn, reason: reason, text: text)
            if position < lines.count { lines[position] = line } else { lines.append(line) }
            BlockWriter.set(&repeats, position, false)
        }

        /// True when a row of these parts prints what the line at `position` prints, but for its
        /// reason, which the caller compares.
        private static func same(_ status: Status, _ endpoint: EndpointKind, _ address: UInt32?,
                                 _ resource: ResourceID, _ via: EndpointID?, _ fqdn: DNSName,
                                 _ lines: [Line], _ position: Int) -> Bool {
            lines.withUnsafeBufferPointer { lines in
                let line = lines.baseAddress! + position
                guard line.pointee.status == status, line.pointee.endpoint == endpoint else { return false }
                if let address {
                    guard line.pointee.answer >= 0, line.pointee.address == address else { return false }
                } else if line.pointee.answer >= 0 {
                    return false
                }
                // Names compared directly (`Identifier`'s and `DNSName`'s `==` went through the
                // protocol's witness, three calls a row).
                guard line.pointee.resource.name == resource.name, line.pointee.fqdn.text == fqdn.text else { return false }
                switch (line.pointee.via, via) {
                case (.none, .none): return true
                case (.some(let kept), .some(let asked)): return kept.name == asked.name
                default: return false
                }
            }
        }

        /// True when `reason` reads as `kept`, the reason of a line: the same stored reason, or
        /// an equal one, which then becomes the line's. Networks reached the same way give a
        /// position equal reasons that are separate stored values, and the next network's is
        /// often the one just met, then found by identity.
        private static func same(_ reason: Reason, as kept: inout Reason) -> Bool {
            if kept.identity == reason.identity { return true }
            guard kept == reason else { return false }
            kept = reason
            return true
        }

        private static func set(_ flags: inout [Bool], _ i: Int, _ value: Bool) {
            if i < flags.count { flags[i] = value } else { flags.append(value) }
        }

        /// Appends the block of the rows added since the last block (nothing when there are
        /// none): a header with its counts, then two lines a row. `counts` are the network's own
        /// when the rows are only some of them; nil counts the rows added.
        package mutating func finish(world: World, counts: (ok: Int, failed: Int)? = nil, into out: inout [UInt8]) {
            var segments = EncodedBlock()
            write(world: world, counts: counts, copies: false, segments: &segments)
            sink.move(to: &out)
            previousIndex = -1
        }

        /// The same block encoded as block number `index`: its rows that repeat the writer's
        /// block before (when their columns are as wide) as references to that block's bytes,
        /// the other bytes as they are. Nothing when no row was added (the block before stays
        /// the one the next block is compared with). A writer encodes its blocks in increasing
        /// index order.
        package mutating func finish(world: World, counts: (ok: Int, failed: Int)? = nil, index: Int) -> EncodedBlock {
            var block = EncodedBlock()
            guard network != nil else { return block }
            let copies = previousIndex >= 0 && widths == previousWidths
            if copies { block.reference = previousIndex }
            write(world: world, counts: counts, copies: copies, segments: &block)
            block.literal = sink.take()
            previousIndex = index
            return block
        }

        /// Writes the block's bytes to `sink`, except, when `copies`, the rows that repeat the
        /// block before's, which go to `segments` as references (the others as counts of the
        /// sink's bytes).
        private mutating func write(world: World, counts: (ok: Int, failed: Int)?, copies: Bool,
                                    segments: inout EncodedBlock) {
            defer {
                count = 0
                network = nil
                widths = BlockWriter.headingWidths
                failed = 0
            }
            guard let network else { return }
            let failed = counts?.failed ?? self.failed
            let ok = counts?.ok ?? count - failed
            let base = sink.count
            sink.append(utf8: style.bold(MatrixTable.header(network, world)) + " -- \(ok) ok, \(failed) failed\n")
            var offset = sink.count - base
            segments.literal(offset)
            starts.removeAll(keepingCapacity: true)
            for position in 0..<count {
                starts.append(offset)
                if copies && repeats[position] {
                    let from = previousStarts[position], n = previousStarts[position + 1] - from
                    segments.copy(from, n)
                    offset += n
                    continue
                }
                let before = sink.count
                writeRow(position)
                segments.literal(sink.count - before)
                offset += sink.count - before
            }
            starts.append(offset)
            sink.append(0x0A)
            segments.literal(1)
            swap(&starts, &previousStarts)
            previousCount = count
            previousWidths = widths
        }

        /// The two lines of the row at `position`, to the block's widths: each cell padded to
        /// its column, then the space between columns.
        private func writeRow(_ position: Int) {
            lines.withUnsafeBufferPointer { lines in
                let line = lines.baseAddress! + position
                let sink = self.sink
                let status = line.pointee.status
                sink.append(status.succeeds ? ok6 : fail6)
                sink.append(0x20)
                sink.append(utf8: line.pointee.resource.name)
                sink.appendSpaces(widths.resource - line.pointee.resourceColumns + 1)
                sink.append(BlockWriter.endpointNames[line.pointee.endpoint.ordinal])
                sink.appendSpaces(widths.endpoint - line.pointee.endpointColumns + 1)
                sink.append(statusCells[status.ordinal])
                sink.append(0x20)
                let answer = line.pointee.answer
                if answer >= 0 {
                    let text = answerTexts[answer]
                    sink.append(text)
                    sink.appendSpaces(widths.answer - text.count + 1)
                } else {
                    sink.append(UInt8(ascii: "-"))
                    sink.appendSpaces(widths.answer)
                }
                if let via = line.pointee.via {
                    sink.append(utf8: via.name)
                    sink.appendSpaces(widths.via - line.pointee.viaColumns + 1)
                } else {
                    sink.append(UInt8(ascii: "-"))
                    sink.appendSpaces(widths.via)
                }
                sink.append(utf8: line.pointee.fqdn.text)
                sink.append(0x2E)
                sink.append(0x0A)
                sink.append(line.pointee.text)
            }
        }
    }

    /// The reasons that repeat from row to row and from network to network: the networks of
    /// one view share their reasons, so each reason's text is worded once and kept. A reason is
    /// found by identity first (`Reason.identity`: the cache keeps each reason it keys on, so an
    /// identity stays its reason's), then, as equal reasons read the same, compared with the
    /// reason last seen at the same row position, then by value (the rows of networks reached
    /// alike hold equal reasons that are not always the same stored one). At most `limit`
    /// identities and `limit` texts are kept; past that the cache starts again.
    struct WordsCache {
        private var byIdentity: [ObjectIdentifier: Int] = [:]
        /// The reasons `byIdentity` keys on.
        private var kept: [Reason] = []
        private var byValue: [Reason: Int] = [:]
        private var texts: [[UInt8]] = []
        /// Per row position: the reasons last seen there (up to `recent`, the newest last) and
        /// their texts' indexes. Networks taken in turn alternate between a few kinds, so a
        /// position's reason is mostly one of its last few, found by comparing values before
        /// hashing one (a reason's hash hashes every string it holds).
        private var positions: [[(reason: Reason, text: Int)]] = []
        static let recent = 5
        /// Texts kept before all start again (as many as the JSON writer keeps: at 1,000
        /// networks a worker meets some 37,000 reasons, and 16,384 made it word them again and again).
        static let limit = 1 << 16

        /// The row's reason line (wrapped by `style`); `position` is the row's within its block.
        mutating func reasonText(of reason: Reason, position: Int, style: TerminalStyle) -> [UInt8] {
            let identity = reason.identity
            if let i = byIdentity[identity] { return texts[i] }
            var found: Int?
            if position < positions.count {
                for entry in positions[position].reversed() where entry.reason == reason {
                    found = entry.text
                    break
                }
            }
            let i: Int
            if let found {
                i = found
            } else {
                if let known = byValue[reason] {
                    i = known
                } else {
                    if texts.count == WordsCache.limit {
                        // Every table holds indexes into `texts`: all start again.
                        byValue.removeAll(keepingCapacity: true)
                        texts.removeAll(keepingCapacity: true)
                        byIdentity.removeAll(keepingCapacity: true)
                        kept.removeAll(keepingCapacity: true)
                        positions.removeAll(keepingCapacity: true)
                    }
                    i = texts.count
                    texts.append(Array(style.wrap(VerdictText.detail(reason), indent: "         ").utf8))
                    byValue[reason] = i
                }
                while positions.count <= position { positions.append([]) }
                if positions[position].count == WordsCache.recent { positions[position].removeFirst() }
                positions[position].append((reason, i))
            }
            if kept.count == WordsCache.limit {
                byIdentity.removeAll(keepingCapacity: true)
                kept.removeAll(keepingCapacity: true)
            }
            byIdentity[identity] = i
            kept.append(reason)
            return texts[i]
        }
    }

    /// Columns a name takes: its bytes when ASCII, its characters otherwise.
    static func columns(_ s: String) -> Int {
        // ASCII checked eight bytes at a time where the bytes are contiguous (a row's resource
        // and endpoint names are measured for every block).
        let ascii = s.utf8.withContiguousStorageIfAvailable(ASCIIBytes.allASCII) ?? s.utf8.allSatisfy { $0 < 0x80 }
        return ascii ? s.utf8.count : s.count
    }

    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// `s` then spaces up to `width` columns.
    static func padded(_ s: String, _ width: Int, to out: inout [UInt8]) {
        padded(s, columns: columns(s), width, to: &out)
    }

    /// `s`, which takes `n` columns, then spaces up to `width` columns.
    static func padded(_ s: String, columns n: Int, _ width: Int, to out: inout [UInt8]) {
        append(s, to: &out)
        if n < width { out.append(contentsOf: repeatElement(0x20, count: width - n)) }
    }

    /// The summary line: every row counted, failures by status.
    package static func footer(_ summary: Summary, counts byStatus: [Status: Int]) -> String {
        var out = "summary: \(summary.private) private, \(summary.public) public, \(summary.failed) failed"
        let counts = byStatus.filter { !$0.key.succeeds }.sorted { $0.key < $1.key }
        if !counts.isEmpty {
            out += " (" + counts.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ") + ")"
        }
        return out + "\n"
    }

    /// "== vnet1 (vnet, 10.0.1.0/24; Azure DNS)".
    static func header(_ name: NetworkID, _ world: World) -> String {
        var text = "== \(name)"
        if let network = world.network(name) {
            let dns: String
            switch network.dns {
            case .azure: dns = "Azure DNS"
            case .server(let s): dns = "DNS server \(s)"
            case .address(let address): dns = "DNS at \(address)"
            }
            text += " (\(network.kind.rawValue), \(network.addressSpace.map(\.description).joined(separator: ", ")); \(dns))"
        }
        return text
    }

    package static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

}
