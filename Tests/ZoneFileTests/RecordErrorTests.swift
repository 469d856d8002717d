import Testing
import AmplsimZoneFile

/// A zone with one fault and the error it must give, to the letter.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var zone: String
    var expected: String
    var testDescription: String { name }
}

private let label64 = String(repeating: "a", count: 64)
private let label63 = String(repeating: "a", count: 63)
/// Four 63-octet labels: 4 × 64 + 1 = 257 octets on the wire, over RFC 1035's 255.
private let name257 = [label63, label63, label63, label63].joined(separator: ".") + "."
/// Three 63-octet labels (192 octets) under a 63-octet origin (65 octets): 257 octets.
private let relative191 = [label63, label63, label63].joined(separator: ".")

/// Each fault a zone file can have, with its exact `path:line: error: message`.
@Suite("Record errors")
struct RecordErrorTests {
    static let cases: [ErrorCase] = [
        ErrorCase(name: "unclosed parenthesis", zone: """
            $ORIGIN example.
            @ 10 IN SOA ns hm ( 1 2 3
            4 5
            b 10 A 192.0.2.1
            """, expected: "t.zone:2: error: '(' is not closed before the end of the file"),
        ErrorCase(name: "closing parenthesis without an opening one", zone: "a. 10 A 192.0.2.1 )\n",
                  expected: "t.zone:1: error: ')' without an opening '('"),
        ErrorCase(name: "missing closing quote", zone: "a. 10 A 192.0.2.1\na. 10 TXT \"abc\nb. 10 A 192.0.2.2\n",
                  expected: "t.zone:2: error: missing closing quote"),
        ErrorCase(name: "NUL byte", zone: "a. 10 A 192.0.2.1\na. 10 TXT abc\0def\n",
                  expected: "t.zone:2: error: the file contains a NUL byte"),
        ErrorCase(name: "$INCLUDE", zone: "$ORIGIN example.\n$INCLUDE /etc/passwd\n",
                  expected: "t.zone:2: error: $INCLUDE is not supported (files are read alone)"),
        ErrorCase(name: "$include", zone: "$include /etc/passwd\n",
                  expected: "t.zone:1: error: $INCLUDE is not supported (files are read alone)"),
        ErrorCase(name: "$Include with an origin", zone: "\n$Include other.zone example.\n",
                  expected: "t.zone:2: error: $INCLUDE is not supported (files are read alone)"),
        ErrorCase(name: "$GENERATE", zone: "$GENERATE 1-10 host$ A 10.0.0.$\n",
                  expected: "t.zone:1: error: $GENERATE is not supported"),
        ErrorCase(name: "unknown directive", zone: "$FOO bar\n",
                  expected: "t.zone:1: error: unknown directive '$FOO'"),
        ErrorCase(name: "$ORIGIN without a name", zone: "$ORIGIN\n",
                  expected: "t.zone:1: error: $ORIGIN needs a domain name"),
        ErrorCase(name: "$ORIGIN with an empty label", zone: "$ORIGIN a..b.\n",
                  expected: "t.zone:1: error: bad $ORIGIN name 'a..b.': empty label"),
        ErrorCase(name: "$ORIGIN with two names", zone: "$ORIGIN a. b.\n",
                  expected: "t.zone:1: error: extra text after $ORIGIN 'a.': 'b.'"),
        ErrorCase(name: "$TTL without a value", zone: "$TTL\n",
                  expected: "t.zone:1: error: $TTL needs a TTL value"),
        ErrorCase(name: "$TTL not a number", zone: "$TTL abc\n",
                  expected: "t.zone:1: error: bad TTL 'abc'"),
        ErrorCase(name: "bad TTL unit", zone: "a. 1x A 192.0.2.1\n",
                  expected: "t.zone:1: error: bad TTL '1x'"),
        ErrorCase(name: "TTL over 32 bits", zone: "a. 4294967296 A 192.0.2.1\n",
                  expected: "t.zone:1: error: TTL '4294967296' is out of range (0 to 4294967295)"),
        ErrorCase(name: "negative TTL", zone: "a. -1 A 192.0.2.1\n",
                  expected: "t.zone:1: error: bad TTL '-1'"),
        ErrorCase(name: "nested parentheses", zone: "a. 10 TXT ( ( \"x\" ) )\n",
                  expected: "t.zone:1: error: '(' inside parentheses (they do not nest)"),
        ErrorCase(name: "TXT string over 255 octets", zone: "a. 10 TXT \"\(String(repeating: "x", count: 256))\"\n",
                  expected: "t.zone:1: error: bad TXT data '\"\(String(repeating: "x", count: 99))...': "
                    + "string 1 is longer than 255 octets"),
        ErrorCase(name: "TXT with no string", zone: "a. 10 TXT \\# 0\n",
                  expected: "t.zone:1: error: bad TXT data '\\# 0'"),
        ErrorCase(name: "MX preference over 16 bits", zone: "a. 10 MX 65536 mx.\n",
                  expected: "t.zone:1: error: bad MX data '65536 mx.': field 1 '65536' is not a number from 0 to 65535"),
        ErrorCase(name: "SOA serial over 32 bits", zone: "a. 10 SOA ns. hm. 4294967296 1 2 3 4\n",
                  expected: "t.zone:1: error: bad SOA data 'ns. hm. 4294967296 1 2 3 4': "
                    + "field 3 '4294967296' is not a number from 0 to 4294967295"),
        ErrorCase(name: "SOA refresh not a time", zone: "a. 10 SOA ns. hm. 1 1x 2 3 4\n",
                  expected: "t.zone:1: error: bad SOA data 'ns. hm. 1 1x 2 3 4': "
                    + "field 4 '1x' is not a time from 0 to 4294967295 seconds"),
        ErrorCase(name: "type without a mnemonic, data not in RFC 3597 form", zone: "a. 10 TYPE65280 abc\n",
                  expected: "t.zone:1: error: bad TYPE65280 data 'abc': a type without a mnemonic takes "
                    + "RFC 3597 data ('\\#', a length, hex)"),
        ErrorCase(name: "type without a mnemonic, no data", zone: "a. 10 TYPE65280\n",
                  expected: "t.zone:1: error: missing TYPE65280 data (RFC 3597: '\\# 0' for none)"),
        ErrorCase(name: "class CH", zone: "a. 10 CH TXT \"x\"\n",
                  expected: "t.zone:1: error: class CH is not supported; zone files here are IN"),
        ErrorCase(name: "class hs before the TTL", zone: "a. hs 10 A 192.0.2.1\n",
                  expected: "t.zone:1: error: class HS is not supported; zone files here are IN"),
        ErrorCase(name: "unknown type", zone: "a. 10 IN FOO 1\n",
                  expected: "t.zone:1: error: unknown record type 'FOO'"),
        ErrorCase(name: "TYPE over 65535", zone: "a. 10 IN TYPE70000 \\# 0\n",
                  expected: "t.zone:1: error: unknown record type 'TYPE70000'"),
        ErrorCase(name: "type 0", zone: "a. 10 IN TYPE0 \\# 0\n",
                  expected: "t.zone:1: error: record type 0 is reserved and cannot be in a zone file"),
        ErrorCase(name: "query type", zone: "a. 10 IN AXFR\n",
                  expected: "t.zone:1: error: record type AXFR is a query or meta type and cannot be in a zone file"),
        ErrorCase(name: "no type", zone: "a. 10 IN\n",
                  expected: "t.zone:1: error: missing record type"),
        ErrorCase(name: "no data", zone: "a. 10 IN A\n",
                  expected: "t.zone:1: error: missing A data"),
        ErrorCase(name: "bad A data", zone: "$ORIGIN example.\na 10 IN A 999.1.1.1\n",
                  expected: "t.zone:2: error: bad A data '999.1.1.1': not an IPv4 address"),
        ErrorCase(name: "bad AAAA data", zone: "a. 10 IN AAAA 2001:db8::g\n",
                  expected: "t.zone:1: error: bad AAAA data '2001:db8::g': not an IPv6 address"),
        ErrorCase(name: "extra data", zone: "a. 10 IN A 192.0.2.1 5\n",
                  expected: "t.zone:1: error: bad A data '192.0.2.1 5': extra text at the end"),
        ErrorCase(name: "SOA with too few fields", zone: "a. 10 IN SOA ns. hm. 1 2 3\n",
                  expected: "t.zone:1: error: bad SOA data 'ns. hm. 1 2 3': too few fields"),
        ErrorCase(name: "owner label over 63 octets", zone: "\(label64).example. 10 A 192.0.2.1\n",
                  expected: "t.zone:1: error: bad owner name '\(label64).example.': label longer than 63 octets"),
        ErrorCase(name: "owner name over 255 octets", zone: "\(name257) 10 A 192.0.2.1\n",
                  expected: "t.zone:1: error: bad owner name '\(name257.prefix(100))...': name longer than 255 octets"),
        ErrorCase(name: "relative owner over 255 octets with the origin",
                  zone: "$ORIGIN \(label63).\n\(relative191) 10 A 192.0.2.1\n",
                  expected: "t.zone:2: error: bad owner name '\(relative191.prefix(100))...': name longer than 255 octets"),
        ErrorCase(name: "owner with an empty label", zone: "a..b. 10 A 192.0.2.1\n",
                  expected: "t.zone:1: error: bad owner name 'a..b.': empty label"),
        ErrorCase(name: "CNAME target label over 63 octets", zone: "a. 10 CNAME \(label64).\n",
                  expected: "t.zone:1: error: bad CNAME data '\(label64).': label longer than 63 octets"),
        ErrorCase(name: "blank owner on the first record", zone: "   10 A 192.0.2.1\n",
                  expected: "t.zone:1: error: the record starts with a blank owner but no owner came before it"),
    ]

