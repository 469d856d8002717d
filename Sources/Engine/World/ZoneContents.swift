/// The records of one zone, indexed for lookups (RFC 1034 section 4.3.2, RFC 4592).
///
/// Built once from a zone's initial records (its owners sorted once, or not at all when they come
/// sorted, as the topology loader hands them over) and kept in that order as steps write and
/// delete sets: `owners` and `records` are linear passes, shared by every reader.
package struct ZoneContents: Sendable {
    /// The zone's apex.
    package let apex: DNSName
    /// Record sets by owner.
    private var nodes: [DNSName: Node] = [:]
    /// The owners of `nodes`, in canonical (text) order.
    private var order: [DNSName] = []
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
    /// True when the initial records gave a node a CNAME and another set: only then can a CNAME
    /// stand beside other data (`write` never leaves one so).
    private var mayHaveCNAMEConflicts = false

    /// The sets at one owner, in type order, each with who wrote it.
    private struct Node: Sendable {
        var sets: [RecordSet] = []

        func index(of type: String) -> Int? { sets.firstIndex { $0.type == type } }
        subscript(type: String) -> [Record]? { index(of: type).map { sets[$0].records } }

        /// Adds a run of records of one type: appended to the set of that type, or replacing it,
        /// or a new set. Whether the node was empty before, whether an A set was added, and how
        /// many records a replaced set held.
        mutating func merge(_ run: [Record], type: String, replacing: Bool) -> (created: Bool, addedA: Bool, removed: Int) {
            let created = sets.isEmpty
            if let i = index(of: type) {
                let removed = replacing ? sets[i].records.count : 0
                if replacing { sets[i].records = run } else { sets[i].records += run }
                return (created, false, removed)
            }
            put(RecordSet(type: type, records: run, writer: .initial))
            return (created, type == "A", 0)
        }

        /// Puts a set in its place by type (replacing one of the same type).
        mutating func put(_ set: RecordSet) {
            if let i = index(of: set.type) { sets[i] = set; return }
            let i = sets.firstIndex { $0.type > set.type } ?? sets.count
            sets.insert(set, at: i)
        }
    }

    private struct RecordSet: Sendable {
        var type: String
        var records: [Record]
        var writer: RecordWriter
    }

    /// A record set's address in the zone.
    package struct SetKey: Hashable, Sendable {
        package var name: DNSName
        package var type: String
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
        var all: [Record] = []
        all.reserveCapacity(recordCount)
        for name in order {
            for set in nodes[name]?.sets ?? [] { all += set.records }
        }
        return all
    }

    /// The record set at `name` of `type`, if any.
    package func recordSet(_ name: DNSName, _ type: String) -> [Record]? { nodes[name]?[type] }

    /// The types present at `name`, in order.
    package func types(at name: DNSName) -> [String] { nodes[name]?.sets.map(\.type) ?? [] }

    /// All owner names holding data, in canonical order.
    package var owners: [DNSName] { order }

    /// Every A set, owners in canonical order: what the audit's checks of records read.
    var addressRecords: [(owner: DNSName, records: [Record])] {
        var sets: [(owner: DNSName, records: [Record])] = []
        sets.reserveCapacity(addressSets)
        for name in order {
            if let records = nodes[name]?["A"] { sets.append((name, records)) }
        }
        return sets
    }

    /// True when the zone holds at least one A record anywhere.
    var hasAddressRecords: Bool { addressSets > 0 }

    /// Who wrote the set at `name` of `type`.
    package func writer(_ name: DNSName, _ type: String) -> RecordWriter? {
        guard let node = nodes[name], let i = node.index(of: type) else { return nil }
        return node.sets[i].writer
    }

    /// Replaces the set at the records' name and type (last writer wins). A CNAME removes every
    /// other set at that name; any other set removes a CNAME there.
    package mutating func write(_ records: [Record], by writer: RecordWriter) {
        guard let first = records.first else { return }
        let name = first.name
        let type = first.type
        var node = nodes[name] ?? Node()
        let existed = !node.sets.isEmpty
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
        node.put(RecordSet(type: type, records: records, writer: writer))
        nodes[name] = node
        if !existed { added(name) }
        generation += 1
    }

    /// Removes the set at `name` of `type`; returns whether there was one.
    @discardableResult
    package mutating func delete(_ name: DNSName, _ type: String) -> Bool {
        guard var node = nodes[name], let i = node.index(of: type) else { return false }
        recordCount -= node.sets[i].records.count
        node.sets.remove(at: i)
        if type == "A" { addressSets -= 1 }
        generation += 1
        if node.sets.isEmpty {
            nodes[name] = nil
            removed(name)
        } else {
            nodes[name] = node
        }
        return true
    }

    /// A new node: in its place in `order`, and counted by its ancestors.
    private mutating func added(_ name: DNSName) {
        order.insert(name, at: insertionPoint(name))
        adjustAncestors(of: name, by: 1)
    }

    private mutating func removed(_ name: DNSName) {
        let i = insertionPoint(name)
        if i < order.count && order[i] == name { order.remove(at: i) }
        adjustAncestors(of: name, by: -1)
    }

    /// The first index of `order` whose name is not below `name`.
    private func insertionPoint(_ name: DNSName) -> Int {
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if order[mid] < name { low = mid + 1 } else { high = mid }
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
    package func exists(_ name: DNSName) -> Bool { below[name] != nil || (nodes[name] != nil && name.isInside(apex)) }

    /// Looks `name` up: exact match, else the wildcard at its closest encloser, else NXDOMAIN.
    package func lookup(_ name: DNSName) -> Answer {
        if let node = nodes[name] { return answer(from: node) }
        if exists(name) { return .nodata }
        // RFC 4592: the closest encloser is the longest existing ancestor; only `*.<encloser>`
        // may answer, so an existing empty non-terminal blocks a wildcard above it.
        var ancestor = name.parent
        while let candidate = ancestor, candidate.isInside(apex) {
            if exists(candidate) || candidate == apex {
                if let wild = nodes[candidate.prepending("*")] {
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
    /// later set of a name and type replaces an earlier one (inline records after the file's).
    /// The owners are sorted once, and not at all when the records come in owner order.
    package init(apex: DNSName, initial groups: [[Record]]) {
        self.init(apex: apex)
        // At most one node a record: the index grows once, not by doubling as it fills.
        let total = groups.reduce(0) { $0 + $1.count }
        nodes.reserveCapacity(total)
        var owners: [DNSName] = []
        owners.reserveCapacity(total)
        for (g, group) in groups.enumerated() {
            // Keys this group has written: its first run of a key replaces an earlier group's set.
            var replaced: Set<SetKey> = []
            var start = 0
            while start < group.count {
                // A run: records of one name and type that follow each other, one look-up for all.
                let first = group[start], type = first.type
                var end = start + 1
                while end < group.count && group[end].name == first.name && group[end].type == type { end += 1 }
                let run = Array(group[start..<end])
                let replacing = g > 0 && replaced.insert(SetKey(name: first.name, type: type)).inserted
                let (created, addedA, removed) = nodes[first.name, default: Node()].merge(run, type: type, replacing: replacing)
                if created { owners.append(first.name) }
                if !created && !mayHaveCNAMEConflicts, let node = nodes[first.name], node.sets.count > 1,
                   node.index(of: "CNAME") != nil {
                    mayHaveCNAMEConflicts = true
                }
                if addedA { addressSets += 1 }
                recordCount += run.count - removed
                start = end
            }
        }
        countAncestors(owners)
        if !zip(owners, owners.dropFirst()).allSatisfy({ $0 < $1 }) { DNSName.sortByText(&owners) }
        order = owners
    }

    /// Counts new nodes in `below`. Names that share a parent (most of a zone file's, in file
    /// order) are counted together, so that each run of them walks its ancestors once.
    private mutating func countAncestors(_ names: [DNSName]) {
        var parent: DNSName?
        var count = 0
        for name in names {
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
        return order.filter { name in
            guard let node = nodes[name] else { return false }
            return node.sets.count > 1 && node.index(of: "CNAME") != nil
        }
    }
}
