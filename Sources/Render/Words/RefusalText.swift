import AmplsimEngine

/// The words of refused steps: what rule a step would break, read off its `Refusal.Facts`
/// (Docs/model.md and Docs/scenarios.md explain the rules).
package enum RefusalText {
    /// An object's name as the topology writes it.
    static func name(_ object: Refusal.Named) -> String {
        switch object {
        case .privateEndpoint(let id): return id.name
        case .network(let id): return id.name
        case .scope(let id): return id.name
        case .zone(let id): return id.name
        case .resource(let id): return id.name
        case .dnsServer(let id): return id.name
        case .forwardingRuleset(let id): return id.name
        }
    }

    /// The refusal in one sentence.
    package static func message(_ facts: Refusal.Facts) -> String {
        switch facts {
        case .doesNotExist(let object):
            return "\(noun(object.thing)) \(name(object)) does not exist"
        case .alreadyExists(let object):
            return "\(noun(object.thing)) \(name(object)) already exists"
        case .endpointGone(let name):
            return "private endpoint \(name) does not exist (never created, or deleted earlier)"
        case .resourceGone(let name):
            return "resource \(name) does not exist (never defined, or deleted earlier)"
        case .onPremises(let network, let thing):
            return "network \(network) is on-premises: " + onPremises(thing)
        case .subnetOutsideNetwork(let subnet, let network):
            return "subnet \(subnet) lies outside network \(network)'s address space"
        case .scopesPerNetwork(let network, let scopes, let limit):
            return "network \(network) already has private endpoints to \(scopes.map(\.name).joined(separator: ", ")); a network connects to at most \(limit) scope(s) (limit scopesPerNetwork)"
        case .endpointsPerScope(let scope, let count, let limit):
            return "scope \(scope) already has \(count) private endpoints, its limit (endpointsPerScope \(limit))"
        case .fixedNameOutsideZones(let name):
            return "fixed address for \(name.absolute), which is in none of the Azure Monitor private DNS zones"
        case .fixedOutsideSubnet(let address, let name, let subnet):
            return "fixed address \(address) for \(name.absolute) lies outside subnet \(subnet)"
        case .fixedAddressHeld(let address, let endpoint, let name, let holder):
            let of = endpoint.map { " of \($0)" } ?? ""
            return "fixed address \(address)\(of) for \(name.absolute) " + held(holder)
        case .fixedToOneAddress(let first, let second, let address):
            return "\(first.absolute) and \(second.absolute) are fixed to one address \(address); they need an address each (MODEL.md section 5)"
        case .fixedApart(let first, let second, let firstAddress, let secondAddress):
            return "\(first.absolute) and \(second.absolute) share one address (MODEL.md section 5), but are fixed to \(firstAddress) and \(secondAddress)"
        case .subnetFull(let subnet, let free, let endpoint, let needed):
            return "subnet \(subnet) has \(free) free addresses; \(endpoint) needs \(needed)"
        case .zoneGroupTooLarge(let endpoint, let zones):
            return "the zone group of \(endpoint) holds \(zones) zones; a zone group holds at most 5"
        case .zoneGroupSameName(let endpoint, let name, let first, let second):
            return "the zone group of \(endpoint) holds two zones named \(name.absolute): \(first) and \(second)"
        case .alreadyMember(let resource, let scope):
            return "\(resource) is already a member of scope \(scope)"
        case .notMember(let resource, let scope):
            return "\(resource) is not a member of scope \(scope)"
        case .scopesPerResource(let resource, let count, let limit):
            return "\(resource) already belongs to \(count) scopes, its limit (scopesPerResource \(limit))"
        case .scopeFull(let scope, let count, let limit, let of):
            let (members, setting) = scopeCount(of)
            return "scope \(scope) already holds \(count) \(members), its limit (\(setting) \(limit))"
        case .resourceInScope(let resource, let scopes):
            return "\(resource) belongs to scope \(scopes.map(\.name).joined(separator: ", ")); a resource that belongs to a scope cannot be deleted: unlink it first"
        case .fallbackOutsidePrivateLink(let zone):
            return "fallback to internet applies to privatelink.* zones only, not \(zone.absolute)"
        case .zoneAlreadyLinked(let zone, let network):
            return "zone \(zone) is already linked to \(network)"
        case .sameNameZoneLinked(let network, let other, let name):
            return "network \(network) already links zone \(other) of the same name \(name.absolute); a network links at most one zone of a given name"
        case .zoneNotLinked(let zone, let network):
            return "zone \(zone) is not linked to \(network)"
        case .selfPeering(let network):
            return "a network cannot peer with itself (\(network))"
        case .alreadyJoined(let a, let b, let kind):
            return "\(a) and \(b) are already joined by a \(kind.rawValue)"
        case .notJoined(let a, let b):
            return "\(a) and \(b) are not peered or connected"
        case .addressUnheld(let address):
            return "no DNS server or resolver inbound endpoint holds \(address)"
        case .overlappingSpace(let cidr, let network, let other, let otherSpace):
            let whose = other == network ? "its own \(otherSpace)" : "\(other)'s"
            return "address space \(cidr) of \(network) overlaps \(whose); network address spaces must not overlap"
        case .peeredAndConnected(let a, let b):
            return "\(a) and \(b) would be joined both by a peering and by a connection; two networks are joined one way"
        case .recordOutsideZone(let name, let zone, let zoneName):
            return "\(name.absolute) is outside zone \(zone) (\(zoneName.absolute))"
        case .noRecord(let zone, let type, let name):
            return "zone \(zone) has no \(type) record at \(name.absolute)"
        case .rulesetAlreadyLinked(let ruleset, let network):
            return "forwarding ruleset \(ruleset) is already linked to \(network)"
        case .rulesetNotLinked(let ruleset, let network):
            return "forwarding ruleset \(ruleset) is not linked to \(network)"
        case .ruleTargetsAzureDNS:
            return "a forwarding rule may not target 168.63.129.16 (Azure DNS)"
        case .noRule(let ruleset, let domain):
            return "forwarding ruleset \(ruleset) has no rule for \(domain.absolute)"
        case .ruleConflict(let ruleset, let other, let domain, let network):
            return "rulesets \(ruleset) and \(other) both have an enabled rule for \(domain.absolute) and are both linked to \(network)"
        }
    }

    private static func noun(_ thing: Refusal.Thing) -> String {
        switch thing {
        case .privateEndpoint: return "private endpoint"
        case .network: return "network"
        case .scope: return "scope"
        case .zone: return "zone"
        case .resource: return "resource"
        case .dnsServer: return "DNS server"
        case .forwardingRuleset: return "forwarding ruleset"
        }
    }

    /// Why an on-premises network cannot have the thing.
    private static func onPremises(_ thing: Refusal.Thing) -> String {
        switch thing {
        case .zone: return "private DNS zones link only to Azure VNets"
        case .forwardingRuleset: return "forwarding rulesets link only to Azure VNets"
        default: return "a private endpoint lives in an Azure VNet"
        }
    }

    private static func held(_ holder: Refusal.FixedHolder) -> String {
        switch holder {
        case .endpoint(let name): return "is held by private endpoint \(name)"
        case .holder(.server(let name)): return "is held by DNS server \(name)"
        case .holder(.inbound(let resolver, _)): return "is held by an inbound endpoint of DNS resolver \(resolver)"
        case .anotherEndpoint(let scope): return "is taken by another endpoint of \(scope)"
        }
    }

    private static func scopeCount(_ count: Refusal.ScopeCount) -> (members: String, setting: String) {
        switch count {
        case .resources: return ("resources", "resourcesPerScope")
        case .workspaces: return ("workspaces", "workspacesPerScope")
        case .components: return ("components", "componentsPerScope")
        }
    }
}

