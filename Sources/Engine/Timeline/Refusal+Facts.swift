extension Refusal {
    /// What a step names: something that does not exist, already exists, or is on-premises.
    package enum Thing: Hashable, Sendable {
        case privateEndpoint, network, scope, zone, resource, dnsServer, forwardingRuleset
    }

    /// An object a step names, by its identity.
    package enum Named: Hashable, Sendable {
        case privateEndpoint(EndpointID)
        case network(NetworkID)
        case scope(ScopeID)
        case zone(ZoneID)
        case resource(ResourceID)
        case dnsServer(ServerID)
        case forwardingRuleset(RulesetID)

        /// What kind of object it is.
        package var thing: Thing {
            switch self {
            case .privateEndpoint: return .privateEndpoint
            case .network: return .network
            case .scope: return .scope
            case .zone: return .zone
            case .resource: return .resource
            case .dnsServer: return .dnsServer
            case .forwardingRuleset: return .forwardingRuleset
            }
        }
    }

    /// What holds a fixed address that an endpoint asks for.
    package enum FixedHolder: Hashable, Sendable {
        /// Another private endpoint.
        case endpoint(EndpointID)
        /// A DNS server or a resolver's inbound endpoint.
        case holder(AddressHolder)
        /// Another endpoint of the scope, given the address earlier in the same step.
        case anotherEndpoint(scope: ScopeID)
    }

    /// A per-scope count of Docs/model.md's limits.
    package enum ScopeCount: Hashable, Sendable {
        case resources, workspaces, components
    }

    /// What a refused step would have broken, with the names, addresses and counts involved
    /// (`RefusalText` in AmplsimRender words each).
    package enum Facts: Hashable, Sendable {
        /// The step names something that does not exist.
        case doesNotExist(Named)
        /// The step creates something that exists already.
        case alreadyExists(Named)
        /// A private endpoint that was never created, or was deleted earlier.
        case endpointGone(EndpointID)
        /// A resource that was never defined, or was deleted earlier.
        case resourceGone(ResourceID)
        /// An on-premises network given a private endpoint (`privateEndpoint`), a zone link
        /// (`zone`) or a ruleset link (`forwardingRuleset`).
        case onPremises(network: NetworkID, Thing)

        // Private endpoints
        case subnetOutsideNetwork(subnet: CIDR, network: NetworkID)
        /// The network has endpoints to `scopes` (sorted) already.
        case scopesPerNetwork(network: NetworkID, scopes: [ScopeID], limit: Int)
        case endpointsPerScope(scope: ScopeID, count: Int, limit: Int)
        /// A fixed address for a name in no AMPLS zone.
        case fixedNameOutsideZones(DNSName)
        case fixedOutsideSubnet(address: IPv4Address, name: DNSName, subnet: CIDR)
        /// A fixed address someone holds; `endpoint` is the endpoint that asks for it when a
        /// resource joins its scope (nil when the endpoint is being created).
        case fixedAddressHeld(address: IPv4Address, endpoint: EndpointID?, name: DNSName, by: FixedHolder)
        /// Two address keys fixed to one address.
        case fixedToOneAddress(DNSName, DNSName, address: IPv4Address)
        /// Two names of one address key fixed to different addresses.
        case fixedApart(DNSName, DNSName, IPv4Address, IPv4Address)
        case subnetFull(subnet: CIDR, free: Int, endpoint: EndpointID, needed: Int)
        case zoneGroupTooLarge(endpoint: EndpointID, zones: Int)
        case zoneGroupSameName(endpoint: EndpointID, name: DNSName, first: ZoneID, second: ZoneID)

        // Resources and scopes
        case alreadyMember(resource: ResourceID, scope: ScopeID)
        case notMember(resource: ResourceID, scope: ScopeID)
        case scopesPerResource(resource: ResourceID, count: Int, limit: Int)
        case scopeFull(scope: ScopeID, count: Int, limit: Int, of: ScopeCount)
        /// A resource that belongs to `scopes` cannot be deleted.
        case resourceInScope(resource: ResourceID, scopes: [ScopeID])

        // Zones, records and networks
        case fallbackOutsidePrivateLink(zone: DNSName)
        case zoneAlreadyLinked(zone: ZoneID, network: NetworkID)
        /// The network links `other`, a zone of the same name, already.
        case sameNameZoneLinked(network: NetworkID, other: ZoneID, name: DNSName)
        case zoneNotLinked(zone: ZoneID, network: NetworkID)
        case selfPeering(NetworkID)
        case alreadyJoined(NetworkID, NetworkID, LinkKind)
        case notJoined(NetworkID, NetworkID)
        /// A DNS setting of an address nothing holds.
        case addressUnheld(IPv4Address)
        /// Block `CIDR` of `network` overlaps `otherSpace` of `other` (the same network: its own).
        case overlappingSpace(CIDR, network: NetworkID, other: NetworkID, otherSpace: CIDR)
        /// Two networks listed both as peered and as connected.
        case peeredAndConnected(NetworkID, NetworkID)
        case recordOutsideZone(name: DNSName, zone: ZoneID, zoneName: DNSName)
        case noRecord(zone: ZoneID, type: String, name: DNSName)

        // Rulesets
        case rulesetAlreadyLinked(ruleset: RulesetID, network: NetworkID)
        case rulesetNotLinked(ruleset: RulesetID, network: NetworkID)
        case ruleTargetsAzureDNS
        case noRule(ruleset: RulesetID, domain: DNSName)
        /// Two rulesets linked to `network` with enabled rules for one domain.
        case ruleConflict(ruleset: RulesetID, other: RulesetID, domain: DNSName, network: NetworkID)
    }
}
