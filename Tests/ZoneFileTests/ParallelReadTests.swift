import AmplsimTestSupport
import Foundation
import Testing
@testable import AmplsimZoneFile

/// The reader cuts its input into pieces and reads each piece's records in chunks on several
/// threads. Whatever the piece size, records must come out in file order with their lines, and
/// errors in file order, cut exactly at `maxErrors`.
@Suite("Pieces and chunks")
struct ParallelReadTests {
    /// A generated zone and what reading it must give.
    struct Zone {
        var text = ""
        var line = 0
        var records: [ZoneRecord] = []
        var errors: [String] = []
        /// Where the records generated across `multiLineNear` offsets lie, in bytes.
        var straddles: [Range<Int>] = []

        /// Appends a line (or several, with line breaks inside).
        mutating func add(_ lines: String) {
            text += lines + "\n"
            line += lines.split(separator: "\n", omittingEmptySubsequences: false).count
        }
    }

    /// `count` records of many kinds: relative, absolute and blank owners, TTLs stated or not,
    /// records over several lines with comments, `$ORIGIN` and `$TTL` changes, and an error
    /// wherever `errorAt` says (by record number), of each kind the reader has.
    static func zone(records count: Int, errorAt: Set<Int> = [], multiLineNear boundaries: [Int] = []) -> Zone {
        var zone = Zone()
        var origin = "big.example"
        var ttl: UInt32 = 300
        zone.add("$ORIGIN big.example.")
        zone.add("$TTL 300")
        var remaining = boundaries
        // The owner a blank owner stands for: the last one stated (and valid).
        var stated = ""
        var i = 0
        while i < count {
            // A record over three lines that straddles a byte offset of `boundaries`.
            if let next = remaining.first, zone.text.utf8.count >= next - 40 {
                remaining.removeFirst()
                let line = zone.line + 1
                let start = zone.text.utf8.count
                zone.add("straddle\(i) 60 TXT ( \"s\(i)\" ; over the boundary\n  \"second\"\n )")
                zone.straddles.append(start..<zone.text.utf8.count)
                zone.records.append(record("straddle\(i).\(origin)", .txt, 60, .txt(["s\(i)", "second"]), line: line))
                stated = "straddle\(i).\(origin)"
                i += 1
                continue
            }
            if i > 0 && i % 5000 == 0 {
                origin = "sub\(i / 5000).big.example"
                zone.add("$ORIGIN sub\(i / 5000)")
                zone.add("$origin \(origin).")
            }
            if i > 0 && i % 3001 == 0 {
                ttl = UInt32(i)
                zone.add("$TTL \(i)")
            }
            if errorAt.contains(i) {
                let line = zone.line + 1
                switch i % 4 {
                case 0:
                    zone.add("e\(i) A 300.1.1.\(i % 10)")
                    stated = "e\(i).\(origin)"
                    zone.errors.append("t.zone:\(line): error: bad A data '300.1.1.\(i % 10)': not an IPv4 address")
                case 1:
                    zone.add("bad..owner\(i) A 192.0.2.1")
                    zone.errors.append("t.zone:\(line): error: bad owner name 'bad..owner\(i)': empty label")
                case 2:
                    zone.add("e\(i) 10 FOO 1")
                    stated = "e\(i).\(origin)"
                    zone.errors.append("t.zone:\(line): error: unknown record type 'FOO'")
                default:
                    zone.add("e\(i) 10 TXT \"unclosed")
                    zone.errors.append("t.zone:\(line): error: missing closing quote")
                }
                i += 1
                continue
            }
            let line = zone.line + 1
            switch i % 8 {
            case 0:
                zone.add("h\(i) A 10.\(i >> 16 & 255).\(i >> 8 & 255).\(i & 255)")
                stated = "h\(i).\(origin)"
                zone.records.append(record("h\(i).\(origin)", .a, ttl, .a(ipv4(10, UInt32(i >> 16 & 255),
                    UInt32(i >> 8 & 255), UInt32(i & 255))), line: line))
            case 1:
                let high = String(i >> 16, radix: 16)
                let low = String(i & 0xFFFF, radix: 16)
                stated = "h\(i - 1).\(origin)"
                zone.add("h\(i - 1) 60 AAAA 2001:DB8:0:0:0:0:\(high):\(low)")
                zone.records.append(record("h\(i - 1).\(origin)", .aaaa, 60,
                                           .aaaa(i >> 16 == 0 ? "2001:db8::\(low)" : "2001:db8::\(high):\(low)"), line: line))
            case 2:
                // A blank owner: the owner of the line before.
                zone.add("\tCNAME Alias\(i)")
                zone.records.append(record(stated, .cname, ttl, .cname("alias\(i).\(origin)"), line: line))
            case 3:
                zone.add("t\(i) 60 TXT ( \"a\(i)\" ; a comment\n    \"b\" )")
                stated = "t\(i).\(origin)"
                zone.records.append(record("t\(i).\(origin)", .txt, 60, .txt(["a\(i)", "b"]), line: line))
            case 4:
                zone.add("M\(i).Big.Example. IN 120 MX 10 mail\(i)")
                stated = "m\(i).big.example"
                zone.records.append(record("m\(i).big.example", .mx, 120, .other("10 mail\(i).\(origin)."), line: line))
            case 5:
                zone.add("c\(i) IN CNAME Target\(i).Other.")
                stated = "c\(i).\(origin)"
                zone.records.append(record("c\(i).\(origin)", .cname, ttl, .cname("target\(i).other"), line: line))
            case 6:
                zone.add("; a comment line, then a blank one\n")
                zone.add("a\(i) 1h A 192.0.2.\(i & 255)")
                stated = "a\(i).\(origin)"
                zone.records.append(record("a\(i).\(origin)", .a, 3600, .a(ipv4(192, 0, 2, UInt32(i & 255))),
                                           line: line + 2))
            default:
                zone.add("@ NS ns\(i)")
                stated = origin
                zone.records.append(record(origin, .ns, ttl, .ns("ns\(i).\(origin)"), line: line))
            }
            i += 1
        }
        return zone
    }

