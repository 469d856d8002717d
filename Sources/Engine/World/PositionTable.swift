/// An open-addressing hash table of positions in some array, for an index whose keys are the
/// array's own elements' fields (a zone's owners, the audit's findings): it stores 8 bytes a
/// position (the position and 32 bits of its key's hash, which most probes stop at), and the
/// caller hashes keys and tells whether the element at a position has the key looked for.
struct PositionTable: Sendable {
    /// Positions (`empty`, `removed` or an element's) and their hashes; the count is a power of
    /// two (or zero), and at most half the slots are in use (positions and `removed` marks).
    private var slots: [(position: Int32, hash: UInt32)] = []
    private var used = 0
    private static let empty: Int32 = -1
    private static let removed: Int32 = -2

    /// The position whose element `matches`, probing from `hash`.
    func find(hash: Int, where matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let tag = UInt32(truncatingIfNeeded: hash)
        let mask = slots.count - 1
        var i = Int(tag) & mask
        while slots[i].position != PositionTable.empty {
            if slots[i].hash == tag && slots[i].position >= 0 && matches(Int(slots[i].position)) { return Int(slots[i].position) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds `position` under `hash` (the caller has checked that its key is new).
    mutating func insert(_ position: Int, hash: Int) {
        reserve(used + 1)
        place(Int32(position), UInt32(truncatingIfNeeded: hash))
        used += 1
    }

    /// Takes out the position whose element `matches` (its slot marked, so that probes go on
    /// past it); returns whether there was one.
    @discardableResult
    mutating func remove(hash: Int, where matches: (Int) -> Bool) -> Bool {
        guard !slots.isEmpty else { return false }
        let tag = UInt32(truncatingIfNeeded: hash)
        let mask = slots.count - 1
        var i = Int(tag) & mask
        while slots[i].position != PositionTable.empty {
            if slots[i].hash == tag && slots[i].position >= 0 && matches(Int(slots[i].position)) {
                slots[i].position = PositionTable.removed
                return true
            }
            i = (i + 1) & mask
        }
        return false
    }

    /// Makes room for `total` slots in use, the table at most half full (removed marks dropped).
    mutating func reserve(_ total: Int) {
        guard total * 2 > slots.count else { return }
        var size = max(16, slots.count)
        let live = slots.reduce(0) { $0 + ($1.position >= 0 ? 1 : 0) }
        while (live + total - used) * 2 > size { size *= 2 }
        let old = slots
        slots = Array(repeating: (PositionTable.empty, 0), count: size)
        used = live
        for slot in old where slot.position >= 0 { place(slot.position, slot.hash) }
    }

    private mutating func place(_ position: Int32, _ tag: UInt32) {
        let mask = slots.count - 1
        var i = Int(tag) & mask
        while slots[i].position != PositionTable.empty { i = (i + 1) & mask }
        slots[i] = (position, tag)
    }
}
