/// Evaluates a world: every network × resource × endpoint, resolved and judged.
public struct Simulation {
    public let world: World
    public let resolver: Resolver
    private let privateRanges: [CIDR]
    /// Each scope's members, for constant-time membership.
    private let members: [String: Set<String>]

    public init(world: World) {
        self.init(world: world, resolver: Resolver(world: world))
    }

    /// A simulation whose resolver is given (one that reuses earlier answers).
    public init(world: World, resolver: Resolver) {
        self.world = world
        self.resolver = resolver
        self.privateRanges = IPv4Address.rfc1918 + world.networks.flatMap(\.addressSpace)
        self.members = Dictionary(world.scopes.map { ($0.name, Set($0.resources)) }, uniquingKeysWith: { a, _ in a })
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
        let resources = world.liveResources.map { ($0, $0.endpoints) }
        let names = resources.reduce(0) { $0 + $1.1.count }
        for network in world.networks where only?.contains(network.name) ?? true {
            // Within a network a shared name (api.loganalytics.io, ...) resolves and means the
            // same for every resource: resolve and explain it once.
            var answers: [DNSName: Answer] = [:]
            answers.reserveCapacity(names)
            for (resource, endpoints) in resources {
                for (kind, fqdn) in endpoints {
                    let answer: Answer
                    if let known = answers[fqdn] {
                        answer = known
                    } else {
                        answer = self.answer(fqdn, from: network)
                        answers[fqdn] = answer
                    }
                    try body(row(network, resource, kind, fqdn, answer))
                }
            }
        }
    }

    /// Judges one endpoint of one resource from one network. The row's Azure DNS hops are shared
    /// with every network that sees the same zones, so they name no network (`""`): the row's
    /// own network is the one that asked. `Resolver.resolve(_:from:)` names it, for traces.
    public func row(_ network: Network, _ resource: Resource, _ kind: EndpointKind, _ fqdn: DNSName) -> Row {
        row(network, resource, kind, fqdn, answer(fqdn, from: network))
    }

    private func row(_ network: Network, _ resource: Resource, _ kind: EndpointKind, _ fqdn: DNSName,
                     _ answer: Answer) -> Row {
        let verdict = judge(answer, resource, kind)
        return Row(network: network.name, resource: resource.name, resourceKind: resource.kind, endpoint: kind,
                   fqdn: fqdn, resolution: answer.resolution, status: verdict.status, via: verdict.via,
                   detail: verdict.detail)
    }

    /// True for an address in any network's address space or in an RFC 1918 range.
    public func isPrivate(_ address: IPv4Address) -> Bool { privateRanges.contains { $0.contains(address) } }

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
        /// A private endpoint's address the network reaches; the text says so.
        case endpoint(EndpointState, Scope?, String)
        /// A private address nobody holds.
        case dangling(String)
        /// A public address; `blocked` is the text when the network has no internet egress.
        case publicAddress(String, blocked: String?)
    }

    /// MODEL.md section 6, the part that depends on the network and the answer only.
    func answer(_ fqdn: DNSName, from network: Network) -> Answer {
        let resolution = resolver.resolve(fqdn, from: network.name, namingNetwork: false)
        let said = Explain.answer(resolution)
        guard case .address(let address) = resolution.outcome else {
            if case .servfail = resolution.outcome { return Answer(resolution: resolution, meaning: .failed(.servfail, said)) }
            return Answer(resolution: resolution, meaning: .failed(.nxdomain, said))
        }
        if let endpoint = world.owner(of: address) {
            let home = endpoint.spec.network
            let owned = "\(said), address of \(endpoint.name) in \(home)"
            guard let path = resolver.reachability.path(from: network.name, to: home) else {
                return Answer(resolution: resolution,
                              meaning: .unroutable(endpoint: endpoint.name, "\(owned); \(network.name) has no route to \(home)"))
            }
            return Answer(resolution: resolution,
                          meaning: .endpoint(endpoint, world.scope(endpoint.spec.scope), owned + Explain.path(path)))
        }
        if isPrivate(address) {
            return Answer(resolution: resolution, meaning: .dangling("\(said), a private address that no private endpoint holds"))
        }
        let blocked = network.internetEgress ? nil : "\(said), a public address; \(network.name) has no internet egress"
        return Answer(resolution: resolution, meaning: .publicAddress("\(said), a public address", blocked: blocked))
    }

    /// MODEL.md section 6: from an answer to a verdict for one resource and endpoint.
    func judge(_ answer: Answer, _ resource: Resource, _ kind: EndpointKind) -> (status: Status, via: String?, detail: String) {
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
        case .endpoint(let endpoint, let scope, let reached):
            guard let scope else { return (.notInScope, endpoint.name, reached) }
            if members[scope.name]?.contains(resource.name) == true {
                return (.private, endpoint.name, reached)
            }
            let outside = "\(reached); \(scope.name) does not hold \(resource.name)"
            if kind.isResourceSpecific {
                return (.notInScope, endpoint.name, "\(outside), and the \(kind.rawValue) name is the workspace's own")
            }
            let mode = scope.mode(for: category, through: endpoint.name)
            let excluded = scope.exclusions.contains { $0.endpoint == endpoint.name } ? " (exclusion for \(endpoint.name))" : ""
            let modeText = "its \(category.rawValue) mode is \(mode.rawValue)\(excluded)"
            if mode == .privateOnly {
                return (.notInScope, endpoint.name, "\(outside) and \(modeText)")
            }
            if resource.allowsPublic(category) {
                return (.public, endpoint.name, "\(outside); \(modeText) and \(resource.name) accepts public \(category.rawValue)")
            }
            return (.publicDenied, endpoint.name, "\(outside); \(modeText) but \(resource.name) denies public \(category.rawValue)")
        }
    }
}
