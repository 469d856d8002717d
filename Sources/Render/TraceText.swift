import AmplsimEngine

/// `resolve`: the resolution hop by hop, the way `dig +trace` reads.
package enum TraceText {
    package static func render(_ resolution: Resolution, name: DNSName, network: String, world: World? = nil) -> String {
        var out = ";; \(name.absolute) from \(network)\n"
        for hop in resolution.hops {
            out += ";; " + line(hop, world: world) + "\n"
        }
        out += "\n"
        switch resolution.outcome {
        case .address(let a):
            out += ";; ANSWER: \(a)\n"
        case .nxdomain:
            out += ";; status: NXDOMAIN\n"
        case .nodata:
            out += ";; status: NOERROR, no A record (NODATA)\n"
        case .servfail(let reason):
            out += ";; status: SERVFAIL (\(VerdictText.servfail(reason)))\n"
        }
        out += ";; chain: " + resolution.chain.map(\.absolute).joined(separator: " -> ") + "\n"
        return out
    }

    /// One hop: who was asked, where the answer came from, what it said.
    package static func line(_ hop: Hop, world: World? = nil) -> String {
        let who: String
        switch hop.resolver {
        case .hosts(let network): who = "hosts file (\(network))"
        case .azure(let network): who = "Azure DNS (\(network))"
        case .askingNetworkAzure: who = "Azure DNS"
        case .server(let name): who = "server \(name)"
        case .inbound(let resolver, let address): who = "\(resolver) inbound \(address)"
        }
        let from: String
        switch hop.source {
        case .hostsFile: from = "hosts file"
        case .zone(let id): from = "zone \(id)"
        case .publicDNS: from = "public DNS"
        case .fallback(let zone): from = "public DNS, fallback from zone \(zone)"
        case .forward(let domain, let target): from = "forwarder \(domain.absolute) -> \(target)"
        case .rule(let ruleset, let domain, let target):
            from = "\(ruleset): \(domain.absolute) -> \(target)" + (world.flatMap { holderText($0, target) }.map { " (\($0))" } ?? "")
        case .none: from = "-"
        }
        let said: String
        switch hop.result {
        case .cname(let target): said = "CNAME \(target.absolute)"
        case .address(let a): said = "A \(a)"
        case .nxdomain: said = "NXDOMAIN"
        case .nodata: said = "NODATA"
        case .servfail(let reason): said = "SERVFAIL: \(VerdictText.servfail(reason))"
        case .forwarded: said = "forwarded"
        }
        return "\(hop.name.absolute)  \(who) [\(from)]  \(said)"
    }

    /// "hub-resolver inbound", "dns-vm": what holds a rule target's address.
    static func holderText(_ world: World, _ address: IPv4Address) -> String? {
        switch world.holder(of: address) {
        case .server(let name)?: return name.name
        case .inbound(let resolver, _)?: return "\(resolver) inbound"
        case nil: return "held by nothing"
        }
    }
}

/// `resolve --format json`.
package enum TraceJSON {
    package static func render(_ resolution: Resolution, name: DNSName, network: String, world: World? = nil) -> String {
        var json = JSONText()
        json.beginObject()
        json.field("version", 1)
        json.field("network", network)
        json.field("name", name.text)
        json.key("chain")
        json.strings(resolution.chain.map(\.text))
        let status: String
        switch resolution.outcome {
        case .address: status = "answer"
        case .nxdomain: status = "nxdomain"
        case .nodata: status = "nodata"
        case .servfail: status = "servfail"
        }
        json.field("result", status)
        json.field("answer", resolution.outcome.address?.description)
        if case .servfail(let reason) = resolution.outcome { json.field("reason", VerdictText.servfail(reason)) }
        json.key("hops")
        json.beginArray()
        for hop in resolution.hops {
            json.beginObject()
            json.field("name", hop.name.text)
            json.field("hop", TraceText.line(hop, world: world))
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }
}
