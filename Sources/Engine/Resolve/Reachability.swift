/// How one network reaches another: directly, or through transit networks.
public struct NetworkPath: Hashable, Sendable {
    /// The networks strictly between the two ends, in order.
    public var via: [String]
    /// How the first hop is joined (nil when the two ends are one network).
    public var firstLink: LinkKind?
}

/// Which networks reach which (MODEL.md section 6): a path of peerings and connections whose
/// every intermediate network has `transit: true`.
public final class Reachability {
    private let neighbours: [String: [(String, LinkKind)]]
    private let transit: Set<String>
    private var cache: [String: [String: NetworkPath]] = [:]

    /// The same graph by index, for single paths: networks, neighbours (in name order), transit.
    private let index: [String: Int]
    private let names: [String]
    private let adjacent: [[(Int, LinkKind)]]
    private let isTransit: [Bool]
    /// Single paths found so far, by source × count + target.
    private var pairs: [Int: NetworkPath?] = [:]
    /// Breadth-first scratch: the search that last reached a network, and from where.
    private var seen: [Int]
    private var parent: [Int]
    private var link: [LinkKind?]
    private var searches = 0

    public init(world: World) {
        var neighbours: [String: [(String, LinkKind)]] = [:]
        for (pair, kind) in world.adjacency {
            neighbours[pair.a, default: []].append((pair.b, kind))
            neighbours[pair.b, default: []].append((pair.a, kind))
        }
        // Sorted, so that the path reported between two networks never depends on hashing.
        self.neighbours = neighbours.mapValues { $0.sorted { $0.0 < $1.0 } }
        self.transit = Set(world.networks.filter(\.transit).map(\.name))
        var index: [String: Int] = [:]
        var names: [String] = []
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
        self.seen = Array(repeating: -1, count: names.count)
        self.parent = Array(repeating: -1, count: names.count)
        self.link = Array(repeating: nil, count: names.count)
    }

    /// The path from `source` to `target`, or nil when `source` cannot reach it.
    public func path(from source: String, to target: String) -> NetworkPath? {
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
        seen[s] = mark
        var queue = [s]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for (next, kind) in adjacent[node] where seen[next] != mark {
                seen[next] = mark
                parent[next] = node
                link[next] = node == s ? kind : link[node]
                if next == t {
                    var via: [Int] = []
                    var hop = parent[t]
                    while hop != s { via.append(hop); hop = parent[hop] }
                    return NetworkPath(via: via.reversed().map { names[$0] }, firstLink: link[t])
                }
                if isTransit[next] { queue.append(next) }
            }
        }
        return nil
    }

    public func reaches(_ source: String, _ target: String) -> Bool { path(from: source, to: target) != nil }

    /// Every network `source` reaches, itself included, with the path to each.
    public func paths(from source: String) -> [String: NetworkPath] {
        if let known = cache[source] { return known }
        let paths = explore(from: source)
        cache[source] = paths
        return paths
    }

    /// Breadth-first from `source`, expanding only through transit networks.
    private func explore(from source: String) -> [String: NetworkPath] {
        var paths: [String: NetworkPath] = [source: NetworkPath(via: [], firstLink: nil)]
        var queue: [String] = [source]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            guard let here = paths[node] else { continue }
            for (next, kind) in neighbours[node] ?? [] where paths[next] == nil {
                let path = node == source
                    ? NetworkPath(via: [], firstLink: kind)
                    : NetworkPath(via: here.via + [node], firstLink: here.firstLink)
                paths[next] = path
                if transit.contains(next) { queue.append(next) }
            }
        }
        return paths
    }
}
