import AmplsimEngine

/// A worker's grouper of failing rows by cause, one network at a time (`begin`, the rows,
/// `finish`): the groups of that network, in the order their first rows come.
///
/// Rows answered alike share their group through an array look-up, not a hash of their cause:
/// - within a network, per name slot and status;
/// - within a network, per endpoint address (workspaces of a region share theirs);
/// - across the networks of one Azure DNS view, per name slot and status: the view's networks
///   get the same resolution for a slot, and the cause of a row whose cause depends on its
///   answer only (`answerOnly`) follows from that resolution, its status and the world. So the
///   worker keeps the cause it found for the view's slot and status, by number, and the next
///   network's rows need neither the cause worked out again nor a `Row`.
struct NetworkCauses {
    /// The rows of one cause: their statuses and indexes, and the zones that answered them.
    struct Failing: Sendable {
        var cause: Cause
        var zones: [ZoneID] = []
        var statuses: [Status] = []
        var indexes: [Int] = []
    }

    private let slots: Int
    // The network's.
    private var failing: [Failing] = []
    /// Per cause number: the network's group, or -1 (reset through `used`).
    private var groupOfCause: [Int] = []
    private var used: [Int32] = []
    /// Per name slot and status: the network's group (-1: none yet), and the entries set (reset
    /// at the next network: a network whose rows all succeed costs nothing).
    private var bySlot: [Int]
    private var setSlots: [Int] = []
    private var byAddress: [UInt32: Int] = [:]
    // The worker's, for one simulation.
    private var simulation: ObjectIdentifier?
    /// The causes found so far, numbered in the order found.
    private var causes: [Cause] = []
    private var numberOf: [Cause: Int32] = [:]
    /// Per Azure DNS view, per name slot and status: the cause's number, or -1.
    private var known: [Int: [Int32]] = [:]
    /// The network's view and its entries (taken out of `known` while the network is grouped).
    private var view: Int?
    private var viewCauses: [Int32] = []

    init(slots: Int) {
        self.slots = slots
        bySlot = [Int](repeating: -1, count: slots * Status.count)
    }

    /// Starts the rows of `network` in `simulation`.
    mutating func begin(_ network: Network, in simulation: Simulation) {
        failing.removeAll(keepingCapacity: true)
        for number in used { groupOfCause[Int(number)] = -1 }
        used.removeAll(keepingCapacity: true)
        if self.simulation != ObjectIdentifier(simulation) {
            self.simulation = ObjectIdentifier(simulation)
            causes.removeAll()
            numberOf.removeAll()
            groupOfCause.removeAll()
            known.removeAll()
        }
        for key in setSlots { bySlot[key] = -1 }
        setSlots.removeAll(keepingCapacity: true)
        byAddress.removeAll(keepingCapacity: true)
        view = simulation.sharedView(of: network)
        if let view {
            viewCauses = known.removeValue(forKey: view) ?? [Int32](repeating: -1, count: slots * Status.count)
        }
    }

    /// The network's groups; `begin` starts the next network.
    mutating func finish() -> [Failing] {
        if let view { known[view] = viewCauses }
        view = nil
        return failing
    }

    /// Whether a failing row's cause depends on its answer only (every kind but public-denied
    /// without an endpoint, and egress).
    @inline(__always)
    private static func answerOnly(_ status: Status, _ via: EndpointID?) -> Bool {
        status != .egressBlocked && !(status == .publicDenied && via == nil)
    }

    /// Adds a failing row (status `status`, name slot `slot`, the `index`th row written) whose
    /// cause is known from its slot, its address or its view, without the row; false when the
    /// row itself is needed (`add(_:slot:index:in:)`).
    mutating func addKnown(_ status: Status, via: EndpointID?, slot: Int, index: Int, answer: Simulation.Answer) -> Bool {
        guard NetworkCauses.answerOnly(status, via) else { return false }
        let key = slot * Status.count + status.ordinal
        var g = bySlot[key]
        if g < 0 {
            let number = view == nil ? -1 : viewCauses[key]
            guard number >= 0 else { return false }
            let zone = CauseCollector.zone(of: answer.resolution)
            g = group(Int(number), address: via == nil ? nil : answer.address, zone: zone)
            bySlot[key] = g
            setSlots.append(key)
        }
        failing[g].statuses.append(status)
        failing[g].indexes.append(index)
        return true
    }

    /// Adds a failing `row` (name slot `slot`), the `index`th row written.
    mutating func add(_ row: Row, slot: Int, index: Int, in world: World) {
        let answerOnly = NetworkCauses.answerOnly(row.status, row.via)
        let key = slot * Status.count + row.status.ordinal
        var g = answerOnly ? bySlot[key] : -1
        if g < 0, let cause = CauseCollector.cause(of: row, in: world) {
            let number: Int
            if let found = numberOf[cause] {
                number = Int(found)
            } else {
                number = causes.count
                numberOf[cause] = Int32(number)
                causes.append(cause)
                groupOfCause.append(-1)
            }
            if answerOnly, view != nil { viewCauses[key] = Int32(number) }
            g = group(number, address: answerOnly && row.via != nil ? row.answer : nil, zone: CauseCollector.zone(of: row))
            if answerOnly {
                bySlot[key] = g
                setSlots.append(key)
            }
        }
        if g >= 0 {
            failing[g].statuses.append(row.status)
            failing[g].indexes.append(index)
        }
    }

    /// The network's group for a row of cause number `number`, answered with `address` through
    /// an endpoint (nil: no endpoint) from `zone`. A row answered with the address of an
    /// endpoint whose group the network already has joins that group.
    private mutating func group(_ number: Int, address: IPv4Address?, zone: ZoneID?) -> Int {
        var g = -1
        if let address, let known = byAddress[address.value] {
            g = known
        } else {
            g = groupOfCause[number]
            if g < 0 {
                g = failing.count
                groupOfCause[number] = g
                used.append(Int32(number))
                failing.append(Failing(cause: causes[number]))
            }
            if let address, case .endpoint = causes[number] { byAddress[address.value] = g }
        }
        if let zone, !failing[g].zones.contains(zone) { failing[g].zones.append(zone) }
        return g
    }
}
