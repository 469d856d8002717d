/// The model's rules (Docs/model.md, Docs/topology.md#rules-and-refusals), each checked in one
/// place. The topology loader calls them on what a file declares and on what each step says, and
/// `World.apply` calls them on a step at its moment in the timeline; both get the same data back
/// (a `RuleViolation`: the refusal, and which of the items given is at fault), worded by Render's
/// `Words/RefusalText`.
///
/// Outcomes (Docs/topology.md#rules-and-refusals): a rule broken by a topology's own objects, or
/// by what a step says on its own, is bad input (exit 2, file, line and field); a rule a step
/// breaks only because of the state it meets at its moment is a refusal (the step is skipped).
package enum ModelRules {
    /// A rule broken: the refusal it makes of a step, and the index of the item at fault among
    /// those the check was given (an entry of a list), when there is one.
    package struct RuleViolation: Hashable, Sendable {
        package var refusal: Refusal
        package var item: Int?

        package init(_ refusal: Refusal, item: Int? = nil) {
            self.refusal = refusal
            self.item = item
        }

        package var facts: Refusal.Facts { refusal.facts }
    }

    /// The most zones a private endpoint's zone group holds.
    package static let zoneGroupSize = 5

    // MARK: What a value says on its own

    /// A private endpoint lives in an Azure VNet, its subnet inside the network's address space.
    static func endpointPlacement(network: Network, subnet: CIDR) -> RuleViolation? {
        endpointNetwork(network) ?? endpointSubnet(subnet, in: network)
    }

    /// A private endpoint lives in an Azure VNet.
    package static func endpointNetwork(_ network: Network) -> RuleViolation? {
        network.kind == .onprem ? RuleViolation(Refusal(.link, .onPremises(network: network.name, .privateEndpoint))) : nil
    }

    /// A private endpoint's subnet lies inside its network's address space.
    package static func endpointSubnet(_ subnet: CIDR, in network: Network) -> RuleViolation? {
        if network.addressSpace.contains(where: { $0.contains(subnet) }) { return nil }
        return RuleViolation(Refusal(.fixedAddress, .subnetOutsideNetwork(subnet: subnet, network: network.name)))
    }

    /// A zone group holds zones of distinct names (the item: the second zone of a name), and at
    /// most five. `zones` are the group's zone ids with their names, in order.
    package static func zoneGroup(endpoint: EndpointID, zones: [(id: ZoneID, name: DNSName)]) -> RuleViolation? {
        var seen: [DNSName: ZoneID] = [:]
        for (index, zone) in zones.enumerated() {
            if let first = seen[zone.name] {
                return RuleViolation(Refusal(.zoneGroup, .zoneGroupSameName(endpoint: endpoint, name: zone.name, first: first, second: zone.id)),
                                     item: index)
            }
            seen[zone.name] = zone.id
        }
        if zones.count > zoneGroupSize {
            return RuleViolation(Refusal(.zoneGroup, .zoneGroupTooLarge(endpoint: endpoint, zones: zones.count)))
        }
        return nil
    }

    /// A fixed address is keyed by a record name of the five AMPLS zones, lies in the endpoint's
    /// subnet, and is not an address a DNS server or an inbound endpoint holds (`holder`).
    package static func fixedAddress(name: DNSName, address: IPv4Address, subnet: CIDR,
                                    holder: AddressHolder?) -> RuleViolation? {
        if let broken = fixedAddressName(name) { return broken }
        if !subnet.contains(address) {
            return RuleViolation(Refusal(.fixedAddress, .fixedOutsideSubnet(address: address, name: name, subnet: subnet)))
        }
        if let holder {
            return RuleViolation(Refusal(.fixedAddress, .fixedAddressHeld(address: address, endpoint: nil, name: name, by: .holder(holder))))
        }
        return nil
    }

    /// The name a fixed address is for: a record name of the five AMPLS zones.
    package static func fixedAddressName(_ name: DNSName) -> RuleViolation? {
        AMPLSZone.zone(of: name) == nil ? RuleViolation(Refusal(.fixedAddress, .fixedNameOutsideZones(name))) : nil
    }

    /// A private DNS zone links only to Azure VNets, and falls back to the internet only when it
    /// is a privatelink.* zone.
    package static func zoneLink(zone: DNSName, network: Network, fallback: Bool) -> RuleViolation? {
        if network.kind == .onprem {
            return RuleViolation(Refusal(.link, .onPremises(network: network.name, .zone)))
        }
        if fallback && zone.firstLabel != "privatelink" {
            return RuleViolation(Refusal(.link, .fallbackOutsidePrivateLink(zone: zone)))
        }
        return nil
    }

    /// A forwarding ruleset links only to Azure VNets.
    package static func rulesetLink(network: Network) -> RuleViolation? {
        network.kind == .onprem ? RuleViolation(Refusal(.link, .onPremises(network: network.name, .forwardingRuleset))) : nil
    }

    /// A zone links to a network at most once: `network` linked to `zone`, which links the
    /// networks `linked` already.
    package static func zoneLinkedOnce(_ zone: ZoneID, to network: NetworkID, linked: some Sequence<NetworkID>) -> RuleViolation? {
        linked.contains(network) ? RuleViolation(Refusal(.duplicate, .zoneAlreadyLinked(zone: zone, network: network))) : nil
    }

    /// A forwarding ruleset links to a network at most once: `network` linked to `ruleset`,
    /// which links the networks `linked` already.
    package static func rulesetLinkedOnce(_ ruleset: RulesetID, to network: NetworkID, linked: some Sequence<NetworkID>) -> RuleViolation? {
        linked.contains(network) ? RuleViolation(Refusal(.duplicate, .rulesetAlreadyLinked(ruleset: ruleset, network: network))) : nil
    }

    /// A network is not joined to itself.
    package static func join(_ a: NetworkID, _ b: NetworkID) -> RuleViolation? {
        a == b ? RuleViolation(Refusal(.link, .selfPeering(a))) : nil
    }

    /// A forwarding rule does not target Azure DNS (the item: the target).
    static func forwardingRule(_ rule: ForwardingRule) -> RuleViolation? {
        for (index, target) in rule.targets.enumerated() {
            if let broken = forwardTarget(target) { return RuleViolation(broken.refusal, item: index) }
        }
        return nil
    }

    /// One target of a forwarding rule: not 168.63.129.16 (Azure DNS).
    package static func forwardTarget(_ address: IPv4Address) -> RuleViolation? {
        address == IPv4Address.azureDNS ? RuleViolation(Refusal(.link, .ruleTargetsAzureDNS)) : nil
    }

    /// A network's `dns` address is held by a DNS server or an inbound endpoint (`holder`).
    package static func dnsAddress(_ address: IPv4Address, holder: AddressHolder?) -> RuleViolation? {
        holder == nil ? RuleViolation(Refusal(.missing, .addressUnheld(address))) : nil
    }

    // MARK: What a state holds

    /// Two enabled rules of one domain in rulesets linked to one network: the first rule of
    /// `ruleset` (the item: its index in `ruleset.rules`) that an enabled rule of one of `others`
    /// linked to the same network also has (Docs/model.md#resolving-a-name-from-a-network).
    package static func ruleConflict<Others: Sequence>(_ ruleset: ForwardingRuleset, others: Others) -> RuleViolation?
    where Others.Element == ForwardingRuleset {
        let others = others.filter { $0.name != ruleset.name && !$0.links.isEmpty }
        guard !others.isEmpty, !ruleset.links.isEmpty else { return nil }
        for (index, rule) in ruleset.rules.enumerated() where rule.enabled {
            for network in ruleset.links {
                if let other = others.first(where: { $0.links.contains(network) && $0.rules.contains { $0.enabled && $0.domain == rule.domain } }) {
                    return RuleViolation(Refusal(.duplicate, .ruleConflict(ruleset: ruleset.name, other: other.name, domain: rule.domain, network: network)),
                                         item: index)
                }
            }
        }
        return nil
    }

    /// A network links at most one zone of a given name: `zone` (id and name) linked to
    /// `network` beside `others` (Docs/model.md#objects).
    package static func oneZoneOfAName<Others: Sequence>(_ zone: (id: ZoneID, name: DNSName), network: NetworkID,
                                                        others: Others) -> RuleViolation? where Others.Element == Zone {
        guard let other = others.first(where: { $0.id != zone.id && $0.name == zone.name && $0.links.contains { $0.network == network } }) else {
            return nil
        }
        return RuleViolation(Refusal(.limit, .sameNameZoneLinked(network: network, other: other.id, name: zone.name)))
    }

    /// The per-scope limits (Docs/model.md#limits-and-refusals) for a scope whose members have
    /// these kinds: the count given is the members' before the last one joined (`joining`: a step
    /// that links one more), or all of them (a topology's own list).
    package static func scopeMembers(scope: ScopeID, kinds: [ResourceKind], limits: Limits, joining: Bool) -> RuleViolation? {
        let before = joining ? kinds.dropLast() : kinds[...]
        func over(_ count: Int, _ limit: Int?) -> Bool { limit.map { joining ? count >= $0 : count > $0 } ?? false }
        if over(before.count, limits.resourcesPerScope), let limit = limits.resourcesPerScope {
            return RuleViolation(Refusal(.limit, .scopeFull(scope: scope, count: before.count, limit: limit, of: .resources)))
        }
        // A step checks only the kind that joins; a topology's list, every kind.
        let checked: [ResourceKind] = joining ? kinds.last.map { [$0] } ?? [] : [.workspace, .component]
        for kind in checked {
            let count = before.filter { $0 == kind }.count
            switch kind {
            case .workspace where over(count, limits.workspacesPerScope):
                return RuleViolation(Refusal(.limit, .scopeFull(scope: scope, count: count, limit: limits.workspacesPerScope ?? 0, of: .workspaces)))
            case .component where over(count, limits.componentsPerScope):
                return RuleViolation(Refusal(.limit, .scopeFull(scope: scope, count: count, limit: limits.componentsPerScope ?? 0, of: .components)))
            default: continue
            }
        }
        return nil
    }

    /// A resource belongs to at most `scopesPerResource` scopes: `count` scopes with it (joining:
    /// before it joins one more).
    package static func scopesPerResource(resource: ResourceID, count: Int, limits: Limits, joining: Bool) -> RuleViolation? {
        let limit = limits.scopesPerResource
        guard joining ? count >= limit : count > limit else { return nil }
        return RuleViolation(Refusal(.limit, .scopesPerResource(resource: resource, count: count, limit: limit)))
    }

    // MARK: What networks say together

    /// Network address spaces do not overlap (Docs/model.md#what-writes-records), so an address
    /// has at most one owner. Of the blocks of `networks` (each network's address space in turn),
    /// the first that overlaps an earlier block, named with it; the item is the later block's
    /// index among all the blocks. A step that creates a network gives the networks of its moment
    /// with the new one last, and a topology its own, so one check serves both. Sorted by first
    /// address, two blocks overlap only if one starts inside the block with the furthest end so
    /// far: one pass, n log n.
    package static func addressSpaces(_ networks: [Network]) -> RuleViolation? {
        var blocks: [(cidr: CIDR, owner: NetworkID)] = []
        for network in networks {
            for cidr in network.addressSpace { blocks.append((cidr, network.name)) }
        }
        let sorted = blocks.indices.sorted { (blocks[$0].cidr.base, $0) < (blocks[$1].cidr.base, $1) }
        var first: (later: Int, earlier: Int)?
        var widest: Int?
        for index in sorted {
            let block = blocks[index]
            if let w = widest, blocks[w].cidr.last >= block.cidr.base {
                let clash = w < index ? (later: index, earlier: w) : (later: w, earlier: index)
                if first.map({ clash.later < $0.later }) ?? true { first = clash }
            }
            if widest.map({ block.cidr.last > blocks[$0].cidr.last }) ?? true { widest = index }
        }
        guard let first else { return nil }
        let (later, earlier) = (blocks[first.later], blocks[first.earlier])
        return RuleViolation(Refusal(.link, .overlappingSpace(later.cidr, network: later.owner, other: earlier.owner, otherSpace: earlier.cidr)),
                             item: first.later)
    }

    /// Two networks are joined one way: a pair listed both as a peering and as a connection is
    /// ambiguous. Of the entries of `networks` (each network's peerings, then its connections),
    /// the first whose pair an earlier entry joins the other way; the item is its index among
    /// all the entries.
    package static func joinedOneWay(_ networks: [Network]) -> RuleViolation? {
        var kinds: [NetworkPair: LinkKind] = [:]
        var item = 0
        for network in networks {
            for (kind, peers) in [(LinkKind.peering, network.peerings), (.connection, network.connections)] {
                for peer in peers {
                    let pair = NetworkPair(network.name, peer)
                    if let other = kinds[pair], other != kind {
                        return RuleViolation(Refusal(.link, .peeredAndConnected(pair.a, pair.b)), item: item)
                    }
                    kinds[pair] = kind
                    item += 1
                }
            }
        }
        return nil
    }
}
