/// Evaluates a world: every network × resource × endpoint, resolved and judged.
///
/// Not thread-safe (its resolver memoises): one simulation serves one thread.
public struct Simulation {
    public let world: World
    public let resolver: Resolver
    private let privateRanges: [CIDR]
    /// Each scope's index in `world.scopes`, and per scope the names of its members.
    private let scopeIndex: [String: Int]
    private let members: [Set<String>]
    /// The rows' layout: resources, their endpoints, and the distinct names they ask.
    private let layout: Layout
    /// Answers worth sharing across networks (see `ViewAnswer`).
    private let cache = AnswerCache()

    public init(world: World) {
        self.init(world: world, resolver: Resolver(world: world))
    }

    /// A simulation whose resolver is given (one that reuses earlier answers).
    public init(world: World, resolver: Resolver) {
        self.world = world
        self.resolver = resolver
        self.privateRanges = IPv4Address.rfc1918 + world.networks.flatMap(\.addressSpace)
        var scopeIndex: [String: Int] = [:]
        for (i, scope) in world.scopes.enumerated() where scopeIndex[scope.name] == nil { scopeIndex[scope.name] = i }
        self.scopeIndex = scopeIndex
        self.members = world.scopes.map { Set($0.resources) }
        self.layout = Layout(world.liveResources)
    }

    /// Rows in FORMAT.md's order: networks in topology order; within a network the workspaces,
    /// then the components, in topology order; within a resource its endpoints in table order.
    public func rows(networks only: Set<String>? = nil) -> [Row] {
        var rows: [Row] = []
        forEachRow(networks: only) { rows.append($0) }
        return rows
    }

    /// Hands each row to `body` in FORMAT.md's order without keeping them: what a renderer
    /// that streams its output needs for a tenant of thousands of networks.
    public func forEachRow(networks only: Set<String>? = nil, _ body: (Row) throws -> Void) rethrows {
        for network in world.networks where only?.contains(network.name) ?? true {
            try forEachRow(of: network, body)
        }
    }

    /// The rows of one network, in FORMAT.md's order. Within a network a shared name
    /// (api.loganalytics.io, ...) resolves and means the same for every resource: it is resolved
    /// and explained once.
    public func forEachRow(of network: Network, _ body: (Row) throws -> Void) rethrows {
        var answers = [Answer?](repeating: nil, count: layout.names.count)
        let view = sharedView(of: network)
        var pathTexts: [String: String?] = [:]
        for (resource, cells) in zip(layout.resources, layout.cells) {
            for cell in cells {
                let answer: Answer
                if let known = answers[cell.name] {
                    answer = known
                } else {
                    answer = self.answer(cell.name, view: view, from: network, pathTexts: &pathTexts)
                    answers[cell.name] = answer
                }
                try body(row(network, resource, cell, answer))
            }
        }
    }

    /// Judges one endpoint of one resource from one network. The row's Azure DNS hops are shared
    /// with every network that sees the same zones, so they name no network (`""`): the row's
    /// own network is the one that asked. `Resolver.resolve(_:from:)` names it, for traces.
    public func row(_ network: Network, _ resource: Resource, _ kind: EndpointKind, _ fqdn: DNSName) -> Row {
        var pathTexts: [String: String?] = [:]
        let answer = self.answer(fqdn, from: network, pathTexts: &pathTexts)
        let verdict = judge(answer, resource, kind)
        return Row(network: network.name, resource: resource.name, resourceKind: resource.kind, endpoint: kind,
                   fqdn: fqdn, resolution: answer.resolution, status: verdict.status, via: verdict.via,
                   detail: verdict.detail)
    }

    private func row(_ network: Network, _ resource: Resource, _ cell: Layout.Cell, _ answer: Answer) -> Row {
        let verdict = judge(answer, resource, cell.kind)
        return Row(network: network.name, resource: resource.name, resourceKind: resource.kind, endpoint: cell.kind,
                   fqdn: cell.fqdn, resolution: answer.resolution, status: verdict.status, via: verdict.via,
                   detail: verdict.detail)
    }