extension Refusal {
    /// The refusal in one sentence (`RefusalText.message`).
    package var message: String { RefusalText.message(facts) }
}

extension RefusalText {
    /// A broken rule as a topology or scenario file's error (the loader puts the file, line and
    /// field before it): the same facts as a refused step, in the words of a field that is wrong.
    /// `space` is the address space of the network a subnet lies outside.
    package static func inputMessage(_ facts: Refusal.Facts, space: [CIDR] = []) -> String {
        switch facts {
        case .onPremises(let network, let thing):
            return "\(network) is an on-premises network: " + onPremises(thing)
        case .subnetOutsideNetwork(let subnet, let network):
            return "subnet \(subnet) lies outside \(network)'s address space (\(space.map(\.description).joined(separator: ", ")))"
        case .zoneGroupSameName(_, let name, let first, _):
            return "the zone group already holds \(first), also named \(name.absolute); a zone group holds zones of distinct names"
        case .zoneGroupTooLarge(_, let zones):
            return "a zone group holds at most \(ModelRules.zoneGroupSize) zones, this one \(zones)"
        case .fixedNameOutsideZones(let name):
            return "\(name.absolute) is not a name in the five AMPLS zones (give full names like api.\(AMPLSZone.monitor.text))"
        case .fixedOutsideSubnet(let address, _, let subnet):
            return "fixed address \(address) lies outside subnet \(subnet)"
        case .fixedAddressHeld(let address, _, _, .holder(let holder)):
            return "fixed address \(address) is already held by \(holderName(holder))"
        case .selfPeering:
            return "a network cannot be joined to itself"
        case .overlappingSpace(let cidr, let network, let other, let otherSpace):
            let whose = other == network ? "its own \(otherSpace)" : "\(otherSpace) of network \(other)"
            return "\(cidr) overlaps \(whose); network address spaces must not overlap"
        case .peeredAndConnected(let a, let b):
            return "\(a) and \(b) are listed both as a peering and as a connection"
        case .zoneAlreadyLinked(_, let network), .rulesetAlreadyLinked(_, let network):
            return "\(network) is linked twice"
        case .ruleConflict(let ruleset, let other, let domain, let network):
            return "rulesets \(other) and \(ruleset) both have an enabled rule for \(domain.absolute) and are both linked to \(network); a network sees one enabled rule per domain"
        case .sameNameZoneLinked(let network, let other, let name):
            return "\(network) already links zone \(other) of the same name \(name.absolute); a network links at most one zone of a given name"
        case .scopeFull(let scope, let count, let limit, let of):
            let (members, setting) = scopeCount(of)
            return "scope \(scope) holds \(count) \(members); the limit is \(limit) (settings.limits.\(setting))"
        case .scopesPerResource(let resource, let count, let limit):
            return "\(resource) belongs to \(count) scopes; the limit is \(limit) (settings.limits.scopesPerResource)"
        default:
            // The same words as a refusal: fallback outside privatelink zones, a rule targeting
            // Azure DNS, a `dns` address nothing holds.
            return message(facts)
        }
    }

    /// Who holds an address, as a file's errors name it.
    package static func holderName(_ holder: AddressHolder) -> String {
        switch holder {
        case .server(let name): return "DNS server \(name)"
        case .inbound(let resolver, _): return "an inbound endpoint of DNS resolver \(resolver)"
        }
    }
}
