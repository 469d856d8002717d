/// The DNS records a private endpoint needs when DNS is set up by hand (the seed's "configure
/// your DNS according to the instructions", hosts files, custom zones; Docs/generate.md): computed
/// from the endpoint's addresses as Docs/model.md#what-writes-records allocates them.
package struct ManualDNS: Sendable {
    package let endpoint: EndpointState
    package let scope: Scope
    package let members: [Resource]

    /// A name and the address it must resolve to.
    package struct Entry: Hashable, Sendable {
        package var name: DNSName
        package var address: IPv4Address
    }

    /// The records of one privatelink zone.
    package struct ZoneRecords: Hashable, Sendable {
        package var zone: DNSName
        package var entries: [Entry]
    }

    /// Hosts entries under one heading (`HostsGroup.title` in AmplsimRender words it).
    package struct HostsGroup: Hashable, Sendable {
        /// What the entries are for.
        package enum Heading: Hashable, Sendable {
            /// The names every resource shares.
            case shared
            /// One member's own names.
            case member(ResourceKind, ResourceID)
            /// The names under a component's custom zone (`endpointSuffix`).
            case suffix(component: ResourceID, DNSName)
        }

        package var heading: Heading
        package var entries: [Entry]
    }

    /// The manual DNS of the endpoint named `name` in `world`; nil when it does not exist.
    package init?(world: World, endpoint name: EndpointID) {
        guard let endpoint = world.endpoint(name), let scope = world.scope(endpoint.spec.scope) else { return nil }
        self.endpoint = endpoint
        self.scope = scope
        self.members = scope.resources.compactMap { world.resource($0) }
        self.publicDNS = PublicDNS(world: world, publishAll: true)
    }

    private let publicDNS: PublicDNS

    /// One A record per name, zone by zone (the five AMPLS zones, in allocation order; a zone
    /// with no name for this endpoint is left out).
    package var zones: [ZoneRecords] {
        AMPLSZone.all.compactMap { zone in
            let entries = endpoint.names.filter { AMPLSZone.zone(of: $0) == zone }.compactMap { name in
                endpoint.addresses[name].map { Entry(name: name, address: $0) }
            }
            return entries.isEmpty ? nil : ZoneRecords(zone: zone, entries: entries)
        }
    }

    /// The address a client name must map to: its public chain followed to a name the endpoint holds.
    package func address(forClientName name: DNSName) -> (privatelink: DNSName, address: IPv4Address)? {
        chain(forClientName: name).map { ($0.names[$0.names.count - 1], $0.address) }
    }

    /// Every name of a client name's public chain (Docs/model.md#public-dns), from the client name to
    /// the privatelink name the endpoint holds, and that name's address: a client may ask any
    /// of them (a CNAME target is a name like any other), so a hosts file must map them all.
    /// Nil when the chain reaches no name the endpoint holds.
    package func chain(forClientName name: DNSName) -> (names: [DNSName], address: IPv4Address)? {
        var names: [DNSName] = []
        var current = name
        for _ in 0..<maxChainLength {
            names.append(current)
            if let address = endpoint.addresses[current] { return (names, address) }
            guard case .cname(let next)? = publicDNS.lookup(current) else { return nil }
            current = next
        }
        return nil
    }

    /// A hosts entry. Its address is one of the endpoint's own, so it lies in the endpoint's
    /// subnet (Docs/model.md#what-writes-records allocates there and refuses a fixed address outside it): a
    /// hosts file never maps a name to a public address. Checked, since a hosts entry with a
    /// public address would silently send a client to the internet.
    private func hostsEntry(_ name: DNSName, _ address: IPv4Address) -> Entry {
        precondition(endpoint.spec.subnet.contains(address),
                     "hosts entry \(name.absolute) -> \(address) lies outside \(endpoint.name)'s subnet \(endpoint.spec.subnet)")
        return Entry(name: name, address: address)
    }

    /// The names under a custom zone (`endpointSuffix`): dc, live, profiler and snapshot, at the
    /// addresses of the endpoint's global ingestion, live, profiler and snapshot names.
    package func suffixEntries(_ suffix: DNSName) -> [Entry] {
        AzureMonitorNames.suffixLabels.compactMap { label, source in
            endpoint.addresses[AMPLSZone.monitor.prepending(source)].map { Entry(name: suffix.prepending(label), address: $0) }
        }
    }

    /// Hosts-file entries: every name of the public chain of each client-facing name
    /// (Docs/model.md#endpoints and #public-dns), from the client name to the privatelink name,
    /// all at the address of that privatelink name: the shared ones first, then each member's own,
    /// each name once.
    package var hostsGroups: [HostsGroup] {
        var seen = Set<DNSName>()
        func entries(_ names: [DNSName]) -> [Entry] {
            var result: [Entry] = []
            for name in names {
                guard let (chain, address) = chain(forClientName: name) else { continue }
                for n in chain where seen.insert(n).inserted {
                    result.append(hostsEntry(n, address))
                }
            }
            return result
        }
        var groups: [HostsGroup] = []
        var shared: [DNSName] = []
        var own: [(HostsGroup.Heading, [DNSName])] = []
        for member in members {
            var mine: [DNSName] = []
            for (kind, fqdn) in member.endpoints {
                if case .component(let c) = member, c.endpointSuffix != nil, kind != .query { continue }
                if member.isResourceSpecific(kind) || kind == .ingestRegional || kind == .live { mine.append(fqdn) } else { shared.append(fqdn) }
            }
            own.append((.member(member.kind, member.name), mine))
        }
        shared.append(DNSName(canonical: "\(AzureMonitorNames.blobLabel).blob.core.windows.net"))
        let sharedEntries = entries(shared)
        if !sharedEntries.isEmpty {
            groups.append(HostsGroup(heading: .shared, entries: sharedEntries))
        }
        for (heading, names) in own {
            let list = entries(names)
            if !list.isEmpty { groups.append(HostsGroup(heading: heading, entries: list)) }
        }
        for member in members {
            guard case .component(let c) = member, let suffix = c.endpointSuffix else { continue }
            let list = suffixEntries(suffix).filter { seen.insert($0.name).inserted }.map { hostsEntry($0.name, $0.address) }
            if !list.isEmpty { groups.append(HostsGroup(heading: .suffix(component: c.name, suffix), entries: list)) }
        }
        return groups
    }
}

