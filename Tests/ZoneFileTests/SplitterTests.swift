import Testing
import AmplsimZoneFile

/// Logical records: comments, quotes, parentheses over lines, blank and comment-only lines.
@Suite("Logical records")
struct SplitterTests {
    @Test func multiLineSOAWithCommentsParenthesesAndQuotesInComments() {
        let contents = read("""
            $ORIGIN example.

            ; a comment line, then a blank line above
            @ IN SOA ns1 hostmaster ( ; comment with ( and " in it
                2024010101 ; serial
                1h         ; refresh
                15m        ; retry

                1w         ; expire
                300 )      ; minimum
            txt 10 TXT "a;b" "c(d)" "e\\"f" ; trailing comment
            multi 10 TXT ( "one"
                "two" )
            """)
        #expect(contents.errors == [])
        #expect(contents.records == [
            record("example", .soa, 3600, .soa(SOAData(
                mname: "ns1.example", rname: "hostmaster.example", serial: 2_024_010_101,
                refresh: 3600, retry: 900, expire: 604_800, minimum: 300)), line: 4),
            record("txt.example", .txt, 10, .txt(["a;b", "c(d)", "e\"f"]), line: 11),
            record("multi.example", .txt, 10, .txt(["one", "two"]), line: 12),
        ])
    }

    @Test func blankAndCommentOnlyLinesAreSkippedAndLinesCountedWithCRLF() {
        let contents = read("$ORIGIN example.\r\n\r\n   \r\n  ; indented comment\r\na 10 A 192.0.2.1\r\n")
        #expect(contents.errors == [])
        #expect(contents.records == [record("a.example", .a, 10, .a(ipv4(192, 0, 2, 1)), line: 5)])
    }

    @Test func insideParenthesesAQuotedStringMayGoOnOverLines() {
        let contents = read("$ORIGIN example.\nt 10 TXT ( \"first\nsecond\" third\n)\nu 10 A 192.0.2.1\n")
        #expect(contents.errors == [])
        #expect(contents.records == [
            record("t.example", .txt, 10, .txt(["first\nsecond", "third"]), line: 2),
            record("u.example", .a, 10, .a(ipv4(192, 0, 2, 1)), line: 5),
        ])
    }

    /// Line 2 is then a record of its own: `second"` is an owner name (a quote inside a word is an
    /// ordinary character) with nothing after it.
    @Test func outsideParenthesesALineBreakEndsTheRecordAndAnOpenQuoteIsAnError() {
        let contents = read("a. 10 TXT \"first\nsecond\"\n", maxErrors: 5)
        #expect(contents.errors.map(\.description) == [
            "t.zone:1: error: missing closing quote",
            "t.zone:2: error: missing record type",
        ])
    }

    @Test func escapedSemicolonIsNotAComment() {
        let contents = read("$ORIGIN example.\nt 10 TXT abc\\;def\n")
        #expect(contents.errors == [])
        #expect(contents.records.first?.data == .txt(["abc;def"]))
    }

    @Test func txtBytesOutsideASCIIAreDecodedAsUTF8() {
        let contents = read("$ORIGIN example.\nt 10 TXT \"caf\\195\\169\" \"\\065\"\n")
        #expect(contents.errors == [])
        #expect(contents.records.first?.data == .txt(["café", "A"]))
    }
}
