import Testing
import AmplsimZoneFile

/// `$ORIGIN`, `$TTL`, `@`, relative and absolute names (RFC 1035 section 5.1, RFC 2308).
@Suite("Names and directives")
struct NamesAndDirectivesTests {
    @Test func originMakesRelativeNamesAbsoluteAndAtIsTheOrigin() {
        let contents = read("""
            $ORIGIN Example.COM.
            @ 300 IN A 192.0.2.1
            www 300 IN CNAME @
            mail.example.com. 300 IN CNAME Target
            ftp 300 IN CNAME other.example.NET.
            """)
        #expect(contents.errors == [])
        #expect(contents.origin == "example.com")
        #expect(contents.records == [
            record("example.com", .a, 300, .a(ipv4(192, 0, 2, 1)), line: 2),
            record("www.example.com", .cname, 300, .cname("example.com"), line: 3),
            record("mail.example.com", .cname, 300, .cname("target.example.com"), line: 4),
            record("ftp.example.com", .cname, 300, .cname("other.example.net"), line: 5),
        ])
    }

    @Test func relativeOriginIsRelativeToTheCurrentOne() {
        let contents = read("""
            $origin example.
            $Origin sub
            host 60 A 192.0.2.7
            $ORIGIN other.test.
            host 60 A 192.0.2.8
            """)
        #expect(contents.errors == [])
        #expect(contents.origin == "example")
        #expect(contents.records.map(\.owner) == ["host.sub.example", "host.other.test"])
    }

    @Test func readerOriginIsUsedUntilAnOriginDirective() {
        let contents = read("www 10 A 192.0.2.1\n", origin: "Example.net")
        #expect(contents.errors == [])
        #expect(contents.origin == "example.net")
        #expect(contents.records.map(\.owner) == ["www.example.net"])
    }

    @Test func withoutAnyOriginNamesAreRelativeToTheRoot() {
        let contents = read("foo 10 A 192.0.2.1\n. 10 NS a.root-servers.net.\n")
        #expect(contents.errors == [])
        #expect(contents.origin == "")
        #expect(contents.records.map(\.owner) == ["foo", ""])
        #expect(contents.records.last?.data == .ns("a.root-servers.net"))
    }

    @Test func escapedDotStaysInItsLabel() {
        let contents = read("$ORIGIN example.\na\\.b 10 A 192.0.2.1\n")
        #expect(contents.errors == [])
        #expect(contents.records.map(\.owner) == ["a\\.b.example"])
    }

    @Test func quoteInsideANameIsAnOrdinaryCharacter() {
        let contents = read("$ORIGIN example.\na\"b 10 CNAME c\"d ; a \" in a comment\n")
        #expect(contents.errors == [])
        #expect(contents.records == [record("a\"b.example", .cname, 10, .cname("c\"d.example"), line: 2)])
    }

    @Test func blankOwnerIsThePreviousOwnerEvenAfterANewOrigin() {
        let contents = read("""
            $ORIGIN example.
            www 60 A 192.0.2.1
                60 AAAA 2001:DB8:0:0::1
            $ORIGIN other.
            \t60 TXT "x"
            """)
        #expect(contents.errors == [])
        #expect(contents.records == [
            record("www.example", .a, 60, .a(ipv4(192, 0, 2, 1)), line: 2),
            record("www.example", .aaaa, 60, .aaaa("2001:db8::1"), line: 3),
            record("www.example", .txt, 60, .txt(["x"]), line: 5),
        ])
    }

    @Test func otherTypesKeepLDNSTextWithNamesLowerCasedAndAbsolute() {
        let contents = read("""
            $ORIGIN example.
            @ 60 MX 10 Mail
            _sip._tcp 60 SRV 0 5 5060 SIP.example.
            x 60 TYPE65280 \\# 2 abcd
            """)
        #expect(contents.errors == [])
        #expect(contents.records.map(\.data) == [
            .other("10 mail.example."),
            .other("0 5 5060 sip.example."),
            .other("\\# 2 abcd"),
        ])
        #expect(contents.records.map(\.type) == [.mx, .srv, RecordType(code: 65280)])
    }
}
