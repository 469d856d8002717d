/// What differs between two states of a world, as far as resolutions and verdicts can tell.
/// Computed from the states themselves, so it holds for every kind of step.
package struct WorldDiff: Sendable {
    /// Zones whose records changed.
    package var zones: Set<ZoneID> = []
    /// Public DNS names whose answer changed (a workspace's CNAMEs published or withdrawn).
    package var publicNames: Set<DNSName> = []
    /// Networks whose DNS setting, hosts entries or zone links changed.
    package var networks: Set<NetworkID> = []
    /// Networks whose reachable networks, or the paths to them, changed.
    package var reach: Set<NetworkID> = []
    /// Addresses whose owning endpoint changed.
    package var owners: Set<IPv4Address> = []
    /// Scopes whose members, modes or exclusions changed.
    package var scopes: Set<ScopeID> = []
    /// Resources whose flags, memberships or existence changed.
    package var resources: Set<ResourceID> = []

    /// What a resolution can tell apart between two worlds one hypothetical change apart, when
    /// the caller knows which networks' links or DNS settings changed and whether any path did
    /// (`IntentFix`): changed zones and public names are read off the worlds; owners, scopes and
    /// resources are left empty (they matter to verdicts, not to resolutions).
    init(resolutionsFrom old: World, to new: World, networks: Set<NetworkID>, reach: Set<NetworkID>, publicNames checkPublic: Bool) {
        for zone in new.zones where old.contents[zone.id]?.generation != new.contents[zone.id]?.generation
            || old.contents[zone.id]?.apex != new.contents[zone.id]?.apex {
            zones.insert(zone.id)
        }
        if checkPublic {
            for id in old.publishedWorkspaceIDs.symmetricDifference(new.publishedWorkspaceIDs) {
                publicNames.formUnion(WorldDiff.publishedNames(id))
            }
        }
        self.networks = networks
        self.reach = reach
    }

    /// The public names whose CNAMEs publishing `id` switches: a workspace's three, or a DCE's
    /// (a DCE's stem, `<name>-<id>.<region>-1`, has a dot; a workspace GUID has none).
    static func publishedNames(_ id: String) -> [DNSName] {
        id.contains(".") ? AzureMonitorNames.dceNames(stem: id) : AzureMonitorNames.workspaceNames(id: id)
    }

    package init(from old: World, to new: World) {
        for zone in new.zones where old.contents[zone.id]?.generation != new.contents[zone.id]?.generation
            || old.contents[zone.id]?.apex != new.contents[zone.id]?.apex {
            zones.insert(zone.id)
        }
        for id in old.publishedWorkspaceIDs.symmetricDifference(new.publishedWorkspaceIDs) {
            publicNames.formUnion(WorldDiff.publishedNames(id))
        }
        let oldLinks = WorldDiff.links(old), newLinks = WorldDiff.links(new)
        for (a, b) in zip(old.networks, new.networks) where a != b || oldLinks[a.name] != newLinks[b.name] {
            networks.insert(b.name)
        }
        if old.adjacency != new.adjacency {
            let before = Reachability(world: old), after = Reachability(world: new)
            for network in new.networks where before.paths(from: network.name) != after.paths(from: network.name) {
                reach.insert(network.name)
            }
        }
        for (address, owner) in old.owners where new.owners[address] != owner { owners.insert(address) }
        for (address, owner) in new.owners where old.owners[address] != owner { owners.insert(address) }
        for (a, b) in zip(old.scopes, new.scopes) where a != b {
            scopes.insert(b.name)
            resources.formUnion(Set(a.resources).symmetricDifference(b.resources))
        }
        for (a, b) in zip(old.workspaces, new.workspaces) where a != b { resources.insert(b.name) }
        for (a, b) in zip(old.components, new.components) where a != b { resources.insert(b.name) }
        for (a, b) in zip(old.dces, new.dces) where a != b { resources.insert(b.name) }
        resources.formUnion(old.deletedResources.symmetricDifference(new.deletedResources))
    }

    /// A zone as a network links it.
    private struct LinkedZone: Hashable {
        var zone: ZoneID
        var fallbackToInternet: Bool
    }

    /// Each network's linked zones with their fallback flags.
    private static func links(_ world: World) -> [NetworkID: Set<LinkedZone>] {
        var result: [NetworkID: Set<LinkedZone>] = [:]
        for zone in world.zones {
            for link in zone.links {
                result[link.network, default: []].insert(LinkedZone(zone: zone.id, fallbackToInternet: link.fallbackToInternet))
            }
        }
        return result
    }

    /// True when a resolution may read something this diff changed: a changed zone, a changed
    /// public name, a network whose links, DNS setting or hosts entries changed (Azure DNS of a
    /// named network; of the asking network, `asking`, when the resolution is a client's), or,
    /// through a DNS server, changed reachability.
    ///
    /// An answer shared by the networks of one Azure DNS view (`asking` nil: a memoised answer)
    /// reads no network's links through `.askingNetworkAzure`: the view is what they link.
    package func touches(_ resolution: Resolution, asking: NetworkID? = nil) -> Bool {
        for hop in resolution.hops {
            switch hop.source {
            case .zone(let id): if zones.contains(id) { return true }
            case .fallback(let id): if zones.contains(id) || publicNames.contains(hop.name) { return true }
            case .publicDNS: if publicNames.contains(hop.name) { return true }
            case .forward, .none, .hostsFile, .rule: break
            }
            switch hop.resolver {
            case .server: if !reach.isEmpty { return true }
            case .azure(let network): if networks.contains(network) { return true }
            case .askingNetworkAzure: if let asking, networks.contains(asking) { return true }
            case .hosts, .inbound: break
            }
        }
        return false
    }

    /// True when nothing changed.
    package var isEmpty: Bool {
        zones.isEmpty && publicNames.isEmpty && networks.isEmpty && reach.isEmpty && owners.isEmpty && scopes.isEmpty
            && resources.isEmpty
    }
}
