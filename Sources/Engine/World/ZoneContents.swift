/// The records of one zone, indexed for lookups (RFC 1034 section 4.3.2, RFC 4592).
///
/// Built once from a zone's initial records (its owners sorted once, or not at all when they come
/// sorted, as the topology loader hands them over) and kept in that order as steps write and
/// delete sets: `owners` and `records` are linear passes, shared by every reader.
package struct ZoneContents: Sendable {
    /// The zone's apex.
    package let apex: DNSName
    /// The nodes (record sets by owner), each in a slot that stays put while it exists: the
    /// linear passes (`records`, `addressRecords`) read them through `order` without hashing a
    /// name, and only look-ups by name go through `index`.
    private var slots: [Node] = []
    /// Slots emptied by `delete`, reused by the next new owner.
    private var freeSlots: [Int32] = []
    /// The slot of each owner, by `DNSName.bytesHash` (8 bytes an owner; a `Dictionary` keyed
    /// by name hashed each with SipHash and held a copy of it).
    private var index = PositionTable()
    /// The owners' slots, in canonical (text) order of their names.
    private var order: [Int32] = []
    /// How many nodes lie strictly below each name of the zone that has any: a name "exists"
    /// when it is a node or has one below it, which makes empty non-terminals exist as RFC 4592
    /// requires. (Ancestors only: a zone of a million names has a few dozen of them.)
    private var below: [DNSName: Int] = [:]
    /// How many A sets the zone holds.
    private var addressSets = 0
    /// How many records the zone holds.
    package private(set) var recordCount = 0
    /// Bumped by every change, so that two states of one zone compare in constant time.
    package private(set) var generation = 0
    /// The initial records in the order of `records`, which the nodes' sets are slices of.
    private var initial: [Record]?
    /// True when the initial records gave a node a CNAME and another set: only then can a CNAME
    /// stand beside other data (`write` never leaves one so).
    private var mayHaveCNAMEConflicts = false

    /// The sets at one owner, in type order, each with who wrote it.
    private struct Node: Sendable {
        var name: DNSName
        var sets: [RecordSet] = []

        func index(of type: String) -> Int? { sets.firstIndex { $0.type == type } }
        subscript(type: String) -> ArraySlice<Record>? { index(of: type).map { sets[$0].records } }

        /// Puts a set in its place by type (replacing one of the same type).
        mutating func put(_ set: RecordSet) {
            if let i = index(of: set.type) { sets[i] = set; return }
            // Appended when it goes last (a zone file's sets mostly come in type order).
            if let i = sets.firstIndex(where: { $0.type > set.type }) { sets.insert(set, at: i) } else { sets.append(set) }
        }
    }

    /// A set's records: a slice of the zone's initial records (which are held in one array, in
    /// the order `records` gives them), or of the array a step wrote.
    private struct RecordSet: Sendable {
        var type: String
        var records: ArraySlice<Record>
        var writer: RecordWriter
    }

    package init(apex: DNSName) { self.apex = apex }

    /// What a zone says about one name.
    package enum Answer: Hashable, Sendable {
        case cname(DNSName, Record)
        case address(IPv4Address, Record)
        /// The name exists but holds no A record.
        case nodata
        case nxdomain
    }

    /// Every record, owners in canonical order, then types, then record order.
    package var records: [Record] {
        // Until a step changes the zone, its initial records are already in this order.
        if generation == 0, let initial { return initial }
        var all: [Record] = []
        all.reserveCapacity(recordCount)
        for slot in order {
            for set in slots[Int(slot)].sets { all += set.records }
        }
        return all
    }

    /// The record set at `name` of `type`, if any.
    package func recordSet(_ name: DNSName, _ type: String) -> ArraySlice<Record>? { node(name)?[type] }

    /// The types present at `name`, in order.
    package func types(at name: DNSName) -> [String] { node(name)?.sets.map(\.type) ?? [] }

    /// All owner names holding data, in canonical order.
    package var owners: [DNSName] { order.map { slots[Int($0)].name } }

    /// The node at `name`, if it holds data.
    private func node(_ name: DNSName) -> Node? { slot(of: name).map { slots[$0] } }

    /// The slot of `name`'s node, if it holds data.
    private func slot(of name: DNSName) -> Int? { index.find(hash: name.bytesHash) { slots[$0].name == name } }

    /// Every A set, owners in canonical order: what the audit's checks of records read.
    var addressRecords: [(owner: DNSName, records: ArraySlice<Record>)] {
        var sets: [(owner: DNSName, records: ArraySlice<Record>)] = []
        sets.reserveCapacity(addressSets)
        for slot in order {
            let node = slots[Int(slot)]
            if let records = node["A"] { sets.append((node.name, records)) }
        }
        return sets
    }

    /// True when the zone holds at least one A record anywhere.
    var hasAddressRecords: Bool { addressSets > 0 }

    /// Who wrote the set at `name` of `type`.
    package func writer(_ name: DNSName, _ type: String) -> RecordWriter? {
        guard let node = node(name), let i = node.index(of: type) else { return nil }
        return node.sets[i].writer
    }

    /// Replaces the set at the records' name and type (last writer wins). A CNAME removes every
    /// other set at that name; any other set removes a CNAME there.
    package mutating func write(_ records: [Record], by writer: RecordWriter) {
        guard let first = records.first else { return }
        let name = first.name
        let type = first.type
        let slot = slot(of: name)
        var node = slot.map { slots[$0] } ?? Node(name: name)
        if type == "CNAME" {
            if node["A"] != nil { addressSets -= 1 }
            recordCount -= node.sets.reduce(0) { $0 + $1.records.count }
            node.sets = []
        } else if let i = node.index(of: "CNAME") {
            recordCount -= node.sets[i].records.count
            node.sets.remove(at: i)
        }
        if type == "A" && node["A"] == nil { addressSets += 1 }
        recordCount += records.count - (node[type]?.count ?? 0)
        node.put(RecordSet(type: type, records: records[...], writer: writer))
        if let slot { slots[slot] = node } else { added(node) }
        generation += 1
    }

    /// Removes the set at `name` of `type`; returns whether there was one.
    @discardableResult
    package mutating func delete(_ name: DNSName, _ type: String) -> Bool {
        guard let slot = slot(of: name) else { return false }
        var node = slots[slot]
        guard let i = node.index(of: type) else { return false }
        recordCount -= node.sets[i].records.count
        node.sets.remove(at: i)
        if type == "A" { addressSets -= 1 }
        generation += 1
        if node.sets.isEmpty {
            removed(name, Int32(slot))
        } else {
            slots[slot] = node
        }
        return true
    }

    /// A new node: in a free slot, in its place in `order`, and counted by its ancestors.
    private mutating func added(_ node: Node) {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            slots[Int(slot)] = node
        } else {
            slot = Int32(slots.count)
            slots.append(node)
        }
        index.insert(Int(slot), hash: node.name.bytesHash)
        order.insert(slot, at: insertionPoint(node.name))
        adjustAncestors(of: node.name, by: 1)
    }

    /// A node emptied: its slot freed (holding no records), out of `order` and its ancestors' counts.
    private mutating func removed(_ name: DNSName, _ slot: Int32) {
        let i = insertionPoint(name)
        if i < order.count && order[i] == slot { order.remove(at: i) }
        index.remove(hash: name.bytesHash) { $0 == Int(slot) }
        slots[Int(slot)] = Node(name: DNSName(canonical: ""))
        freeSlots.append(slot)
        adjustAncestors(of: name, by: -1)
    }

    /// The first index of `order` whose name is not below `name`.
    private func insertionPoint(_ name: DNSName) -> Int {
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if slots[Int(order[mid])].name < name { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private mutating func adjustAncestors(of name: DNSName, by delta: Int) {
        guard name != apex, name.isInside(apex), let parent = name.parent else { return }
        adjustAncestors(from: parent, by: delta)
    }

    /// Adds `delta` to `name` and each of its ancestors up to the apex.
    private mutating func adjustAncestors(from name: DNSName, by delta: Int) {
        var current: DNSName? = name
        while let n = current, n.isInside(apex) {
            let value = (below[n] ?? 0) + delta
            below[n] = value > 0 ? value : nil
            if n == apex { break }
            current = n.parent
        }
    }

    /// True when `name` exists: it holds data or lies above a name that does.
    package func exists(_ name: DNSName) -> Bool { below[name] != nil || (slot(of: name) != nil && name.isInside(apex)) }

    /// Looks `name` up: exact match, else the wildcard at its closest encloser, else NXDOMAIN.
    package func lookup(_ name: DNSName) -> Answer {
        if let node = node(name) { return answer(from: node) }
        if exists(name) { return .nodata }
        // RFC 4592: the closest encloser is the longest existing ancestor; only `*.<encloser>`
        // may answer, so an existing empty non-terminal blocks a wildcard above it.
        var ancestor = name.parent
        while let candidate = ancestor, candidate.isInside(apex) {
            if exists(candidate) || candidate == apex {
                if let wild = node(candidate.prepending("*")) {
                    return answer(from: wild)
                }
                return .nxdomain
            }
            ancestor = candidate.parent
        }
        return .nxdomain
    }

    private func answer(from node: Node) -> Answer {
        if let cname = node["CNAME"]?.first, case .cname(let target) = cname.value { return .cname(target, cname) }
        if let a = node["A"]?.first, case .a(let ip) = a.value { return .address(ip, a) }
        return .nodata
    }
}

extension ZoneContents {
    /// Builds a zone's contents from its initial records: sets are formed by name and type, and a
    /// later group's set of a name and type replaces an earlier group's (inline records after the
    /// file's). The records are put in owner order once, into one array that every set is a slice
    /// of (no array a set), and the owners are sorted once, and not at all when they come sorted.
    package init(apex: DNSName, initial groups: [[Record]]) {
        self.init(apex: apex)
        // The records in one array, ordered in place: a caller that gives up its groups (the
        // topology parser) hands over the file's records without a copy.
        var groups = groups
        let parts = groups.indices.filter { !groups[$0].isEmpty }
        var sorted: [Record]
        var groupOf: [Int] = []
        if parts.count <= 1 {
            sorted = parts.first.map { groups[$0] } ?? []
        } else {
            sorted = Array(parts.map { groups[$0] }.joined())
            for (g, part) in parts.enumerated() { groupOf += repeatElement(g, count: groups[part].count) }
        }
        groups = []
        let total = sorted.count
        // Each record's owner slot; slots in the order their owners first appear.
        index.reserve(total)
        slots.reserveCapacity(total)
        var ownerOf = [Int32](repeating: 0, count: total)
        var counts: [Int] = []
        counts.reserveCapacity(total)
        var previous: (name: DNSName, slot: Int32)?
        // Each owner's sort key, read with its hash (nil once an owner is not ASCII).
        var sortKeys: [DNSName.SortKey]? = []
        sortKeys?.reserveCapacity(total)
        for i in 0..<total {
            let name = sorted[i].name
            let slot: Int32
            if let previous, previous.name == name {
                slot = previous.slot
            } else {
                // One read of the name: the slot found by its hash, or a new one put in its place.
                let (hash, key) = name.hashAndSortKey
                if let found = index.find(hash: hash, where: { slots[$0].name == name }) {
                    slot = Int32(found)
                } else {
                    slot = Int32(slots.count)
                    index.insert(slots.count, hash: hash)
                    slots.append(Node(name: name))
                    if let key { sortKeys?.append(key) } else { sortKeys = nil }
                    counts.append(0)
                }
                previous = (name, slot)
            }
            ownerOf[i] = slot
            counts[Int(slot)] += 1
        }
        var owners = Array(0..<Int32(slots.count))
        countAncestors(owners)
        if !zip(owners, owners.dropFirst()).allSatisfy({ slots[Int($0)].name < slots[Int($1)].name }) {
            // The slots are the positions of their keys (each slot's key appended as it was made).
            if let sortKeys {
                owners = DNSName.textOrder(sortKeys) { slots[$0].name }
            } else {
                DNSName.sortByText(&owners) { slots[Int($0)].name }
            }
        }
        order = owners

        // The records by owner in that order, each owner's in the order given (a counting sort).
        // Each record is moved, not copied (a copy retains its strings): the caller that gives up
        // its groups (the topology parser) hands the file's records over without one retain.
        var starts = [Int](repeating: 0, count: slots.count)
        var at = 0
        for slot in order {
            starts[Int(slot)] = at
            at += counts[Int(slot)]
        }
        // Each record's place, then the records put there by swaps, one cycle of the permutation
        // at a time: a swap moves two records and copies neither (writing a placeholder into
        // each emptied place, as a move into a new array must, copied one a record).
        var next = starts
        var target = [Int](repeating: 0, count: total)
        var placedGroup = [Int](repeating: 0, count: groupOf.isEmpty ? 0 : total)
        for i in 0..<total {
            let slot = Int(ownerOf[i])
            target[i] = next[slot]
            next[slot] += 1
            if !groupOf.isEmpty { placedGroup[target[i]] = groupOf[i] }
        }
        sorted.withUnsafeMutableBufferPointer { records in
            target.withUnsafeMutableBufferPointer { target in
                for i in 0..<total {
                    while target[i] != i {
                        let to = target[i]
                        records.swapAt(i, to)
                        target.swapAt(i, to)
                    }
                }
            }
        }
        groupOf = placedGroup

        // Each owner's records in type order (stable: a set's records keep their order), and of
        // each type only the last group's that has it.
        var kept = [Bool](repeating: true, count: groupOf.isEmpty ? 0 : total)
        for slot in order {
            let range = starts[Int(slot)] ..< starts[Int(slot)] + counts[Int(slot)]
            if !range.dropFirst().allSatisfy({ !ZoneContents.typeOrder(sorted[$0], before: sorted[$0 - 1]) }) {
                var moved = range.map { (type: sorted[$0].type, position: $0) }
                moved.sort { ($0.type, $0.position) < ($1.type, $1.position) }
                let records = moved.map { sorted[$0.position] }
                let groups = groupOf.isEmpty ? [] : moved.map { groupOf[$0.position] }
                for (k, record) in records.enumerated() {
                    sorted[range.lowerBound + k] = record
                    if !groups.isEmpty { groupOf[range.lowerBound + k] = groups[k] }
                }
            }
            guard !groupOf.isEmpty else { continue }
            var start = range.lowerBound
            while start < range.upperBound {
                var end = start + 1
                while end < range.upperBound && ZoneContents.sameType(sorted[end], sorted[start]) { end += 1 }
                let last = groupOf[start..<end].max() ?? 0
                for k in start..<end where groupOf[k] != last {
                    kept[k] = false
                    counts[Int(slot)] -= 1
                }
                start = end
            }
        }
        if kept.contains(false) {
            sorted = zip(sorted, kept).compactMap { $1 ? $0 : nil }
        }

        // The sets, slices of the one array: each owner's records are the next `counts[slot]`.
        var position = 0
        for slot in order {
            let end = position + counts[Int(slot)]
            // The owner's sets: most owners hold one or two, made as literals (which the compiler
            // allocates directly; a general array built in place went through the generic path).
            var cname = false
            func nextSet() -> RecordSet {
                var last = position + 1
                while last < end && ZoneContents.sameType(sorted[last], sorted[position]) { last += 1 }
                switch sorted[position].value {
                case .a: addressSets += 1
                case .cname: cname = true
                case .other: break
                }
                let set = RecordSet(type: sorted[position].type, records: sorted[position..<last], writer: .initial)
                position = last
                return set
            }
            let first = nextSet()
            if position == end {
                slots[Int(slot)].sets = [first]
            } else {
                let second = nextSet()
                var sets = [first, second]
                while position < end { sets.append(nextSet()) }
                slots[Int(slot)].sets = sets
                if cname { mayHaveCNAMEConflicts = true }
            }
        }
        recordCount = sorted.count
        initial = sorted
    }

    /// True when two records are of one type (without making their type's text).
    private static func sameType(_ a: Record, _ b: Record) -> Bool {
        switch (a.value, b.value) {
        case (.a, .a), (.cname, .cname): return true
        case (.other(let x, _), .other(let y, _)): return x == y
        default: return false
        }
    }

    /// True when `a`'s type sorts before `b`'s (by text, as sets are ordered).
    private static func typeOrder(_ a: Record, before b: Record) -> Bool {
        if sameType(a, b) { return false }
        return a.type < b.type
    }

    /// Counts new nodes in `below`. Names that share a parent (most of a zone file's, in file
    /// order) are counted together, so that each run of them walks its ancestors once.
    private mutating func countAncestors(_ owners: [Int32]) {
        var parent: DNSName?
        var count = 0
        for slot in owners {
            let name = slots[Int(slot)].name
            if let p = parent, name.isChild(of: p) {
                count += 1
                continue
            }
            if let p = parent { adjustAncestors(from: p, by: count) }
            parent = nil
            count = 0
            guard name != apex, name.isInside(apex) else { continue }
            parent = name.parent
            count = 1
        }
        if let p = parent { adjustAncestors(from: p, by: count) }
    }

    /// Names at which a CNAME stands beside other data (an input error at load), in order.
    package var cnameConflicts: [DNSName] {
        guard mayHaveCNAMEConflicts else { return [] }
        return order.compactMap { slot in
            let node = slots[Int(slot)]
            return node.sets.count > 1 && node.index(of: "CNAME") != nil ? node.name : nil
        }
    }
}
