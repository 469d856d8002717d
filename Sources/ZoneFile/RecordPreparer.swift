/// Settles, in file order, what each record of a piece of the file depends on earlier records
/// for: directives (`$ORIGIN`, `$TTL`), owners (relative, `@`, blank), TTLs and classes, and the
/// type; the record's data is left for `PreparedWindowReader`. A struct, so that its state is
/// checked for exclusive access when compiled, not at every access while running.
struct RecordPreparer {
    private let defaultTTL: UInt32

    /// The current origin.
    private(set) var origin: ZoneOrigin
    /// The reader's origin or the first `$ORIGIN`, for `ZoneFileContents.origin`; and the line of
    /// that `$ORIGIN` (nil for the reader's origin).
    private(set) var zoneOrigin: String?
    private(set) var zoneOriginLine: Int?
    /// The last `$TTL`, and the last TTL a record stated (RFC 1035 section 5.1 without `$TTL`).
    private var dollarTTL: UInt32?
    private var lastExplicitTTL: UInt32?
    /// The last owner stated, as absolute text, for records with a blank owner, between pieces.
    private var previousOwner: [UInt8]?

    /// The piece being prepared, and where its last stated owner lies in `window.owners`.
    private var window = PreparedWindow()
    private var previousOwnerRange: Range<Int>?

    /// Starts with the reader's origin (nil: the root); throws when it is not a domain name.
    init(origin: String?, defaultTTL: UInt32) throws(ReadProblem) {
        self.defaultTTL = defaultTTL
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
        guard let made = ZoneOrigin(absoluteText: text) else {
            throw ReadProblem(message: "bad origin \(RecordFields.quoted(origin ?? ""))")
        }
        self.origin = made
        self.zoneOrigin = origin == nil ? nil : String(decoding: made.display, as: UTF8.self)
    }

    /// Prepares the items of `split` in order, stopping after `budget` errors, into `target`,
    /// whose arrays are emptied and used again.
    mutating func prepare(_ split: SplitZone, budget: Int, into target: inout PreparedWindow) {
        // Swapped, not copied: the arrays must stay uniquely referenced to be used again.
        swap(&window, &target)
        defer { swap(&window, &target) }
        window.empty()
        window.text = split.text
        window.origins.append(origin)
        window.entries.reserveCapacity(split.items.count)
        previousOwnerRange = nil
        if let previousOwner {
            window.owners.append(contentsOf: previousOwner)
            previousOwnerRange = 0..<previousOwner.count
        }
        var met = 0
        split.text.withUnsafeBufferPointer { bytes in
            for item in split.items {
                if met >= budget { break }
                switch item {
                case .error(let line, let message):
                    window.appendError(line: line, message: message)
                    met += 1
                case .record(let record):
                    do throws(ReadProblem) {
                        try prepare(record, bytes)
                    } catch {
                        window.appendError(line: record.line, message: error.message)
                        met += 1
                    }
                }
            }
        }
        if let range = previousOwnerRange {
            previousOwner = Array(window.owners[range])
        }
    }

    private mutating func prepare(_ record: LogicalRecord, _ bytes: UnsafeBufferPointer<UInt8>) throws(ReadProblem) {
        let end = record.range.upperBound
        var position = record.range.lowerBound
        let owner: Range<Int>

        if record.blankOwner {
            guard let previous = previousOwnerRange else {
                throw ReadProblem(message: "the record starts with a blank owner but no owner came before it")
            }
            owner = previous
        } else {
            guard let field = RecordFields.next(bytes, from: position, to: end) else { return }
            if bytes[field.lowerBound] == UInt8(ascii: "$") {
                try directive(field, bytes, end: end, line: record.line)
                return
            }
            if case .failure(let problem) = DomainNameText.check(bytes, field, originWireLength: origin.wireLength) {
                throw ReadProblem(message: "bad owner name \(RecordFields.quoted(bytes, field)): \(problem.reason)")
            }
            let start = window.owners.count
            DomainNameText.appendAbsolute(bytes, field, originText: origin.text, to: &window.owners)
            owner = start..<window.owners.count
            previousOwnerRange = owner
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
        window.entries.append(PreparedRecord(
            line: record.line, owner: owner, data: header.data, ttl: ttl, typeCode: header.type.code,
            origin: Int32(window.origins.count - 1), message: -1))
    }

    /// `$ORIGIN` and `$TTL` (RFC 1035 section 5.1, RFC 2308 section 4), matched without regard to
    /// case; `$INCLUDE`, `$GENERATE` and the rest are refused.
    private mutating func directive(
        _ keyword: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, end: Int, line: Int
    ) throws(ReadProblem) {
        let name = RecordFields.string(bytes, keyword).uppercased()
        switch name {
        case "$ORIGIN":
            let argument = try onlyArgument(after: keyword, bytes, end: end, of: "$ORIGIN", missing: "a domain name")
            let shown = RecordFields.quoted(bytes, argument)
            if case .failure(let problem) = DomainNameText.check(bytes, argument, originWireLength: origin.wireLength) {
                throw ReadProblem(message: "bad $ORIGIN name \(shown): \(problem.reason)")
            }
            var text: [UInt8] = []
            DomainNameText.appendAbsolute(bytes, argument, originText: origin.text, to: &text)
            guard let made = ZoneOrigin(absoluteText: text) else {
                throw ReadProblem(message: "bad $ORIGIN name \(shown)")
            }
            origin = made
            window.origins.append(made)
            if zoneOrigin == nil {
                zoneOrigin = String(decoding: made.display, as: UTF8.self)
                zoneOriginLine = line
            }
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
