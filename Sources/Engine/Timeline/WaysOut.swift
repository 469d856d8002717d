/// The seed's ways out of a break caused by an override: peer the networks, put the endpoint in
/// a hub, give the network its own DNS zones, a custom zone with `endpointSuffix`, write an
/// endpoint's records again, a hosts file; and for a scope that lacks the resource, add it or
/// open the scope.
///
/// Each distinct way out is applied once to a copy of the world after the steps and evaluated
/// there (`WayOutChecks`); every break it is suggested for is judged in that copy.
package struct WaysOut {
    package let before: World
    package let after: World
    private var checks: WayOutChecks
    /// Who reaches whom after the steps (for hosts entries and endpoints to write again).
    private let reach: Reachability

    /// `after`: the evaluation of the world after the steps (the replay's), which the copies
    /// share what they leave valid of.
    package init(before: World, after: IncrementalSimulation) {
        self.init(before: before, after: after, sharing: true)
    }

    /// `sharing: false`: every way out is checked on a copy simulated from scratch, and the rows
    /// it breaks counted on two full simulations (the reference the sharing is tested against).
    init(before: World, after: IncrementalSimulation, sharing: Bool) {
        self.before = before
        self.after = after.world
        self.checks = WayOutChecks(before: before, after: after, sharing: sharing)
        self.reach = after.simulation.resolver.reachability
    }

    /// The ways out of one break (success before, failure after); empty when the failure is not
    /// one an override causes (SERVFAIL, egress, public access).
    package mutating func suggest(for change: RowChange) -> [WayOut] {
        guard let row = change.after, let old = change.before else { return [] }
        var ways: [WayOut] = []
        var weakening: [WayOut] = []
        let isComponent = row.resourceKind == .component
        let endpoint = row.via.flatMap { after.endpoint($0) }
        switch row.status {
        case .unroutable:
            if let home = endpoint?.spec.network {
                ways.append(checks.check(.peer(network: row.network, with: home), row))
            }
            ways.append(WayOut(.hub(network: row.network), heals: nil))
        case .notInScope:
            if let endpoint {
                // Adding a resource that already belongs to another scope routes one team's
                // resources through another team's scope; opening a scope lets every resource
                // through it. Both are offered last, and say so.
                let scope = endpoint.spec.scope
                let homes = after.scopes(of: row.resource).map(\.name).filter { $0 != scope }
                weakening.append(checks.check(.addToScope(resource: row.resource, scope: scope, homes: homes,
                                                          endpoint: endpoint.name), row))
                if !row.endpoint.isResourceSpecific(of: row.resourceKind) {
                    weakening.append(checks.check(.openScope(scope: scope, category: row.endpoint.category), row))
                }
            }
        case .nxdomain, .dangling:
            break
        default:
            return []
        }
        // The endpoints that should serve the network: its own, else the one that served it before.
        let own = after.endpoints.filter { $0.spec.network == row.network }.map(\.name)
        let serving = own.isEmpty ? [old.via].compactMap { $0 }.filter { after.endpoint($0) != nil } : own
        ways.append(checks.check(.ownZones(network: row.network, serving: serving), row))
        if isComponent && !row.endpoint.isResourceSpecific(of: row.resourceKind) && row.endpoint != .query {
            ways.append(WayOut(.customZone(component: row.resource), heals: nil))
        }
        // Write again the records of an endpoint of the resource's own scope that the network
        // reaches (recreate its zone group): what heals a shared name a later endpoint took over,
        // or one a deleted endpoint took with it.
        for candidate in after.endpoints where !candidate.spec.dnsZones.isEmpty {
            guard let scope = after.scope(candidate.spec.scope), scope.resources.contains(row.resource),
                  reach.reaches(row.network, candidate.spec.network), candidate.name != row.via || row.status != .notInScope else { continue }
            ways.append(checks.check(.rewriteRecords(endpoint: candidate.name), row))
        }
        if let address = hostsAddress(old, serving, from: row.network) {
            ways.append(checks.check(.hostsEntry(network: row.network, name: row.fqdn, address: address), row))
        }
        // A name gone (NXDOMAIN) with no endpoint of the resource's own scope left to write it
        // again: an endpoint of another scope that the network reaches may serve it, once the
        // resource is linked to that scope and the endpoint's records written again. It routes
        // the resource through that scope: offered last, and labelled when the resource belongs
        // to other scopes.
        if row.status == .nxdomain {
            let ownScopes = after.scopes(of: row.resource).map(\.name)
            let ownLeft = after.endpoints.contains { ownScopes.contains($0.spec.scope) && !$0.spec.dnsZones.isEmpty }
            if !ownLeft {
                var tried = Set<ScopeID>()
                for candidate in after.endpoints where !candidate.spec.dnsZones.isEmpty && !ownScopes.contains(candidate.spec.scope) {
                    guard reach.reaches(row.network, candidate.spec.network), tried.insert(candidate.spec.scope).inserted else { continue }
                    weakening.append(checks.check(.addToScopeAndRewrite(resource: row.resource, scope: candidate.spec.scope,
                                                                        homes: ownScopes, endpoint: candidate.name), row))
                }
            }
        }
        return ways + weakening
    }

    /// The address a hosts entry should give: the serving endpoint's address for the name the
    /// chain ended in, else the answer before. Only ever a private endpoint's address, of an
    /// endpoint that still exists and that `network` reaches: a hosts file never pins a public
    /// address (public addresses change without notice).
    private func hostsAddress(_ old: Row, _ serving: [EndpointID], from network: NetworkID) -> IPv4Address? {
        func usable(_ address: IPv4Address) -> Bool {
            guard let holder = after.owner(of: address) else { return false }
            return reach.reaches(network, holder.spec.network)
        }
        if let last = old.resolution.chain.last {
            for name in serving {
                if let address = after.endpoint(name)?.addresses[last], usable(address) { return address }
            }
        }
        guard let address = old.answer, usable(address) else { return nil }
        return address
    }
}
