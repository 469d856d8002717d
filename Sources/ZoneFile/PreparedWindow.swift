/// One record of a piece of the file with its owner, TTL and type settled, waiting for its data
/// to be read; or an error met while settling them (`message` ≥ 0).
struct PreparedRecord: Sendable {
    /// The 1-based line where the record starts.
    var line: Int
    /// The owner's absolute text in `PreparedWindow.owners`.
    var owner: Range<Int>
    /// The data's text in `PreparedWindow.text`.
    var data: Range<Int>
    /// The record's TTL, stated or inherited.
    var ttl: UInt32
    /// The record's type code.
    var typeCode: UInt16
    /// The origin for relative names in the data: an index in `PreparedWindow.origins`.
    var origin: Int32
    /// -1 for a record; otherwise the index in `PreparedWindow.messages` of the error to report
    /// at `line`.
    var message: Int32
}

/// A piece of the file ready for its records' data to be read on several threads. Every part is
/// an immutable value once prepared (arrays of plain values, and origins that are never written),
/// so threads share it read-only.
struct PreparedWindow: Sendable {
    /// The records' texts (`SplitZone.text`).
    var text: [UInt8] = []
    /// The owners' absolute texts, each written once and shared by the records that follow with
    /// a blank owner.
    var owners: [UInt8] = []
    /// Records and errors in file order.
    var entries: [PreparedRecord] = []
    /// The messages of the errors in `entries`.
    var messages: [String] = []
    /// The origins the records refer to.
    var origins: [ZoneOrigin] = []

    /// How many of `entries` are records (the others are errors).
    var recordCount: Int { entries.count - messages.count }

    /// Empties the window, keeping its arrays' storage for the next piece.
    mutating func empty() {
        owners.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        messages.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
    }

    /// Appends an error at `line`.
    mutating func appendError(line: Int, message: String) {
        entries.append(PreparedRecord(
            line: line, owner: 0..<0, data: 0..<0, ttl: 0, typeCode: 0, origin: 0, message: Int32(messages.count)))
        messages.append(message)
    }
}
