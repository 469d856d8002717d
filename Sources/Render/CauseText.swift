import AmplsimEngine

/// Root causes in words: one line per cause, with the rows and networks it explains
/// ("pe2 (scope ampls2, in vnet2) wrote the answering records of shared-monitor last: 17 rows in
/// 2 networks fail (unroutable 10, not-in-scope 7)").
package enum CauseText {
    /// What the cause is, without the counts.
    package static func what(_ cause: Cause, world: World) -> String {
        switch cause {
        case .endpoint(let name, let writer):
            let endpoint = world.endpoint(name)
            let who = endpoint.map { "\(name) (scope \($0.spec.scope), in \($0.spec.network))" } ?? name.name
            switch writer {
            case .endpoint(let by)? where by == name: return "\(who) wrote the answering records last"
            case .manual?: return "manual records point at \(who)"
            case .initial?: return "records read from the zones point at \(who)"
            default: return "the answers are addresses of \(who)"
            }
        case .zoneLacksName(let zone):
            let name = world.zone(zone).map { " (\($0.name.absolute))" } ?? ""
            return "zone \(zone)\(name) holds no record for the names asked"
        case .publicLacksName:
            return "public DNS has no such name"
        case .dangling(let address):
            return "the answer \(address) is a private address that no private endpoint holds"
        case .servfail(let reason):
            switch reason {
            case .resolverUnreachable(let server, let serverNetwork, _):
                return "SERVFAIL: the DNS server \(named(server)) in \(named(serverNetwork)) cannot be reached from the networks that ask it"
            case .addressUnheld(let address, _):
                return "SERVFAIL: no DNS server or resolver inbound endpoint holds \(address), which is asked"
            default:
                return "SERVFAIL: " + VerdictText.servfail(reason)
            }
        case .publicDenied(let resource):
            return "\(resource) denies public access and is reached over it"
        case .egressBlocked(let network):
            return "\(network) has no internet egress and its names end at public addresses"
        }
    }

    /// "17 rows in 2 networks fail (unroutable 10, not-in-scope 7)".
    package static func counts(_ group: CauseGroup) -> String {
        let rows = group.rows.count, networks = group.networks.count
        let statuses = group.byStatus.map { "\($0.status.rawValue) \($0.rows)" }.joined(separator: ", ")
        return "\(rows) row\(rows == 1 ? "" : "s") in \(networks) network\(networks == 1 ? "" : "s") fail (\(statuses))"
    }

    /// One line: what (with the zones that answered, for an endpoint), then the counts.
    package static func line(_ group: CauseGroup, world: World) -> String {
        "\(what(group, world: world)): \(counts(group))"
    }

    /// What a group's cause is, naming the zones for an endpoint ("... in shared-monitor, shared-ods").
    package static func what(_ group: CauseGroup, world: World) -> String {
        let text = what(group.cause, world: world)
        guard case .endpoint = group.cause, !group.zones.isEmpty else { return text }
        return text + " in " + group.zones.map(\.name).joined(separator: ", ")
    }

    /// The table's block: "== causes (3)" and a line per cause, before the networks; each line
    /// wrapped to the style's width, never cut (the cause is the "why").
    package static func tableBlock(_ groups: [CauseGroup], world: World, style: TerminalStyle = .plain) -> String {
        guard !groups.isEmpty else { return "" }
        var out = style.bold("== causes (\(groups.count))") + "\n"
        for group in groups { out += "  - " + style.wrap(line(group, world: world), indent: "    ").dropFirst(4) }
        return out + "\n"
    }

    /// `"causes": [...]` for JSON: each cause's kind, words, counts and the indexes of its rows in
    /// `results`.
    static func writeJSON(_ groups: [CauseGroup], world: World, into json: inout JSONText) {
        json.key("causes")
        json.beginArray()
        for group in groups {
            json.beginObject()
            json.field("kind", kind(group.cause))
            json.field("text", what(group, world: world))
            if case .endpoint(let name, _) = group.cause {
                json.field("endpoint", name)
                json.key("zones")
                json.strings(group.zones)
            }
            json.key("networks")
            json.strings(group.networks)
            json.key("statuses")
            json.beginObject()
            for (status, rows) in group.byStatus { json.field(status.rawValue, rows) }
            json.endObject()
            json.key("rows")
            json.ints(group.rows)
            json.endObject()
        }
        json.endArray()
    }

    /// A short, stable name of a cause's kind.
    package static func kind(_ cause: Cause) -> String {
        switch cause {
        case .endpoint: return "endpoint"
        case .zoneLacksName: return "zone-lacks-name"
        case .publicLacksName: return "public-lacks-name"
        case .dangling: return "dangling"
        case .servfail: return "servfail"
        case .publicDenied: return "public-denied"
        case .egressBlocked: return "egress-blocked"
        }
    }
}
