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

    public init(world: World) {
        var neighbours: [String: [(String, LinkKind)]] = [:]
        for (pair, kind) in world.adjacency {
            neighbours[pair.a, default: []].append((pair.b, kind))
            neighbours[pair.b, default: []].append((pair.a, kind))
        }
        // Sorted, so that the path reported between two networks never depends on hashing.
        self.neighbours = neighbours.mapValues { $0.sorted { $0.0 < $1.0 } }
        self.transit = Set(world.networks.filter(\.transit).map(\.name))
    }

    /// The path from `source` to `target`, or nil when `source` cannot reach it.
    public func path(from source: String, to target: String) -> NetworkPath? {
        if source == target { return NetworkPath(via: [], firstLink: nil) }
        if let known = cache[source] { return known[target] }
        let paths = explore(from: source)
        cache[source] = paths
        return paths[target]
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
