/// One logical record of a zone file: its text with comments dropped, parentheses and line breaks
/// turned into single spaces, and no leading or trailing space.
struct LogicalRecord: Sendable {
    /// The 1-based line where the record starts.
    var line: Int
    /// Where the record's text lies in `SplitZone.text`.
    var range: Range<Int>
    /// True when the record's first line starts with a space or tab: the owner is the previous
    /// record's (RFC 1035 section 5.1).
    var blankOwner: Bool
}

/// An item of a split zone file, in file order.
enum SplitItem: Sendable {
    /// A logical record to read.
    case record(LogicalRecord)
    /// A fault the splitter met (quote or parenthesis), at a line.
    case error(line: Int, message: String)
}

/// A piece of a zone file cut into logical records; every record's text lives in one shared
/// buffer, which the reader hands, read-only, to several threads. Its arrays are reused from piece
/// to piece.
struct SplitZone: Sendable {
    /// The records' texts, one after the other; bytes after the last record's are left over from
    /// earlier pieces.
    var text: [UInt8] = []
    /// Records and faults in file order.
    var items: [SplitItem] = []
    /// How many bytes of the input the items cover: the input's count, or less when the input is
    /// not the end of the file and its last record may go on after it (that record is left for
    /// the next piece, from its first byte).
    var consumed = 0
    /// The line of the first byte after `consumed`.
    var nextLine = 1
}

