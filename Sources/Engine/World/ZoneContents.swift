/// The records of one zone, indexed for lookups (RFC 1034 section 4.3.2, RFC 4592).
public struct ZoneContents: Sendable {
    /// The zone's apex.
    public let apex: DNSName
    /// Record sets by owner, then type; each set keeps record order (the first A answers).
    private(set) var nodes: [DNSName: [String: [Record]]] = [:]
    /// Who wrote each record set.
    private(set) var writers: [SetKey: RecordWriter] = [:]
    /// How many nodes with data lie at or below each name of the zone: a name "exists" when its
    /// count is positive, which makes empty non-terminals exist as RFC 4592 requires.
    private var weight: [DNSName: Int] = [:]
    /// Bumped by every change, so that two states of one zone compare in constant time.
    public private(set) var generation = 0

    /// A record set's address in the zone.
    public struct SetKey: Hashable, Sendable {
        public var name: DNSName
        public var type: String
    }

    public init(apex: DNSName) { self.apex = apex }

    /// What a zone says about one name.
    public enum Answer: Hashable, Sendable {
        case cname(DNSName, Record)
        case address(IPv4Address, Record)
        /// The name exists but holds no A record.
        case nodata
        case nxdomain
    }

    /// Every record, owners in canonical order, then types, then record order.
    public var records: [Record] {
        nodes.keys.sorted().flatMap { name in
            (nodes[name] ?? [:]).keys.sorted().flatMap { nodes[name]?[$0] ?? [] }
        }
    }

    /// The record set at `name` of `type`, if any.
    public func recordSet(_ name: DNSName, _ type: String) -> [Record]? { nodes[name]?[type] }

    /// The types present at `name`.
    public func types(at name: DNSName) -> [String] { (nodes[name]?.keys).map { Array($0).sorted() } ?? [] }

    /// All owner names holding data.
    public var owners: [DNSName] { nodes.keys.sorted() }

    /// True when the zone holds at least one A record anywhere.
    public var hasAddressRecords: Bool { nodes.values.contains { $0["A"] != nil } }

    /// Who wrote the set at `name` of `type`.
    public func writer(_ name: DNSName, _ type: String) -> RecordWriter? { writers[SetKey(name: name, type: type)] }

    /// Replaces the set at the records' name and type (last writer wins). A CNAME removes every
    /// other set at that name; any other set removes a CNAME there.
    public mutating func write(_ records: [Record], by writer: RecordWriter) {
        guard let first = records.first else { return }
        let name = first.name
        let type = first.type
        var node = nodes[name] ?? [:]
        let existed = !node.isEmpty
        if type == "CNAME" {
            for other in node.keys where other != "CNAME" { writers[SetKey(name: name, type: other)] = nil }
            node = [:]
        } else if node["CNAME"] != nil {
            node["CNAME"] = nil
            writers[SetKey(name: name, type: "CNAME")] = nil
        }
        node[type] = records
        nodes[name] = node
        writers[SetKey(name: name, type: type)] = writer
        if !existed { adjustWeight(from: name, by: 1) }
        generation += 1
    }

    /// Removes the set at `name` of `type`; returns whether there was one.
    @discardableResult
    public mutating func delete(_ name: DNSName, _ type: String) -> Bool {
        guard var node = nodes[name], node[type] != nil else { return false }
        node[type] = nil
        writers[SetKey(name: name, type: type)] = nil
        generation += 1
        if node.isEmpty {
            nodes[name] = nil
            adjustWeight(from: name, by: -1)
        } else {
            nodes[name] = node
        }
        return true
    }

    private mutating func adjustWeight(from name: DNSName, by delta: Int) {
        var current: DNSName? = name
        while let n = current, n.isInside(apex) {
            let value = (weight[n] ?? 0) + delta
            weight[n] = value > 0 ? value : nil
            if n == apex { break }
            current = n.parent
        }
    }

    /// True when `name` exists: it holds data or lies above a name that does.
    public func exists(_ name: DNSName) -> Bool { weight[name] != nil }

    /// Looks `name` up: exact match, else the wildcard at its closest encloser, else NXDOMAIN.
    public func lookup(_ name: DNSName) -> Answer {
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

    private func answer(from node: [String: [Record]]) -> Answer {
        if let cname = node["CNAME"]?.first, case .cname(let target) = cname.value { return .cname(target, cname) }
        if let a = node["A"]?.first, case .a(let ip) = a.value { return .address(ip, a) }
        return .nodata
    }
}

extension ZoneContents {
    /// Builds a zone's contents from its initial records: sets are formed by name and type, and a
    /// later set of a name and type replaces an earlier one (inline records after the file's).
    public init(apex: DNSName, initial groups: [[Record]]) {
        self.init(apex: apex)
        for group in groups {
            var order: [SetKey] = []
            var sets: [SetKey: [Record]] = [:]
            for record in group {
                let key = SetKey(name: record.name, type: record.type)
                if sets[key] == nil { order.append(key) }
                sets[key, default: []].append(record)
            }
            for key in order {
                if let set = sets[key] { replaceInitial(set) }
            }
        }
    }

    private mutating func replaceInitial(_ records: [Record]) {
        guard let first = records.first else { return }
        var node = nodes[first.name] ?? [:]
        let existed = !node.isEmpty
        node[first.type] = records
        nodes[first.name] = node
        writers[SetKey(name: first.name, type: first.type)] = .initial
        if !existed { adjustWeight(from: first.name, by: 1) }
    }

    /// Names at which a CNAME stands beside other data (an input error at load).
    public var cnameConflicts: [DNSName] {
        nodes.compactMap { name, node in node["CNAME"] != nil && node.count > 1 ? name : nil }.sorted()
    }
}
