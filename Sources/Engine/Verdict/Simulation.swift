/// Evaluates a world: every network × resource × endpoint, resolved and judged, each row with
/// its `Reason` (data: the words are `AmplsimRender`'s).
///
/// A final class, not a value: its resolver memoises answers and it caches per-view answers and
/// verdicts as it goes (mutable state that copies would share anyway). Not thread-safe: one
/// simulation serves one thread (`ParallelRows` gives each worker its own).
package final class Simulation {
    package let world: World
    package let resolver: Resolver
    private let privateRanges: [CIDR]
    /// Each scope's index in `world.scopes`, and per scope the names of its members.
    private let scopeIndex: [ScopeID: Int]
    private let members: [Set<ResourceID>]
    /// Per scope, per resource of the layout: a member? (Only when the table is small enough;
    /// otherwise `members` answers.)
    private let memberTable: [[Bool]]?
    /// The rows' layout: resources, their endpoints, and the distinct names they ask.
    let layout: Layout
    /// Answers worth sharing across networks (see `ViewAnswer`).
    private let cache = AnswerCache()

    package convenience init(world: World) {
        self.init(world: world, resolver: Resolver(world: world))
    }

    /// A simulation whose resolver is given (one that reuses earlier answers).
    package convenience init(world: World, resolver: Resolver) {
        self.init(world: world, resolver: resolver, base: nil)
    }

    /// A simulation of a world with the same networks and resources as `base`'s (a hypothetical
    /// change away from it): the rows' layout and the private ranges are taken from `base`, the
    /// resources' current flags from `world`.
    init(world: World, resolver: Resolver, base: Simulation?) {
        self.world = world
        self.resolver = resolver
        let live = world.liveResources
        let layout: Layout
        if let base, base.world.networks.count == world.networks.count,
           base.layout.resources.count == live.count, zip(base.layout.resources, live).allSatisfy({ $0.name == $1.name }) {
            self.privateRanges = base.privateRanges
            var reused = base.layout
            reused.resources = live
            layout = reused
        } else {
            self.privateRanges = IPv4Address.rfc1918 + world.networks.flatMap(\.addressSpace)
            layout = Layout(live)
        }
        var scopeIndex: [ScopeID: Int] = [:]
        for (i, scope) in world.scopes.enumerated() where scopeIndex[scope.name] == nil { scopeIndex[scope.name] = i }
        self.scopeIndex = scopeIndex
        let members = world.scopes.map { Set($0.resources) }
        self.members = members
        self.layout = layout
        self.memberTable = members.count * layout.resources.count <= 1 << 22
            ? members.map { set in layout.resources.map { set.contains($0.name) } } : nil
    }

    /// Rows in the row order of Docs/topology.md: networks in topology order; within a network the workspaces,
    /// then the components, in topology order; within a resource its endpoints in table order.
    package func rows(networks only: Set<NetworkID>? = nil) -> [Row] {
        var rows: [Row] = []
        forEachRow(networks: only) { rows.append($0) }
        return rows
    }

    /// Hands each row to `body` in the row order of Docs/topology.md without keeping them: what a renderer
    /// that streams its output needs for a tenant of thousands of networks.
    package func forEachRow(networks only: Set<NetworkID>? = nil, _ body: (Row) throws -> Void) rethrows {
        for network in world.networks where only?.contains(network.name) ?? true {
            try forEachRow(of: network, body)
        }
    }

    /// The rows of one network, in the row order of Docs/topology.md. Within a network a shared name
    /// (api.loganalytics.io, ...) resolves and means the same for every resource: it is resolved
    /// and judged once.
    package func forEachRow(of network: Network, _ body: (Row) throws -> Void) rethrows {
        try forEachRow(of: network) { row, _ in try body(row) }
    }

    /// The number of distinct names the rows of one network ask (the bound of `forEachRow`'s
    /// name slots).
    package var nameSlots: Int { layout.names.count }

    /// The rows of one network with each row's name slot: the index of its name among the
    /// distinct names the rows ask, the same in every network. Within one network the rows of a
    /// slot share their resolution, which lets a renderer encode it once.
    package func forEachRow(of network: Network, _ body: (Row, _ nameSlot: Int) throws -> Void) rethrows {
        try forEachRow(of: network) { resource, resourceKind, endpoint, fqdn, slot, answer, status, via, reason in
            try body(Row(network: network.name, resource: resource, resourceKind: resourceKind, endpoint: endpoint,
                         fqdn: fqdn, resolution: answer.resolution, status: status, via: via, reason: reason), slot)
        }
    }

    /// One row's parts, lent to the body for the call: the resource and its kind, the endpoint,
    /// the name asked and its name slot, the network's answer for the name (its `resolution`; a
    /// reference, so that a body that reads it only when the slot changes copies nothing), and
    /// the verdict (status, the endpoint that holds the answer, the reason). A writer that keeps its encodings by row position and
    /// name slot takes these, and no `Row` is made and dropped per row (its strings retained and
    /// released).
    package typealias RowParts = (_ resource: ResourceID, _ resourceKind: ResourceKind, _ endpoint: EndpointKind,
                                  _ fqdn: DNSName, _ nameSlot: Int, _ answer: Answer, _ status: Status,
                                  _ via: EndpointID?, _ reason: Reason) throws -> Void

    /// The rows of one network as their parts (`RowParts`): the rows of `forEachRow(of:_:)`, in
    /// its order.
    package func forEachRow(of network: Network, parts body: RowParts) rethrows {
        var answers = [Answer?](repeating: nil, count: layout.names.count)
        let shared = sharedView(of: network).map(viewAnswers)
        var paths = Paths()
        for (r, (resource, cells)) in zip(layout.resources, layout.cells).enumerated() {
            // The cells read in place (a copy of each retained its name).
            try cells.withUnsafeBufferPointer { cells in
                for e in cells.indices {
                    let name = cells[e].name
                    if answers[name] == nil {
                        answers[name] = self.answer(name, shared: shared, from: network, paths: &paths)
                    }
                    guard let answer = answers[name] else { continue }
                    let verdict = judge(answer, resource, (r, e), cells[e].kind)
                    try body(resource.name, resource.kind, cells[e].kind, cells[e].fqdn, name, answer,
                             verdict.status, verdict.via, verdict.reason)
                }
            }
        }
    }

    /// Judges one endpoint of one resource from one network. The row's Azure DNS hops are shared
    /// with every network that sees the same zones, so they name no network (`""`): the row's
    /// own network is the one that asked. `Resolver.resolve(_:from:)` names it, for traces.
    package func row(_ network: Network, _ resource: Resource, _ kind: EndpointKind, _ fqdn: DNSName) -> Row {
        var paths = Paths()
        let answer = self.answer(fqdn, from: network, paths: &paths)
        let verdict = judge(answer, resource, nil, kind)
        return Row(network: network.name, resource: resource.name, resourceKind: resource.kind, endpoint: kind,
                   fqdn: fqdn, resolution: answer.resolution, status: verdict.status, via: verdict.via,
                   reason: verdict.reason)
    }

    /// A row from an answer already computed for its network and name.
    func row(_ network: Network, _ resource: Resource, _ kind: EndpointKind, _ fqdn: DNSName, _ answer: Answer) -> Row {
        let verdict = judge(answer, resource, nil, kind)
        return Row(network: network.name, resource: resource.name, resourceKind: resource.kind, endpoint: kind,
                   fqdn: fqdn, resolution: answer.resolution, status: verdict.status, via: verdict.via,
                   reason: verdict.reason)
    }

    /// The rows of one network: one per endpoint of every live resource.
    package var rowsPerNetwork: Int { layout.cells.reduce(0) { $0 + $1.count } }

    /// True for an address in any network's address space or in an RFC 1918 range.
    func isPrivate(_ address: IPv4Address) -> Bool { privateRanges.contains { $0.contains(address) } }

    /// The resources in row order, each endpoint with the index of its name among the distinct
    /// names, so that a network's answers live in an array, not a dictionary.
    struct Layout {
        struct Cell {
            var kind: EndpointKind
            var fqdn: DNSName
            var name: Int
        }
        var resources: [Resource] = []
        var cells: [[Cell]] = []
        var names: [DNSName] = []
        var nameIndex: [DNSName: Int] = [:]

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
            nameIndex = index
        }
    }

    /// What a resolution means from one network, before any resource is considered, and the
    /// reason of the rows it decides alone (for an endpoint's address: the reason of a member).
    ///
    /// A class: a network's answers are looked up once per row, and a reference is one retain
    /// where a copy of the value retained each of its parts.
    package final class Answer {
        package let resolution: Resolution
        /// The answered address, if the resolution ended in one (`Row.answer`).
        package let address: IPv4Address?
        let meaning: Meaning
        let reason: Reason

        init(resolution: Resolution, meaning: Meaning, reason: Reason) {
            self.resolution = resolution
            address = resolution.outcome.address
            self.meaning = meaning
            self.reason = reason
        }
    }

    enum Meaning {
        /// NXDOMAIN, NODATA or SERVFAIL.
        case failed(Status)
        /// A private endpoint's address that the network cannot reach.
        case unroutable(endpoint: EndpointID)
        /// A private endpoint's address the network reaches (its scope's index in `world.scopes`,
        /// if the scope exists).
        case endpoint(name: EndpointID, scope: Int?)
        /// A private address nobody holds.
        case dangling
        /// A public address; `blocked` when the network has no internet egress.
        case publicAddress(blocked: Bool)
    }

    /// The answer to a name in one Azure DNS view, with what does not depend on which network of
    /// the view asked: a thousand spokes linked to the same zones resolve each name once between
    /// them, and share the reasons of those reached the same way.
    /// One network's paths to the networks of the endpoints its answers name, each found once;
    /// the last one asked is compared first (most names of a view are answered by one network's
    /// endpoints), before the look-up by name.
    package struct Paths {
        fileprivate var last: (to: NetworkID, path: NetworkPath?)?
        fileprivate var known: [NetworkID: NetworkPath?] = [:]

        package init() {}
    }

    fileprivate struct ViewAnswer {
        var resolution: Resolution
        /// The reason when it does not depend on the network (no address, dangling, public).
        var reason: Reason
        /// The endpoint holding the answered address, its network, and its scope's index.
        var owner: Reason.EndpointPlace?
        var scope: Int?
        /// The last path seen to the owner, and the reason and answer it made (spokes of one
        /// hub share them).
        var lastPath: NetworkPath?
        var lastReachedAnswer: Answer?
        /// The answer when it does not depend on the network (no address, dangling, public and
        /// allowed): one object for every network of the view (an `Answer` is immutable).
        var commonAnswer: Answer?

        /// That answer, made with `meaning` the first time (a view's resolution has one such
        /// meaning: the kind follows from its outcome, and egress is checked before).
        mutating func common(_ meaning: Meaning) -> Answer {
            if let commonAnswer { return commonAnswer }
            let answer = Answer(resolution: resolution, meaning: meaning, reason: reason)
            commonAnswer = answer
            return answer
        }
    }

    /// What a simulation keeps as it goes. Its properties are exempt from the runtime's
    /// exclusivity checks (a check a row cost some 130 instructions): one simulation serves one
    /// thread, and no access to them overlaps another.
    private final class AnswerCache {
        /// Per Azure DNS view.
        @exclusivity(unchecked) var views: [Int: ViewAnswers] = [:]
        /// Per resource of the layout and endpoint of the resource: the last verdict outside a
        /// scope (the same for every network whose answer leads to that scope's endpoint).
        @exclusivity(unchecked) var outside: [[Outside?]] = []
        /// Per resource and endpoint: the last reason made from an answer's (`base`) for the
        /// resource (outside the scope, public access denied), reused while the answer's is
        /// the same stored reason.
        @exclusivity(unchecked) var derived: [[(base: Reason, made: Reason)?]] = []
    }

    /// A verdict for a resource outside the scope of the endpoint that answers: the status, and
    /// the rule that decides it.
    fileprivate struct Outside {
        var scope: Int
        var endpoint: EndpointID
        var status: Status
        var reason: Reason.OutsideScope
    }

    /// One view's answers, per name index (a class: updated in place, never copied).
    fileprivate final class ViewAnswers {
        @exclusivity(unchecked) fileprivate var items: [ViewAnswer?]
        init(count: Int) { items = Array(repeating: nil, count: count) }
    }

    fileprivate func viewAnswers(_ view: Int) -> ViewAnswers {
        if let known = cache.views[view] { return known }
        let made = ViewAnswers(count: layout.names.count)
        cache.views[view] = made
        return made
    }

    /// The Azure DNS view whose answers a network shares with the others, or nil when its answers
    /// are its own (custom DNS, hosts entries, on-premises).
    package func sharedView(of network: Network) -> Int? {
        guard network.hosts.isEmpty else { return nil }
        switch network.dns {
        case .azure:
            guard network.kind == .vnet else { return nil }
            return resolver.azureView(of: network.name)
        case .address(let address):
            // Clients that ask one resolver's inbound endpoint, and reach it, all get the answers
            // of Azure DNS in the resolver's network: one view between them (keyed apart from
            // the Azure DNS views, by a negative number).
            guard case .inbound(_, let home)? = world.holder(of: address), address != .azureDNS,
                  let view = resolver.azureView(of: home), resolver.reachability.reaches(network.name, home),
                  let slot = world.resolvers.firstIndex(where: { $0.inbound.contains(address) }) else { return nil }
            return -1 - (view * (world.resolvers.count + 1) + slot)
        case .server:
            return nil
        }
    }

    /// Docs/model.md#verdicts, the part that depends on the network and the answer only.
    private func answer(_ name: Int, shared: ViewAnswers?, from network: Network, paths: inout Paths) -> Answer {
        guard let shared else { return answer(layout.names[name], from: network, paths: &paths) }
        if shared.items[name] == nil {
            shared.items[name] = viewAnswer(resolver.resolve(layout.names[name], from: network.name, namingNetwork: false))
        }
        return meaning(of: &shared.items[name]!, from: network, paths: &paths)
    }

    /// One network's answer to a name: through the view's shared answers when `view` (the
    /// network's `sharedView`) is given and the name is one of the layout's.
    func answer(_ fqdn: DNSName, view: Int?, from network: Network, paths: inout Paths) -> Answer {
        if let view, let name = layout.nameIndex[fqdn] {
            return answer(name, shared: viewAnswers(view), from: network, paths: &paths)
        }
        return answer(fqdn, from: network, paths: &paths)
    }

    private func answer(_ fqdn: DNSName, from network: Network, paths: inout Paths) -> Answer {
        var once = viewAnswer(resolver.resolve(fqdn, from: network.name, namingNetwork: false))
        return meaning(of: &once, from: network, paths: &paths)
    }

    private func viewAnswer(_ resolution: Resolution) -> ViewAnswer {
        let hop = resolution.answeringHop
        let outcome = resolution.outcome
        guard case .address(let address) = outcome else {
            return ViewAnswer(resolution: resolution, reason: Reason(answeredBy: hop, outcome: outcome, meaning: .noAddress))
        }
        guard let endpoint = world.owner(of: address) else {
            let meaning: Reason.Meaning = isPrivate(address) ? .dangling : .publicAddress(.allowed)
            return ViewAnswer(resolution: resolution, reason: Reason(answeredBy: hop, outcome: outcome, meaning: meaning))
        }
        // The reason is the path's, made per network; this one is a placeholder the owner replaces.
        return ViewAnswer(resolution: resolution, reason: Reason(answeredBy: hop, outcome: outcome, meaning: .noAddress),
                          owner: Reason.EndpointPlace(endpoint: endpoint.name, network: endpoint.spec.network),
                          scope: scopeIndex[endpoint.spec.scope])
    }

    private func meaning(of shared: inout ViewAnswer, from network: Network, paths: inout Paths) -> Answer {
        let resolution = shared.resolution
        guard case .address(let address) = resolution.outcome else {
            let status: Status
            if case .servfail = resolution.outcome { status = .servfail } else { status = .nxdomain }
            return shared.common(.failed(status))
        }
        if let owner = shared.owner {
            let path: NetworkPath?
            if let last = paths.last, last.to.name == owner.network.name {
                path = last.path
            } else if let known = paths.known[owner.network] {
                path = known
                paths.last = (owner.network, known)
            } else {
                path = resolver.reachability.path(from: network.name, to: owner.network)
                paths.known[owner.network] = path
                paths.last = (owner.network, path)
            }
            guard let path else {
                return Answer(resolution: resolution, meaning: .unroutable(endpoint: owner.endpoint),
                              reason: shared.reason.with(.unroutable(owner, client: network.name)))
            }
            if let last = shared.lastReachedAnswer, shared.lastPath == path { return last }
            let reached = shared.reason.with(.reached(owner, path: path, scope: shared.scope == nil ? .noScope : .member))
            let answer = Answer(resolution: resolution, meaning: .endpoint(name: owner.endpoint, scope: shared.scope), reason: reached)
            shared.lastPath = path
            shared.lastReachedAnswer = answer
            return answer
        }
        if isPrivate(address) { return shared.common(.dangling) }
        guard network.internetEgress else {
            return Answer(resolution: resolution, meaning: .publicAddress(blocked: true),
                          reason: shared.reason.with(.publicAddress(.noEgress(network: network.name))))
        }
        return shared.common(.publicAddress(blocked: false))
    }

    /// Docs/model.md#verdicts: from an answer to a verdict for one resource and endpoint. `cell` is
    /// the row's place in the layout (resource index, endpoint index), when known.
    private func judge(_ answer: Answer, _ resource: Resource, _ cell: (r: Int, e: Int)?,
                       _ kind: EndpointKind) -> (status: Status, via: EndpointID?, reason: Reason) {
        let category = kind.category
        switch answer.meaning {
        case .failed(let status):
            return (status, nil, answer.reason)
        case .unroutable(let endpoint):
            return (.unroutable, endpoint, answer.reason)
        case .dangling:
            return (.dangling, nil, answer.reason)
        case .publicAddress(let blocked):
            if blocked { return (.egressBlocked, nil, answer.reason) }
            if !resource.allowsPublic(category) {
                let reason = derived(answer.reason, cell) {
                    $0.with(.publicAddress(.denied(resource: resource.name, category: category)))
                }
                return (.publicDenied, nil, reason)
            }
            return (.public, nil, answer.reason)
        case .endpoint(let endpoint, let index):
            guard let index else { return (.notInScope, endpoint, answer.reason) }
            let member = cell.flatMap { cell in memberTable.map { $0[index][cell.r] } } ?? members[index].contains(resource.name)
            if member { return (.private, endpoint, answer.reason) }
            let verdict: Outside
            if let cell {
                if cache.outside.isEmpty { cache.outside = layout.cells.map { [Outside?](repeating: nil, count: $0.count) } }
                if let known = cache.outside[cell.r][cell.e], known.scope == index, known.endpoint == endpoint {
                    verdict = known
                } else {
                    verdict = outside(index, endpoint, resource, kind)
                    cache.outside[cell.r][cell.e] = verdict
                }
            } else {
                verdict = outside(index, endpoint, resource, kind)
            }
            let reason = derived(answer.reason, cell) { base in
                guard case .reached(let owner, let path, _) = base.meaning else { return base }
                return base.with(.reached(owner, path: path, scope: .outside(verdict.reason)))
            }
            return (verdict.status, endpoint, reason)
        }
    }

    /// A reason made for one cell from an answer's reason: made again only when the answer's is
    /// another stored reason than last time (the cache keeps `base` alive, so identity is safe).
    /// Within one simulation the world does not change, so the same base makes the same reason.
    private func derived(_ base: Reason, _ cell: (r: Int, e: Int)?, _ make: (Reason) -> Reason) -> Reason {
        guard let cell else { return make(base) }
        if cache.derived.isEmpty { cache.derived = layout.cells.map { [(base: Reason, made: Reason)?](repeating: nil, count: $0.count) } }
        if let known = cache.derived[cell.r][cell.e], known.base.isIdentical(to: base) { return known.made }
        let made = make(base)
        cache.derived[cell.r][cell.e] = (base, made)
        return made
    }

    /// Docs/model.md#verdicts for a resource outside the scope whose endpoint answers.
    private func outside(_ index: Int, _ endpoint: EndpointID, _ resource: Resource, _ kind: EndpointKind) -> Outside {
        let scope = world.scopes[index]
        let category = kind.category
        func verdict(_ status: Status, _ rule: Reason.OutsideScope.Rule) -> Outside {
            Outside(scope: index, endpoint: endpoint, status: status,
                    reason: Reason.OutsideScope(scope: scope.name, resource: resource.name, rule: rule))
        }
        if resource.isResourceSpecific(kind) {
            return verdict(.notInScope, .ownName(kind, resource.kind))
        }
        let mode = scope.mode(for: category, through: endpoint)
        let excluded = scope.exclusions.contains { $0.endpoint == endpoint }
        let accepts = resource.allowsPublic(category)
        let rule = Reason.OutsideScope.Rule.mode(category, mode, excluded: excluded, resourceAcceptsPublic: accepts)
        if mode == .privateOnly { return verdict(.notInScope, rule) }
        return verdict(accepts ? .public : .publicDenied, rule)
    }
}
