import AmplsimEngine

/// `audit`: findings as a table grouped by severity, as the JSON of Docs/audit.md, or as SARIF 2.1.0.
package enum AuditReport {
    /// The table: a block per severity, each finding with its networks, message and fix; wrapped
    /// to the style's width on a terminal, one line each otherwise.
    package static func table(_ findings: [Finding], style: TerminalStyle = .plain) -> String {
        var out = ""
        table(findings, style: style) { out += $0 }
        return out
    }

    /// The table in pieces of about `piece` bytes, handed to `emit` in order: a large zone's
    /// audit writes tens of megabytes, which need not be held whole.
    package static func table(_ findings: [Finding], style: TerminalStyle = .plain, piece: Int = 1 << 20,
                              emit: (String) -> Void) {
        tableBytes(findings, style: style, piece: piece) { emit(String(decoding: $0, as: UTF8.self)) }
    }

    /// The table as UTF-8 bytes, in pieces that each end after a whole finding (written through
    /// `ByteSink`: a large zone's table has hundreds of thousands of findings). Each piece is
    /// lent to `emit` for the call only (not copied into an array of its own).
    package static func tableBytes(_ findings: [Finding], style: TerminalStyle = .plain, piece: Int = 1 << 20,
                                   emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        if findings.isEmpty {
            Array("no findings: every network reaches what its DNS answers\n".utf8).withUnsafeBufferPointer(emit)
            return
        }
        // Counted by place in `Severity.allCases` (a dictionary keyed by a severity hashes its text).
        let severities = Severity.allCases
        var counts = [Int](repeating: 0, count: severities.count)
        // A finding's severity read from its code in place (`severity`, a computed property,
        // copied the whole finding, every string and array it holds, to be called: twice a
        // finding, for a third of the table's work).
        findings.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            for i in 0..<buffer.count { counts[severities.firstIndex(of: (first + i).pointee.code.severity) ?? 0] += 1 }
        }
        let out = ByteSink(capacity: piece + (piece >> 2))
        for (place, severity) in severities.enumerated() {
            let count = counts[place]
            guard count > 0 else { continue }
            out.append(utf8: style.bold("== \(severity.rawValue)s (\(count))"))
            out.append(UInt8(ascii: "\n"))
            let label = severity == .error ? "ERROR" : severity == .warning ? "WARN " : "INFO "
            let painted = severity == .info ? label : style.paint(label, succeeds: false)
            findings.withUnsafeBufferPointer { buffer in
                guard let first = buffer.baseAddress else { return }
                for i in 0..<buffer.count where (first + i).pointee.code.severity == severity {
                    appendTable((first + i).pointee, painted: painted, style: style, to: out)
                    if out.count >= piece { out.drain(emit) }
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        let errors = severities.firstIndex(of: .error).map { counts[$0] } ?? 0
        let warnings = severities.firstIndex(of: .warning).map { counts[$0] } ?? 0
        out.append(utf8: "summary: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        out.drain(emit)
    }

    /// One finding's lines of the table.
    private static func appendTable(_ f: borrowing Finding, painted: String, style: TerminalStyle, to out: ByteSink) {
        out.append(utf8: painted)
        out.append(UInt8(ascii: " "))
        out.append(utf8: f.code.rawValue)
        if let zone = f.zone { out.append("  zone "); out.append(utf8: zone.name) }
        if let name = f.name { out.append("  "); out.append(utf8: name.text); out.append(UInt8(ascii: ".")) }
        if let resource = f.resource { out.append("  resource "); out.append(utf8: resource.name) }
        if let location = f.location {
            // `location`'s description, appended in place.
            out.append("  (")
            out.append(utf8: location.file)
            if location.line > 0 { out.append(UInt8(ascii: ":")); out.appendDigits(location.line) }
            out.append(UInt8(ascii: ")"))
        }
        out.append(UInt8(ascii: "\n"))
        if style.width == nil {
            // One line each: the words go straight into the table.
            if !f.networks.isEmpty {
                out.append(utf8: indent)
                out.append("networks: ")
                for (i, network) in f.networks.enumerated() {
                    if i > 0 { out.append(", ") }
                    out.append(utf8: network.name)
                }
                out.append(UInt8(ascii: "\n"))
            }
            out.append(utf8: indent)
            FindingText.appendMessage(f, to: out)
            out.append(UInt8(ascii: "\n"))
            out.append(utf8: indent)
            out.append("fix: ")
            FindingText.appendFix(f, to: out)
            out.append(UInt8(ascii: "\n"))
        } else {
            if !f.networks.isEmpty { out.append(utf8: style.wrap("networks: " + f.networks.map(\.name).joined(separator: ", "), indent: indent)) }
            out.append(utf8: style.wrap(f.message, indent: indent))
            out.append(utf8: style.wrap("fix: " + f.fix, indent: indent))
        }
    }
    /// A finding's lines are indented under its head.
    static let indent = "      "

    /// The JSON answer of Docs/audit.md.
    package static func json(_ findings: [Finding]) -> String {
        var bytes: [UInt8] = []
        json(findings) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The JSON answer in pieces of about `piece` bytes, lent to `emit` in order for the call only
    /// (ending with the final newline): a large zone's audit writes tens of megabytes, which need
    /// not be held whole.
    package static func json(_ findings: [Finding], piece: Int = 1 << 20, emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        // The bytes JSONText writes, through a pointer: each finding as one value, its keys as
        // literals (a large zone's audit has hundreds of thousands of findings; keys escaped and
        // commas tracked one by one, and array appends, cost as much as the rest of the object).
        let out = ByteSink(capacity: piece + (piece >> 2))
        out.append("{\"version\":1,\"findings\":[")
        // Read in place through the buffer (an array's subscript copied each finding, retaining
        // its strings).
        findings.withUnsafeBufferPointer { findings in
            for i in findings.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendJSON(findings[i], to: out)
                if out.count >= piece { out.drain(emit) }
            }
        }
        out.append("]}\n")
        out.drain(emit)
    }

    /// One finding's JSON object.
    private static func appendJSON(_ f: borrowing Finding, to out: ByteSink) {
        out.append("{\"code\":")
        out.appendQuoted(f.code.rawValue)
        out.append(",\"severity\":")
        out.appendQuoted(f.severity.rawValue)
        out.append(",\"zone\":")
        if let zone = f.zone { out.appendQuoted(zone.name) } else { out.append("null") }
        out.append(",\"name\":")
        if let name = f.name { out.appendQuoted(name.text) } else { out.append("null") }
        out.append(",\"resource\":")
        if let resource = f.resource { out.appendQuoted(resource.name) } else { out.append("null") }
        out.append(",\"networks\":[")
        for (i, network) in f.networks.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.appendQuoted(network.name)
        }
        out.append("],\"message\":")
        FindingText.appendJSONMessage(f, to: out)
        out.append(",\"fix\":")
        FindingText.appendJSONFix(f, to: out)
        if let location = f.location {
            out.append(",\"location\":{\"file\":")
            out.appendQuoted(location.file)
            out.append(",\"line\":")
            out.appendDigits(location.line)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// SARIF 2.1.0: one result per finding, located at its zone file and line (or the topology).
    package static func sarif(_ findings: [Finding], topology: String, version: String) -> String {
        var json = JSONText()
        json.beginObject()
        json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.field("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("name", "amplsim")
        json.field("version", version)
        json.key("rules")
        json.beginArray()
        let codes = Array(Set(findings.map(\.code))).sorted()
        for code in codes {
            json.beginObject()
            json.field("id", code.rawValue)
            json.key("shortDescription")
            json.beginObject()
            json.field("text", summary(code))
            json.endObject()
            json.key("defaultConfiguration")
            json.beginObject()
            json.field("level", level(code.severity))
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        json.key("results")
        json.beginArray()
        for f in findings {
            json.beginObject()
            json.field("ruleId", f.code.rawValue)
            json.field("ruleIndex", codes.firstIndex(of: f.code) ?? 0)
            json.field("level", level(f.severity))
            json.key("message")
            json.beginObject()
            json.field("text", "\(f.message). Fix: \(f.fix).")
            json.endObject()
            json.key("locations")
            json.beginArray()
            json.beginObject()
            json.key("physicalLocation")
            json.beginObject()
            json.key("artifactLocation")
            json.beginObject()
            json.field("uri", f.location?.file ?? topology)
            json.endObject()
            if let line = f.location?.line, line > 0 {
                json.key("region")
                json.beginObject()
                json.field("startLine", line)
                json.endObject()
            }
            json.endObject()
            json.endObject()
            json.endArray()
            json.key("properties")
            json.beginObject()
            json.field("zone", f.zone)
            json.field("name", f.name?.text)
            json.key("networks")
            json.strings(f.networks)
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// One line per code, for SARIF rule descriptions.
    package static func summary(_ code: FindingCode) -> String {
        switch code {
        case .unroutableRecord: return "A record points at a private endpoint that a network which sees the zone cannot reach."
        case .danglingRecord: return "A record holds a private address that no private endpoint owns."
        case .missingRecord: return "A name enters a zone through the public CNAME and the zone has no record for it."
        case .notInScopeRecord: return "A workspace's own name points at an endpoint whose scope lacks the workspace."
        case .emptyZone: return "A privatelink zone that networks see holds no address records, or none of a private endpoint."
        case .zoneTooBroad: return "A zone named after a public parent of the Azure Monitor names hides public names."
        case .scopeMissingResource: return "Shared names resolve to a scope that does not hold the resource (all or nothing)."
        case .publicDenied: return "A resource is reached over public access that it denies."
        case .egressBlocked: return "A resource resolves to a public address from a network without internet egress."
        case .cnameLoop: return "A CNAME chain loops or passes 16 names."
        case .forwardingLoop: return "DNS forwarders lead back to a server still resolving the name."
        case .onPremAzureDNS: return "An on-premises network or server asks Azure DNS, which serves only Azure networks."
        case .unreachableDNSServer: return "A client or forwarder's DNS server runs in a network it cannot reach."
        case .resolverNoEgress: return "A DNS server recurses to the internet from a network without egress."
        case .refusedStep: return "The timeline breaks a rule of the model."
        case .limitExceeded: return "The timeline breaks an AMPLS limit."
        case .mixedEndpoints: return "The shared names of one zone point at different private endpoints."
        case .partialZoneSet: return "A network sees some of the Azure Monitor zones but not all that its scopes need."
        case .ruleLoop: return "A forwarding rule sends names back to the Azure DNS that applies the rule (its own network's inbound endpoint)."
        case .dotRuleReserved: return "A rule for \".\" does not catch Azure's reserved domains, where all but Azure Monitor's two query names live."
        case .ruleZoneUnseen: return "A rule forwards a privatelink name to a resolver whose network does not link the zone, which answers from public DNS."
        case .subnetTooSmall: return "A private endpoint's subnet is smaller than /27, the smallest Azure documents."
        case .scopesShareZone: return "Private endpoints of different scopes write the zones one set of networks uses; the last writer takes the shared names."
        case .spokeEndpointSharedZone: return "A private endpoint outside the hub writes zones that other networks see."
        case .mixedRecordSet: return "One record set holds the addresses of several private endpoints."
        case .crossScopeReach: return "A resource's own scope serves none of its shared names; it is reached only through another scope."
        case .componentStampDefaulted: return "A component has no stamp or connection string; stamp 0 was assumed."
        }
    }
}

/// The keys of a finding's JSON object, with the punctuation around them (as `JSONText` writes
/// them: no spaces).
