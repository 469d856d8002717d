// libFuzzer target for the zone-file reader (module AmplsimZoneFile).
//
// Built by Fuzz/fuzz.sh with `-sanitize=fuzzer,address` against the package's release objects;
// not part of `swift build`. Each input is zone-file text, read the ways amplsim reads zone files:
//
// 1. `ZoneFileReader(maxErrors: 20).read(path:)` on the input written to a file, as `zone-check`
//    does (its default `--max-errors`). A thrown `ZoneFileError` (binary data) is a fine answer.
// 2. The same bytes in small pieces (1 to 64 bytes, more for a longer record): the result must be
//    the same records, errors and origin, whatever the piece size.
// 3. With `maxErrors: 1`: the first error of read 1 and the records before it, no more.
// 4. Without the Swift fast path (every record through ldns): the same records and errors.
// 5. With an origin and `maxErrors: 1`, as a topology's zone `file:` is read.
//
// A crash, an abort, a leak, a timeout or a broken rule above (a trap) is a finding.
@testable import AmplsimZoneFile
#if canImport(Glibc)
import Glibc
#endif

/// A private folder for the input file, made once per process.
private let inputPath: String = {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array("\(base)/amplsim-fuzz-zone-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed: \(errno)") }
    return String(cString: made) + "/input.zone"
}()

/// Writes `bytes` to `path`, replacing what was there.
private func writeFile(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot write \(path): \(errno)") }
    var done = 0
    while done < bytes.count {
        let wrote = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
        if wrote < 0 && errno == EINTR { continue }
        guard wrote > 0 else { fatalError("cannot write \(path): \(errno)") }
        done += wrote
    }
    close(descriptor)
}

/// Stops the run with `message` when `condition` is false: libFuzzer saves the input.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

private func same(_ a: ZoneFileContents, _ b: ZoneFileContents) -> Bool {
    a.records == b.records && a.errors == b.errors && a.origin == b.origin
}

@_cdecl("LLVMFuzzerTestOneInput")
public func zoneFileFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    writeFile(inputPath, input)
    let bytes = Array(input)
    let path = "input.zone"

    // 1. As zone-check reads it.
    let cli = ZoneFileReader(maxErrors: 20)
    let whole: ZoneFileContents
    do {
        whole = try cli.read(path: inputPath)
    } catch {
        // Bad input the reader refuses as a whole (a NUL byte, or UTF-16 named as such:
        // Docs/robustness.md): fine, if it says where.
        require(error.path == inputPath && !error.message.isEmpty, "odd error: \(error)")
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        require(bytes.contains(0) || (utf16 && error.message.contains("UTF-16")),
                "only a NUL byte or a UTF-16 byte-order mark may refuse a small file: \(error)")
        return 0
    }
    let renamed = ZoneFileContents(
        records: whole.records,
        errors: whole.errors.map { ZoneFileError(path: path, line: $0.line, message: $0.message) },
        origin: whole.origin)
    require(whole.errors.count <= 20, "more errors than maxErrors")

    // 2. The same bytes in small pieces.
    let pieces = cli.read(bytes: bytes, path: path, pieceSize: 1 + (size * 7 + Int(bytes.first ?? 0)) % 64)
    require(same(pieces, renamed), "pieces differ: \(pieces.errors) \(pieces.records.count) vs \(renamed.errors) \(renamed.records.count)")

    // 3. Stopping at the first error: that error and the records before it.
    let first = ZoneFileReader(maxErrors: 1).read(bytes: bytes, path: path)
    if let error = renamed.errors.first {
        require(first.errors == [error], "first error differs: \(first.errors) vs \(error)")
        require(first.records.count <= renamed.records.count
                && Array(renamed.records.prefix(first.records.count)) == first.records,
                "records before the first error differ")
        require(first.records.allSatisfy { $0.line <= error.line }, "a record after the first error was kept")
    } else {
        require(same(first, renamed), "maxErrors 1 differs on a file without errors")
    }

    // 4. Every record through ldns.
    var slow = ZoneFileReader(maxErrors: 20)
    slow.usesFastPath = false
    let viaLDNS = slow.read(bytes: bytes, path: path)
    require(same(viaLDNS, renamed), "fast path differs from ldns: \(renamed.errors) vs \(viaLDNS.errors)")

    // 5. As a topology zone.
    _ = ZoneFileReader(origin: "privatelink.monitor.azure.com", defaultTTL: 3600, maxErrors: 1).read(bytes: bytes, path: path)
    return 0
}
