extension World {
    /// Writes an endpoint's A record sets again through its zone group, as recreating the zone
    /// group does (a hypothetical, for ways out). False when the endpoint does not exist.
    mutating func rewriteRecords(of name: EndpointID) -> Bool {
        guard var state = endpoint(name) else { return false }
        for id in state.spec.dnsZones {
            guard let zone = zone(id) else { continue }
            for record in state.names where AMPLSZone.zone(of: record) == zone.name {
                guard let address = state.addresses[record] else { continue }
                updateContents(id) { $0.write([Record(name: record, ttl: 10, value: .a(address))], by: .endpoint(name)) }
                if !state.written.contains(.init(zone: id, name: record)) { state.written.append(.init(zone: id, name: record)) }
            }
        }
        replaceEndpoint(state)
        return true
    }

    /// Adds a hosts-file entry to a network (a hypothetical, for ways out).
    mutating func setHostsEntry(network: NetworkID, name: DNSName, address: IPv4Address) {
        updateNetwork(network) { $0.hosts[name] = address }
    }

    /// Gives `network` its own copy of every AMPLS zone it links: the records it saw in `base`,
    /// then the records of the `serving` endpoints written again, so that no other endpoint's
    /// writes reach it. Returns false when the network links no such zone.
    mutating func giveOwnZones(to network: NetworkID, from base: World, writing serving: [EndpointID]) -> Bool {
        let linked = zones.filter { zone in AMPLSZone.all.contains(zone.name) && zone.links.contains { $0.network == network } }
        guard !linked.isEmpty else { return false }
        let endpoints = serving.compactMap { endpoint($0) }
        for zone in linked {
            var copy = base.contents[zone.id] ?? ZoneContents(apex: zone.name)
            for served in endpoints {
                for name in served.names where AMPLSZone.zone(of: name) == zone.name {
                    if let address = served.addresses[name] {
                        copy.write([Record(name: name, ttl: 10, value: .a(address))], by: .endpoint(served.name))
                    }
                }
            }
            let id = ZoneID.ownCopy(of: zone.id, for: network)
            updateZone(zone.id) { $0.links.removeAll { $0.network == network } }
            addZone(Zone(id: id, name: zone.name, links: [ZoneLink(network: network)]), contents: copy)
        }
        return true
    }
}