/// Cuts RFC 1035 master-file text into logical records (section 5.1): `;` comments outside
/// quotes, quoted strings with backslash escapes, parentheses (not nested) that continue a record
/// over lines; within parentheses a quoted string may go on over lines too.
enum LogicalRecordSplitter {
    /// Splits `input`, whose first byte starts a line numbered `firstLine`, into `zone` (reusing
    /// its arrays). Unless `isFinal`, a record that reaches the end of `input` before the line
    /// break that ends it (it may go on in the next piece) is left out, and `consumed` stops at
    /// its first byte.
    static func split(_ input: UnsafeBufferPointer<UInt8>, firstLine: Int, isFinal: Bool, into zone: inout SplitZone) {
        zone.items.removeAll(keepingCapacity: true)
        // Every output byte stands for at least one input byte, so the input's size is enough.
        if zone.text.count < input.count {
            zone.text.append(contentsOf: repeatElement(0, count: input.count - zone.text.count))
        }
        var written = 0
        var result = (0, firstLine)
        zone.text.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            result = split(input, firstLine: firstLine, isFinal: isFinal, out: base, written: &written, items: &zone.items)
        }
        (zone.consumed, zone.nextLine) = result
    }

    /// The loop of `split`: writes record texts at `out` (`written` bytes so far) and returns the
    /// bytes consumed and the next line.
    private static func split(
        _ input: UnsafeBufferPointer<UInt8>, firstLine: Int, isFinal: Bool, out: UnsafeMutablePointer<UInt8>,
        written: inout Int, items: inout [SplitItem]
    ) -> (Int, Int) {
        // Locals, not static lets: a debug build would pay a lazy-initialisation check per byte.
        let newline = UInt8(ascii: "\n")
        let space = UInt8(ascii: " ")
        let tab = UInt8(ascii: "\t")
        let carriageReturn = UInt8(ascii: "\r")
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        let semicolon = UInt8(ascii: ";")
        let open = UInt8(ascii: "(")
        let close = UInt8(ascii: ")")
        // NUL, tab, line feed, carriage return, space, quote, parentheses and semicolon, as bits.
        let specialBelow64: UInt64 = 1 << 0 | 1 << 9 | 1 << 10 | 1 << 13 | 1 << 32 | 1 << 34 | 1 << 40 | 1 << 41 | 1 << 59
        let n = input.count
        var i = 0
        var line = firstLine
        var w = written
        defer { written = w }

        while i < n {
            let recordStart = i
            let recordLine = line
            let blankOwner = input[i] == space || input[i] == tab
            let start = w
            var depth = 0
            var openLine = 0
            var pendingSpace = false
            var faultLine = 0
            var faultMessage = ""
            // True once the line break that ends the record (or the faulty line) is consumed.
            var ended = false

            scan: while i < n {
                let c = input[i]
                switch c {
                case newline:
                    i += 1
                    line += 1
                    if depth == 0 {
                        ended = true
                        break scan
                    }
                    pendingSpace = true
                case space, tab, carriageReturn:
                    i += 1
                    pendingSpace = true
                case semicolon:
                    while i < n && input[i] != newline { i += 1 }
                case open:
                    if depth > 0 {
                        faultLine = line
                        faultMessage = "'(' inside parentheses (they do not nest)"
                        break scan
                    }
                    openLine = line
                    depth = 1
                    i += 1
                    pendingSpace = true
                case close:
                    if depth == 0 {
                        faultLine = line
                        faultMessage = "')' without an opening '('"
                        break scan
                    }
                    depth -= 1
                    i += 1
                    pendingSpace = true
                case 0:
                    faultLine = line
                    faultMessage = "the file contains a NUL byte"
                    break scan
                case quote where pendingSpace || w == start:
                    // A quote opens a string only at the start of a field; inside a word (a name
                    // such as a"b, which ldns prints unescaped) it is an ordinary character.
                    if pendingSpace && w > start {
                        out[w] = space
                        w += 1
                    }
                    pendingSpace = false
                    let quoteLine = line
                    out[w] = c
                    w += 1
                    i += 1
                    var closed = false
                    quoted: while i < n {
                        let q = input[i]
                        switch q {
                        case quote:
                            out[w] = q
                            w += 1
                            i += 1
                            closed = true
                            break quoted
                        case backslash:
                            out[w] = q
                            w += 1
                            i += 1
                            if i < n && input[i] != newline && input[i] != 0 {
                                out[w] = input[i]
                                w += 1
                                i += 1
                            }
                        case newline:
                            // Inside parentheses the record goes on, and so may the string.
                            guard depth > 0 else { break quoted }
                            out[w] = q
                            w += 1
                            i += 1
                            line += 1
                        case 0:
                            faultLine = line
                            faultMessage = "the file contains a NUL byte"
                            break scan
                        default:
                            out[w] = q
                            w += 1
                            i += 1
                        }
                    }
                    if !closed {
                        faultLine = quoteLine
                        faultMessage = "missing closing quote"
                        break scan
                    }
                case backslash:
                    if pendingSpace && w > start {
                        out[w] = space
                        w += 1
                    }
                    pendingSpace = false
                    out[w] = c
                    w += 1
                    i += 1
                    if i < n && input[i] != newline && input[i] != 0 {
                        out[w] = input[i]
                        w += 1
                        i += 1
                    }
                default:
                    if pendingSpace && w > start {
                        out[w] = space
                        w += 1
                    }
                    pendingSpace = false
                    out[w] = c
                    w += 1
                    i += 1
                    // The rest of the word at once, up to a byte the switch must see.
                    while i < n {
                        let d = input[i]
                        let special = d < 64 ? (specialBelow64 >> UInt64(d)) & 1 == 1 : d == backslash
                        if special { break }
                        out[w] = d
                        w += 1
                        i += 1
                    }
                }
            }

            if faultLine > 0 {
                // Drop the record and go on at the next line: later lines may still be readable.
                w = start
                while i < n && input[i] != newline { i += 1 }
                if i < n {
                    i += 1
                    line += 1
                    ended = true
                }
            }
            if !ended && !isFinal {
                // The record (or the faulty line) may go on in the next piece: read it there whole.
                w = start
                return (recordStart, recordLine)
            }
            if faultLine > 0 {
                items.append(.error(line: faultLine, message: faultMessage))
                continue
            }
            if depth > 0 {
                w = start
                items.append(.error(line: openLine, message: "'(' is not closed before the end of the file"))
                break
            }
            if w > start {
                items.append(.record(LogicalRecord(line: recordLine, range: start..<w, blankOwner: blankOwner)))
            }
        }
        return (i, line)
    }
}