    static func readPieces(_ zone: Zone, pieceSize: Int, maxErrors: Int = 100_000) -> ZoneFileContents {
        ZoneFileReader(maxErrors: maxErrors).read(bytes: Array(zone.text.utf8), path: "t.zone", pieceSize: pieceSize)
    }

    /// Several pieces of several chunks each, errors early and late (the last in the last chunk):
    /// the same exact records and errors whatever the piece size.
    @Test(arguments: [1 << 30, 1 << 20, 65_536, 4096, 1000, 333])
    func everyPieceSizeGivesTheSameRecordsAndErrors(pieceSize: Int) {
        let zone = Self.zone(records: 30_000, errorAt: [3, 2048, 2049, 2050, 2051, 17_000, 29_998, 29_999])
        let contents = Self.readPieces(zone, pieceSize: pieceSize)
        #expect(contents.errors.map(\.description) == zone.errors)
        #expect(contents.records.count == zone.records.count)
        #expect(contents.records == zone.records)
        #expect(contents.origin == "big.example")
    }

    /// Pieces smaller than a record: each record is read from a larger piece.
    @Test(arguments: [1, 7, 40])
    func piecesSmallerThanARecord(pieceSize: Int) {
        let zone = Self.zone(records: 400, errorAt: [5, 6, 7, 8, 399])
        let contents = Self.readPieces(zone, pieceSize: pieceSize)
        #expect(contents.errors.map(\.description) == zone.errors)
        #expect(contents.records == zone.records)
    }

    /// A file over 1 MiB read through `read(path:)`, with records over three lines across the
    /// first piece boundary and an error in a late chunk.
    @Test func fileOfSeveralPiecesWithARecordAcrossTheBoundary() throws {
        let zone = Self.zone(records: 120_000, errorAt: [119_000], multiLineNear: [1 << 20, 2 << 20])
        #expect(zone.text.utf8.count > 3 << 20)
        let path = try temporaryFolder().appendingPathComponent("pieces.zone").path
        try #require(FileManager.default.createFile(atPath: path, contents: Data(zone.text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contents = try ZoneFileReader(maxErrors: 100).read(path: path)
        #expect(contents.errors.map { $0.description.replacingOccurrences(of: path, with: "t.zone") } == zone.errors)
        #expect(contents.records.count == zone.records.count)
        #expect(contents.records == zone.records)
        // The first piece ends at 1 MiB, inside the first of these records.
        #expect(zone.straddles.count == 2)
        #expect(zone.straddles.first.map { $0.contains(1 << 20) } == true)
        #expect(contents.records.filter { $0.type == .txt && $0.owner.hasPrefix("straddle") }.count == 2)
    }

