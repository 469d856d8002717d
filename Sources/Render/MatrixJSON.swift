import AmplsimEngine

/// `simulate --format json`: FORMAT.md's JSON answer, version 1.
public enum MatrixJSON {
    /// The text before the first row.
    public static let header = "{\"version\":1,\"results\":["

    /// Appends one row; `json` puts the commas between rows (also across `drain` calls).
    public static func append(_ row: Row, to json: inout JSONText) {
        write(row, into: &json)
    }

    /// The text after the last row.
    public static func footer(_ summary: Summary) -> String {
        "],\"summary\":{\"private\":\(summary.private),\"public\":\(summary.public),\"failed\":\(summary.failed)}}\n"
    }

    public static func render(_ rows: [Row], summary: Summary) -> String {
        var json = JSONText()
        json.beginObject()
        json.field("version", 1)
        json.key("results")
        json.beginArray()
        for row in rows { write(row, into: &json) }
        json.endArray()
        json.key("summary")
        json.beginObject()
        json.field("private", summary.private)
        json.field("public", summary.public)
        json.field("failed", summary.failed)
        json.endObject()
        json.endObject()
        return json.text + "\n"
    }

    /// One row: network, resource, endpoint, fqdn, chain, answer, via, status, detail.
    public static func write(_ row: Row, into json: inout JSONText) {
        json.beginObject()
        json.field("network", row.network)
        json.field("resource", row.resource)
        json.field("endpoint", row.endpoint.rawValue)
        json.field("fqdn", row.fqdn.text)
        json.key("chain")
        json.strings(row.resolution.chain.map(\.text))
        json.field("answer", row.answer?.description)
        json.field("via", row.via)
        json.field("status", row.status.rawValue)
        json.field("detail", row.detail)
        json.endObject()
    }
}
