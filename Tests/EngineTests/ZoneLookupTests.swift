import Testing
@testable import AmplsimEngine

/// MODEL.md section 4, "Looking a name up in a zone", and section 5's record-set writing rules,
/// on `ZoneContents` directly.
@Suite("Zone lookup")
struct ZoneLookupTests {
    let apex = dn("z.test")

    func contents(_ records: [Record]) -> ZoneContents { ZoneContents(apex: apex, initial: [records]) }

    @Test("a CNAME at the name continues the chain")
    func cnameContinues() {
        // Rule: a CNAME at the name continues the chain.
        let z = contents([CNAME("www.z.test", "api.privatelink.monitor.azure.com")])
        guard case .cname(let target, _) = z.lookup(dn("www.z.test")) else {
            Issue.record("expected a CNAME, got \(z.lookup(dn("www.z.test")))"); return
        }
        #expect(target == dn("api.privatelink.monitor.azure.com"))
    }

    @Test("an A record set answers with its first address in record order")
    func firstAddressInRecordOrder() {
        // Rule: an A record set answers with its first address in record order (not sorted).
        let z = contents([A("h.z.test", "10.0.0.9"), A("h.z.test", "10.0.0.1"), A("h.z.test", "10.0.0.5")])
        guard case .address(let address, _) = z.lookup(dn("h.z.test")) else {
            Issue.record("expected an address"); return
        }
        #expect(address == ip("10.0.0.9"))
    }

    @Test("other data only is NODATA")
    func otherDataIsNodata() {
        // Rule: a name holding other data only (no A, no CNAME) is NODATA, not NXDOMAIN.
        let z = contents([TXT("t.z.test"), A("h.z.test", "10.0.0.1")])
        #expect(z.lookup(dn("t.z.test")) == .nodata)
    }

    @Test("no name is NXDOMAIN")
    func missingIsNxdomain() {
        // Rule: no name (and no wildcard) is NXDOMAIN.
        let z = contents([A("h.z.test", "10.0.0.1")])
        #expect(z.lookup(dn("nothing.z.test")) == .nxdomain)
        #expect(z.lookup(dn("deeper.nothing.z.test")) == .nxdomain)
    }

    @Test("a wildcard *.E answers for names under its closest encloser E", arguments: [
        "a.w.z.test",          // one label below E
        "b.a.w.z.test",        // two labels below E: E is still the closest encloser
    ])
    func wildcardAnswers(query: String) {
        // Rule: a wildcard `*.E` answers for names under its closest encloser E (RFC 4592).
        let z = contents([A("*.w.z.test", "10.0.0.7"), A("x.w.z.test", "10.0.0.8")])
        guard case .address(let address, _) = z.lookup(dn(query)) else {
            Issue.record("expected the wildcard's address for \(query), got \(z.lookup(dn(query)))"); return
        }
        #expect(address == ip("10.0.0.7"))
    }

    @Test("a wildcard at the apex answers for names below the apex")
    func wildcardAtApex() {
        // Rule: wildcard `*.E` with E the apex answers for absent names under it.
        let z = contents([A("*.z.test", "10.0.0.7")])
        guard case .address(let address, _) = z.lookup(dn("anything.z.test")) else {
            Issue.record("expected the wildcard"); return
        }
        #expect(address == ip("10.0.0.7"))
    }

    @Test("a wildcard CNAME continues the chain")
    func wildcardCname() {
        // Rule: a wildcard answers like the name would: its CNAME continues the chain.
        let z = contents([CNAME("*.z.test", "target.example")])
        #expect(z.lookup(dn("q.z.test")) == .cname(dn("target.example"), CNAME("*.z.test", "target.example")))
    }

    @Test("a wildcard does not answer for names that exist")
    func wildcardDoesNotOverrideExisting() {
        // Rule: an existing name is answered by its own data (other data only: NODATA), never by the wildcard.
        let z = contents([A("*.z.test", "10.0.0.7"), TXT("t.z.test")])
        #expect(z.lookup(dn("t.z.test")) == .nodata)
    }

    @Test("an empty non-terminal exists: it blocks a wildcard above it")
    func emptyNonTerminalBlocksWildcard() {
        // Rule: empty non-terminals count as existing, so they block a wildcard above them.
        let z = contents([A("*.z.test", "10.0.0.7"), A("host.sub.z.test", "10.0.0.8")])
        // sub.z.test is the closest encloser of other.sub.z.test; there is no *.sub.z.test.
        #expect(z.lookup(dn("other.sub.z.test")) == .nxdomain)
        // The empty non-terminal itself exists without data: NODATA, not the wildcard.
        #expect(z.lookup(dn("sub.z.test")) == .nodata)
        // Control: a name whose closest encloser is the apex gets the wildcard.
        #expect(z.lookup(dn("other.z.test")).isAddress)
    }

