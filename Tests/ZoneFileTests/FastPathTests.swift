import Foundation
import Testing
@testable import AmplsimZoneFile

/// The Swift fast path for A, AAAA and CNAME records must give exactly what ldns gives: the same
/// records, values and errors, on ordinary text and on every odd form near its edges.
@Suite("Fast path")
struct FastPathTests {
    /// Reads `text` with and without the fast path.
    static func bothWays(_ text: String, maxErrors: Int = 100_000) -> (fast: ZoneFileContents, ldns: ZoneFileContents) {
        var reader = ZoneFileReader(maxErrors: maxErrors)
        let fast = reader.read(text: text, path: "t.zone")
        reader.usesFastPath = false
        let ldns = reader.read(text: text, path: "t.zone")
        return (fast, ldns)
    }

    static let label63 = String(repeating: "b", count: 63)

    static let origins = [
        "example.", "Ex\\.ample.COM.", ".", "\(label63).example.", "UPPER.Case.", "a\\065b.test.",
    ]

    static let owners = [
        "www", "WWW.Sub", "*", "*.wild", "_sip._tcp", "a-b", "0/25", "x\\065y", "a\\.b", "@", "abs.example.",
        "ABS.Example.", " ", "\(label63)", "\(label63).\(label63).\(label63)", "caf\u{e9}", "a\"b", "a*b", "1",
        "\(label63).\(label63).\(String(repeating: "c", count: 60)).",
        "\(label63).\(label63).\(String(repeating: "c", count: 59))",
    ]

    static let headers = ["", "300 ", "IN ", "1h IN ", "IN 60 "]

    static let aData = [
        "10.0.0.1", "0.0.0.0", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3",
        "1..2.3", "1.2.3.04", "1.2.3.0", "1.2.3.4 5", "0x1.2.3.4", "1.2.3.4a", "1.2.3.-4", "+1.2.3.4", "1.2.3.4.",
        "\\# 4 0a000001", "( 1.2.3.4 )", "\"1.2.3.4\"", "1.2.3.255", "1.2.3.300", "999.1.1.1", "00.0.0.0", "1.2.3.4\\",
        "", "1 .2.3.4", "12.34.56.78", "1.02.3.4",
    ]

    static let aaaaData = [
        "::", "::1", "2001:db8::1", "2001:DB8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:1.2.3.4",
        "::1.2.3.4", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:0:0:1:0:0:0:1",
        "1:0:0:0:1:0:0:1", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", ":::", "1::2::3", "12345::", "g::1",
        "::ffff:256.1.1.1", "0:0:0:0:0:ffff:102:304", "::0:1.2.3.4", "1.2.3.4", "::ffff:0:1.2.3.4", "::FFFF:1.2.3.4",
        "::1.2.3", "1:2:3:4:5:6:1.2.3.4", "::ffff:0102:0304", "0::0", "0000::", "abcd:EF01::", ":1::", "1:::",
        "1:2:3:4:5:6:7:8:", "2001:db8::f:4240", "::0.0.0.1", "0:0:0:0:0:0:0:1", "1:0:0:0:0:0:0:0",
        "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::1 ::2",
        "\\# 16 20010db8000000000000000000000001",
    ]

    static let cnameData = [
        "target", "Target.Sub", "abs.example.", "ABS.EXAMPLE.", "@", "@.x", ".", "*", "_x._y", "a/b", "a\\.b", "x\\065",
        "a..b", ".a", label63, label63 + "x", "\(label63).\(label63).\(label63).\(label63)",
        "\(label63).\(label63).\(label63).", "\(label63).\(label63).\(String(repeating: "c", count: 58)).",
        "\(label63).\(label63).\(label63).\(String(repeating: "d", count: 61)).",
        "\(label63).\(label63).\(label63).\(String(repeating: "d", count: 62)).", "a b", "\"quoted\"",
        "caf\u{e9}", "a-b-c", "0/25.in-addr.arpa.", "a.b.c.d.e.f.", "a\"b", "", "( x )", "x;y",
    ]