/// What writing an endpoint's records by hand would take over (Docs/model.md#what-writes-records: last writer
/// wins): the record sets of the zones its network sees that hold another endpoint's address,
/// and the rows that work now and would fail once they are written.
package struct ManualTakeover: Sendable {
    /// A record set that holds another endpoint's address today.
    package struct Record: Hashable, Sendable {
        package var zone: ZoneID
        package var name: DNSName
        /// The endpoint whose address it holds now, and that address.
        package var holder: EndpointID
        package var address: IPv4Address
    }

    package let records: [Record]
    /// Rows that succeed now and fail once the records are written, counted per network in
    /// topology order.
    package let breaks: [(network: NetworkID, rows: Int)]

    /// Applies the endpoint's records to a copy of `world` (the zones of its zone group, or, for a
    /// manual setup, the AMPLS zones its network links) and judges every row again.
    package init(world: World, endpoint name: EndpointID) {
        guard let endpoint = world.endpoint(name) else { records = []; breaks = []; return }
        let zones: [Zone] = endpoint.spec.dnsZones.isEmpty
            ? world.zones.filter { zone in AMPLSZone.all.contains(zone.name) && zone.links.contains { $0.network == endpoint.spec.network } }
            : endpoint.spec.dnsZones.compactMap { world.zone($0) }
        var found: [Record] = []
        var copy = world
        for zone in zones {
            for record in endpoint.names where AMPLSZone.zone(of: record) == zone.name {
                guard let address = endpoint.addresses[record] else { continue }
                if let set = world.contents[zone.id]?.recordSet(record, "A") {
                    for entry in set {
                        guard case .a(let held) = entry.value, let other = world.owner(of: held), other.name != name else { continue }
                        found.append(Record(zone: zone.id, name: record, holder: other.name, address: held))
                        break
                    }
                }
                copy.updateContents(zone.id) { $0.write([AmplsimEngine.Record(name: record, ttl: 10, value: .a(address))], by: .manual) }
            }
        }
        records = found
        guard !found.isEmpty else { breaks = []; return }
        var before: [Row.Key: Bool] = [:]
        Simulation(world: world).forEachRow { before[$0.key] = $0.status.succeeds }
        var counts: [NetworkID: Int] = [:]
        Simulation(world: copy).forEachRow { row in
            if before[row.key] == true && !row.status.succeeds { counts[row.network, default: 0] += 1 }
        }
        breaks = world.networks.compactMap { network in counts[network.name].map { (network.name, $0) } }
    }
}
