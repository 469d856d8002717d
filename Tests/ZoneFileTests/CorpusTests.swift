import AmplsimTestSupport
import Foundation
import Testing
import AmplsimZoneFile

/// Knot DNS's zone-scanner inputs (../shared/corpus/zscanner, when present). Every file must be
/// read to the end without a crash or a hang; in the files about what this reader handles, the
/// first error must be the first record after the file's "; KO" mark.
@Suite("zscanner corpus")
struct CorpusTests {
    static let folder = packageRoot.appendingPathComponent("../shared/corpus/zscanner").path

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".in") }.sorted()
    }()

    /// Files whose valid part this reader accepts and whose invalid part starts with a fault it
    /// reports. Left out: $INCLUDE (refused), TYPE0 (refused, as the brief asks), owner names with
    /// unescaped specials and a relative $ORIGIN (RFC 1035 and RFC 2181 allow them), a TXT string
    /// over 255 octets (Knot splits it; RFC 1035 forbids it), and types ldns 1.8.3 reads
    /// differently from Knot (CERT, IPSECKEY, URI, CAA, CSYNC, SVCB, HINFO, and types it lacks).
    static let checked = [
        "00-0_general.in", "00-1_general.in", "02_class.in", "03_rrttl.in", "04-0_ORIGIN.in",
        "04-3_ORIGIN.in", "04-4_ORIGIN.in", "04-5_ORIGIN.in", "04-6_ORIGIN.in", "04-7_ORIGIN.in",
        "04-8_ORIGIN.in", "04-9_ORIGIN.in", "05-0_TTL.in", "05-1_TTL.in", "05-2_TTL.in", "05-3_TTL.in",
        "05-4_TTL.in", "06-1_INCLUDE.in", "06-2_INCLUDE.in", "06-3_INCLUDE.in", "06-4_INCLUDE.in",
        "06-5_INCLUDE.in", "06-6_INCLUDE.in", "06-7_INCLUDE.in", "06-8_INCLUDE.in",
        "10_A.in", "11_AAAA.in", "13_SPF.in", "14_NS.in", "15_CNAME.in", "16_PTR.in", "17_DNAME.in",
        "18_MX.in", "25_SOA.in", "26_SRV.in",
    ]

    @Test(.enabled(if: !files.isEmpty, "the corpus is not beside the package"), .timeLimit(.minutes(2)))
    func everyFileIsReadToTheEnd() throws {
        var errors = 0
        var records = 0
        for name in Self.files {
            let path = Self.folder + "/" + name
            let first = try ZoneFileReader().read(path: path)
            let many = try ZoneFileReader(maxErrors: 10_000).read(path: path)
            #expect(first.errors.count <= 1)
            #expect(many.errors.count >= first.errors.count)
            errors += many.errors.count
            records += many.records.count
        }
        #expect(records > 0)
        #expect(errors > 0)
    }

    @Test(.enabled(if: !files.isEmpty, "the corpus is not beside the package"), arguments: checked)
    func firstErrorIsTheFirstRecordMarkedKO(name: String) throws {
        let path = Self.folder + "/" + name
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let mark = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix("; KO") })
        let firstKO = try #require(lines[(mark + 1)...].firstIndex {
            !($0.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces).isEmpty
        })
        let contents = try ZoneFileReader().read(path: path)
        #expect(contents.errors.map(\.line) == [firstKO + 1])
        #expect(contents.records.allSatisfy { $0.line < mark + 1 })
    }
}
