import AmplsimEngine

/// `simulate --format json`: FORMAT.md's JSON answer, version 1.
public enum MatrixJSON {
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
