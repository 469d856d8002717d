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

    /// One row: network, resource, endpoint, fqdn, chain, answer, via, status, detail (written
    /// straight as bytes: this runs once per row of tenants with millions of rows).
    public static func write(_ row: Row, into json: inout JSONText) {
        json.value { out in
            out.append(contentsOf: Keys.network)
            JSONText.appendQuoted(row.network, to: &out)
            out.append(contentsOf: Keys.resource)
            JSONText.appendQuoted(row.resource, to: &out)
            out.append(contentsOf: Keys.endpoint)
            JSONText.appendQuoted(row.endpoint.rawValue, to: &out)
            out.append(contentsOf: Keys.fqdn)
            JSONText.appendQuoted(row.fqdn.text, to: &out)
            out.append(contentsOf: Keys.chain)
            for (i, name) in row.resolution.chain.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendQuoted(name.text, to: &out)
            }
            out.append(contentsOf: Keys.answer)
            if let answer = row.answer { JSONText.appendQuoted(answer, to: &out) } else { out.append(contentsOf: Keys.null) }
            out.append(contentsOf: Keys.via)
            if let via = row.via { JSONText.appendQuoted(via, to: &out) } else { out.append(contentsOf: Keys.null) }
            out.append(contentsOf: Keys.status)
            JSONText.appendQuoted(row.status.rawValue, to: &out)
            out.append(contentsOf: Keys.detail)
            JSONText.appendQuoted(row.detail, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private enum Keys {
        static let network = Array("{\"network\":".utf8)
        static let resource = Array(",\"resource\":".utf8)
        static let endpoint = Array(",\"endpoint\":".utf8)
        static let fqdn = Array(",\"fqdn\":".utf8)
        static let chain = Array(",\"chain\":[".utf8)
        static let answer = Array("],\"answer\":".utf8)
        static let via = Array(",\"via\":".utf8)
        static let status = Array(",\"status\":".utf8)
        static let detail = Array(",\"detail\":".utf8)
        static let null = Array("null".utf8)
    }
}
