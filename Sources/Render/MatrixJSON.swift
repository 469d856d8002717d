import AmplsimEngine

/// `simulate --format json`: the JSON answer of Docs/topology.md, version 1.
package enum MatrixJSON {
    /// The text before the first row.
    package static let header = "{\"version\":1,\"results\":["

    /// The text after the last row: the causes of the failing rows (`CauseText.writeJSON`, row
    /// indexes into `results`), then the summary. Bytes, not a String: the causes of a big tenant
    /// list millions of row indexes.
    package static func footer(_ summary: Summary, causes: [CauseGroup] = [], world: World? = nil) -> [UInt8] {
        var json = JSONText()
        json.beginObject()
        if let world { CauseText.writeJSON(causes, world: world, into: &json) }
        json.endObject()
        var out: [UInt8] = Array("]".utf8)
        // The object's inner bytes, without its braces: they continue the answer's object.
        let inner = json.bytes.dropFirst().dropLast()
        if !inner.isEmpty {
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: inner)
        }
        out.append(contentsOf: ",\"summary\":{\"private\":\(summary.private),\"public\":\(summary.public),\"failed\":\(summary.failed)}}\n".utf8)
        return out
    }

    /// One row: network, resource, endpoint, fqdn, chain, answer, via, status, detail (written
    /// straight as bytes: this runs once per row of tenants with millions of rows).
    package static func write(_ row: Row, into json: inout JSONText) {
        json.value { out in
            out.append(contentsOf: Keys.network)
            JSONText.appendQuoted(row.network, to: &out)
            out.append(contentsOf: Keys.resource)
            JSONText.appendQuoted(row.resource, to: &out)
            out.append(contentsOf: Keys.endpoint)
            writeTail(row, into: &out)
        }
    }

    /// Writes the rows of `Simulation.forEachRow(of:parts:)` one after another, reusing what it
    /// encoded for the rows before: a network's rows come together, a resource's endpoints too,
    /// the rows of one name slot share their resolution, and a reason's detail is worded once
    /// (`Details`). The bytes are always those of `write(_:into:)`.
    package struct RowWriter {
        private var network: NetworkID?
        private var networkBytes: [UInt8] = []
        /// Per name slot: the resolution encoded from the `fqdn` value to the `answer` value,
        /// kept across networks while name, chain and answer stay the same.
        private var slots: [Encoded] = []
        /// Bumped for every network: a slot of an older generation is checked again.
        private var generation = 0
        /// Per row position within a network (the same resource and endpoint in every network,
        /// unless rows are filtered): the last resource, endpoint, verdict and detail written
        /// there, encoded. A resource's own reason outside a scope is the same in every
        /// network of a view reached the same way, and so is its sentence.
        private var positions: [Position] = []
        private var position = 0
        private var details = Details()

        private struct Encoded {
            var generation = -1
            /// What `bytes` encode: the networks of one view share the slot's chain (one array),
            /// so the next network's resolution is usually the same, found by comparing, not
            /// encoding again.
            var fqdn: DNSName?
            var chain: [DNSName] = []
            var answer: IPv4Address?
            var bytes: [UInt8] = []
            /// Changes whenever `bytes` do.
            var version = 0
            /// The network answer whose resolution `bytes` encode, when rows came with one (kept,
            /// so that its identity is no other's): the networks of one view share their answers
            /// that do not depend on the network, so the next network's is often the same object.
            var source: Simulation.Answer?
        }

        private struct Position {
            var resource: ResourceID?
            var endpoint: EndpointKind?
            /// `"law-1","endpoint":"query"`
            var head: [UInt8] = []
            var via: EndpointID?
            var status: Status?
            /// `,"via":…,"status":…,"detail":`
            var verdict: [UInt8] = []
            /// The reason written last (kept, so that its identity is no other's while it is
            /// compared with) and its detail, encoded.
            var reason: Reason?
            var detailBytes: [UInt8] = []
            /// The reasons written here before the last, with their details (up to
            /// `Position.recent`, the oldest replaced): the networks a worker takes in turn
            /// often alternate between a few kinds (spokes of one hub that link its zones,
            /// another hub's, or both), so a reason of an earlier network is found by comparing,
            /// not by hashing it.
            var earlier: [(reason: Reason, bytes: [UInt8])] = []
            var replace = 0
            static let recent = 4
            /// Changes whenever `head`, `verdict` or `detailBytes` do.
            var version = 0
            /// The row's bytes after the network's (from the resource's value to the closing
            /// brace), and the versions of the parts they were joined from: the next network's
            /// row at this position is usually the same, one copy instead of five.
            var tail: [UInt8] = []
            var tailKey = TailKey()
        }

        private struct TailKey: Equatable {
            var slot = -1
            var slotVersion = -1
            var position = -1
        }

        /// Each reason's detail, encoded once per writer: reasons are shared by the rows they
        /// decide, so most are found by identity (no deep comparison, no hashing of the reason);
        /// an equal reason held elsewhere is found by value. Up to `limit` of each, then it
        /// starts again. The reasons are kept, so that an identity stays their own.
        private struct Details {
            static let limit = 1 << 16
            private var byIdentity: [ObjectIdentifier: Int] = [:]
            private var byValue: [Reason: Int] = [:]
            private var kept: [Reason] = []
            private var texts: [[UInt8]] = []

            mutating func bytes(_ reason: Reason) -> [UInt8] {
                if let i = byIdentity[reason.identity] { return texts[i] }
                if kept.count == Details.limit {
                    byIdentity.removeAll(keepingCapacity: true)
                    byValue.removeAll(keepingCapacity: true)
                    kept.removeAll(keepingCapacity: true)
                    texts.removeAll(keepingCapacity: true)
                }
                let i: Int
                if let known = byValue[reason] {
                    i = known
                } else {
                    i = texts.count
                    var text: [UInt8] = []
                    JSONText.appendQuoted(VerdictText.detail(reason), to: &text)
                    texts.append(text)
                    byValue[reason] = i
                }
                byIdentity[reason.identity] = i
                kept.append(reason)
                return texts[i]
            }
        }

        /// `slots` is the simulation's `nameSlots`.
        package init(slots: Int) {
            self.slots = Array(repeating: Encoded(), count: slots)
        }

        /// Appends a row with its name slot (as `forEachRow(of:_:)` gives them).
        package mutating func append(_ row: Row, slot: Int, to json: inout JSONText) {
            append(network: row.network, row.resource, row.endpoint, row.fqdn, slot, row.resolution, row.status, row.via,
                   row.reason, to: &json)
        }

        /// Appends a row of `network` from its parts (as `forEachRow(of:parts:)` lends them):
        /// nothing of them is copied but what changed since the row at the same position or of
        /// the same slot, and the resolution is read only when the slot's network changes.
        package mutating func append(network name: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind, _ fqdn: DNSName,
                                     _ slot: Int, _ resolution: @autoclosure () -> Resolution, _ status: Status, _ via: EndpointID?,
                                     _ reason: Reason, to json: inout JSONText) {
            start(name)
            RowWriter.refresh(&slots[slot], fqdn, resolution, generation)
            appendRest(resource, endpoint, slot, status, via, reason, to: &json)
        }

        /// The same, with the network's answer for the row's name (`forEachRow(of:parts:)`'s):
        /// a slot whose bytes encode that same answer object is not compared again.
        package mutating func append(network name: NetworkID, _ resource: ResourceID, _ endpoint: EndpointKind, _ fqdn: DNSName,
                                     _ slot: Int, _ answer: Simulation.Answer, _ status: Status, _ via: EndpointID?,
                                     _ reason: Reason, to json: inout JSONText) {
            start(name)
            if slots[slot].generation != generation {
                if let source = slots[slot].source, source === answer {
                    slots[slot].generation = generation
                } else {
                    RowWriter.refresh(&slots[slot], fqdn, { answer.resolution }, generation)
                    slots[slot].source = answer
                }
            }
            appendRest(resource, endpoint, slot, status, via, reason, to: &json)
        }

        /// Starts the rows of network `name` unless they are under way.
        private mutating func start(_ name: NetworkID) {
            guard RowWriter.differs(network, name) else { return }
            network = name
            networkBytes = Keys.network
            JSONText.appendQuoted(name, to: &networkBytes)
            networkBytes += Keys.resource
            generation += 1
            position = 0
        }

        /// The row's bytes after its slot is up to date: its position's parts, joined again only
        /// when one changed.
        private mutating func appendRest(_ resource: ResourceID, _ endpoint: EndpointKind, _ slot: Int, _ status: Status,
                                         _ via: EndpointID?, _ reason: Reason, to json: inout JSONText) {
            while positions.count <= position { positions.append(Position()) }
            RowWriter.refresh(&positions[position], resource, endpoint, status, via, reason, &details)
            let key = TailKey(slot: slot, slotVersion: slots[slot].version, position: positions[position].version)
            if positions[position].tailKey != key {
                var tail: [UInt8] = []
                swap(&tail, &positions[position].tail)   // unique, so its room is reused
                tail.removeAll(keepingCapacity: true)
                tail += positions[position].head
                tail += slots[slot].bytes
                tail += positions[position].verdict
                tail += positions[position].detailBytes
                tail.append(UInt8(ascii: "}"))
                positions[position].tail = tail
                positions[position].tailKey = key
            }
            json.value(networkBytes, positions[position].tail)
            position += 1
        }

        /// Brings a position up to date for a row.
        private static func refresh(_ entry: inout Position, _ resource: ResourceID, _ endpoint: EndpointKind,
                                    _ status: Status, _ via: EndpointID?, _ reason: Reason, _ details: inout Details) {
            if differs(entry.resource, resource) || differs(entry.endpoint, endpoint) {
                entry.resource = resource
                entry.endpoint = endpoint
                entry.head.removeAll(keepingCapacity: true)
                JSONText.appendQuoted(resource, to: &entry.head)
                entry.head += Keys.endpoint
                entry.head += MatrixJSON.quoted(endpoint)
                entry.version &+= 1
            }
            if differs(entry.via, via) || differs(entry.status, status) {
                entry.via = via
                entry.status = status
                entry.verdict.removeAll(keepingCapacity: true)
                MatrixJSON.writeVerdict(via, status, into: &entry.verdict)
                entry.version &+= 1
            }
            if entry.reason?.identity != reason.identity {
                // Networks reached the same way give a position equal reasons that are separate
                // stored values: compared here (strings of one world compare by storage at
                // first), they keep the bytes and the version, and spare the value's hash.
                if !differs(entry.reason, reason) {
                    entry.reason = reason
                    return
                }
                // The reason written before is kept among the earlier ones.
                if let last = entry.reason {
                    if entry.earlier.count < Position.recent {
                        entry.earlier.append((last, entry.detailBytes))
                    } else {
                        entry.earlier[entry.replace] = (last, entry.detailBytes)
                        entry.replace = (entry.replace + 1) % Position.recent
                    }
                }
                entry.reason = reason
                entry.version &+= 1
                for (kept, bytes) in entry.earlier where kept == reason {
                    entry.detailBytes = bytes
                    return
                }
                entry.detailBytes = details.bytes(reason)
            }
        }

        /// Brings a slot up to date for a row of the network of `generation`.
        private static func refresh(_ entry: inout Encoded, _ fqdn: DNSName, _ resolution: () -> Resolution, _ generation: Int) {
            guard entry.generation != generation else { return }
            entry.generation = generation
            entry.source = nil
            let resolution = resolution()
            let answer = resolution.outcome.address
            if differs(entry.fqdn, fqdn) || entry.answer != answer || entry.chain != resolution.chain {
                entry.fqdn = fqdn
                entry.chain = resolution.chain
                entry.answer = answer
                entry.bytes.removeAll(keepingCapacity: true)
                MatrixJSON.writeResolution(fqdn, resolution, into: &entry.bytes)
                entry.version &+= 1
            }
        }

        /// Whether a kept part differs from the row's: `kept != value` without Optional's
        /// generic `==` (a call through the protocol's witness for every comparison).
        @inline(__always)
        private static func differs<T: Equatable>(_ kept: T?, _ value: T) -> Bool {
            guard case .some(let k) = kept else { return true }
            return k != value
        }

        /// Statuses and endpoint kinds compared as the enumerations they are (the generic
        /// version called `==` through the protocol's witness).
        @inline(__always)
        private static func differs(_ kept: Status?, _ value: Status) -> Bool {
            guard case .some(let k) = kept else { return true }
            return k.ordinal != value.ordinal
        }

        @inline(__always)
        private static func differs(_ kept: EndpointKind?, _ value: EndpointKind) -> Bool {
            guard case .some(let k) = kept else { return true }
            return k != value
        }

        /// Kept identities, compared by name (`Identifier`'s `==` is generic over its tag, and
        /// was called through the protocol's witness).
        @inline(__always)
        private static func differs<Tag>(_ kept: Identifier<Tag>?, _ value: Identifier<Tag>) -> Bool {
            guard case .some(let k) = kept else { return true }
            return k.name != value.name
        }

        @inline(__always)
        private static func differs<Tag>(_ kept: Identifier<Tag>??, _ value: Identifier<Tag>?) -> Bool {
            guard case .some(let k) = kept else { return true }
            switch (k, value) {
            case (.none, .none): return false
            case (.some(let a), .some(let b)): return a.name != b.name
            default: return true
            }
        }
    }

    /// From the endpoint's value to the end of the row.
    private static func writeTail(_ row: Row, into out: inout [UInt8]) {
        JSONText.appendQuoted(row.endpoint.rawValue, to: &out)
        writeResolution(row.fqdn, row.resolution, into: &out)
        writeVerdict(row.via, row.status, into: &out)
        JSONText.appendQuoted(row.detail, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `,"fqdn":…,"chain":[…],"answer":…`
    private static func writeResolution(_ fqdn: DNSName, _ resolution: Resolution, into out: inout [UInt8]) {
        out.append(contentsOf: Keys.fqdn)
        JSONText.appendQuoted(fqdn.text, to: &out)
        out.append(contentsOf: Keys.chain)
        for (i, name) in resolution.chain.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(name.text, to: &out)
        }
        out.append(contentsOf: Keys.answer)
        if let answer = resolution.outcome.address { JSONText.appendQuoted(answer, to: &out) } else { out.append(contentsOf: Keys.null) }
    }

    /// `,"via":…,"status":…,"detail":` (the detail's value follows).
    private static func writeVerdict(_ via: EndpointID?, _ status: Status, into out: inout [UInt8]) {
        out.append(contentsOf: Keys.via)
        if let via { JSONText.appendQuoted(via, to: &out) } else { out.append(contentsOf: Keys.null) }
        out.append(contentsOf: Keys.status)
        out.append(contentsOf: quoted(status))
        out.append(contentsOf: Keys.detail)
    }

    /// A status and an endpoint kind as JSON strings, encoded once (in `allCases` order).
    private static let statuses: [[UInt8]] = Status.allCases.map { quote($0.rawValue) }
    private static let endpoints: [[UInt8]] = EndpointKind.allCases.map { quote($0.rawValue) }

    private static func quote(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONText.appendQuoted(text, to: &bytes)
        return bytes
    }

    static func quoted(_ status: Status) -> [UInt8] {
        let all = Status.allCases
        for (i, each) in all.enumerated() where each == status { return statuses[i] }
        return quote(status.rawValue)
    }

    static func quoted(_ kind: EndpointKind) -> [UInt8] {
        let all = EndpointKind.allCases
        for (i, each) in all.enumerated() where each == kind { return endpoints[i] }
        return quote(kind.rawValue)
    }

    private enum Keys {
        static let network = Array("{\"network\":".utf8)
        static let resource = Array(",\"resource\":".utf8)
        static let endpoint = Array(",\"endpoint\":".utf8)
        static let fqdn = Array(",\"fqdn\":".utf8)
        static let chain = Array(",\"chain\":[".utf8)
        static let answer = Array("],\"answer\":".utf8)
        static let via = Array(",\"via\":".utf8)
        static let status = Array(",\"status\":".utf8)
        static let detail = Array(",\"detail\":".utf8)
        static let null = Array("null".utf8)
    }
}