    /// True for an address in any network's address space or in an RFC 1918 range.
    public func isPrivate(_ address: IPv4Address) -> Bool { privateRanges.contains { $0.contains(address) } }

    /// The resources in row order, each endpoint with the index of its name among the distinct
    /// names, so that a network's answers live in an array, not a dictionary.
    private struct Layout {
        struct Cell {
            var kind: EndpointKind
            var fqdn: DNSName
            var name: Int
        }
        var resources: [Resource] = []
        var cells: [[Cell]] = []
        var names: [DNSName] = []

        init(_ live: [Resource]) {
            var index: [DNSName: Int] = [:]
            for resource in live {
                resources.append(resource)
                cells.append(resource.endpoints.map { kind, fqdn in
                    let name = index[fqdn] ?? names.count
                    if name == names.count { index[fqdn] = name; names.append(fqdn) }
                    return Cell(kind: kind, fqdn: fqdn, name: name)
                })
            }
        }
    }

    /// What a resolution means from one network, before any resource is considered.
    struct Answer {
        var resolution: Resolution
        var meaning: Meaning
    }

    enum Meaning {
        /// NXDOMAIN, NODATA or SERVFAIL.
        case failed(Status, String)
        /// A private endpoint's address that the network cannot reach.
        case unroutable(endpoint: String, String)
        /// A private endpoint's address the network reaches (the scope's index, if it has one);
        /// the text says so.
        case endpoint(EndpointState, Scope?, Int?, String)
        /// A private address nobody holds.
        case dangling(String)
        /// A public address; `blocked` is the text when the network has no internet egress.
        case publicAddress(String, blocked: String?)
    }

    /// The answer to a name in one Azure DNS view, with the texts that do not depend on which
    /// network of the view asked: a thousand spokes linked to the same zones resolve and
    /// explain each name once between them.
    private struct ViewAnswer {
        var resolution: Resolution
        var said: String
        var owner: EndpointState?
        /// "…, address of pe1 in hub": the answer and its owner, before the path.
        var owned: String
        /// The last path text seen and the detail it made (spokes of one hub share it).
        var lastPath: String?
        var lastReached: String?
    }

    private final class AnswerCache {
        /// Per Azure DNS view, per name index.
        var views: [Int: [ViewAnswer?]] = [:]
    }

    /// The Azure DNS view whose answers a network shares with the others, or nil when its answers
    /// are its own (custom DNS, hosts entries, on-premises).
    private func sharedView(of network: Network) -> Int? {
        guard network.kind == .vnet, case .azure = network.dns, network.hosts.isEmpty else { return nil }
        return resolver.azureView(of: network.name)
    }

    /// MODEL.md section 6, the part that depends on the network and the answer only.
    private func answer(_ name: Int, view: Int?, from network: Network, pathTexts: inout [String: String?]) -> Answer {
        guard let view else {
            return answer(layout.names[name], from: network, pathTexts: &pathTexts)
        }
        let count = layout.names.count
        if cache.views[view] == nil { cache.views[view] = [ViewAnswer?](repeating: nil, count: count) }
        if cache.views[view]![name] == nil {
            cache.views[view]![name] = viewAnswer(resolver.resolve(layout.names[name], from: network.name, namingNetwork: false))
        }
        return meaning(of: &cache.views[view]![name]!, from: network, pathTexts: &pathTexts)
    }

    private func answer(_ fqdn: DNSName, from network: Network, pathTexts: inout [String: String?]) -> Answer {
        var once = viewAnswer(resolver.resolve(fqdn, from: network.name, namingNetwork: false))
        return meaning(of: &once, from: network, pathTexts: &pathTexts)
    }

    private func viewAnswer(_ resolution: Resolution) -> ViewAnswer {
        let said = Explain.answer(resolution)
        var owner: EndpointState?
        var owned = said
        if case .address(let address) = resolution.outcome, let endpoint = world.owner(of: address) {
            owner = endpoint
            owned = "\(said), address of \(endpoint.name) in \(endpoint.spec.network)"
        }
        return ViewAnswer(resolution: resolution, said: said, owner: owner, owned: owned)
    }