    @Test("a deeper empty non-terminal also blocks")
    func deepEmptyNonTerminal() {
        // Rule: empty non-terminals (several labels deep) block the wildcard above them.
        let z = contents([A("*.z.test", "10.0.0.7"), A("a.b.c.z.test", "10.0.0.8")])
        #expect(z.lookup(dn("x.b.c.z.test")) == .nxdomain)
        #expect(z.lookup(dn("x.c.z.test")) == .nxdomain)
        #expect(z.lookup(dn("c.z.test")) == .nodata)
    }

    @Test("a deleted name stops being an empty non-terminal")
    func deletionRemovesEmptyNonTerminal() {
        // Rule: empty non-terminals exist only because names below them do.
        var z = contents([A("*.z.test", "10.0.0.7"), A("host.sub.z.test", "10.0.0.8")])
        z.delete(dn("host.sub.z.test"), "A")
        #expect(z.lookup(dn("other.sub.z.test")).isAddress)
        #expect(z.lookup(dn("sub.z.test")).isAddress)
    }

    @Test("names compare case-insensitively")
    func caseInsensitive() {
        // Rule: names compare case-insensitively (RFC 4343).
        let z = ZoneContents(apex: dn("Z.Test."), initial: [[A("Host.Z.TEST.", "10.0.0.1")]])
        #expect(z.lookup(dn("hOST.z.test")).isAddress)
        #expect(dn("API.LogAnalytics.IO.") == dn("api.loganalytics.io"))
    }

    // MARK: Writing record sets (MODEL.md section 5)

    @Test("writing a record set replaces the set of that name and type")
    func lastWriterWins() {
        // Rule: last writer wins: a written set replaces the one at that name and type (not merged).
        var z = contents([A("h.z.test", "10.0.0.1"), A("h.z.test", "10.0.0.2"), TXT("h.z.test")])
        z.write([Record(name: dn("h.z.test"), value: .a(ip("10.0.0.3")))], by: .manual)
        #expect(z.recordSet(dn("h.z.test"), "A")?.map(\.value) == [.a(ip("10.0.0.3"))])
        // Other types at the name are untouched by an A write.
        #expect(z.recordSet(dn("h.z.test"), "TXT") != nil)
        #expect(z.writer(dn("h.z.test"), "A") == .manual)
    }

    @Test("writing a CNAME removes every other record set at the name")
    func cnameRemovesOthers() {
        // Rule: writing a CNAME removes every other record set there.
        var z = contents([A("h.z.test", "10.0.0.1"), TXT("h.z.test")])
        z.write([CNAME("h.z.test", "elsewhere.example")], by: .manual)
        #expect(z.types(at: dn("h.z.test")) == ["CNAME"])
        #expect(z.lookup(dn("h.z.test")) == .cname(dn("elsewhere.example"), CNAME("h.z.test", "elsewhere.example")))
    }

    @Test("writing any record set removes a CNAME at the name", arguments: ["A", "TXT"])
    func othersRemoveCname(type: String) {
        // Rule: writing any record set at a name removes a CNAME there.
        var z = contents([CNAME("h.z.test", "elsewhere.example")])
        let record = type == "A" ? A("h.z.test", "10.0.0.4") : TXT("h.z.test")
        z.write([record], by: .endpoint("pe"))
        #expect(z.types(at: dn("h.z.test")) == [type])
        #expect(z.recordSet(dn("h.z.test"), "CNAME") == nil)
    }

    @Test("initial records: inline sets replace the file's set of the same name and type")
    func initialInlineReplacesFile() {
        // Rule: a zone's file is read first, then its inline records; inline records of one name and
        // type form one record set, which replaces the file's set of that name and type.
        let file = [A("h.z.test", "10.0.0.1"), TXT("h.z.test"), A("k.z.test", "10.0.0.2")]
        let inline = [A("h.z.test", "10.0.0.8"), A("h.z.test", "10.0.0.9")]
        let z = ZoneContents(apex: apex, initial: [file, inline])
        #expect(z.recordSet(dn("h.z.test"), "A")?.map(\.value) == [.a(ip("10.0.0.8")), .a(ip("10.0.0.9"))])
        #expect(z.recordSet(dn("h.z.test"), "TXT") != nil)
        #expect(z.recordSet(dn("k.z.test"), "A")?.map(\.value) == [.a(ip("10.0.0.2"))])
    }

    @Test("a CNAME beside other data at load is reported")
    func cnameConflictAtLoad() {
        // Rule: a CNAME beside other data at load is an input error (the engine reports the name).
        let z = contents([CNAME("h.z.test", "x.example"), A("h.z.test", "10.0.0.1"), A("ok.z.test", "10.0.0.2")])
        #expect(z.cnameConflicts == [dn("h.z.test")])
    }
}

extension ZoneContents.Answer {
    var isAddress: Bool {
        if case .address = self { return true }
        return false
    }
}
