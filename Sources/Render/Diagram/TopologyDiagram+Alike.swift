import AmplsimEngine

extension TopologyDiagram {
    /// The diagram with alike networks drawn as one: networks that hold no private endpoint and
    /// no DNS server, and that have the same kind, DNS, flags, peerings and connections, zone
    /// links and flows (the same targets, statuses, names and resources) become one box standing
    /// for all of them (`NetworkBox.alike` names the others, in topology order). Their flows are
    /// one arrow per target and status, counting the rows of all of them; the summary is
    /// unchanged. Two hundred identical spokes draw as one box.
    func mergingAlikeNetworks() -> TopologyDiagram {
        let holding = Set(endpoints.map(\.network)).union(servers.map(\.network))
        var partners: [NetworkID: [Join]] = [:]
        for join in joins {
            partners[join.a, default: []].append(join)
            partners[join.b, default: []].append(join)
        }
        var links: [NetworkID: [ZoneKey]] = [:]
        for group in zoneGroups {
            for link in group.links { links[link.network, default: []].append(ZoneKey(group: group.id, fallback: link.fallbackToInternet)) }
        }
        var flowsOf: [NetworkID: [Flow]] = [:]
        for flow in flows { flowsOf[flow.network, default: []].append(flow) }

        // Each network's likeness, with its own name taken out.
        var representative: [NetworkID: NetworkID] = [:]
        var firstOf: [Likeness: NetworkID] = [:]
        for network in networks where !holding.contains(network.name) {
            let name = network.name
            var box = network
            box.name = NetworkID("")
            box.addressSpace = []
            let likeness = Likeness(
                box: box,
                joins: Set((partners[name] ?? []).map { PartnerKey(partner: $0.a == name ? $0.b : $0.a, kind: $0.kind) }),
                zones: Set(links[name] ?? []),
                flows: (flowsOf[name] ?? []).map { flow in var f = flow; f.network = NetworkID(""); return f })
            // Two networks peered with each other are not alike: each names the other.
            if let first = firstOf[likeness] { representative[name] = first } else { firstOf[likeness] = name }
        }
        guard !representative.isEmpty else { return self }

        var merged = self
        var others: [NetworkID: [NetworkID]] = [:]
        for network in networks { if let first = representative[network.name] { others[first, default: []].append(network.name) } }
        merged.networks = networks.compactMap { network in
            guard representative[network.name] == nil else { return nil }
            var box = network
            box.alike = others[network.name] ?? []
            box.succeeded *= 1 + box.alike.count
            box.failed *= 1 + box.alike.count
            return box
        }
        func drawn(_ name: NetworkID) -> NetworkID { representative[name] ?? name }
        var seenJoins: Set<Join> = []
        merged.joins = joins.compactMap { join in
            let mapped = Join(a: drawn(join.a), b: drawn(join.b), kind: join.kind)
            guard mapped.a != mapped.b, seenJoins.insert(mapped).inserted else { return nil }
            return mapped
        }
        merged.zoneGroups = zoneGroups.map { group in
            var group = group
            var seen: Set<NetworkID> = []
            group.links = group.links.filter { representative[$0.network] == nil && seen.insert($0.network).inserted }
            return group
        }
        merged.flows = flows.compactMap { flow in
            guard representative[flow.network] == nil else { return nil }
            var flow = flow
            let count = 1 + (others[flow.network]?.count ?? 0)
            flow.rows *= count
            flow.broke *= count
            flow.healed *= count
            flow.stillBroken *= count
            return flow
        }
        return merged
    }

    private struct ZoneKey: Hashable { var group: String; var fallback: Bool }
    private struct PartnerKey: Hashable { var partner: NetworkID; var kind: LinkKind }
    private struct Likeness: Hashable {
        var box: NetworkBox
        var joins: Set<PartnerKey>
        var zones: Set<ZoneKey>
        var flows: [Flow]
    }
}
