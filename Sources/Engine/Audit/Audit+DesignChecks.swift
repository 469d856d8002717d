/// The design checks (Docs/audit.md, "Design checks"): setups that work today and break on the
/// next change, read from the zones, the endpoints and the rows. They are warnings: the rows such
/// a design breaks today are already another finding's. Beside them, `empty-zone` (an error) is
/// extended to a monitor zone that no private endpoint stands behind.
extension Audit {
    /// The monitor zone's shared names, in the order an endpoint writes them (Docs/model.md#what-writes-records).
    static var sharedLabels: [String] { AzureMonitorNames.sharedLabels }

    /// Every design check; `rows` are the simulation's, read once by the caller.
    func designFindings(rows: [Row], _ collector: inout Collector) {
        let writes = zonesWritten()
        // Who sees each write, resolved once for both checks that read it.
        var seen: [Written: [NetworkID]] = [:]
        for written in writes.values.joined() where seen[written] == nil { seen[written] = networksSeeing(written) }
        let seers = { (written: Written) in seen[written] ?? [] }
        zonesWithoutEndpoint(&collector)
        scopesShareZone(writes, seers, &collector)
        spokeEndpoints(writes, seers, &collector)
        mixedRecordSets(&collector)
        crossScopeReach(rows, &collector)
    }

    // MARK: Who writes which zone

    /// A zone an endpoint writes, and one name it holds there (nil when only its zone group names
    /// the zone, its records having been overwritten or never written).
    struct Written: Hashable {
        var zone: ZoneID
        var name: DNSName?
    }

    /// Per live endpoint, the zones it writes: those of its zone group, and those holding an A
    /// record with one of its addresses (an export's records say who wrote them).
    func zonesWritten() -> [EndpointID: [Written]] {
        let world = simulation.world
        var writes: [EndpointID: [Written]] = [:]
        for zone in world.zones {
            guard let sets = records.addressSets[zone.id] else { continue }
            var seen = Set<EndpointID>()
            // By index, the owner's name looked up first (see `AuditRecords.init`).
            for k in sets.indices {
                for i in sets[k].records.indices {
                    guard case .a(let address) = sets[k].records[i].value, world.owners[address] != nil,
                          let endpoint = world.owner(of: address), seen.insert(endpoint.name).inserted else { continue }
                    writes[endpoint.name, default: []].append(Written(zone: zone.id, name: sets[k].owner))
                }
            }
        }
        for endpoint in world.endpoints {
            for id in endpoint.spec.dnsZones where world.zone(id) != nil
                && !(writes[endpoint.name] ?? []).contains(where: { $0.zone == id }) {
                writes[endpoint.name, default: []].append(Written(zone: id, name: nil))
            }
        }
        return writes
    }

    /// The networks that see what an endpoint wrote to a zone: its record, or the zone itself
    /// (a name it does not hold) when the endpoint holds none there.
    func networksSeeing(_ written: Written) -> [NetworkID] {
        guard let zone = simulation.world.zone(written.zone) else { return [] }
        return viewers(of: written.name ?? zone.name.prepending("amplsim-probe"), in: written.zone)
    }

    private func place(_ endpoint: EndpointState) -> FindingFacts.EndpointPlace {
        FindingFacts.EndpointPlace(endpoint: endpoint.name, scope: endpoint.spec.scope, network: endpoint.spec.network)
    }

    private func fileLocation(_ zone: Zone) -> SourceRef? { zone.file.map { SourceRef(file: $0, line: 0) } }

    // MARK: empty-zone, extended: no endpoint behind the zone

    /// A `privatelink.monitor.azure.com` zone with A records, none of them a private endpoint's:
    /// the landing-zone failure with leftovers (records of an endpoint long gone, or copied from
    /// elsewhere). Every resource's shared names enter it, so no endpoint behind it breaks them
    /// all. With no A record at all, the zone checks report it already; in the workspace zones a
    /// leftover record concerns its one workspace, and `dangling-record` says so.
    private func zonesWithoutEndpoint(_ collector: inout Collector) {
        let world = simulation.world
        for zone in world.zones where zone.name == AMPLSZone.monitor {
            guard let contents = world.contents[zone.id], contents.hasAddressRecords else { continue }
            var addresses: [IPv4Address] = []
            var listed = Set<IPv4Address>()
            let backed = (records.addressSets[zone.id] ?? []).contains { _, set in
                set.contains { record in
                    guard case .a(let address) = record.value else { return false }
                    if listed.insert(address).inserted { addresses.append(address) }
                    return world.owner(of: address) != nil
                }
            }
            guard !backed else { continue }
            let seenBy = viewers(of: zone.name.prepending("amplsim-probe"), in: zone.id)
            guard !seenBy.isEmpty else { continue }
            collector.add(Finding(
                code: .emptyZone, zone: zone.id, name: zone.name, networks: seenBy,
                facts: .zoneWithoutEndpoint(zone: zone.id, zoneName: zone.name, addresses: addresses, seenBy: seenBy),
                location: fileLocation(zone)))
        }
    }

    // MARK: scopes-share-zone

