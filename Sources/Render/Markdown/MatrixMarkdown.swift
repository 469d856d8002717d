import AmplsimEngine
import Foundation

/// `simulate --format markdown`: a summary line and one table per network, for a pull request.
public enum MatrixMarkdown {
    public static func render(_ rows: [Row], summary: Summary) -> String {
        var out = "**amplsim**: \(summary.private) private, \(summary.public) public, \(summary.failed) failed\n"
        var index = 0
        while index < rows.count {
            let network = rows[index].network
            out += "\n### \(escape(network))\n\n| | resource | endpoint | status | answer | via | detail |\n|---|---|---|---|---|---|---|\n"
            while index < rows.count, rows[index].network == network {
                let row = rows[index]
                let mark = row.status.succeeds ? "✅" : "❌"
                out += "| \(mark) | \(escape(row.resource)) | \(row.endpoint.rawValue) | `\(row.status.rawValue)` | \(row.answer?.description ?? "–") | \(escape(row.via ?? "–")) | \(escape(row.detail)) |\n"
                index += 1
            }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
