import AmplsimEngine

/// The words of fix candidates: what a change does, why it was proposed, how it weakens
/// isolation, the record sets it writes again, and where a search was bounded, read off
/// `FixChange` and `FixSearch` (Docs/intents.md).
package enum FixCandidateText {
    /// What to do, in a few words ("peer spoke-3 with hub").
    package static func text(_ what: FixChange.What) -> String {
        switch what {
        case .peer(let a, let b): return "peer \(a) with \(b)"
        case .unpeer(let a, let b): return "unpeer \(a) and \(b)"
        case .allowPublic(let resource, let category): return "let \(resource) accept public \(category.rawValue)"
        case .denyPublic(let resource, let category): return "deny public \(category.rawValue) on \(resource)"
        case .addToScope(let resource, let scope): return "add \(resource) to scope \(scope)"
        case .removeFromScope(let resource, let scope): return "unlink \(resource) from scope \(scope)"
        case .setScopeMode(let scope, let category, let mode):
            return "set scope \(scope)'s \(category.rawValue) access mode to \(mode.rawValue)"
        case .deleteEndpoint(let name): return "delete private endpoint \(name)"
        case .setDNS(let network, let setting, let target): return "set \(network)'s DNS to \(setting) (\(self.target(target)))"
        case .rewrite(let endpoint, let sets):
            return "write \(endpoint)'s records again (\(sets) record set\(sets == 1 ? "" : "s"), as recreating its zone group would)"
        case .linkZone(let zone, let network, let instead):
            return "link \(zone) to \(network)" + (instead.map { " instead of \($0)" } ?? "")
        case .unlinkZone(let zone, let network): return "unlink \(zone) from \(network)"
        case .fallback(let zone, let network): return "set fallback to internet on \(zone)'s link to \(network)"
        case .ownZones(let network, let endpoint): return "give \(network) its own private DNS zones, written by \(endpoint)"
        case .hosts(let network, let entries):
            let list = entries.sorted { $0.key < $1.key }.map { "\($0.key.absolute) \($0.value)" }.joined(separator: ", ")
            return "hosts-file entries on \(network)'s machines: \(list)"
        }
    }

    /// Why it was proposed, in words.
    package static func reason(_ why: FixChange.Why) -> String {
        switch why {
        case .answer(let hop, let outcome):
            return VerdictText.answer(hop, outcome)
        case .noRoute(let network, let endpoint, let endpointNetwork, let name):
            return "\(network) has no route to \(endpoint) in \(endpointNetwork), whose address answers \(name.absolute)"
        case .deniesPublic(let resource, let category, let network):
            return "\(resource) denies public \(category.rawValue), and \(network)'s answer is public"
        case .resolvesPrivately(let network, let name):
            return "\(network) resolves \(name.absolute) to a private endpoint"
        case .zoneAnswers(let network, let name, let status):
            return "the zone \(network) sees answers \(name.absolute) with \(status.rawValue)"
        case .zoneAnswersWith(let network, let name, let endpoint):
            return "the zone \(network) sees answers \(name.absolute) with \(endpoint)'s address"
        case .wroteRecords(let endpoint, let network, let name):
            return "\(endpoint) wrote the records \(network) follows for \(name.absolute)"
        case .scopeLacks(let endpoint, let scope, let network, let name, let resource):
            return "\(endpoint) of \(scope) answers \(network) for \(name.absolute), and \(scope) does not hold \(resource)"
        case .scopeKeepsOut(let scope, let resource, let endpoint, let category):
            return "\(scope) holds \(resource) out of \(endpoint)'s \(category.rawValue) traffic"
        case .scopeLetsThrough(let scope, let resource, let category, let endpoint):
            return "\(scope) lets \(resource)'s \(category.rawValue) through \(endpoint) to the public endpoint"
        case .reachesPublicly(let network, let resource, let category):
            return "\(network) reaches \(resource) over its public \(category.rawValue) endpoint"
        case .reachesDirectly(let network, let endpoint, let endpointNetwork):
            return "\(network) reaches \(endpoint) in \(endpointNetwork) directly"
        case .reachesPrivately(let network, let resource, let endpoint, let scope):
            return "\(network) reaches \(resource) privately through \(endpoint) of \(scope)"
        case .serverUnreached(let network, let serverNetwork):
            return "\(network)'s DNS server runs in \(serverNetwork), which \(network) does not reach"
        case .forwarderUnreached(let server, let target, let targetNetwork, let home):
            return "\(server) forwards to \(named(target)) in \(targetNetwork), which \(home) does not reach"
        case .overwritten(let endpoint, let sets, let others):
            let by = others.isEmpty ? "deleted since" : "written since by \(others.map(\.name).joined(separator: ", "))"
            return "\(sets == 1 ? "a record set" : "\(sets) record sets") \(endpoint) wrote \(sets == 1 ? "was" : "were") \(by)"
        case .zoneHolds(let zone, let name, let endpoint, let network):
            return "\(zone) holds \(name.absolute) at \(endpoint)'s address, which \(network) reaches"
        case .noRecord(let zone, let name):
            return "\(zone) has no record for \(name.absolute); with fallback, public DNS answers it"
        case .sharedZones(let network):
            return "the zones \(network) shares are written by other endpoints"
        case .hostsOnly(let network):
            return "no DNS change is needed on \(network)'s machines with the entries"
        }
    }

    /// How a change weakens isolation ("weakens isolation: …").
    package static func weakens(_ weakening: FixChange.Weakening) -> String {
        switch weakening {
        case .joinsScope(let resource, let homes, let scope, let endpoint):
            return "weakens isolation: \(resource) belongs to \(homes.map(\.name).joined(separator: ", ")), and its traffic would go through \(scope) and \(endpoint)"
        case .opensScope(let scope, let category):
            return "weakens isolation: every resource's \(category.rawValue) then passes \(scope)'s endpoints"
        }
    }

    /// A record set written again, and what it holds now.
    package static func note(_ rewrite: FixChange.Rewrite) -> String {
        let now = rewrite.current.map { "\($0)" } ?? "nothing"
        let back = "\(rewrite.name.absolute) in \(rewrite.zone) back to \(rewrite.address)"
        switch rewrite.writer {
        case .endpoint(let other): return "\(back) (\(other) wrote \(now))"
        case .manual: return "\(back) (set by hand to \(now))"
        case .unknown: return "\(back) (it holds \(now))"
        }
    }

    /// Where a search was bounded.
    package static func cut(_ bound: FixSearch.Bound) -> String {
        switch bound {
        case .networks(let limit, let cut):
            return "changes of their own were proposed for \(limit) failing networks; \(cut) more got none"
        case .singles(let found, let tried):
            return "\(found) single changes found; the first \(tried) were tried"
        case .combined(let pool, let tried):
            return "\(pool) changes could be combined; the best \(tried) were tried in pairs and triples"
        }
    }

    /// What a DNS setting points at, in a few words.
    private static func target(_ target: FixChange.DNSTarget) -> String {
        switch target {
        case .server(let name, let network): return "DNS server \(name) in \(network)"
        case .inbound(let address, let resolver, let network): return "the inbound endpoint \(address) of \(resolver) in \(network)"
        case .azure(let network): return "Azure DNS of \(network)"
        }
    }
}

extension FixChange {
    /// What to do, in a few words (`FixCandidateText.text`).
    package var text: String { FixCandidateText.text(what) }
    /// Why it was proposed, in words (`FixCandidateText.reason`).
    package var reason: String { FixCandidateText.reason(why) }
    /// How it weakens isolation, or nil (`FixCandidateText.weakens`).
    package var weakens: String? { weakening.map(FixCandidateText.weakens) }
    /// Per step, the record set it writes again, when the steps differ (`FixCandidateText.note`).
    package var notes: [String]? { rewrites?.map(FixCandidateText.note) }
}

extension FixSearch {
    /// Where the search was bounded, in words (`FixCandidateText.cut`).
    package var cuts: [String] { bounds.map(FixCandidateText.cut) }
}
