import Foundation
import AmplsimEngine

/// One question the lab asks: a name from a network, with the engine's answer.
package struct LabQuery: Sendable {
    package var network: NetworkID
    package var name: DNSName
    /// The resources and endpoints that use this name from this network ("law-app1 ods").
    package var endpoints: [String]
    /// What the engine resolves (Docs/model.md#resolving-a-name-from-a-network).
    package var expected: Resolution
    /// Why BIND cannot be asked this question, when it cannot (`skipReason(_:layout:)`).
    package var skipReason: String?

    package init(network: NetworkID, name: DNSName, endpoints: [String], expected: Resolution, skipReason: String? = nil) {
        self.network = network
        self.name = name
        self.endpoints = endpoints
        self.expected = expected
        self.skipReason = skipReason
    }

    /// Every (network, endpoint FQDN) of a world, each name once per network: networks in
    /// topology order, names in the order of the simulation's rows.
    package static func all(layout: LabLayout) -> [LabQuery] {
        let world = layout.world
        let resolver = Resolver(world: world)
        var queries: [LabQuery] = []
        for network in world.networks {
            var index: [DNSName: Int] = [:]
            for resource in world.liveResources {
                for (kind, fqdn) in resource.endpoints {
                    let label = "\(resource.name) \(kind.rawValue)"
                    if let i = index[fqdn] {
                        queries[i].endpoints.append(label)
                        continue
                    }
                    index[fqdn] = queries.count
                    let expected = resolver.resolve(fqdn, from: network.name)
                    queries.append(LabQuery(network: network.name, name: fqdn, endpoints: [label], expected: expected,
                                            skipReason: skipReason(expected, layout: layout)))
                }
            }
        }
        return queries
    }

    /// Why BIND cannot be asked for `resolution`, when it cannot, from the first hop that BIND
    /// cannot follow:
    /// - the answer comes from a hosts file, or a zone link falls back to the internet;
    /// - a forwarding rule's target answered with a chain that goes on past the forwarded name,
    ///   and the view routes a later name of it elsewhere: Azure DNS takes the target's whole
    ///   answer, BIND resolves that name by its own route;
    /// - a `windows` DNS server forwarded a name, and routes a later name of the answer elsewhere:
    ///   it takes the whole answer, the lab's named (BIND) resolves that name itself;
    /// - a DNS server, or the Azure DNS view of a network, forwards to Azure DNS of a second
    ///   network: a named or a view asks the lab server from one source address.
    /// An answer that ends in SERVFAIL is taken whole by BIND too: not skipped.
    package static func skipReason(_ resolution: Resolution, layout: LabLayout) -> String? {
        let hops = resolution.hops
        if hops.first?.source == .hostsFile { return "hosts file (not DNS)" }
        for (i, hop) in hops.enumerated() {
            switch hop.source {
            case .fallback(let zone):
                return "fallback to internet (zone \(zone))"
            case .rule(let ruleset, let domain, _) where hop.result == .forwarded:
                guard case .azure(let network) = hop.resolver else { continue }
                if let rule = layout.azureRules(network).first(where: { $0.rule.domain == domain }),
                   case .azure(let other) = rule.destination, let source = layout.azureSource(network: network), other != source {
                    return layout.unsupported(view: network, source: source, network: other)
                }
                for name in handedBack(hops, after: i) where layout.azureRoute(network, for: name) != .rule(domain) {
                    return "forwarding rule \(ruleset) \(domain): Azure takes the whole answer, BIND re-routes \(name)"
                }
            case .forward(let domain, let target) where hop.result == .forwarded:
                guard case .server(let name) = hop.resolver, let server = layout.world.server(name) else { continue }
                if case .azure(let other) = layout.serverRoute(server, target), let source = layout.azureSource(server), other != source {
                    return layout.unsupported(server: name, source: source, network: other)
                }
                if server.flavor == .windows,
                   handedBack(hops, after: i).contains(where: { layout.serverRoute(server, for: $0) != .forward(domain) }) {
                    return "windows server \(name) takes the forwarded answer whole; BIND re-routes"
                }
            default:
                continue
            }
        }
        return nil
    }

    /// The later names of the answer that hop `h` (a hand-over) got back: the hops after it, up
    /// to the first hop of a DNS server that had handed a name over before `h` (a BIND server
    /// resolving the rest of the chain itself), without `h`'s own name. None when that answer
    /// ends in SERVFAIL: the asker then answers SERVFAIL, whatever it would have routed.
    static func handedBack(_ hops: [Hop], after h: Int) -> [DNSName] {
        var outer: Set<ServerID> = []
        for hop in hops[..<h] where hop.result == .forwarded {
            if case .server(let server) = hop.resolver { outer.insert(server) }
        }
        var end = hops.count
        for k in (h + 1)..<hops.count {
            if case .server(let server) = hops[k].resolver, outer.contains(server) { end = k; break }
        }
        let answer = hops[(h + 1)..<end]
        if case .servfail? = answer.last?.result { return [] }
        var names: [DNSName] = []
        for hop in answer where hop.name != hops[h].name && !names.contains(hop.name) { names.append(hop.name) }
        return names
    }
}

