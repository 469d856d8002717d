internal import CLDNS

/// What one chunk of a prepared piece gave: its records, and its errors, each with the number of
/// the chunk's records that come before it.
struct ChunkResult: Sendable {
    let records: RecordBuffer
    var errors: [(after: Int, error: ZoneFileError)] = []
}

/// Reads the data of a prepared piece's records, a chunk at a time (`WindowJob` runs chunks on
/// several threads). A, AAAA and CNAME records whose text `FastRecordData` takes are read in
/// Swift; every other record goes through ldns's `ldns_rr_new_frm_str` (reentrant: all its state
/// is in its arguments).
enum PreparedWindowReader {
    /// Records per chunk: small enough for two threads to share a piece evenly, large enough that
    /// handing chunks out costs nothing to speak of.
    static let chunkSize = 2048

    /// Reads `window.entries[range]`.
    static func readChunk(
        _ window: PreparedWindow, _ range: Range<Int>, path: String, errorBudget: Int, usesFastPath: Bool = true
    ) -> ChunkResult {
        var result = ChunkResult(records: RecordBuffer(capacity: range.count))
        var scratch: [UInt8] = []
        var owners = OwnerCache()
        // The origin of the records before, kept so that an origin is not retained per record.
        guard var origin = window.origins.first else { return result }
        var originIndex: Int32 = 0
        window.text.withUnsafeBufferPointer { text in
            window.owners.withUnsafeBufferPointer { ownerText in
                window.entries.withUnsafeBufferPointer { entries in
                    for index in range {
                        let entry = entries[index]
                        if entry.message >= 0 {
                            result.errors.append((result.records.count, ZoneFileError(
                                path: path, line: entry.line, message: window.messages[Int(entry.message)])))
                            if result.errors.count >= errorBudget { return }
                            continue
                        }
                        if entry.origin != originIndex {
                            origin = window.origins[Int(entry.origin)]
                            originIndex = entry.origin
                        }
                        if usesFastPath, let record = fastRecord(entry, text, ownerText, origin, &owners) {
                            result.records.append(record)
                            continue
                        }
                        do throws(ReadProblem) {
                            result.records.append(try ldnsRecord(entry, text, ownerText, origin, &scratch))
                        } catch {
                            result.errors.append((result.records.count, ZoneFileError(
                                path: path, line: entry.line, message: error.message)))
                            if result.errors.count >= errorBudget { return }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The record read in Swift, or nil when its type, owner or data is not one the fast path
    /// takes (ldns reads it then, and reports any fault).
    private static func fastRecord(
        _ entry: PreparedRecord, _ text: UnsafeBufferPointer<UInt8>, _ ownerText: UnsafeBufferPointer<UInt8>,
        _ origin: ZoneOrigin, _ owners: inout OwnerCache
    ) -> ZoneRecord? {
        let data: RecordData
        switch entry.typeCode {
        case RecordType.a.code:
            guard let address = FastRecordData.ipv4(text, entry.data) else { return nil }
            data = .a(address)
        case RecordType.aaaa.code:
            guard let address = FastRecordData.ipv6(text, entry.data) else { return nil }
            data = .aaaa(address)
        case RecordType.cname.code:
            guard let target = FastRecordData.name(text, entry.data, origin: origin.display) else { return nil }
            data = .cname(target)
        default:
            return nil
        }
        guard let owner = owners.owner(ownerText, entry.owner) else { return nil }
        return ZoneRecord(owner: owner, type: RecordType(code: entry.typeCode), ttl: entry.ttl, data: data, line: entry.line)
    }

    /// The record read by ldns, or the problem to report.
    private static func ldnsRecord(
        _ entry: PreparedRecord, _ bytes: UnsafeBufferPointer<UInt8>, _ ownerText: UnsafeBufferPointer<UInt8>,
        _ origin: ZoneOrigin, _ scratch: inout [UInt8]
    ) throws(ReadProblem) -> ZoneRecord {
        let type = RecordType(code: entry.typeCode)
        if let message = RecordDataCheck.fault(type: type, bytes, data: entry.data) {
            throw ReadProblem(message: message)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: ownerText[entry.owner]))
        scratch.append(UInt8(ascii: " "))
        scratch.append(contentsOf: String(entry.ttl).utf8)
        scratch.append(contentsOf: " IN ".utf8)
        scratch.append(contentsOf: type.name.utf8)
        scratch.append(UInt8(ascii: " "))
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[entry.data]))
        scratch.append(0)

        let outcome = scratch.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map { LDNSRecordParser.parse($0, origin: origin.pointer, type: type) }
            }
        }
        switch outcome ?? .malformed {
        case .parsed(let owner, let parsedTTL, let data):
            return ZoneRecord(owner: owner, type: type, ttl: parsedTTL, data: data, line: entry.line)
        case .refused(let status):
            throw ReadProblem(message: LDNSFailureMessage.message(
                status: status, type: type, bytes, data: entry.data, originWireLength: origin.wireLength))
        case .wrongType(let code):
            throw ReadProblem(message: code == 0
                ? "record type 0 is reserved and cannot be in a zone file"
                : "ldns read \(type.name) data as type \(RecordType(code: code).name)")
        case .malformed:
            throw ReadProblem(message: "bad \(type.name) data \(RecordFields.quoted(bytes, entry.data))")
        }
    }
}

/// The owner strings of a chunk: a record with the same owner text as the record before it
/// shares its string.
private struct OwnerCache {
    private var last: Range<Int> = 0..<0
    private var lastOwner: String?

