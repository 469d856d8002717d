/// The rows of a first world, held compactly (Docs/performance.md#the-what-if-base): per row a
/// record of three 32-bit numbers (its resolution's place in a table of the distinct
/// resolutions, its reason's place in a table of the distinct reasons, and its status with the
/// endpoint it goes through), instead of a `Row` with its strings and arrays. The network,
/// resource, endpoint and name follow from the row's index: every network has the same cells in
/// the same order (the row order of Docs/topology.md).
///
/// A row is made again on demand (`subscript`), equal to the row the simulation gave. Rows judged
/// again later (`IncrementalSimulation`) are kept as records of the same tables (`record(_:at:slot:)`).
struct BaseRows {
    /// 12 bytes: no padding, no reference counted field.
    struct Record {
        var resolution: UInt32
        var reason: UInt32
        /// The status's ordinal in the low 4 bits; above them 0 for no endpoint, or the
        /// endpoint's place in `vias` plus one. All bits set: a row that no longer exists.
        var statusVia: UInt32

        /// A row deleted with its resource.
        static let deleted = Record(resolution: 0, reason: 0, statusVia: .max)

        var exists: Bool { statusVia != .max }
    }

    private struct Cell {
        var resource: Int32
        var kind: EndpointKind
        var fqdn: DNSName
    }

    /// The distinct resolutions, reasons and endpoints the records name, each held once.
    private struct Tables {
        var resolutions: [Resolution] = []
        var reasons: [Reason] = []
        var vias: [EndpointID] = []
        // Lookups on a miss, by value: networks reached the same way get equal reasons that are
        // distinct stored values (a network's own unroutable reason, a reason derived again for
        // a resource), and the table keeps one of them.
        private var resolutionIndex: [Resolution: UInt32] = [:]
        private var reasonIndex: [Reason: UInt32] = [:]
        private var viaIndex: [EndpointID: UInt32] = [:]
        // Per name slot, the last entry used: the rows of one name in one network share their
        // answer, and the networks of one Azure DNS view share its resolutions, so a check of
        // equality against the last entry (identical storage compares at once) spares most
        // lookups. An entry is used only when equal, so a stale one costs a lookup, never a wrong
        // row. Reasons: per cell and per name slot, the last stored reason seen and its entry,
        // used when the row's reason is that same stored value (a reason derived for a resource
        // is reused by the networks that reach its endpoint the same way); the caches keep what
        // they compare with alive, so an identity is never reused while it is there.
        var slotResolution: [UInt32]
        private var slotVia: [UInt32]
        private var slotReason: [(seen: Reason, entry: UInt32)?]
        private var cellReason: [(seen: Reason, entry: UInt32)?]

        init(slots: Int, cells: Int) {
            slotResolution = [UInt32](repeating: .max, count: slots)
            slotVia = [UInt32](repeating: 0, count: slots)
            slotReason = [(seen: Reason, entry: UInt32)?](repeating: nil, count: slots)
            cellReason = [(seen: Reason, entry: UInt32)?](repeating: nil, count: cells)
        }

        /// The index of `value` in `values`, appended and indexed when it is new.
        private static func intern<T: Hashable>(_ value: T, _ values: inout [T], _ index: inout [T: UInt32]) -> UInt32 {
            if let known = index[value] { return known }
            let new = UInt32(values.count)
            values.append(value)
            index[value] = new
            return new
        }

        /// The record of `row`, in cell `c` of its network, whose name has slot `slot`.
        mutating func record(_ row: Row, cell c: Int, slot: Int) -> Record {
            var resolution = slotResolution[slot]
            if resolution == .max || resolutions[Int(resolution)] != row.resolution {
                resolution = Tables.intern(row.resolution, &resolutions, &resolutionIndex)
                slotResolution[slot] = resolution
            }
            let reason: UInt32
            if let last = cellReason[c], last.seen.isIdentical(to: row.reason) {
                reason = last.entry
            } else if let last = slotReason[slot], last.seen.isIdentical(to: row.reason) {
                reason = last.entry
                cellReason[c] = last
            } else {
                reason = Tables.intern(row.reason, &reasons, &reasonIndex)
                cellReason[c] = (row.reason, reason)
                slotReason[slot] = (row.reason, reason)
            }
            var via: UInt32 = 0
            if let endpoint = row.via {
                via = slotVia[slot]
                if via == 0 || vias[Int(via) - 1] != endpoint {
                    via = Tables.intern(endpoint, &vias, &viaIndex) + 1  // 0 is "no via"
                    slotVia[slot] = via
                }
            }
            precondition(resolutions.count < Int(UInt32.max) && reasons.count < Int(UInt32.max) && vias.count < 1 << 27,
                         "too many distinct answers for the compact rows")
            return Record(resolution: resolution, reason: reason, statusVia: via << 4 | UInt32(row.status.ordinal))
        }
    }