    /// Every owner, header and datum, under every origin, read with and without the fast path.
    @Test(arguments: origins)
    func fastPathGivesWhatLDNSGives(origin: String) {
        var lines = ["$ORIGIN \(origin)", "$TTL 7200"]
        for owner in Self.owners {
            for header in Self.headers {
                for (type, data) in [("A", Self.aData), ("aaaa", Self.aaaaData), ("CNAME", Self.cnameData)] {
                    for datum in data {
                        lines.append("\(owner) \(header)\(type) \(datum)")
                    }
                }
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let (fast, ldns) = Self.bothWays(text)
        #expect(fast.records.count > 1000)
        #expect(fast.errors.count > 1000)
        #expect(fast.records == ldns.records)
        #expect(fast.errors == ldns.errors)
        #expect(fast.origin == ldns.origin)
    }

    /// Without `$TTL`, records without a TTL take the last one stated; the reader's origin and
    /// defaults apply.
    @Test func fastPathAgreesWithoutDollarTTLAndWithAReaderOrigin() {
        let text = "www A 192.0.2.1\nx 300 AAAA ::1\ny CNAME www\n\tA 192.0.2.2\nz IN 5 CNAME Z.\n"
        var reader = ZoneFileReader(origin: "Zone.Example", defaultTTL: 77, maxErrors: 10)
        let fast = reader.read(text: text, path: "t.zone")
        reader.usesFastPath = false
        let ldns = reader.read(text: text, path: "t.zone")
        #expect(fast.records == ldns.records)
        #expect(fast.errors == ldns.errors)
        #expect(fast.records.map(\.ttl) == [77, 300, 300, 300, 5])
        #expect(fast.records.map(\.owner) == [
            "www.zone.example", "x.zone.example", "y.zone.example", "y.zone.example", "z.zone.example",
        ])
    }

    /// The zscanner corpus, every file, with and without the fast path.
    @Test(.enabled(if: !CorpusTests.files.isEmpty, "the corpus is not beside the package"))
    func corpusReadsTheSameWithAndWithoutTheFastPath() throws {
        for name in CorpusTests.files {
            let path = CorpusTests.folder + "/" + name
            var reader = ZoneFileReader(maxErrors: 10_000)
            let fast = try reader.read(path: path)
            reader.usesFastPath = false
            let ldns = try reader.read(path: path)
            #expect(fast.records == ldns.records, "\(name)")
            #expect(fast.errors == ldns.errors, "\(name)")
        }
    }

    /// `ipv6Text` prints as glibc's `inet_ntop` on every address whose words are each 0, 1,
    /// 0xffff or 0xabc (every placement of runs of zeros and of ::ffff:0:0/96), and on random ones.
    @Test func ipv6TextIsInetNtop() {
        let choices: [UInt16] = [0, 1, 0xFFFF, 0x0ABC]
        var mismatches: [String] = []
        func compare(_ words: [UInt16]) {
            var bytes = [UInt8](repeating: 0, count: 16)
            for (i, word) in words.enumerated() {
                bytes[2 * i] = UInt8(word >> 8)
                bytes[2 * i + 1] = UInt8(word & 0xFF)
            }
            let ours = bytes.withUnsafeBytes { FastRecordData.ipv6Text($0) }
            var out = [CChar](repeating: 0, count: 64)
            let theirs = bytes.withUnsafeBytes { raw in
                inet_ntop(AF_INET6, raw.baseAddress, &out, 64).map { String(cString: $0) }
            }
            if ours != theirs { mismatches.append("\(words): \(ours) != \(theirs ?? "nil")") }
        }
        for pattern in 0..<(1 << 16) {
            compare((0..<8).map { choices[(pattern >> (2 * $0)) & 3] })
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            compare((0..<8).map { _ in
                switch UInt8.random(in: 0..<4, using: &generator) {
                case 0: 0
                case 1: UInt16(UInt8.random(in: 0...255, using: &generator))
                default: UInt16.random(in: 0...UInt16.max, using: &generator)
                }
            })
        }
        #expect(mismatches.prefix(5) == [])
    }

    /// `ipv4` takes exactly what glibc's `inet_pton(AF_INET)` takes, with the same value, on every
    /// string of up to six characters from digits, dots and a letter, and on every join of three
    /// to five groups from a list of edge cases.
    @Test func ipv4IsInetPton() {
        let alphabet: [UInt8] = Array("019.x".utf8)
        var mismatches: [String] = []
        func compare(_ text: [UInt8]) {
            let ours = text.withUnsafeBufferPointer { FastRecordData.ipv4($0, 0..<$0.count) }
            var address = in_addr()
            let accepted = (text + [0]).withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { inet_pton(AF_INET, $0.baseAddress, &address) }
            }
            let theirs = accepted == 1 ? UInt32(bigEndian: address.s_addr) : nil
            if ours != theirs { mismatches.append("\(String(decoding: text, as: UTF8.self)): \(String(describing: ours))") }
        }
        var texts: [[UInt8]] = [[]]
        for _ in 0..<6 {
            texts = texts.flatMap { prefix in alphabet.map { prefix + [$0] } }
            for text in texts { compare(text) }
        }
        let groups = ["", "0", "1", "00", "01", "10", "99", "255", "256", "299", "100", "009", "1000", "25x"]
        for a in groups {
            for b in groups {
                for c in groups {
                    for d in groups {
                        compare(Array("\(a).\(b).\(c).\(d)".utf8))
                    }
                    compare(Array("\(a).\(b).\(c)".utf8))
                    compare(Array("\(a).\(b).\(c).1.2".utf8))
                }
            }
        }
        #expect(mismatches.prefix(5) == [])
    }
}
