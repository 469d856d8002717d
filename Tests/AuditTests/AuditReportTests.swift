import AmplsimEngine
import AmplsimRender
import Foundation
import Testing

// The machine-readable outputs of `amplsim audit`: FORMAT.md's JSON and SARIF 2.1.0.

/// FORMAT.md / Docs/audit.md's JSON answer, as a consumer would declare it.
struct AuditJSON: Decodable {
    struct Location: Decodable {
        var file: String
        var line: Int
    }
    struct Item: Decodable {
        var code: String
        var severity: String
        var zone: String?
        var name: String?
        var resource: String?
        var networks: [String]
        var message: String
        var fix: String
        var location: Location?
    }
    var version: Int
    var findings: [Item]
}

@Suite("audit: JSON and SARIF reports")
struct AuditReportTests {
    @Test("the JSON decodes with FORMAT.md's fields and says what the findings say", arguments: AuditFixtures.all)
    func json(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        let text = AuditReport.json(run.findings)
        let data = Data(text.utf8)
        let decoded = try JSONDecoder().decode(AuditJSON.self, from: data)
        #expect(decoded.version == 1)
        try #require(decoded.findings.count == run.findings.count)
        // The raw objects: every FORMAT.md key is present (zone and name may be null);
        // `location` is absent when there is none.
        let raw = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let items = try #require(raw["findings"] as? [[String: Any]])
        for (i, (item, f)) in zip(decoded.findings, run.findings).enumerated() {
            for key in ["code", "severity", "zone", "name", "resource", "networks", "message", "fix"] {
                #expect(items[i][key] != nil, "\(fixture) finding \(i): no key \(key)")
            }
            #expect((items[i]["location"] != nil) == (f.location != nil), "\(fixture) finding \(i)")
            #expect(item.code == f.code.rawValue && specCodeOrder.contains(item.code))
            #expect(["error", "warning", "info"].contains(item.severity) && item.severity == f.severity.rawValue)
            #expect(item.zone == f.zone?.name)
            #expect(item.name == f.name?.text)
            #expect(!(item.name?.hasSuffix(".") ?? false))
            #expect(item.resource == f.resource?.name)
            #expect(item.networks == f.networks.map(\.name))
            #expect(!item.message.isEmpty && !item.fix.isEmpty)
            #expect(item.message == f.message && item.fix == f.fix)
            #expect(item.location?.file == f.location?.file && item.location?.line == f.location?.line)
        }
    }

    @Test("the JSON and the table written in small pieces are the bytes written whole", arguments: AuditFixtures.all)
    func pieces(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        var json: [UInt8] = []
        var pieces = 0
        AuditReport.json(run.findings, piece: 64) { json.append(contentsOf: $0); pieces += 1 }
        #expect(String(decoding: json, as: UTF8.self) == AuditReport.json(run.findings))
        #expect(pieces >= min(run.findings.count, 2))
        var table = ""
        AuditReport.table(run.findings, piece: 64) { table += $0 }
        #expect(table == AuditReport.table(run.findings))
        let wide = TerminalStyle(width: 60, color: true)
        var wrapped = ""
        AuditReport.table(run.findings, style: wide, piece: 64) { wrapped += $0 }
        #expect(wrapped == AuditReport.table(run.findings, style: wide))
    }