    private let networks: [NetworkID]
    private let resourceNames: [ResourceID]
    private let resourceKinds: [ResourceKind]
    private let cells: [Cell]
    private let records: [Record]
    private var tables: Tables

    private static let statuses = Status.allCases

    /// The rows of `simulation`'s world, each made once and kept as a record.
    init(_ simulation: Simulation) {
        let layout = simulation.layout
        var cells: [Cell] = []
        for (r, row) in layout.cells.enumerated() {
            for cell in row { cells.append(Cell(resource: Int32(r), kind: cell.kind, fqdn: cell.fqdn)) }
        }
        let world = simulation.world
        var records: [Record] = []
        records.reserveCapacity(world.networks.count * cells.count)
        var tables = Tables(slots: layout.names.count, cells: cells.count)
        // The networks of one Azure DNS view share its resolutions: each view keeps its own
        // last entries per slot.
        var viewSlots: [Int: [UInt32]] = [:]
        for network in world.networks {
            let view = simulation.sharedView(of: network)
            if let view, let known = viewSlots.removeValue(forKey: view) { tables.slotResolution = known }
            var c = 0
            simulation.forEachRow(of: network) { row, slot in
                records.append(tables.record(row, cell: c, slot: slot))
                c += 1
            }
            if let view { viewSlots[view] = tables.slotResolution }
        }
        self.networks = world.networks.map(\.name)
        self.resourceNames = layout.resources.map(\.name)
        self.resourceKinds = layout.resources.map(\.kind)
        self.cells = cells
        self.records = records
        self.tables = tables
    }

    var count: Int { records.count }

    /// The rows of one network.
    var rowsPerNetwork: Int { cells.count }

    /// The bytes the records take (their tables' values are shared, and counted apart).
    var recordBytes: Int { records.count * MemoryLayout<Record>.stride }

    /// How many distinct resolutions, reasons and endpoints the records name.
    var tableSizes: (resolutions: Int, reasons: Int, vias: Int) {
        (tables.resolutions.count, tables.reasons.count, tables.vias.count)
    }

    /// The record of a row judged again at `index` (its name's slot `slot`), in these tables.
    mutating func record(_ row: Row, at index: Int, slot: Int) -> Record {
        tables.record(row, cell: index % cells.count, slot: slot)
    }

    func status(_ index: Int) -> Status { status(of: records[index]) }
    func via(_ index: Int) -> EndpointID? { via(of: records[index]) }
    func resolution(_ index: Int) -> Resolution { resolution(of: records[index]) }
    func network(_ index: Int) -> NetworkID { networks[index / cells.count] }

    func status(of record: Record) -> Status { Self.statuses[Int(record.statusVia & 0xF)] }

    func via(of record: Record) -> EndpointID? {
        let via = record.statusVia >> 4
        return via == 0 ? nil : tables.vias[Int(via) - 1]
    }

    func resolution(of record: Record) -> Resolution { tables.resolutions[Int(record.resolution)] }

    /// The rows whose status differs between these base rows and `after` (as
    /// `Replay.diff(rows, after)` gives them), when `after` holds the same rows in the same order
    /// (network, resource and endpoint); nil otherwise. A base row is made only where its status
    /// changed. One pass, names compared directly (`Identifier`'s generic `==` is a call through
    /// the protocol's witness).
    func changes(to after: [Row]) -> [RowChange]? {
        guard after.count == records.count else { return nil }
        var changes: [RowChange] = []
        var i = 0
        for network in networks {
            for cell in cells {
                let row = after[i]
                guard cell.kind == row.endpoint, resourceNames[Int(cell.resource)].name == row.resource.name,
                      network.name == row.network.name else { return nil }
                if status(of: records[i]) != row.status { changes.append(RowChange(before: self[i], after: row)) }
                i += 1
            }
        }
        return changes
    }

    /// The base row at `index`, made from its record.
    subscript(index: Int) -> Row { row(index, records[index]) }

    /// The row at `index` that `record` describes (a base record or a later one; not `deleted`).
    func row(_ index: Int, _ record: Record) -> Row {
        let cell = cells[index % cells.count]
        let r = Int(cell.resource)
        return Row(network: networks[index / cells.count], resource: resourceNames[r], resourceKind: resourceKinds[r],
                   endpoint: cell.kind, fqdn: cell.fqdn, resolution: resolution(of: record), status: status(of: record),
                   via: via(of: record), reason: tables.reasons[Int(record.reason)])
    }

    /// Every base row, in order.
    var rows: [Row] {
        var rows: [Row] = []
        rows.reserveCapacity(records.count)
        for i in records.indices { rows.append(self[i]) }
        return rows
    }
}