    /// A monitor zone whose shared names hold one scope's endpoint while endpoints of other scopes
    /// write the zones the same networks use: last writer wins (Docs/model.md#what-writes-records), so the
    /// next endpoint created or recreated takes the shared names of every one of them.
    private func scopesShareZone(_ writes: [EndpointID: [Written]], _ seers: (Written) -> [NetworkID],
                                 _ collector: inout Collector) {
        let world = simulation.world
        for zone in world.zones where zone.name == AMPLSZone.monitor {
            guard let contents = world.contents[zone.id],
                  let (name, winner) = Self.sharedLabels.lazy.compactMap({ label -> (DNSName, EndpointState)? in
                      let name = zone.name.prepending(label)
                      guard case .a(let address)? = contents.recordSet(name, "A")?.first?.value,
                            let endpoint = world.owner(of: address) else { return nil }
                      return (name, endpoint)
                  }).first else { continue }
            let seenBy = viewers(of: name, in: zone.id)
            guard !seenBy.isEmpty else { continue }
            let losers = world.endpoints.filter { endpoint in
                endpoint.spec.scope != winner.spec.scope && (writes[endpoint.name] ?? []).contains { written in
                    written.zone == zone.id || seers(written).contains { seenBy.contains($0) }
                }
            }
            guard !losers.isEmpty else { continue }
            collector.add(Finding(
                code: .scopesShareZone, zone: zone.id, name: zone.name, networks: seenBy,
                facts: .scopesShareZone(zone: zone.id, winner: place(winner), losers: losers.map(place), seenBy: seenBy),
                location: fileLocation(zone)))
        }
    }

    // MARK: spoke-endpoint-shared-zone

    /// An endpoint that writes zones other networks see, from a network that is not connected
    /// directly to each of them: the hub of those networks is elsewhere (the seed: "a single
    /// Private Endpoint on a peered network (such as a Hub VNet)").
    private func spokeEndpoints(_ writes: [EndpointID: [Written]], _ seers: (Written) -> [NetworkID],
                                _ collector: inout Collector) {
        let world = simulation.world
        let order = world.networks.map(\.name)
        for endpoint in world.endpoints {
            let home = endpoint.spec.network
            var zones: [ZoneID] = []
            var others = Set<NetworkID>()
            var far = Set<NetworkID>()
            for written in writes[endpoint.name] ?? [] {
                let seenBy = seers(written).filter { $0 != home }
                guard !seenBy.isEmpty else { continue }
                zones.append(written.zone)
                others.formUnion(seenBy)
                far.formUnion(seenBy.filter { world.adjacency[NetworkPair(home, $0)] == nil })
            }
            guard !far.isEmpty else { continue }
            var finding = Finding(
                code: .spokeEndpointSharedZone, zone: nil, name: nil, networks: order.filter { others.contains($0) },
                facts: .spokeEndpointSharedZone(endpoint: place(endpoint), zones: zones.sorted(),
                                                others: order.filter { others.contains($0) },
                                                far: order.filter { far.contains($0) }),
                location: endpoint.spec.source)
            finding.group = .endpoint(endpoint.name)
            collector.add(finding)
        }
    }

    // MARK: mixed-record-set

    /// A record set with the addresses of several private endpoints (`add-record` run for a
    /// second endpoint): the model answers with the first, clients in turn or at random.
    private func mixedRecordSets(_ collector: inout Collector) {
        let world = simulation.world
        for zone in world.zones {
            for (owner, set) in records.addressSets[zone.id] ?? [] {
                guard set.count > 1 else { continue }
                var entries: [FindingFacts.AddressOwner] = []
                for record in set {
                    if case .a(let address) = record.value, let endpoint = world.owner(of: address) {
                        entries.append(FindingFacts.AddressOwner(address: address, endpoint: endpoint.name))
                    }
                }
                guard Set(entries.map(\.endpoint)).count > 1 else { continue }
                collector.add(Finding(
                    code: .mixedRecordSet, zone: zone.id, name: owner, networks: viewers(of: owner, in: zone.id),
                    facts: .mixedRecordSet(zone: zone.id, name: owner, entries: entries),
                    location: set.first?.source ?? fileLocation(zone)))
            }
        }
    }

    // MARK: cross-scope-reach

    /// A resource whose own scope has an endpoint that serves none of its shared names, while
    /// they succeed through endpoints of other scopes (it was added to them, or they are Open):
    /// it breaks when that scope drops it, closes, or its endpoint goes.
    private func crossScopeReach(_ rows: [Row], _ collector: inout Collector) {
        let world = simulation.world
        var served: [ResourceID: [EndpointID]] = [:]       // resource -> endpoints serving its shared names
        var networks: [ResourceID: [NetworkID]] = [:]
        var open: [ResourceID: Bool] = [:]
        for row in rows where row.status.succeeds && !row.endpoint.isResourceSpecific(of: row.resourceKind) {
            guard let via = row.via else { continue }
            if !(served[row.resource] ?? []).contains(via) { served[row.resource, default: []].append(via) }
            if !(networks[row.resource] ?? []).contains(row.network) { networks[row.resource, default: []].append(row.network) }
            if row.status == .public { open[row.resource] = true }
        }
        for (resource, vias) in served.sorted(by: { $0.key < $1.key }) {
            let endpoints = vias.compactMap { world.endpoint($0) }
            let usedScopes = Set(endpoints.map(\.spec.scope))
            let homes = world.scopes(of: resource).map(\.name).filter { scope in
                !usedScopes.contains(scope) && world.endpoints.contains { $0.spec.scope == scope }
            }
            guard !homes.isEmpty else { continue }
            let homeEndpoints = world.endpoints.filter { homes.contains($0.spec.scope) }.map(\.name)
            collector.add(Finding(
                code: .crossScopeReach, zone: nil, name: nil, resource: resource, networks: networks[resource] ?? [],
                facts: .crossScopeReach(resource: resource, homes: homes, homeEndpoints: homeEndpoints,
                                        via: endpoints.map(place), open: open[resource] ?? false),
                location: nil))
        }
    }
}
