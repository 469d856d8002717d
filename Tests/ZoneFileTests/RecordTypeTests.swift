import Testing
import AmplsimZoneFile

/// Record type codes and mnemonics (RFC 3597 for TYPEnnn), and counts by type.
@Suite("Record types")
struct RecordTypeTests {
    @Test(arguments: [
        ("A", UInt16(1)), ("aaaa", 28), ("Cname", 5), ("SOA", 6), ("TYPE65280", 65280), ("type1", 1),
        ("NSAP-PTR", 23), ("CAA", 257),
    ])
    func mnemonicNamesItsCode(name: String, code: UInt16) {
        #expect(RecordType(name: name)?.code == code)
    }

    @Test(arguments: ["FOO", "TYPE70000", "TYPE", "TYPE1x", "IN", ""])
    func unknownMnemonicIsNil(name: String) {
        #expect(RecordType(name: name) == nil)
    }

    @Test func namesComeFromTheCode() {
        #expect(RecordType(code: 65280).name == "TYPE65280")
        #expect(RecordType.aaaa.name == "AAAA")
        #expect(RecordType.srv.description == "SRV")
        #expect(RecordType.a < RecordType.aaaa)
    }

    @Test func countsAreSortedByTypeName() {
        let contents = read("""
            $ORIGIN example.
            @ 10 SOA ns hm 1 2 3 4 5
            @ 10 NS ns
            a 10 A 192.0.2.1
            b 10 A 192.0.2.2
            c 10 AAAA ::1
            """)
        let counts = recordCountsByType(contents.records).map { "\($0.type.name)=\($0.count)" }
        #expect(counts == ["A=2", "AAAA=1", "NS=1", "SOA=1"])
    }
}