    @Test("a dangling record's message and fix in the JSON are its words, escaped where a zone id needs it")
    func danglingWords() throws {
        let name = DNSName(stringLiteral: "h0.z000.privatelink.monitor.azure.com")
        let address = try #require(IPv4Address("10.0.201.7"))
        var findings: [Finding] = []
        for zone in ["mon", "say \"hi\"\\there"] {
            findings.append(Finding(code: .danglingRecord, zone: ZoneID(zone), name: name, networks: [NetworkID("hub")],
                                    facts: .danglingRecord(zone: ZoneID(zone), name: name, address: address),
                                    location: SourceRef(file: "z.zone", line: 9)))
        }
        let decoded = try JSONDecoder().decode(AuditJSON.self, from: Data(AuditReport.json(findings).utf8))
        try #require(decoded.findings.count == 2)
        for (item, f) in zip(decoded.findings, findings) {
            #expect(item.message == f.message && item.fix == f.fix)
        }
        #expect(decoded.findings[0].message == "mon maps h0.z000.privatelink.monitor.azure.com. to 10.0.201.7, "
            + "a private address that no private endpoint holds, so clients connect to nothing")
        #expect(decoded.findings[1].fix == "point h0.z000.privatelink.monitor.azure.com. at the private endpoint that serves it, or delete the record")
        // The table, one line each, carries the same words.
        let table = AuditReport.table(findings)
        for f in findings {
            #expect(table.contains("\n      \(f.message)\n      fix: \(f.fix)\n"))
        }
        #expect(table.contains("dangling-record  zone mon  h0.z000.privatelink.monitor.azure.com.  (z.zone:9)\n"))
    }

    @Test("the healthy hub's JSON holds an empty list")
    func healthyJSON() throws {
        let run = try AuditRun("healthy-hub.yaml")
        let decoded = try JSONDecoder().decode(AuditJSON.self, from: Data(AuditReport.json(run.findings).utf8))
        #expect(decoded.version == 1 && decoded.findings.isEmpty)
    }

    @Test("the JSON of the override carries the record's export file and line")
    func jsonRecordLocation() throws {
        let run = try AuditRun("two-vnet-override.yaml")
        let decoded = try JSONDecoder().decode(AuditJSON.self, from: Data(AuditReport.json(run.findings).utf8))
        let api = try #require(decoded.findings.first { $0.name == "api.privatelink.monitor.azure.com" })
        #expect(api.code == "unroutable-record" && api.zone == "shared-monitor" && api.networks == ["vnet1"])
        #expect(samePath(api.location?.file, AuditFixtures.zone("two-vnet-override/privatelink.monitor.azure.com.zone")))
        #expect(api.location?.line == 11)
        let scope = try #require(decoded.findings.first { $0.resource == "law-app1" })
        #expect(scope.code == "scope-missing-resource" && scope.name == nil)
    }

    @Test("SARIF 2.1.0: valid JSON, one result per finding, located at the export's file and line",
          arguments: AuditFixtures.all)
    func sarif(_ fixture: String) throws {
        let run = try AuditRun(fixture)
        let text = AuditReport.sarif(run.findings, topology: run.path, version: "test")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let runs = try #require(root["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "amplsim")
        let ruleIDs = Set(((driver["rules"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        try #require(results.count == run.findings.count)
        for (result, f) in zip(results, run.findings) {
            #expect(result["ruleId"] as? String == f.code.rawValue)
            #expect(ruleIDs.contains(f.code.rawValue))
            #expect(result["level"] as? String == (f.severity == .error ? "error" : f.severity == .warning ? "warning" : "note"))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let locations = try #require(result["locations"] as? [[String: Any]])
            try #require(locations.count == 1)
            let physical = try #require(locations[0]["physicalLocation"] as? [String: Any])
            let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String
            let startLine = (physical["region"] as? [String: Any])?["startLine"] as? Int
            if let location = f.location {
                #expect(uri == location.file, "\(fixture): \(f.observed)")
                #expect(startLine == (location.line > 0 ? location.line : nil), "\(fixture): \(f.observed)")
            } else {
                #expect(uri == run.path, "\(fixture): \(f.observed)")   // no location: the topology file
            }
        }
    }

    @Test("SARIF puts each record finding of the override at its export line, independently of the finding")
    func sarifRecordLines() throws {
        let run = try AuditRun("two-vnet-override.yaml")
        let text = AuditReport.sarif(run.findings, topology: run.path, version: "test")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let monitor = AuditFixtures.zone("two-vnet-override/privatelink.monitor.azure.com.zone")
        // The result for global.in.ai: line of "global.in.ai 10 IN A 10.0.2.5" in the export.
        let expectedLine = try lineNumber(of: "global.in.ai 10 IN A 10.0.2.5", in: monitor)
        let hit = results.first { (($0["properties"] as? [String: Any])?["name"] as? String) == "global.in.ai.privatelink.monitor.azure.com" }
        let physical = try #require(((hit?["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect(samePath((physical["artifactLocation"] as? [String: Any])?["uri"] as? String, monitor))
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == expectedLine)
        #expect(hit?["ruleId"] as? String == "unroutable-record")
    }
}
