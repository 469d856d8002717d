internal import CLDNS

/// The state of one read: origin, TTLs, previous owner, and what was read so far. A class because
/// it owns the origin's ldns name.
final class ZoneReadSession {
    private let path: String
    private let defaultTTL: UInt32
    private let maxErrors: Int

    /// The current origin for ldns, and as absolute text ending with a dot ("." for the root).
    private var origin: LDNSName
    private var originText: [UInt8]
    /// The reader's origin or the first `$ORIGIN`, for `ZoneFileContents.origin`.
    private var zoneOrigin: String?
    /// The last `$TTL`, and the last TTL a record stated (RFC 1035 section 5.1 without `$TTL`).
    private var dollarTTL: UInt32?
    private var lastExplicitTTL: UInt32?
    /// The last owner stated, as absolute text, for records with a blank owner.
    private var previousOwner: [UInt8]?

    private var records: [ZoneRecord] = []
    private var errors: [ZoneFileError] = []
    /// The NUL-terminated record text handed to ldns, reused from record to record.
    private var scratch: [UInt8] = []

    /// Starts a read of `path`; throws when `origin` is not a domain name.
    init(path: String, origin: String?, defaultTTL: UInt32, maxErrors: Int) throws(ReadProblem) {
        self.path = path
        self.defaultTTL = defaultTTL
        self.maxErrors = maxErrors
        var text = Array((origin ?? "").utf8)
        if text.isEmpty || text == [UInt8(ascii: ".")] {
            text = [UInt8(ascii: ".")]
        } else {
            // The reader's origin is absolute whether or not it ends with a dot.
            let checked = text.withUnsafeBufferPointer { DomainNameText.check($0, 0..<$0.count, originWireLength: 1) }
            switch checked {
            case .failure(let problem):
                throw ReadProblem(message: "bad origin \(RecordFields.quoted(origin ?? "")): \(problem.reason)")
            case .success(let name):
                if !name.isAbsolute { text.append(UInt8(ascii: ".")) }
            }
        }
        guard let name = LDNSName(absoluteText: text) else {
            throw ReadProblem(message: "bad origin \(RecordFields.quoted(origin ?? ""))")
        }
        self.origin = name
        self.originText = text
        self.zoneOrigin = origin == nil ? nil : self.origin.text
    }

    /// What was read.
    var contents: ZoneFileContents {
        ZoneFileContents(records: records, errors: errors, origin: zoneOrigin ?? "")
    }

    /// Reads every item of `split` in order, until `maxErrors` errors.
    func run(_ split: SplitZone) {
        split.text.withUnsafeBufferPointer { bytes in
            for item in split.items {
                if errors.count >= maxErrors { return }
                switch item {
                case .error(let line, let message):
                    report(line, message)
                case .record(let record):
                    do throws(ReadProblem) {
                        try read(record, bytes)
                    } catch {
                        report(record.line, error.message)
                    }
                }
            }
        }
    }

    private func report(_ line: Int, _ message: String) {
        errors.append(ZoneFileError(path: path, line: line, message: message))
    }

