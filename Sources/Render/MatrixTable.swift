import AmplsimEngine

/// `simulate --format table`: one block per network, a line per row (its verdict, the answer, the
/// endpoint that holds it and the name asked) and the full reason below it, wrapped to the
/// terminal's width on a terminal and never cut (`TerminalStyle`).
public enum MatrixTable {
    /// One network's block: a header with its counts, then two lines a row. `counts` are the
    /// network's own when `rows` are only some of them (`--failures-only` shows the failing rows
    /// but counts every row); nil counts `rows`.
    public static func block(_ rows: ArraySlice<Row>, world: World, style: TerminalStyle = .plain,
                             counts: (ok: Int, failed: Int)? = nil) -> String {
        var out: [UInt8] = []
        block(rows, world: world, style: style, counts: counts, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same block, appended to `out` as bytes: a reason worded once for the rows that share
    /// it, an answer's text once per address (the table of a big estate has millions of rows).
    public static func block(_ rows: ArraySlice<Row>, world: World, style: TerminalStyle = .plain,
                             counts: (ok: Int, failed: Int)? = nil, into out: inout [UInt8]) {
        guard let network = rows.first?.network else { return }
        let failed = counts?.failed ?? rows.reduce(0) { $0 + ($1.status.succeeds ? 0 : 1) }
        let ok = counts?.ok ?? rows.count - failed
        append(style.bold(header(network, world)) + " -- \(ok) ok, \(failed) failed\n", to: &out)
        // Columns as wide as the block needs, at least as wide as the headings' usual values.
        var widths = (resource: 16, endpoint: 15, status: 14, answer: 15, via: 4)
        for row in rows {
            widths.resource = max(widths.resource, columns(row.resource.name))
            widths.endpoint = max(widths.endpoint, columns(row.endpoint.rawValue))
            if let answer = row.answer { widths.answer = max(widths.answer, columns(answer.description)) }
            if let via = row.via { widths.via = max(widths.via, columns(via.name)) }
        }
        let ok6 = Array(style.paint("  ok  ", succeeds: true).utf8), fail6 = Array(style.paint("  FAIL", succeeds: false).utf8)
        var cache = WordsCache()
        for row in rows {
            let succeeds = row.status.succeeds
            out.append(contentsOf: succeeds ? ok6 : fail6)
            out.append(0x20)
            padded(row.resource.name, widths.resource, to: &out)
            out.append(0x20)
            padded(row.endpoint.rawValue, widths.endpoint, to: &out)
            out.append(0x20)
            if style.color {
                append(style.paint(pad(row.status.rawValue, widths.status), succeeds: succeeds), to: &out)
            } else {
                padded(row.status.rawValue, widths.status, to: &out)
            }
            out.append(0x20)
            if let answer = row.answer {
                let count = cache.appendAnswer(answer, to: &out)
                if count < widths.answer { out.append(contentsOf: repeatElement(0x20, count: widths.answer - count)) }
            } else {
                padded("-", widths.answer, to: &out)
            }
            out.append(0x20)
            if let via = row.via { padded(via.name, widths.via, to: &out) } else { padded("-", widths.via, to: &out) }
            out.append(0x20)
            append(row.fqdn.absolute, to: &out)
            out.append(0x0A)
            cache.appendReason(of: row, style: style, to: &out)
        }
        out.append(0x0A)
    }

    /// The words of one block that repeat from row to row: rows of one network mostly share a
    /// handful of reasons (the last 16 are kept, worded), and answers repeat.
    struct WordsCache {
        private var reasons: [Reason] = []
        private var texts: [[UInt8]] = []
        private var answers: [UInt32: [UInt8]] = [:]

        /// Appends the row's reason line (wrapped by `style`).
        mutating func appendReason(of row: Row, style: TerminalStyle, to out: inout [UInt8]) {
            var i = 0
            while i < reasons.count {
                if reasons[i].isIdentical(to: row.reason) {
                    out.append(contentsOf: texts[i])
                    return
                }
                i += 1
            }
            let text = Array(style.wrap(row.detail, indent: "         ").utf8)
            if reasons.count == 16 {
                reasons.removeFirst()
                texts.removeFirst()
            }
            reasons.append(row.reason)
            texts.append(text)
            out.append(contentsOf: text)
        }

        /// Appends an answer's text; returns its length.
        mutating func appendAnswer(_ answer: IPv4Address, to out: inout [UInt8]) -> Int {
            if let text = answers[answer.value] {
                out.append(contentsOf: text)
                return text.count
            }
            let text = Array(answer.description.utf8)
            answers[answer.value] = text
            out.append(contentsOf: text)
            return text.count
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
    public static func footer(_ summary: Summary, counts byStatus: [Status: Int]) -> String {
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

    public static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

}
