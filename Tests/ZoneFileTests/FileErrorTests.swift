import AmplsimTestSupport
import Foundation
import Testing
import AmplsimZoneFile

/// Errors about the file itself, thrown by `read(path:)` with line 0.
@Suite("File errors")
struct FileErrorTests {
    @Test func missingFileSaysSo() {
        let path = fixture("zones/does-not-exist.zone")
        #expect(throws: ZoneFileError(path: path, line: 0, message: "cannot open the file: no such file or directory")) {
            try ZoneFileReader().read(path: path)
        }
    }

    @Test func directoryIsNotAZoneFile() {
        let path = fixture("zones")
        do {
            _ = try ZoneFileReader().read(path: path)
            Issue.record("a directory was read as a zone file")
        } catch {
            #expect(error.description == "\(path): error: is a directory, not a zone file")
        }
    }

    /// A sparse file: its size says 1 GiB + 1 byte without taking the disk or the time to write it.
    @Test func fileOverOneGiBIsRefusedBeforeReading() throws {
        let path = try temporaryFolder().appendingPathComponent("big.zone").path
        try #require(FileManager.default.createFile(atPath: path, contents: Data()))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(ZoneFileReader.maximumFileSize) + 1)
        try handle.close()
        #expect(throws: ZoneFileError(path: path, line: 0, message: "the file is larger than 1 GiB")) {
            try ZoneFileReader().read(path: path)
        }
    }

    @Test func descriptionReadsLikeACompilerDiagnostic() {
        #expect(ZoneFileError(path: "z.zone", line: 12, message: "bad TTL 'x'").description
            == "z.zone:12: error: bad TTL 'x'")
        #expect(ZoneFileError(path: "z.zone", line: 0, message: "is a directory, not a zone file").description
            == "z.zone: error: is a directory, not a zone file")
    }

    @Test func emptyFileHasNoRecordsAndNoErrors() throws {
        let path = try temporaryFolder().appendingPathComponent("empty.zone").path
        try #require(FileManager.default.createFile(atPath: path, contents: Data()))
        let contents = try ZoneFileReader().read(path: path)
        #expect(contents.records == [])
        #expect(contents.errors == [])
    }
}