    private func meaning(of shared: inout ViewAnswer, from network: Network, pathTexts: inout [String: String?]) -> Answer {
        let resolution = shared.resolution
        guard case .address(let address) = resolution.outcome else {
            if case .servfail = resolution.outcome { return Answer(resolution: resolution, meaning: .failed(.servfail, shared.said)) }
            return Answer(resolution: resolution, meaning: .failed(.nxdomain, shared.said))
        }
        if let endpoint = shared.owner {
            let home = endpoint.spec.network
            let pathText: String?
            if let known = pathTexts[home] {
                pathText = known
            } else {
                pathText = resolver.reachability.path(from: network.name, to: home).map(Explain.path)
                pathTexts[home] = pathText
            }
            guard let pathText else {
                return Answer(resolution: resolution,
                              meaning: .unroutable(endpoint: endpoint.name, "\(shared.owned); \(network.name) has no route to \(home)"))
            }
            let reached: String
            if let last = shared.lastReached, shared.lastPath == pathText {
                reached = last
            } else {
                reached = shared.owned + pathText
                shared.lastPath = pathText
                shared.lastReached = reached
            }
            let scope = scopeIndex[endpoint.spec.scope]
            return Answer(resolution: resolution,
                          meaning: .endpoint(endpoint, scope.map { world.scopes[$0] }, scope, reached))
        }
        if isPrivate(address) {
            return Answer(resolution: resolution, meaning: .dangling("\(shared.said), a private address that no private endpoint holds"))
        }
        let blocked = network.internetEgress ? nil : "\(shared.said), a public address; \(network.name) has no internet egress"
        return Answer(resolution: resolution, meaning: .publicAddress("\(shared.said), a public address", blocked: blocked))
    }

    /// MODEL.md section 6: from an answer to a verdict for one resource and endpoint.
    private func judge(_ answer: Answer, _ resource: Resource, _ kind: EndpointKind) -> (status: Status, via: String?, detail: String) {
        let category = kind.category
        switch answer.meaning {
        case .failed(let status, let text):
            return (status, nil, text)
        case .unroutable(let endpoint, let text):
            return (.unroutable, endpoint, text)
        case .dangling(let text):
            return (.dangling, nil, text)
        case .publicAddress(let text, let blocked):
            if let blocked { return (.egressBlocked, nil, blocked) }
            if !resource.allowsPublic(category) {
                return (.publicDenied, nil, "\(text); \(resource.name) denies public \(category.rawValue)")
            }
            return (.public, nil, text)
        case .endpoint(let endpoint, let scope, let index, let reached):
            guard let scope, let index else { return (.notInScope, endpoint.name, reached) }
            if members[index].contains(resource.name) {
                return (.private, endpoint.name, reached)
            }
            var detail = reached
            detail += "; "
            detail += scope.name
            detail += " does not hold "
            detail += resource.name
            if kind.isResourceSpecific {
                detail += ", and the "
                detail += kind.rawValue
                detail += " name is the workspace's own"
                return (.notInScope, endpoint.name, detail)
            }
            let mode = scope.mode(for: category, through: endpoint.name)
            let excluded = scope.exclusions.contains { $0.endpoint == endpoint.name } ? " (exclusion for \(endpoint.name))" : ""
            let modeText = "its \(category.rawValue) mode is \(mode.rawValue)\(excluded)"
            if mode == .privateOnly {
                return (.notInScope, endpoint.name, "\(detail) and \(modeText)")
            }
            if resource.allowsPublic(category) {
                return (.public, endpoint.name, "\(detail); \(modeText) and \(resource.name) accepts public \(category.rawValue)")
            }
            return (.publicDenied, endpoint.name, "\(detail); \(modeText) but \(resource.name) denies public \(category.rawValue)")
        }
    }
}
