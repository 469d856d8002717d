import AmplsimEngine

/// The words of audit findings: each finding's message (the mechanism, in one sentence) and its
/// fix, read off its `FindingFacts` (Docs/audit.md explains each code).
package enum FindingText {
    /// The mechanism, in one sentence.
    package static func message(_ finding: Finding) -> String {
        switch finding.facts {
        case .danglingRecord(let zone, let name, let address):
            return "\(zone)\(Dangling.maps)\(name.absolute)\(Dangling.to)\(address)\(Dangling.message)"
        case .danglingHostsEntry(let network, let name, let address):
            return "the hosts file of \(network) maps \(name.absolute) to \(address), a private address that no private endpoint holds"
        case .unroutableRecord(let zone, _, let name, let address, let endpoint, let home, let cut):
            return "\(zone) maps \(name.absolute) to \(address), private endpoint \(endpoint) in \(home), which \(list(cut)) cannot reach: the last endpoint to write overrides the name for every network that shares the zone"
        case .unroutableHostsEntry(let network, let name, let address, let endpoint, let home):
            return "the hosts file of \(network) maps \(name.absolute) to \(address), private endpoint \(endpoint) in \(home), which \(network) cannot reach"
        case .workspaceNameOutOfScope(let zone, let workspace, let name, let endpoint, let scope):
            return "\(zone) sends workspace \(workspace)'s own name \(name.absolute) to private endpoint \(endpoint), whose scope \(scope) does not hold \(workspace), so the endpoint refuses its traffic"
        case .emptyZone(let zone, let zoneName, _):
            if zoneName == AMPLSZone.blob {
                return "\(zone) (\(zoneName.absolute)) holds no address records: the storage names whose public CNAME leads into it are NXDOMAIN for the networks that see it, the Log Analytics agent's solution packs account scadvisorcontentpl.blob.core.windows.net and the blob name of every storage account with a private endpoint (custom logs, profiler or snapshot storage); Azure Monitor's ingestion and query names do not pass through this zone"
            }
            return "\(zone) (\(zoneName.absolute)) holds no address records, yet the public CNAMEs send every Azure Monitor name into it, so each one is NXDOMAIN for the networks that see it"
        case .zoneWithoutEndpoint(let zone, let zoneName, let addresses, _):
            return "\(zone) (\(zoneName.absolute)) has no private endpoint behind it: its A records hold only \(addresses.map(\.description).joined(separator: ", ")), which no private endpoint holds, yet the public CNAMEs send every shared Azure Monitor name into it, so the names it lacks are NXDOMAIN and those it holds lead nowhere for the networks that see it"
        case .zoneTooBroad(let zone, let zoneName, let hidden, _):
            if hidden.isInside("blob.core.windows.net") {
                return "\(zone) is named \(zoneName.absolute), a public parent of every storage account's blob name: it answers for public names such as \(hidden.absolute) that it does not hold, which become NXDOMAIN"
            }
            return "\(zone) is named \(zoneName.absolute), a public parent of the Azure Monitor names: it answers for public names such as \(hidden.absolute) that it does not hold, which become NXDOMAIN"
        case .mixedEndpoints(let zone, let owners, let distinct):
            let pairs = owners.map { "\($0.name) → \($0.endpoint)" }.joined(separator: ", ")
            return "the shared names of \(zone) point at \(distinct) different private endpoints (\(pairs)): every network that sees the zone follows whichever endpoint wrote each name last"
        case .scopesShareZone(let zone, let winner, let losers, let seenBy):
            let lost = losers.map { "\($0.endpoint) (scope \($0.scope), in \($0.network))" }
            return "the shared names of \(zone) hold the addresses of private endpoint \(winner.endpoint) (scope \(winner.scope), in \(winner.network)), which wrote them last; \(list(lost)) write\(losers.count == 1 ? "s" : "") the zones the same networks use and lost them: \(list(seenBy)) send every resource's shared names (query, Application Insights ingestion, live metrics) to \(winner.scope), and whichever of these endpoints is created or recreated next takes them over"
        case .spokeEndpointSharedZone(let endpoint, let zones, let others, let far):
            return "private endpoint \(endpoint.endpoint) sits in \(endpoint.network) and writes \(list(zones)), which \(list(others)) see\(others.count == 1 ? "s" : "") too, but \(endpoint.network) is not connected directly to \(list(far)): it is not the hub of those networks, so their Azure Monitor names depend on an endpoint in another network's hands, reached through transit if at all, and recreating or deleting it rewrites their DNS"
        case .mixedRecordSet(let zone, let name, let entries):
            let pairs = entries.map { "\($0.address) \($0.endpoint)" }
            return "the record set \(name.absolute) of \(zone) holds the addresses of \(Set(entries.map(\.endpoint)).count) private endpoints (\(list(pairs))): clients take them in turn or at random (amplsim follows the first), so one name reaches different endpoints from one query to the next; a second endpoint's `add-record` appends its address instead of replacing the set"
        case .crossScopeReach(let resource, let homes, let homeEndpoints, let via, let open):
            let through = list(via.map { "\($0.endpoint) of scope \($0.scope)" })
            let scopes = list(Set(via.map(\.scope)).sorted())
            let endpoints = list(via.map(\.endpoint))
            let how = open
                ? "whose Open access mode lets its traffic pass: it works while \(scopes) stays Open and breaks when it is closed or \(endpoints) goes"
                : "which holds \(resource): it works while it does and breaks when \(resource) is removed from \(scopes) or \(endpoints) goes"
            return "\(resource) belongs to \(list(homes)) (endpoint \(list(homeEndpoints))), yet its shared names reach it only through private endpoint \(through), \(how); another team's scope carries its traffic"
        case .partialZoneSet(let network, let seen, let missing, let scopes):
            return "\(network) sees \(names(seen)) but not \(names(missing)), which \(list(scopes)) need\(scopes.count == 1 ? "s" : ""): those names resolve publicly and bypass the private endpoint"
        case .ruleLoop(let ruleset, let domain, let looping, let ahead):
            let latent = ahead.isEmpty ? ""
                : "; today \(ahead.map(\.description).joined(separator: ", ")) answer\(ahead.count == 1 ? "s" : "") first, so the loop shows whenever \(ahead.count == 1 ? "it does" : "they do") not"
            return "the rule for \(spelled(domain)) of \(ruleset), linked to \(list(looping.map(\.network))), targets \(targets(looping)): Azure DNS of that network hands \(domainNames(domain)) to itself, applies the same rule again and loops, so they are SERVFAIL\(latent)"
        case .dotRuleReserved(let ruleset, let links, let targets, let reserved):
            let to = targets.map(\.description).joined(separator: ", ")
            return "the rule for \".\" of \(ruleset), linked to \(list(links)), does not match names under Azure's reserved domains (\(reserved.map(\.text).joined(separator: ", "))): Azure Monitor's \(inWords(AzureMonitorNames.privateLinkDomains.map { "*." + $0.text })) names never reach \(to) and are answered by Azure DNS of each linked network (its linked zones, else public DNS), while \(inWords([AzureMonitorNames.logAnalyticsAPI.text, AzureMonitorNames.applicationInsightsAPI.text])) do reach \(to), with the rest of their chain: query and ingestion take different paths"
        case .ruleZoneUnseen(let ruleset, let domain, let zoneName, let unseen, let homes, let users):
            return "the rule for \(domain.absolute) of \(ruleset) forwards to \(targets(unseen)), but \(list(homes)) link\(homes.count == 1 ? "s" : "") no \(zoneName.absolute) zone: Azure DNS there answers those names from public DNS (a public address, or NXDOMAIN) instead of the private zone, and \(list(users)) take\(users.count == 1 ? "s" : "") that answer"
        case .subnetTooSmall(let endpoint, let subnet, let usable, let scope, let needed, let free):
            return "private endpoint \(endpoint) sits in subnet \(subnet), smaller than the /27 Azure documents as the smallest it supports: its \(subnet.size) addresses leave \(usable) usable (Azure reserves the first four and the last), scope \(scope) needs \(needed) (one per address key) and \(free) \(free == 1 ? "is" : "are") free for resources linked later (a workspace of a new region takes 3, a data collection endpoint 3, a component up to 2): a link that needs more is refused"
        case .componentStampDefaulted(let component, let region, let regionStamp):
            return "component \(component) has no stamp and no connection string, so stamp 0 was assumed: its regional ingestion name is \(regionStamp).in.applicationinsights.azure.com, which is wrong if Azure placed it on another stamp (the number in IngestionEndpoint=https://\(region)-N.in.applicationinsights.azure.com/)"
        case .unroutableAnswer(let reason, _, _), .danglingAnswer(let reason, _), .resourceNameOutOfScope(let reason, _, _):
            return VerdictText.detail(reason)
        case .missingRecord(let fqdn, let name, let zone, let nodata, let network):
            guard let zone else {
                return "no zone \(network) sees holds \(name.absolute), and public DNS does not know it: NXDOMAIN"
            }
            return nodata
                ? "\(zone) holds \(name.absolute) but no A record, so \(fqdn.absolute) has no address"
                : "the chain of \(fqdn.absolute) enters \(zone), which has no record for \(name.absolute): NXDOMAIN"
        case .servfail(let reason, let fqdn, _):
            switch reason {
            case .chainTooLong, .cnameLoop, .forwardingLoop: return "\(fqdn.absolute): " + VerdictText.servfail(reason)
            default: return "every name is SERVFAIL: " + VerdictText.servfail(reason)
            }
        case .scopeMissingResource(let miss):
            if miss.homes.isEmpty {
                return "\(miss.resource)'s shared names resolve to private endpoint \(miss.endpoint) of scope \(miss.scope), which does not hold \(miss.resource) and admits only its own resources: Azure Monitor Private Link is all or nothing"
            }
            let own = miss.homeEndpoints.isEmpty ? "" : " (endpoint \(list(miss.homeEndpoints)))"
            return "private endpoint \(miss.endpoint) of scope \(miss.scope), in \(miss.endpointNetwork), wrote the shared names last, so \(miss.resource)'s shared names resolve to it; \(miss.resource) belongs to \(list(miss.homes))\(own), and \(miss.scope) admits only its own resources: Azure Monitor Private Link is all or nothing"
        case .publicDenied(let resource, let category, let via):
            return "\(resource) denies public \(category.rawValue), and these networks reach it over public access" + (via.map { " (through the Open scope of \($0))" } ?? "")
        case .egressBlocked(let resource):
            return "\(resource)'s names resolve to public addresses from networks without internet egress"
        case .refusedStep(let index, let keyword, let label, let refusal):
            return "step \(index) \(keyword)\(label.map { " (\($0))" } ?? "") was refused: \(refusal.message)"
        }
    }

    /// What to change.
    package static func fix(_ finding: Finding) -> String {
        switch finding.facts {
        case .danglingRecord(_, let name, _):
            return "\(Dangling.point)\(name.absolute)\(Dangling.fix)"
        case .danglingHostsEntry(_, let name, _):
            return "point the hosts entry at the private endpoint that serves \(name.absolute), or remove it"
        case .unroutableRecord(_, let zoneName, _, _, _, let home, let cut):
            return "peer \(list(cut)) with \(home) (or route through a transit hub), or give \(cut.count == 1 ? "it" : "them") a separate zone \(zoneName.absolute) with \(cut.count == 1 ? "its" : "their") own endpoint's addresses"
        case .unroutableHostsEntry(let network, _, _, _, let home):
            return "point the hosts entry at an endpoint \(network) reaches, or peer \(network) with \(home)"
        case .workspaceNameOutOfScope(_, let workspace, _, _, let scope):
            return "add \(workspace) to scope \(scope), or delete the record so that \(workspace) resolves publicly"
        case .emptyZone(let zone, let zoneName, let seenBy):
            if zoneName == AMPLSZone.blob {
                return "add the scadvisorcontentpl record of the scope's private endpoint and the records of the storage accounts' private endpoints to \(zone), or unlink it from \(list(seenBy)) (or enable fallback to internet on those links)"
            }
            return "add the private endpoint's A records to \(zone), or unlink it from \(list(seenBy)) (or enable fallback to internet on those links)"
        case .zoneWithoutEndpoint(let zone, _, _, let seenBy):
            return "create the scope's private endpoint with \(zone) in its zone group (its records replace the old ones), or unlink \(zone) from \(list(seenBy)) (or enable fallback to internet on those links)"
        case .zoneTooBroad(_, _, _, let instead):
            return "name the zone after the privatelink domain instead (for example \(instead.absolute))"
        case .mixedEndpoints:
            return "serve every network from one private endpoint in a hub, or give each network its own zones"
        case .scopesShareZone(let zone, let winner, let losers, _):
            let keep = losers.count == 1 ? "\(losers[0].endpoint)'s" : "the serving endpoint's"
            return "serve these networks from one scope: keep \(winner.endpoint) from writing \(zone) (give \(winner.network) zones of its own, or remove \(winner.endpoint)'s zone group) and write \(keep) records again (recreate its zone group); or give each scope's networks zones of their own. Adding one team's resources to the other's scope, or opening it, hides the conflict without removing it"
        case .spokeEndpointSharedZone(let endpoint, _, _, _):
            return "create the private endpoint in the network every network that sees these zones is peered with (the hub), or link the zones \(endpoint.endpoint) writes to \(endpoint.network) only and give the other networks zones of their own"
        case .mixedRecordSet(let zone, let name, _):
            return "make \(name.absolute) hold one endpoint's address: remove the others (`az network private-dns record-set a remove-record`), or recreate the serving endpoint's zone group, which replaces the set in \(zone)"
        case .crossScopeReach(let resource, let homes, let homeEndpoints, let via, let open):
            let others = Set(via.map(\.scope)).sorted()
            let undo = open ? "then close \(list(others)) again if nothing else needs it Open" : "then remove \(resource) from \(list(others))"
            return "have \(list(homeEndpoints)) of \(list(homes)) serve these networks: keep \(list(via.map(\.endpoint))) from writing the zones they link and write \(list(homeEndpoints))'s records again; \(undo)"
        case .partialZoneSet(let network, _, let missing, _):
            return "link \(names(missing)) to \(network) (or host them on its DNS server)"
        case .ruleLoop(let ruleset, let domain, let looping, _):
            return "unlink \(ruleset) from \(list(looping.map(\.network))) (the network whose inbound endpoint the rule targets; link it to the spokes only), or target a DNS server that resolves \(domainNames(domain)) itself"
        case .dotRuleReserved(let ruleset, let links, let targets, _):
            let to = targets.map(\.description).joined(separator: ", ")
            return "if Azure Monitor's names must reach \(to), add rules for \(inWords(AzureMonitorNames.privateLinkDomains.map(\.text))) to \(ruleset); otherwise link the five privatelink zones to \(list(links)) so that Azure DNS answers them privately"
        case .ruleZoneUnseen(_, _, let zoneName, _, let homes, _):
            return "link the \(zoneName.absolute) zone that holds the private endpoint's records to \(list(homes)), or target an inbound endpoint of a resolver whose network links it"
        case .subnetTooSmall:
            return "create the private endpoint in a /27 or larger subnet"
        case .componentStampDefaulted(let component, _, _):
            return "give \(component) its connectionString (Application Insights > Overview > Connection String) or its stamp"
        case .unroutableAnswer(_, let network, let name):
            return "make the endpoint reachable from \(network) (peering or a transit hub), or stop \(network) from resolving \(name.absolute) to it"
        case .danglingAnswer(_, let name):
            return "point \(name.absolute) at the private endpoint that serves it, or remove the entry"
        case .missingRecord(_, let name, let zone, _, let network):
            guard let zone else {
                return "create a zone that holds \(name.absolute) and link it to \(network) (or add a hosts entry)"
            }
            return "add an A record for \(name.absolute) to \(zone) with the serving private endpoint's address, or enable fallback to internet on the link"
        case .servfail(let reason, _, let name):
            return servfailFix(reason, name)
        case .resourceNameOutOfScope(_, let resource, let scope):
            return "add \(resource) to scope \(scope), or delete the record"
        case .scopeMissingResource(let miss):
            let category = miss.category.rawValue
            if miss.homes.isEmpty {
                return "add \(miss.resource) to scope \(miss.scope), or set the scope's \(category) access mode to Open"
            }
            if let home = miss.reachableHome {
                return "have \(home)'s records serve \(miss.network): keep \(miss.endpoint) from writing the zones \(miss.network) links (give \(miss.endpointNetwork) its own zones, or remove \(miss.endpoint)'s zone group) and write \(home)'s records again; adding \(miss.resource) to \(miss.scope) or opening its \(category) access mode also heals, but weakens isolation: \(miss.resource)'s traffic would pass another team's scope"
            }
            return "\(miss.network) reaches no endpoint of \(list(miss.homes)), and one network's shared names can point at one scope only: connect \(miss.network) to a network with an endpoint of \(miss.homes[0]) that serves it, or, weakening isolation (\(miss.resource)'s traffic would pass another team's scope), add \(miss.resource) to \(miss.scope) or open its \(category) access mode"
        case .publicDenied(let resource, let category, _):
            return "add \(resource) to the scope that serves these networks, or allow public \(category.rawValue) on \(resource)"
        case .egressBlocked(let resource):
            return "add \(resource) to a scope with a private endpoint that these networks reach and see in DNS, or allow internet egress"
        case .refusedStep(_, _, _, let refusal):
            return refusal.rule == .limit ? "stay within the limit, or raise it in settings.limits if Azure's has changed"
                : "change the step so that it follows the rule, or remove it"
        }
    }

    /// The fix of a SERVFAIL row's finding; `name` is the name that answered.
    private static func servfailFix(_ reason: ServfailReason, _ name: DNSName) -> String {
        switch reason {
        case .chainTooLong, .cnameLoop:
            return "break the CNAME chain: point \(name.absolute) at an address, or shorten the chain below \(maxChainLength) names"
        case .forwardingLoop(let server, _):
            return "make sure forwarders do not lead back to \(server): one of them must resolve the name itself"
        case .azureDNSFromOnPrem:
            return "from on-premises, forward to a DNS server or DNS Private Resolver inside an Azure VNet, not to Azure DNS directly"
        case .resolverUnreachable(_, let serverNetwork, _):
            return "connect the networks to \(named(serverNetwork)), or use a DNS server they can reach"
        case .forwarderUnreachable(let server, _, let targetNetwork):
            return "connect \(server)'s network to \(named(targetNetwork)), or forward to a server it can reach"
        case .noEgress(let server, let network):
            return "forward \(server)'s public names to a resolver with internet access, or allow egress from \(network)"
        case .ruleLoop(let ruleset, let looped):
            return "a rule of \(ruleset) sends \(looped.absolute) back to the Azure DNS that applies it: unlink \(ruleset) from the resolver's own network, or target a DNS server that resolves the name itself"
        case .addressUnheld(let address, let from):
            return "no DNS server or resolver inbound endpoint holds \(address): point \(from?.description ?? "") at an address that one holds"
        case .noRuleTarget(let ruleset, let domain):
            return "the rule for \(domain.absolute) in \(ruleset) has no target that its resolver's network reaches: connect the networks, or target a reachable DNS server or inbound endpoint"
        }
    }

    private static func list(_ items: [String]) -> String { items.joined(separator: ", ") }

    /// "a, b and c".
    private static func inWords(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
    private static func list<Tag>(_ items: [Identifier<Tag>]) -> String { list(items.map(\.name)) }

    private static func names(_ names: [DNSName]) -> String { names.map(\.absolute).joined(separator: ", ") }

    /// "." for the root, the domain otherwise.
    private static func spelled(_ domain: DNSName) -> String { domain.isRoot ? "\".\"" : domain.absolute }

    private static func domainNames(_ domain: DNSName) -> String {
        domain.isRoot ? "every name outside Azure's reserved domains" : "names under \(domain.absolute)"
    }

    private static func targets(_ targets: [FindingFacts.RuleTarget]) -> String {
        targets.map { "\($0.target) (an inbound endpoint of \($0.resolver) in \($0.network))" }.joined(separator: ", ")
    }
}

extension FindingText {
    /// The words of a dangling record's message and fix around its zone, name and address: one
    /// source for the sentences as strings and as JSON (none needs escaping).
    private enum Dangling {
        static let maps = " maps "
        static let to = " to "
        static let message = ", a private address that no private endpoint holds, so clients connect to nothing"
        static let point = "point "
        static let fix = " at the private endpoint that serves it, or delete the record"
    }

    /// Appends a finding's message to `out`: `message`, the dangling record's written in place
    /// from its facts (a large zone has them by the hundred thousand). `escaping`: as the inside
    /// of a JSON string (the words around the names need no escaping).
    static func appendMessage(_ finding: Finding, to out: ByteSink, escaping: Bool = false) {
        guard case .danglingRecord(let zone, let name, let address) = finding.facts else {
            appendText(message(finding), to: out, escaping: escaping)
            return
        }
        appendText(zone.name, to: out, escaping: escaping)
        out.append(utf8: Dangling.maps)
        appendText(name.text, to: out, escaping: escaping)
        out.append(UInt8(ascii: "."))
        out.append(utf8: Dangling.to)
        out.appendDotted(address)
        out.append(utf8: Dangling.message)
    }

    /// Appends a finding's fix to `out`: `fix`, the dangling record's written in place.
    static func appendFix(_ finding: Finding, to out: ByteSink, escaping: Bool = false) {
        guard case .danglingRecord(_, let name, _) = finding.facts else {
            appendText(fix(finding), to: out, escaping: escaping)
            return
        }
        out.append(utf8: Dangling.point)
        appendText(name.text, to: out, escaping: escaping)
        out.append(UInt8(ascii: "."))
        out.append(utf8: Dangling.fix)
    }

    /// Appends a finding's message as a JSON string: the bytes `message` would give.
    static func appendJSONMessage(_ finding: Finding, to out: ByteSink) {
        out.append(UInt8(ascii: "\""))
        appendMessage(finding, to: out, escaping: true)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a finding's fix as a JSON string: the bytes `fix` would give.
    static func appendJSONFix(_ finding: Finding, to out: ByteSink) {
        out.append(UInt8(ascii: "\""))
        appendFix(finding, to: out, escaping: true)
        out.append(UInt8(ascii: "\""))
    }

    private static func appendText(_ text: String, to out: ByteSink, escaping: Bool) {
        if escaping { out.appendEscaped(text) } else { out.append(utf8: text) }
    }
}

extension Finding {
    /// The mechanism, in one sentence (`FindingText.message`).
    package var message: String { FindingText.message(self) }
    /// What to change (`FindingText.fix`).
    package var fix: String { FindingText.fix(self) }
}

extension Audit {
    /// Every finding, errors first, then by code, zone, name, resource and message.
    package func findings() -> [Finding] { findings(orderedBy: FindingText.message) }
}