    @Test(arguments: cases)
    func errorText(_ errorCase: ErrorCase) {
        let contents = read(errorCase.zone)
        #expect(contents.errors.count == 1)
        #expect(contents.errors.first?.description == errorCase.expected)
    }

    @Test func readingStopsAtMaxErrorsAndKeepsTheRecordsBefore() {
        let zone = """
            $ORIGIN example.
            a 10 A 192.0.2.1
            b 10 A 999.0.0.1
            c 10 A 192.0.2.3
            d 10 FOO x
            e 10 A 192.0.2.5
            f 10 CH A 192.0.2.6
            g 10 A 192.0.2.7
            """
        let one = read(zone)
        #expect(one.errors.map(\.line) == [3])
        #expect(one.records.map(\.owner) == ["a.example"])

        let two = read(zone, maxErrors: 2)
        #expect(two.errors.map(\.line) == [3, 5])
        #expect(two.records.map(\.owner) == ["a.example", "c.example"])

        let all = read(zone, maxErrors: 20)
        #expect(all.errors.map(\.description) == [
            "t.zone:3: error: bad A data '999.0.0.1': not an IPv4 address",
            "t.zone:5: error: unknown record type 'FOO'",
            "t.zone:7: error: class CH is not supported; zone files here are IN",
        ])
        #expect(all.records.map(\.owner) == ["a.example", "c.example", "e.example", "g.example"])
    }

    @Test func badReaderOriginIsAnErrorAboutTheWholeInput() {
        let contents = read("a 10 A 192.0.2.1\n", origin: "a..b")
        #expect(contents.errors.map(\.description) == ["t.zone: error: bad origin 'a..b': empty label"])
        #expect(contents.records == [])
    }
}
