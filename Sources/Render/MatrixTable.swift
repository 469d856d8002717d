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

    /// Writes network blocks one after another as bytes: a worker's state in `simulate --format
    /// table` (Docs/performance.md), as `MatrixJSON.RowWriter` is JSON's. Rows are added as the
    /// simulation gives them, and the columns widen as they come; `finish` writes the block.
    /// What repeats is worded once and kept from one block to the next: a reason's text (the last
    /// 16 reasons seen, and per row position the reason of the block before, which the networks
    /// of one view reached the same way share), an answer's text per address, a status's cell.
    /// The bytes are those the block's rows and counts alone give.
    package struct BlockWriter {
        package let style: TerminalStyle
        /// The rows added since the last block, as the parts their lines print: a `Row` is not
        /// kept (copying one retains its resolution, hops and reason, per row of millions).
        private var lines: [Line] = []
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
        /// Where each row of the last block written starts (its two lines), from the block's
        /// first byte, then where the last row ends (the block's blank line follows); empty when
        /// the last `finish` wrote nothing.
        package private(set) var rowStarts: [Int] = []

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

        /// What a row's two lines print: its reason already worded (wrapped by `style`).
        private struct Line {
            var status: Status
            var resource: ResourceID
            var endpoint: EndpointKind
            /// The answer's index in `answerTexts`, or -1.
            var answer: Int
            var via: EndpointID?
            var fqdn: DNSName
            var reason: [UInt8]
        }

        /// Adds a row to the block being written (rows of one network, in row order).
        package mutating func add(_ row: Row) {
            if network == nil { network = row.network }
            if !row.status.succeeds { failed += 1 }
            if row.resource != lastResource {
                lastResource = row.resource
                lastResourceColumns = MatrixTable.columns(row.resource.name)
            }
            widths.resource = max(widths.resource, lastResourceColumns)
            widths.endpoint = max(widths.endpoint, MatrixTable.columns(row.endpoint.rawValue))
            let answer: Int
            if let rowAnswer = row.answer {
                let index: Int
                if let known = answerIndex[rowAnswer.value] {
                    index = known
                } else {
                    index = answerTexts.count
                    answerIndex[rowAnswer.value] = index
                    answerTexts.append(Array(rowAnswer.description.utf8))
                }
                widths.answer = max(widths.answer, answerTexts[index].count)
                answer = index
            } else {
                answer = -1
            }
            if let via = row.via { widths.via = max(widths.via, MatrixTable.columns(via.name)) }
            let reason = words.reasonText(of: row, position: lines.count, style: style)
            lines.append(Line(status: row.status, resource: row.resource, endpoint: row.endpoint, answer: answer,
                              via: row.via, fqdn: row.fqdn, reason: reason))
        }

        /// Appends the block of the rows added since the last block (nothing when there are
        /// none): a header with its counts, then two lines a row. `counts` are the network's own
        /// when the rows are only some of them; nil counts the rows added.
        package mutating func finish(world: World, counts: (ok: Int, failed: Int)? = nil, into out: inout [UInt8]) {
            defer {
                lines.removeAll(keepingCapacity: true)
                network = nil
                widths = BlockWriter.headingWidths
                failed = 0
            }
            rowStarts.removeAll(keepingCapacity: true)
            guard let network else { return }
            let failed = counts?.failed ?? self.failed
            let ok = counts?.ok ?? lines.count - failed
            let base = out.count
            MatrixTable.append(style.bold(MatrixTable.header(network, world)) + " -- \(ok) ok, \(failed) failed\n", to: &out)
            for position in lines.indices {
                rowStarts.append(out.count - base)
                let status = lines[position].status
                out.append(contentsOf: status.succeeds ? ok6 : fail6)
                out.append(0x20)
                MatrixTable.padded(lines[position].resource.name, widths.resource, to: &out)
                out.append(0x20)
                MatrixTable.padded(lines[position].endpoint.rawValue, widths.endpoint, to: &out)
                out.append(0x20)
                out.append(contentsOf: statusCells[status.ordinal])
                out.append(0x20)
                let answer = lines[position].answer
                if answer >= 0 {
                    let text = answerTexts[answer]
                    out.append(contentsOf: text)
                    if text.count < widths.answer { out.append(contentsOf: repeatElement(0x20, count: widths.answer - text.count)) }
                } else {
                    MatrixTable.padded("-", widths.answer, to: &out)
                }
                out.append(0x20)
                if let via = lines[position].via {
                    MatrixTable.padded(via.name, widths.via, to: &out)
                } else {
                    MatrixTable.padded("-", widths.via, to: &out)
                }
                out.append(0x20)
                MatrixTable.append(lines[position].fqdn.text, to: &out)
                out.append(0x2E)
                out.append(0x0A)
                out.append(contentsOf: lines[position].reason)
            }
            rowStarts.append(out.count - base)
            out.append(0x0A)
        }
    }

    /// The reasons that repeat from row to row: rows of one network mostly share a handful of
    /// reasons (the last 16 are kept, worded), and a row position's reason is often the one of
    /// the same position in the network before (kept per position, worded). Reasons are
    /// compared by identity first (`Reason.identity`: the cache keeps each reason it keys on,
    /// so an identity stays its reason's).
    struct WordsCache {
        private var identities: [ObjectIdentifier] = []
        private var reasons: [Reason] = []
        private var texts: [[UInt8]] = []
        /// Per row position: the identity of the reason last seen there, the reason, its text.
        private var positionIdentities: [ObjectIdentifier?] = []
        private var positions: [(reason: Reason, text: [UInt8])?] = []

        /// The row's reason line (wrapped by `style`); `position` is the row's within its block.
        mutating func reasonText(of row: Row, position: Int, style: TerminalStyle) -> [UInt8] {
            let identity = row.reason.identity
            if let i = identities.firstIndex(of: identity) {
                remember(position, identity, row.reason, i)
                return texts[i]
            }
            // Equal reasons read the same (Reason's own contract): the position's text stands.
            let text: [UInt8]
            if position < positions.count, let known = positions[position], known.reason == row.reason {
                text = known.text
            } else {
                text = Array(style.wrap(row.detail, indent: "         ").utf8)
            }
            if reasons.count == 16 {
                identities.removeFirst()
                reasons.removeFirst()
                texts.removeFirst()
            }
            identities.append(identity)
            reasons.append(row.reason)
            texts.append(text)
            remember(position, identity, row.reason, texts.count - 1)
            return text
        }

        private mutating func remember(_ position: Int, _ identity: ObjectIdentifier, _ reason: Reason, _ i: Int) {
            while positions.count <= position {
                positionIdentities.append(nil)
                positions.append(nil)
            }
            if positionIdentities[position] == identity { return }
            positionIdentities[position] = identity
            positions[position] = (reason, texts[i])
        }
    }

    /// Columns a name takes: its bytes when ASCII, its characters otherwise.
    static func columns(_ s: String) -> Int {
        let bytes = s.utf8.count
        return s.utf8.allSatisfy { $0 < 0x80 } ? bytes : s.count
    }

    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// `s` then spaces up to `width` columns.
    static func padded(_ s: String, _ width: Int, to out: inout [UInt8]) {
        append(s, to: &out)
        let n = columns(s)
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
