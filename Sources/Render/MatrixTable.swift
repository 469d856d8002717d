import AmplsimEngine

/// `simulate --format table`: one block per network, a line per row with its verdict and a
/// one-line reason below it; fits a 100-column terminal.
public enum MatrixTable {
    /// One network's block: a header with its counts, then two lines a row.
    public static func block(_ rows: ArraySlice<Row>, world: World, width: Int = 100) -> String {
        guard let network = rows.first?.network else { return "" }
        var out = header(network, rows, world) + "\n"
        for row in rows {
            let mark = row.status.succeeds ? "  ok  " : "  FAIL"
            let answer = row.answer?.description ?? "-"
            let via = row.via ?? ""
            var line = "\(mark) \(pad(row.resource, 16)) \(pad(row.endpoint.rawValue, 15)) \(pad(row.status.rawValue, 14)) \(pad(answer, 15)) \(via)"
            while line.hasSuffix(" ") { line.removeLast() }
            out += clip(line, width) + "\n"
            out += clip("         " + row.detail, width) + "\n"
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

    private static func header(_ name: String, _ rows: ArraySlice<Row>, _ world: World) -> String {
        let failed = rows.filter { !$0.status.succeeds }.count
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
        return text + " -- \(rows.count - failed) ok, \(failed) failed"
    }

    public static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    /// Cuts a line to the terminal width, marking the cut.
    static func clip(_ s: String, _ width: Int) -> String {
        guard width > 3, s.count > width else { return s }
        return String(s.prefix(width - 3)) + "..."
    }
}
