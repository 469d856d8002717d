/// How one network reaches another: directly, or through transit networks.
package struct NetworkPath: Hashable, Sendable {
    /// The networks strictly between the two ends, in order.
    package var via: [NetworkID]
    /// How the first hop is joined (nil when the two ends are one network).
    package var firstLink: LinkKind?
}

/// Which networks reach which (Docs/model.md#verdicts): a path of peerings and connections whose
/// every intermediate network lets it through: `transit: true`, or `gatewayTransit: true` when the
/// path enters by a connection and leaves by a peering, or the other way round.
///
/// The searches run over (network, how the path entered it) states, so that a gateway hub reached
/// by a peering can still be passed when it is reached by a connection.
package final class Reachability {
    private let neighbours: [NetworkID: [(NetworkID, LinkKind)]]
    private let transit: Set<NetworkID>
    private let gatewayTransit: Set<NetworkID>
    private var cache: [NetworkID: [NetworkID: NetworkPath]] = [:]

    /// The same graph by index, for single paths: networks, neighbours (in name order), transit.
    private let index: [NetworkID: Int]
    private let names: [NetworkID]
    private let adjacent: [[(Int, LinkKind)]]
    private let isTransit: [Bool]
    private let isGateway: [Bool]
    /// Single paths found so far, by source × count + target.
    private var pairs: [Int: NetworkPath?] = [:]
    /// Breadth-first scratch, per state (network × 2 + 1 when entered by a connection): the
    /// search that last reached it, the state it came from, and the path's first link.
    private var seen: [Int]
    private var parent: [Int]
    private var link: [LinkKind?]
    private var searches = 0

    package init(world: World) {
        var neighbours: [NetworkID: [(NetworkID, LinkKind)]] = [:]
        for (pair, kind) in world.adjacency {
            neighbours[pair.a, default: []].append((pair.b, kind))
            neighbours[pair.b, default: []].append((pair.a, kind))
        }
        // Sorted, so that the path reported between two networks never depends on hashing.
        self.neighbours = neighbours.mapValues { $0.sorted { $0.0 < $1.0 } }
        self.transit = Set(world.networks.filter(\.transit).map(\.name))
        self.gatewayTransit = Set(world.networks.filter(\.gatewayTransit).map(\.name))
        var index: [NetworkID: Int] = [:]
        var names: [NetworkID] = []
        for network in world.networks where index[network.name] == nil {
            index[network.name] = names.count
            names.append(network.name)
        }
        for (name, _) in self.neighbours where index[name] == nil {
            index[name] = names.count
            names.append(name)
        }
        self.index = index
        self.names = names
        let sorted = self.neighbours
        self.adjacent = names.map { name in (sorted[name] ?? []).map { (index[$0.0]!, $0.1) } }
        let transit = self.transit
        self.isTransit = names.map { transit.contains($0) }
        let gateways = self.gatewayTransit
        self.isGateway = names.map { gateways.contains($0) }
        self.seen = Array(repeating: -1, count: names.count * 2)
        self.parent = Array(repeating: -1, count: names.count * 2)
        self.link = Array(repeating: nil, count: names.count * 2)
    }

    /// The reachability of a world that differs from `base`'s by one peering or connection
    /// (`kind` nil: removed) between two networks `base` knows. Nothing `base` remembered is kept.
    init(_ base: Reachability, setting pair: NetworkPair, to kind: LinkKind?) {
        var neighbours = base.neighbours
        var adjacent = base.adjacent
        for (side, other) in [(pair.a, pair.b), (pair.b, pair.a)] {
            var list = (neighbours[side] ?? []).filter { $0.0 != other }
            if let kind { list.append((other, kind)); list.sort { $0.0 < $1.0 } }
            neighbours[side] = list
            if let i = base.index[side] { adjacent[i] = list.compactMap { entry in base.index[entry.0].map { ($0, entry.1) } } }
        }
        self.neighbours = neighbours
        self.transit = base.transit
        self.gatewayTransit = base.gatewayTransit
        self.index = base.index
        self.names = base.names
        self.adjacent = adjacent
        self.isTransit = base.isTransit
        self.isGateway = base.isGateway
        self.seen = Array(repeating: -1, count: base.names.count * 2)
        self.parent = Array(repeating: -1, count: base.names.count * 2)
        self.link = Array(repeating: nil, count: base.names.count * 2)
    }

    /// True when both networks are in the graph (`init(_:setting:to:)` can update it).
    func knows(_ pair: NetworkPair) -> Bool { index[pair.a] != nil && index[pair.b] != nil }

    /// May a path that entered `node` by `entered` leave it by `leaving`?
    private static func passes(transit: Bool, gateway: Bool, entered: LinkKind, leaving: LinkKind) -> Bool {
        transit || (gateway && entered != leaving)
    }

    private static func state(_ node: Int, _ kind: LinkKind) -> Int { node * 2 + (kind == .connection ? 1 : 0) }

    /// The path from `source` to `target`, or nil when `source` cannot reach it.
    package func path(from source: NetworkID, to target: NetworkID) -> NetworkPath? {
        if source == target { return NetworkPath(via: [], firstLink: nil) }
        if let known = cache[source] { return known[target] }
        guard let s = index[source], let t = index[target] else { return nil }
        let key = s * adjacent.count + t
        if let known = pairs[key] { return known }
        let found = search(s, t)
        pairs[key] = found
        return found
    }

    /// Breadth-first from `s` until `t` is reached, in the order `explore` visits (so the path is
    /// the one `paths(from:)` reports): one search per pair instead of every path from a source.
    private func search(_ s: Int, _ t: Int) -> NetworkPath? {
        searches += 1
        let mark = searches
        var queue: [Int] = []
        var head = 0
        // The source's neighbours first, then states beyond them.
        for (next, kind) in adjacent[s] {
            let st = Self.state(next, kind)
            guard seen[st] != mark else { continue }
            seen[st] = mark
            parent[st] = -1
            link[st] = kind
            if next == t { return NetworkPath(via: [], firstLink: kind) }
            queue.append(st)
        }
        while head < queue.count {
            let st = queue[head]
            head += 1
            let node = st / 2
            let entered: LinkKind = st % 2 == 1 ? .connection : .peering
            guard isTransit[node] || isGateway[node] else { continue }
            for (next, kind) in adjacent[node] where next != s {
                guard Self.passes(transit: isTransit[node], gateway: isGateway[node], entered: entered, leaving: kind) else { continue }
                let ns = Self.state(next, kind)
                guard seen[ns] != mark else { continue }
                seen[ns] = mark
                parent[ns] = st
                link[ns] = link[st]
                if next == t {
                    var via: [Int] = []
                    var hop = st
                    while hop >= 0 { via.append(hop / 2); hop = parent[hop] }
                    return NetworkPath(via: via.reversed().map { names[$0] }, firstLink: link[ns])
                }
                queue.append(ns)
            }
        }
        return nil
    }

    package func reaches(_ source: NetworkID, _ target: NetworkID) -> Bool { path(from: source, to: target) != nil }

    /// Every network `source` reaches, itself included, with the path to each.
    package func paths(from source: NetworkID) -> [NetworkID: NetworkPath] {
        if let known = cache[source] { return known }
        let paths = explore(from: source)
        cache[source] = paths
        return paths
    }

    /// A network as a search reached it: by a peering or by a connection.
    private struct State: Hashable {
        var network: NetworkID
        var entered: LinkKind
    }

    /// Breadth-first from `source`, expanding only through networks that let the path through.
    private func explore(from source: NetworkID) -> [NetworkID: NetworkPath] {
        var paths: [NetworkID: NetworkPath] = [source: NetworkPath(via: [], firstLink: nil)]
        // States: (network, how it was entered), with the path that reached it.
        var seen = Set<State>()
        var queue: [(NetworkID, LinkKind, NetworkPath)] = []
        var head = 0
        for (next, kind) in neighbours[source] ?? [] where next != source {
            let path = NetworkPath(via: [], firstLink: kind)
            if paths[next] == nil { paths[next] = path }
            if seen.insert(State(network: next, entered: kind)).inserted { queue.append((next, kind, path)) }
        }
        while head < queue.count {
            let (node, entered, here) = queue[head]
            head += 1
            let isTransit = transit.contains(node), isGateway = gatewayTransit.contains(node)
            guard isTransit || isGateway else { continue }
            for (next, kind) in neighbours[node] ?? [] where next != source {
                guard Self.passes(transit: isTransit, gateway: isGateway, entered: entered, leaving: kind) else { continue }
                guard seen.insert(State(network: next, entered: kind)).inserted else { continue }
                let path = NetworkPath(via: here.via + [node], firstLink: here.firstLink)
                if paths[next] == nil { paths[next] = path }
                queue.append((next, kind, path))
            }
        }
        return paths
    }
}