    /// The owner in this module's form, or nil when the fast path does not take its text.
    mutating func owner(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        if let lastOwner, range.count == last.count,
           range == last || memoryEqual(text, range.lowerBound, last.lowerBound, range.count) {
            last = range
            return lastOwner
        }
        let made = FastRecordData.absoluteName(text, range)
        last = range
        lastOwner = made
        return made
    }

    private func memoryEqual(_ text: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
        var i = 0
        while i < count {
            if text[a + i] != text[b + i] { return false }
            i += 1
        }
        return true
    }
}

/// A chunk's records, moved (not copied) into the read's array: copying would retain and release
/// every string once more.
///
/// `@unchecked Sendable`: one thread fills it (`append`), then hands it over through
/// `WindowJob`, whose `wait` orders those writes before the joining thread's `move`s; it is never
/// used by two threads at once.
final class RecordBuffer: @unchecked Sendable {
    private let base: UnsafeMutablePointer<ZoneRecord>
    private let capacity: Int
    /// Records initialized; the first `moved` of them were moved out.
    private(set) var count = 0
    private var moved = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Appends `record`; the buffer holds at most `capacity` records.
    func append(_ record: ZoneRecord) {
        precondition(count < capacity, "RecordBuffer is full")
        (base + count).initialize(to: record)
        count += 1
    }

    /// Moves `range` (starting where the last move ended) to the end of `array`.
    func move(_ range: Range<Int>, to array: inout [ZoneRecord]) {
        precondition(range.lowerBound == moved && range.upperBound <= count, "records moved out of order")
        array.append(contentsOf: MovingRecords(start: base + range.lowerBound, count: range.count))
        moved = range.upperBound
    }

    deinit {
        (base + moved).deinitialize(count: count - moved)
        base.deallocate()
    }
}

/// Records moved out of memory one by one as they are iterated (each exactly once: the array
/// takes them over).
private struct MovingRecords: Sequence, IteratorProtocol {
    var start: UnsafeMutablePointer<ZoneRecord>
    var count: Int

    var underestimatedCount: Int { count }

    mutating func next() -> ZoneRecord? {
        guard count > 0 else { return nil }
        let record = start.move()
        start += 1
        count -= 1
        return record
    }
}
