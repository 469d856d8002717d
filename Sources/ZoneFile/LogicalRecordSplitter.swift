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

/// A zone file cut into logical records; every record's text lives in one shared buffer so that a
/// later change can hand ranges of it to several threads.
struct SplitZone: Sendable {
    /// The records' texts, one after the other.
    var text: [UInt8]
    /// Records and faults in file order.
    var items: [SplitItem]
}

/// Cuts RFC 1035 master-file text into logical records (section 5.1): `;` comments outside
/// quotes, quoted strings with backslash escapes, parentheses (not nested) that continue a record
/// over lines; within parentheses a quoted string may go on over lines too.
enum LogicalRecordSplitter {
    /// Splits `input`.
    static func split(_ input: UnsafeBufferPointer<UInt8>) -> SplitZone {
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
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var items: [SplitItem] = []
        let n = input.count
        var i = 0
        var line = 1

        while i < n {
            let recordLine = line
            let blankOwner = input[i] == space || input[i] == tab
            let start = out.count
            var depth = 0
            var openLine = 0
            var pendingSpace = false
            var faultLine = 0
            var faultMessage = ""

            scan: while i < n {
                let c = input[i]
                switch c {
                case newline:
                    i += 1
                    line += 1
                    if depth == 0 { break scan }
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
                case quote where pendingSpace || out.count == start:
                    // A quote opens a string only at the start of a field; inside a word (a name
                    // such as a"b, which ldns prints unescaped) it is an ordinary character.
                    if pendingSpace && out.count > start { out.append(space) }
                    pendingSpace = false
                    let quoteLine = line
                    out.append(c)
                    i += 1
                    var closed = false
                    quoted: while i < n {
                        let q = input[i]
                        switch q {
                        case quote:
                            out.append(q)
                            i += 1
                            closed = true
                            break quoted
                        case backslash:
                            out.append(q)
                            i += 1
                            if i < n && input[i] != newline && input[i] != 0 {
                                out.append(input[i])
                                i += 1
                            }
                        case newline:
                            // Inside parentheses the record goes on, and so may the string.
                            guard depth > 0 else { break quoted }
                            out.append(q)
                            i += 1
                            line += 1
                        case 0:
                            faultLine = line
                            faultMessage = "the file contains a NUL byte"
                            break scan
                        default:
                            out.append(q)
                            i += 1
                        }
                    }
                    if !closed {
                        faultLine = quoteLine
                        faultMessage = "missing closing quote"
                        break scan
                    }
                case backslash:
                    if pendingSpace && out.count > start { out.append(space) }
                    pendingSpace = false
                    out.append(c)
                    i += 1
                    if i < n && input[i] != newline && input[i] != 0 {
                        out.append(input[i])
                        i += 1
                    }
                default:
                    if pendingSpace && out.count > start { out.append(space) }
                    pendingSpace = false
                    out.append(c)
                    i += 1
                }
            }

            if faultLine > 0 {
                // Drop the record and go on at the next line: later lines may still be readable.
                out.removeSubrange(start...)
                items.append(.error(line: faultLine, message: faultMessage))
                while i < n && input[i] != newline { i += 1 }
                if i < n {
                    i += 1
                    line += 1
                }
                continue
            }
            if depth > 0 {
                out.removeSubrange(start...)
                items.append(.error(line: openLine, message: "'(' is not closed before the end of the file"))
                break
            }
            if out.count > start {
                items.append(.record(LogicalRecord(line: recordLine, range: start..<out.count, blankOwner: blankOwner)))
            }
        }
        return SplitZone(text: out, items: items)
    }
}