/// What BIND answered, as `dig` printed it.
package struct LabObservation: Hashable, Sendable {
    /// The response code (`NOERROR`, `NXDOMAIN`, `SERVFAIL`, ...), or nil when no answer came.
    package var status: String?
    /// The query name, then each CNAME target in the answer section, in chain order.
    package var chain: [DNSName]
    /// The A records at the end of the chain, in answer order.
    package var addresses: [IPv4Address]
    /// dig's own complaint when no answer came ("connection timed out; ...").
    package var problem: String?

    package init(status: String?, chain: [DNSName], addresses: [IPv4Address], problem: String? = nil) {
        self.status = status
        self.chain = chain
        self.addresses = addresses
        self.problem = problem
    }

    /// Reads `dig +noall +comments +answer` output for a query of `name`, type A.
    package static func parse(dig output: String, name: DNSName) -> LabObservation {
        var status: String?
        var cnames: [DNSName: DNSName] = [:]
        var addresses: [DNSName: [IPv4Address]] = [:]
        var problem: String?
        for raw in output.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(";; ->>HEADER<<-") {
                if let range = line.range(of: "status: ") {
                    status = String(line[range.upperBound...].prefix { $0 != "," })
                }
                continue
            }
            if line.hasPrefix(";;") {
                let lower = line.lowercased()
                if lower.contains("timed out") || lower.contains("no servers could be reached") || lower.contains("communications error")
                    || lower.contains("connection refused") {
                    problem = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            if line.isEmpty || line.hasPrefix(";") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 5, let owner = DNSName(String(fields[0])) else { continue }
            switch fields[3].uppercased() {
            case "CNAME":
                if let target = DNSName(String(fields[4])) { cnames[owner] = target }
            case "A":
                if let address = IPv4Address(String(fields[4])) { addresses[owner, default: []].append(address) }
            default:
                continue
            }
        }
        var chain = [name]
        var seen: Set<DNSName> = [name]
        while let next = cnames[chain[chain.count - 1]], !seen.contains(next) {
            chain.append(next)
            seen.insert(next)
        }
        return LabObservation(status: status, chain: chain, addresses: addresses[chain[chain.count - 1]] ?? [],
                              problem: status == nil ? (problem ?? "no answer") : nil)
    }
}

/// How one question came out.
package enum LabVerdict: Hashable, Sendable {
    /// BIND and the engine agree; the note says how when it is not word for word.
    case agree(note: String?)
    case disagree(String)
    case skipped(String)
    /// BIND gave no answer (every try waited in vain, or the question could not be sent): not
    /// compared, and not a disagreement, which needs an answer.
    case unanswered(String)

    package var isDisagreement: Bool { if case .disagree = self { return true } else { return false } }
    package var isUnanswered: Bool { if case .unanswered = self { return true } else { return false } }
}

/// The engine's answer against BIND's.
package enum LabComparison {
    /// Compares the answer (address, NXDOMAIN or NODATA, SERVFAIL) and, unless SERVFAIL, the chain.
    /// NODATA and NXDOMAIN are one class, as in verdicts (Docs/model.md#resolving-a-name-from-a-network);
    /// the note says when they differ. An A record set of several addresses agrees when it holds the
    /// engine's address (the engine answers with the first in record order, BIND rotates them). An
    /// observation without an answer disagrees here; `LabRow.judging` reports it as unanswered
    /// before it comes to a comparison.
    package static func compare(_ expected: Resolution, _ observed: LabObservation) -> LabVerdict {
        guard let status = observed.status else {
            return .disagree("engine \(describe(expected)); BIND gave no answer (\(observed.problem ?? "no answer"))")
        }
        let bind = describe(observed)
        switch expected.outcome {
        case .servfail:
            return status == "SERVFAIL" ? .agree(note: nil) : .disagree("engine SERVFAIL; BIND \(bind)")
        case .address(let address):
            guard status == "NOERROR", observed.addresses.contains(address) else {
                return .disagree("engine \(describe(expected)); BIND \(bind)")
            }
        case .nxdomain, .nodata:
            let bindEmpty = status == "NXDOMAIN" || (status == "NOERROR" && observed.addresses.isEmpty)
            guard bindEmpty else { return .disagree("engine \(describe(expected)); BIND \(bind)") }
        }
        if observed.chain != expected.chain {
            return .disagree("chain: engine \(chainText(expected.chain)); BIND \(chainText(observed.chain))")
        }
        switch (expected.outcome, status) {
        case (.nodata, "NXDOMAIN"): return .agree(note: "engine NODATA, BIND NXDOMAIN (one class)")
        case (.nxdomain, "NOERROR"): return .agree(note: "engine NXDOMAIN, BIND NODATA (one class)")
        default: return .agree(note: nil)
        }
    }

    static func chainText(_ chain: [DNSName]) -> String { chain.map(\.text).joined(separator: " → ") }

    package static func describe(_ resolution: Resolution) -> String {
        let end: String
        switch resolution.outcome {
        case .address(let a): end = a.description
        case .nxdomain: end = "NXDOMAIN"
        case .nodata: end = "NODATA"
        case .servfail: return "SERVFAIL"
        }
        return resolution.chain.count > 1 ? "\(chainText(resolution.chain)) \(end)" : end
    }

    package static func describe(_ observation: LabObservation) -> String {
        guard let status = observation.status else { return "no answer" }
        let end: String
        switch status {
        case "NOERROR": end = observation.addresses.isEmpty ? "NODATA" : observation.addresses.map(\.description).joined(separator: ", ")
        case "SERVFAIL": return "SERVFAIL"
        default: end = status
        }
        return observation.chain.count > 1 ? "\(chainText(observation.chain)) \(end)" : end
    }
}

/// One row of `lab verify`: a question, the engine's answer, BIND's, and the verdict.
package struct LabRow: Sendable {
    package var query: LabQuery
    package var observed: LabObservation?
    package var verdict: LabVerdict

    package init(query: LabQuery, observed: LabObservation?, verdict: LabVerdict) {
        self.query = query
        self.observed = observed
        self.verdict = verdict
    }

    /// The row of `lab verify` for a question and BIND's answer: skipped (with the reason) when
    /// BIND cannot be asked it, unanswered when BIND gave no answer, else the comparison.
    package static func judging(_ query: LabQuery, _ observed: LabObservation) -> LabRow {
        if let reason = query.skipReason { return LabRow(query: query, observed: observed, verdict: .skipped(reason)) }
        if observed.status == nil {
            return LabRow(query: query, observed: observed, verdict: .unanswered(observed.problem ?? "no answer"))
        }
        return LabRow(query: query, observed: observed, verdict: LabComparison.compare(query.expected, observed))
    }
}

/// The text `lab verify` prints.
package enum LabReport {
    package static func text(_ rows: [LabRow], verbose: Bool = false) -> String {
        var out = ""
        var compared = 0, agreed = 0, unanswered = 0
        var skipped: [String: Int] = [:]
        for row in rows {
            let head = "\(row.query.network)  \(row.query.name.text)"
            switch row.verdict {
            case .agree(let note):
                compared += 1
                agreed += 1
                if verbose || note != nil {
                    out += "agree     \(head): \(LabComparison.describe(row.query.expected))\(note.map { " [\($0)]" } ?? "")\n"
                }
            case .disagree(let why):
                compared += 1
                out += "DISAGREE  \(head) (\(row.query.endpoints.joined(separator: ", "))): \(why)\n"
            case .unanswered(let why):
                unanswered += 1
                out += "UNANSWERED \(head) (\(row.query.endpoints.joined(separator: ", "))): engine \(LabComparison.describe(row.query.expected)); BIND gave no answer (\(why))\n"
            case .skipped(let reason):
                skipped[reason, default: 0] += 1
                let bind = row.observed.map { "; BIND \(LabComparison.describe($0))" } ?? ""
                out += "skipped   \(head): \(reason): engine \(LabComparison.describe(row.query.expected))\(bind)\n"
            }
        }
        let percent = compared == 0 ? 100.0 : Double(agreed) * 100 / Double(compared)
        let percentText = agreed == compared ? "100%" : String(format: "%.1f%%", percent)
        out += "agreement: \(agreed) of \(compared) rows compared (\(percentText))"
        if unanswered > 0 { out += "; \(unanswered) unanswered (not compared)" }
        let skippedCount = skipped.values.reduce(0, +)
        if skippedCount > 0 {
            out += "; \(skippedCount) skipped (" + skipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ") + ")"
        }
        return out + "\n"
    }
}
