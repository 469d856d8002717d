/// Why a failing row fails, as data: what the renderers group failures by, so that forty rows
/// with one cause read as one line (the endpoint that wrote the shared names last, the zone that
/// lacks a name, the resolver that cannot be reached), not forty.
package enum Cause: Hashable, Sendable {
    /// The answer is a private endpoint's address that the row cannot use (`unroutable`,
    /// `not-in-scope`, or `public-denied` through an Open scope): the endpoint, and who wrote the
    /// answering record last (the group lists the zones).
    case endpoint(EndpointID, writtenBy: RecordWriter?)
    /// A zone answered NXDOMAIN or NODATA: it holds no record for the name.
    case zoneLacksName(zone: ZoneID)
    /// Public DNS has no such name (a custom suffix's names exist in no public zone).
    case publicLacksName
    /// The answer is a private address that no private endpoint holds.
    case dangling(IPv4Address)
    /// SERVFAIL, by reason (the asking network left out, so that one unreachable server is one
    /// cause for every network that asks it).
    case servfail(ServfailReason)
    /// The resource denies public traffic of the category and is reached publicly.
    case publicDenied(resource: ResourceID)
    /// The network has no internet egress and the answer is public.
    case egressBlocked(network: NetworkID)
}

/// One cause and the failing rows it explains.
package struct CauseGroup: Hashable, Sendable {
    package var cause: Cause
    /// Indexes of the rows, in the order the rows were given.
    package var rows: [Int]
    /// The networks of those rows, in first-seen order.
    package var networks: [NetworkID]
    /// The zones whose records answered those rows, in first-seen order.
    package var zones: [ZoneID] = []
    /// The rows counted by status, in `Status` order.
    package var byStatus: [(status: Status, rows: Int)] {
        // By ordinal, not in a dictionary: a cause may explain millions of rows.
        var counts = [Int](repeating: 0, count: Status.count)
        for status in statuses { counts[status.ordinal] += 1 }
        return Status.allCases.compactMap { status in counts[status.ordinal] > 0 ? (status, counts[status.ordinal]) : nil }
    }
    /// The status of each row of `rows`.
    package var statuses: [Status]

    package static func == (a: CauseGroup, b: CauseGroup) -> Bool {
        a.cause == b.cause && a.rows == b.rows && a.networks == b.networks && a.statuses == b.statuses
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(cause)
        hasher.combine(rows)
    }
}

/// Groups failing rows by cause.
package struct CauseCollector: Sendable {
    private var groups: [CauseGroup] = []
    private var index: [Cause: Int] = [:]
    private var seenNetworks: [Set<NetworkID>] = []

    package init() {}

    /// The cause of a failing row in `world`; nil for a row that succeeds.
    package static func cause(of row: Row, in world: World) -> Cause? {
        guard !row.status.succeeds else { return nil }
        let hop = row.resolution.answeringHop
        var zone: ZoneID?
        if case .zone(let id)? = hop?.source { zone = id }
        switch row.status {
        case .unroutable, .notInScope:
            guard let via = row.via else { return .dangling(row.answer ?? IPv4Address(0)) }
            var writer: RecordWriter?
            if let zone, let name = hop?.name { writer = world.contents[zone]?.writer(name, "A") }
            return .endpoint(via, writtenBy: writer)
        case .publicDenied:
            if let via = row.via {
                var writer: RecordWriter?
                if let zone, let name = hop?.name { writer = world.contents[zone]?.writer(name, "A") }
                return .endpoint(via, writtenBy: writer)
            }
            return .publicDenied(resource: row.resource)
        case .egressBlocked:
            return .egressBlocked(network: row.network)
        case .dangling:
            return .dangling(row.answer ?? IPv4Address(0))
        case .nxdomain:
            if let zone { return .zoneLacksName(zone: zone) }
            if case .fallback(let id)? = hop?.source { return .zoneLacksName(zone: id) }
            return .publicLacksName
        case .servfail:
            guard case .servfail(let reason) = row.resolution.outcome else { return .publicLacksName }
            return .servfail(normalized(reason))
        case .private, .public:
            return nil
        }
    }

    /// A SERVFAIL reason without the asking network, so that one broken resolver is one cause.
    static func normalized(_ reason: ServfailReason) -> ServfailReason {
        switch reason {
        case .resolverUnreachable(let server, let serverNetwork, _):
            return .resolverUnreachable(server: server, serverNetwork: serverNetwork, from: nil)
        case .addressUnheld(let address, _):
            return .addressUnheld(address: address, from: nil)
        default:
            return reason
        }
    }

    /// The zone whose record answered a row, if a zone did.
    package static func zone(of row: Row) -> ZoneID? { zone(of: row.resolution) }

    /// The zone whose record ended a resolution, if a zone did.
    package static func zone(of resolution: Resolution) -> ZoneID? {
        if case .zone(let id)? = resolution.answeringHop?.source { return id }
        return nil
    }

    /// Counts one failing row (`index`: its place among the rows given).
    package mutating func add(_ row: Row, index: Int, in world: World) {
        guard let cause = CauseCollector.cause(of: row, in: world) else { return }
        add(cause, zone: CauseCollector.zone(of: row), network: row.network, status: row.status, index: index)
    }

    /// Adds many rows of one cause at once (one network's rows, grouped by its worker):
    /// `indexes` plus `offset` are their places among all rows, `statuses` one per index.
    package mutating func add(_ cause: Cause, zones: [ZoneID], network: NetworkID, statuses: [Status], indexes: [Int],
                              offset: Int = 0) {
        guard let first = indexes.first else { return }
        add(cause, zone: zones.first, network: network, status: statuses[0], index: first + offset)
        let i = self.index[cause]!
        for index in indexes.dropFirst() { groups[i].rows.append(index + offset) }
        groups[i].statuses.append(contentsOf: statuses.dropFirst())
        for zone in zones.dropFirst() where !groups[i].zones.contains(zone) { groups[i].zones.append(zone) }
    }

    /// Counts one failing row whose cause is known.
    package mutating func add(_ cause: Cause, zone: ZoneID? = nil, network: NetworkID, status: Status, index: Int) {
        let i: Int
        if let known = self.index[cause] {
            i = known
        } else {
            i = groups.count
            self.index[cause] = i
            groups.append(CauseGroup(cause: cause, rows: [], networks: [], statuses: []))
            seenNetworks.append([])
        }
        groups[i].rows.append(index)
        groups[i].statuses.append(status)
        if seenNetworks[i].insert(network).inserted { groups[i].networks.append(network) }
        if let zone, !groups[i].zones.contains(zone) { groups[i].zones.append(zone) }
    }

    /// The causes, those explaining the most rows first (ties: the first seen first).
    package var groupsByWeight: [CauseGroup] {
        groups.enumerated().sorted { a, b in
            a.element.rows.count != b.element.rows.count ? a.element.rows.count > b.element.rows.count : a.offset < b.offset
        }.map(\.element)
    }

    /// Every failing row of `rows`, grouped.
    package static func group(_ rows: [Row], in world: World) -> [CauseGroup] {
        var collector = CauseCollector()
        for (i, row) in rows.enumerated() { collector.add(row, index: i, in: world) }
        return collector.groupsByWeight
    }
}
