/// The rows of a first world, held compactly (Docs/performance.md#the-what-if-base): per row a
/// record of three 32-bit numbers (its resolution's place in a table of the distinct
/// resolutions, its reason's place in a table of the distinct stored reasons, and its status with
/// the endpoint it goes through), instead of a `Row` with its strings and arrays. The network,
/// resource, endpoint and name follow from the row's index: every network has the same cells in
/// the same order (the row order of Docs/topology.md).
///
/// A row is made again on demand (`subscript`), equal to the row the simulation gave.
struct BaseRows {
    /// 12 bytes: no padding, no reference counted field.
    struct Record {
        var resolution: UInt32
        var reason: UInt32
        /// The status's ordinal in the low 4 bits; above them 0 for no endpoint, or the
        /// endpoint's place in `vias` plus one.
        var statusVia: UInt32
    }

    private struct Cell {
        var resource: Int32
        var kind: EndpointKind
        var fqdn: DNSName
    }

    private let networks: [NetworkID]
    private let resourceNames: [String]
    private let resourceKinds: [ResourceKind]
    private let cells: [Cell]
    private let records: [Record]
    private let resolutions: [Resolution]
    private let reasons: [Reason]
    private let vias: [EndpointID]

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
        var resolutions: [Resolution] = []
        var reasons: [Reason] = []
        var vias: [EndpointID] = []
        // Lookups on a miss, by value: networks reached the same way get equal reasons that are
        // distinct stored values (a network's own unroutable reason, a reason derived again for
        // a resource), and the table keeps one of them.
        var resolutionIndex: [Resolution: UInt32] = [:]
        var reasonIndex: [Reason: UInt32] = [:]
        var viaIndex: [EndpointID: UInt32] = [:]
        // Per name slot, the last entry used: the rows of one name in one network share their
        // answer, and the networks of one Azure DNS view share its resolutions, so a check of
        // equality against the last entry (identical storage compares at once) spares most
        // lookups. An entry is used only when equal, so a miss costs a lookup, never a wrong row.
        // Reasons: per cell and per name slot, the last stored reason seen and its entry, used
        // when the row's reason is that same stored value (a reason derived for a resource is
        // reused by the networks that reach its endpoint the same way).
        let slots = layout.names.count
        var viewSlots: [Int: [UInt32]] = [:]
        var cellReason = [(seen: Reason, entry: UInt32)?](repeating: nil, count: cells.count)
        for network in world.networks {
            let view = simulation.sharedView(of: network)
            var resolutionSlot = view.flatMap { viewSlots.removeValue(forKey: $0) }
                ?? [UInt32](repeating: .max, count: slots)
            var slotReason = [(seen: Reason, entry: UInt32)?](repeating: nil, count: slots)
            var viaSlot = [UInt32](repeating: 0, count: slots)
            var c = 0
            simulation.forEachRow(of: network) { row, slot in
                defer { c += 1 }
                var resolution = resolutionSlot[slot]
                if resolution == .max || resolutions[Int(resolution)] != row.resolution {
                    if let known = resolutionIndex[row.resolution] {
                        resolution = known
                    } else {
                        resolution = UInt32(resolutions.count)
                        resolutions.append(row.resolution)
                        resolutionIndex[row.resolution] = resolution
                    }
                    resolutionSlot[slot] = resolution
                }
                let reason: UInt32
                if let last = cellReason[c], last.seen.isIdentical(to: row.reason) {
                    reason = last.entry
                } else if let last = slotReason[slot], last.seen.isIdentical(to: row.reason) {
                    reason = last.entry
                    cellReason[c] = last
                } else {
                    if let known = reasonIndex[row.reason] {
                        reason = known
                    } else {
                        reason = UInt32(reasons.count)
                        reasons.append(row.reason)
                        reasonIndex[row.reason] = reason
                    }
                    cellReason[c] = (row.reason, reason)
                    slotReason[slot] = (row.reason, reason)
                }
                var via: UInt32 = 0
                if let endpoint = row.via {
                    via = viaSlot[slot]
                    if via == 0 || vias[Int(via) - 1] != endpoint {
                        if let known = viaIndex[endpoint] {
                            via = known
                        } else {
                            vias.append(endpoint)
                            via = UInt32(vias.count)
                            viaIndex[endpoint] = via
                        }
                        viaSlot[slot] = via
                    }
                }
                records.append(Record(resolution: resolution, reason: reason, statusVia: via << 4 | UInt32(row.status.ordinal)))
            }
            if let view { viewSlots[view] = resolutionSlot }
        }
        precondition(resolutions.count < Int(UInt32.max) && reasons.count < Int(UInt32.max) && vias.count < 1 << 28,
                     "too many distinct answers for the compact rows")
        self.networks = world.networks.map(\.name)
        self.resourceNames = layout.resources.map(\.name)
        self.resourceKinds = layout.resources.map(\.kind)
        self.cells = cells
        self.records = records
        self.resolutions = resolutions
        self.reasons = reasons
        self.vias = vias
    }

    var count: Int { records.count }

    /// The rows of one network.
    var rowsPerNetwork: Int { cells.count }

    /// The bytes the records and their tables' own arrays take (not what the tables' values
    /// share with the world and the simulation): what Docs/performance.md#the-what-if-base counts.
    var recordBytes: Int { records.count * MemoryLayout<Record>.stride }

    /// How many distinct resolutions, reasons and endpoints the rows name.
    var tableSizes: (resolutions: Int, reasons: Int, vias: Int) { (resolutions.count, reasons.count, vias.count) }

    func status(_ index: Int) -> Status { Self.statuses[Int(records[index].statusVia & 0xF)] }

    func via(_ index: Int) -> EndpointID? {
        let via = records[index].statusVia >> 4
        return via == 0 ? nil : vias[Int(via) - 1]
    }

    func resolution(_ index: Int) -> Resolution { resolutions[Int(records[index].resolution)] }

    func network(_ index: Int) -> NetworkID { networks[index / cells.count] }

    /// The row at `index`, made from its record.
    subscript(index: Int) -> Row {
        let record = records[index]
        let cell = cells[index % cells.count]
        let r = Int(cell.resource)
        let via = record.statusVia >> 4
        return Row(network: networks[index / cells.count], resource: resourceNames[r], resourceKind: resourceKinds[r],
                   endpoint: cell.kind, fqdn: cell.fqdn, resolution: resolutions[Int(record.resolution)],
                   status: Self.statuses[Int(record.statusVia & 0xF)], via: via == 0 ? nil : vias[Int(via) - 1],
                   reason: reasons[Int(record.reason)])
    }

    /// Every row, in order.
    var rows: [Row] {
        var rows: [Row] = []
        rows.reserveCapacity(records.count)
        for i in records.indices { rows.append(self[i]) }
        return rows
    }
}
