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
        guard let network = rows.first?.network else { return "" }
        let failed = counts?.failed ?? rows.reduce(0) { $0 + ($1.status.succeeds ? 0 : 1) }
        let ok = counts?.ok ?? rows.count - failed
        var out = style.bold(header(network, world)) + " -- \(ok) ok, \(failed) failed\n"
        // Columns as wide as the block needs, at least as wide as the headings' usual values.
        var widths = (resource: 16, endpoint: 15, status: 14, answer: 15, via: 4)
        for row in rows {
            widths.resource = max(widths.resource, row.resource.count)
            widths.endpoint = max(widths.endpoint, row.endpoint.rawValue.count)
            widths.answer = max(widths.answer, row.answer?.description.count ?? 1)
            widths.via = max(widths.via, row.via?.count ?? 1)
        }
        for row in rows {
            let mark = style.paint(row.status.succeeds ? "  ok  " : "  FAIL", succeeds: row.status.succeeds)
            let status = style.paint(pad(row.status.rawValue, widths.status), succeeds: row.status.succeeds)
            out += "\(mark) \(pad(row.resource, widths.resource)) \(pad(row.endpoint.rawValue, widths.endpoint)) "
                + "\(status) \(pad(row.answer?.description ?? "-", widths.answer)) "
                + "\(pad(row.via ?? "-", widths.via)) \(row.fqdn.absolute)\n"
            out += style.wrap(row.detail, indent: "         ")
        }
        return out + "\n"
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
    static func header(_ name: String, _ world: World) -> String {
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