    /// A file with a NUL byte is refused at the NUL's line, wherever it is: in a late piece,
    /// after the error that ends the read, or in a file whose reader's origin is bad.
    @Test func fileWithANULByteIsRefusedAtItsLine() throws {
        var zone = Self.zone(records: 60_000, errorAt: [10])
        let line = zone.line + 1
        zone.add("late 10 TXT \"a\0b\"")
        #expect(zone.text.utf8.count > 1 << 20)
        let path = try temporaryFolder().appendingPathComponent("nul.zone").path
        try #require(FileManager.default.createFile(atPath: path, contents: Data(zone.text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = ZoneFileError(path: path, line: line, message: "the file holds binary data (a NUL byte), not zone-file text")
        #expect(throws: expected) { try ZoneFileReader(maxErrors: 100).read(path: path) }
        #expect(throws: expected) { try ZoneFileReader(maxErrors: 1).read(path: path) }
        #expect(throws: expected) { try ZoneFileReader(origin: "a..b", maxErrors: 1).read(path: path) }
        // Text given in memory is not refused whole: the splitter reports the NUL at its record.
        let contents = ZoneFileReader(maxErrors: 100).read(text: zone.text, path: "t.zone")
        #expect(contents.errors.last?.description == "t.zone:\(line): error: the file contains a NUL byte")
    }

    /// With `maxErrors` k, the errors are the first k of all, and the records those before the
    /// k-th: whether the errors are found in file order (owners, types, quotes) or by the threads
    /// (data), in the same chunk or in later pieces.
    @Test(arguments: [1 << 20, 4096])
    func maxErrorsCutsExactlyAtTheKthError(pieceSize: Int) {
        let zone = Self.zone(records: 12_000, errorAt: [1, 2, 100, 101, 2047, 2048, 6000, 6001, 6002, 6003, 11_999])
        let all = Self.readPieces(zone, pieceSize: pieceSize)
        #expect(all.errors.map(\.description) == zone.errors)
        for k in 1...zone.errors.count {
            let some = Self.readPieces(zone, pieceSize: pieceSize, maxErrors: k)
            #expect(some.errors == Array(all.errors.prefix(k)))
            let cut = all.errors[k - 1].line
            #expect(some.records == all.records.filter { $0.line < cut }, "maxErrors \(k)")
        }
    }

    /// An error the threads find in one piece comes before an error found in file order in a
    /// later piece (prepared while the first piece's data is being read), and the reverse.
    @Test func firstErrorByLineWinsAcrossPieces() {
        let dataFirst = Self.zone(records: 3000, errorAt: [8, 2001])  // 8 % 4 == 0: bad A data
        let first = Self.readPieces(dataFirst, pieceSize: 4096, maxErrors: 1)
        #expect(first.errors.map(\.description) == [dataFirst.errors[0]])
        #expect(first.records == dataFirst.records.filter { $0.line < first.errors[0].line })

        let orderFirst = Self.zone(records: 3000, errorAt: [9, 2000])  // 9: bad owner; 2000: bad A data
        let second = Self.readPieces(orderFirst, pieceSize: 4096, maxErrors: 1)
        #expect(second.errors.map(\.description) == [orderFirst.errors[0]])
        let both = Self.readPieces(orderFirst, pieceSize: 4096, maxErrors: 2)
        #expect(both.errors.map(\.description) == orderFirst.errors)
    }

    /// The zone's origin is the first `$ORIGIN` read before reading stopped: one after the error
    /// that stopped it does not count, though the piece holding it was prepared.
    @Test func originAfterTheLastErrorIsNotTheZonesOrigin() {
        let text = "a. 10 A 300.1.1.1\n$ORIGIN sub.example.\nb 10 A 192.0.2.1\nc. 10 TXT \"x\n"
        #expect(read(text).origin == "")
        #expect(read(text).records == [])
        let two = read(text, maxErrors: 2)
        #expect(two.origin == "sub.example")
        #expect(two.records.map(\.owner) == ["b.sub.example"])
        #expect(two.errors.map(\.line) == [1, 4])
        #expect(read(text, origin: "given.example").origin == "given.example")
    }

    /// A record with parentheses that is never closed, in a later piece: reported at its first
    /// line, with every record before it read.
    @Test func unclosedParenthesisInALaterPiece() {
        var zone = Self.zone(records: 5000)
        let line = zone.line + 1
        zone.add("open 60 TXT ( \"x\"\n\"y\"")
        let contents = Self.readPieces(zone, pieceSize: 4096, maxErrors: 5)
        #expect(contents.errors.map(\.description) == ["t.zone:\(line): error: '(' is not closed before the end of the file"])
        #expect(contents.records == zone.records)
    }
}
