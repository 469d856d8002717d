/// The A records of a world's zones as the audit's checks read them: each zone's A sets read once,
/// owners in canonical order, and the scopes of the endpoints they point at, shared by every check
/// (a zone of a million records is walked once per audit, not once per check and network).
struct AuditRecords {
    /// Per zone id, the A sets, owners in canonical order.
    let addressSets: [ZoneID: [(owner: DNSName, records: ArraySlice<Record>)]]
    /// Per zone id, the scopes of the private endpoints that its A records point at.
    let endpointScopes: [ZoneID: Set<ScopeID>]

    init(_ world: World) {
        var sets: [ZoneID: [(owner: DNSName, records: ArraySlice<Record>)]] = [:]
        var scopes: [ZoneID: Set<ScopeID>] = [:]
        for (id, contents) in world.contents {
            let found = contents.addressRecords
            var reached: Set<ScopeID> = []
            // By index, and the address's owner looked up by name first: most records of a large
            // zone are no endpoint's, and copying each (its strings retained) cost more than the check.
            for k in found.indices {
                for i in found[k].records.indices {
                    if case .a(let address) = found[k].records[i].value, world.owners[address] != nil,
                       let endpoint = world.owner(of: address) {
                        reached.insert(endpoint.spec.scope)
                    }
                }
            }
            sets[id] = found
            scopes[id] = reached
        }
        addressSets = sets
        endpointScopes = scopes
    }
}