    private func read(_ record: LogicalRecord, _ bytes: UnsafeBufferPointer<UInt8>) throws(ReadProblem) {
        let end = record.range.upperBound
        var position = record.range.lowerBound
        scratch.removeAll(keepingCapacity: true)

        if record.blankOwner {
            guard let owner = previousOwner else {
                throw ReadProblem(message: "the record starts with a blank owner but no owner came before it")
            }
            scratch.append(contentsOf: owner)
        } else {
            guard let field = RecordFields.next(bytes, from: position, to: end) else { return }
            if bytes[field.lowerBound] == UInt8(ascii: "$") {
                try directive(field, bytes, end: end)
                return
            }
            if case .failure(let problem) = DomainNameText.check(bytes, field, originWireLength: origin.wireLength) {
                throw ReadProblem(message: "bad owner name \(RecordFields.quoted(bytes, field)): \(problem.reason)")
            }
            DomainNameText.appendAbsolute(bytes, field, originText: originText, to: &scratch)
            previousOwner = scratch
            position = field.upperBound
        }

        let header = try RecordHeader.parse(bytes, from: position, to: end).get()
        let ttl: UInt32
        if let stated = header.ttl {
            ttl = stated
            lastExplicitTTL = stated
        } else {
            ttl = dollarTTL ?? lastExplicitTTL ?? defaultTTL
        }
        if let message = RecordDataCheck.fault(type: header.type, bytes, data: header.data) {
            throw ReadProblem(message: message)
        }
        scratch.append(UInt8(ascii: " "))
        scratch.append(contentsOf: String(ttl).utf8)
        scratch.append(contentsOf: " IN ".utf8)
        scratch.append(contentsOf: header.type.name.utf8)
        scratch.append(UInt8(ascii: " "))
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[header.data]))
        scratch.append(0)

        let outcome = scratch.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map { LDNSRecordParser.parse($0, origin: origin.pointer, type: header.type) }
            }
        }
        switch outcome ?? .malformed {
        case .parsed(let owner, let parsedTTL, let data):
            records.append(ZoneRecord(owner: owner, type: header.type, ttl: parsedTTL, data: data, line: record.line))
        case .refused(let status):
            throw ReadProblem(message: LDNSFailureMessage.message(
                status: status, type: header.type, bytes, data: header.data, originWireLength: origin.wireLength))
        case .wrongType(let code):
            throw ReadProblem(message: code == 0
                ? "record type 0 is reserved and cannot be in a zone file"
                : "ldns read \(header.type.name) data as type \(RecordType(code: code).name)")
        case .malformed:
            throw ReadProblem(message: "bad \(header.type.name) data \(RecordFields.quoted(bytes, header.data))")
        }
    }

    /// `$ORIGIN` and `$TTL` (RFC 1035 section 5.1, RFC 2308 section 4), matched without regard to
    /// case; `$INCLUDE`, `$GENERATE` and the rest are refused.
    private func directive(_ keyword: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, end: Int) throws(ReadProblem) {
        let name = RecordFields.string(bytes, keyword).uppercased()
        switch name {
        case "$ORIGIN":
            let argument = try onlyArgument(after: keyword, bytes, end: end, of: "$ORIGIN", missing: "a domain name")
            let shown = RecordFields.quoted(bytes, argument)
            if case .failure(let problem) = DomainNameText.check(bytes, argument, originWireLength: origin.wireLength) {
                throw ReadProblem(message: "bad $ORIGIN name \(shown): \(problem.reason)")
            }
            var text: [UInt8] = []
            DomainNameText.appendAbsolute(bytes, argument, originText: originText, to: &text)
            guard let name = LDNSName(absoluteText: text) else {
                throw ReadProblem(message: "bad $ORIGIN name \(shown)")
            }
            origin = name
            originText = text
            if zoneOrigin == nil { zoneOrigin = origin.text }
        case "$TTL":
            let argument = try onlyArgument(after: keyword, bytes, end: end, of: "$TTL", missing: "a TTL value")
            switch TTLText.parse(bytes, argument) {
            case .value(let value):
                dollarTTL = value
            case .bad:
                throw ReadProblem(message: "bad TTL \(RecordFields.quoted(bytes, argument))")
            case .outOfRange:
                throw ReadProblem(message:
                    "TTL \(RecordFields.quoted(bytes, argument)) is out of range (0 to \(TTLText.maximum))")
            }
        case "$INCLUDE":
            throw ReadProblem(message: "$INCLUDE is not supported (files are read alone)")
        case "$GENERATE":
            throw ReadProblem(message: "$GENERATE is not supported")
        default:
            throw ReadProblem(message: "unknown directive \(RecordFields.quoted(bytes, keyword))")
        }
    }

    /// The one field after a directive's keyword.
    private func onlyArgument(
        after keyword: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, end: Int, of directive: String, missing: String
    ) throws(ReadProblem) -> Range<Int> {
        guard let argument = RecordFields.next(bytes, from: keyword.upperBound, to: end) else {
            throw ReadProblem(message: "\(directive) needs \(missing)")
        }
        let rest = RecordFields.rest(bytes, from: argument.upperBound, to: end)
        if !rest.isEmpty {
            throw ReadProblem(message: "extra text after \(directive) \(RecordFields.quoted(bytes, argument)): "
                + RecordFields.quoted(bytes, rest))
        }
        return argument
    }
}
