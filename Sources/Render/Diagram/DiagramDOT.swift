import AmplsimEngine

/// `simulate --format dot`: a topology diagram as Graphviz DOT, in the spirit of the seed's
/// pictures (Docs/report.md). Each network is a box (on-premises sites in another colour, their clients drawn as a
/// house) holding its private endpoints and DNS servers; zones sit on the left with a line to each
/// network that sees them; scopes and the internet sit on the right. From each network's clients
/// one arrow per (target, status) goes where its names resolve: green when the rows succeed, red
/// and labelled with the status when they fail.
package enum DiagramDOT {
    /// The colours of arrows and failure nodes (tests read them to tell red from green).
    package enum Palette {
        /// Arrows of rows that connect.
        package static let success = "#2e7d32"
        /// Arrows of rows that fail, and failure nodes.
        package static let failure = "#c62828"
        static let vnetFill = "#e8f1fb", vnetLine = "#1565c0"
        static let onpremFill = "#fbf0df", onpremLine = "#8d6e63"
        static let contextFill = "#f4f4f4", contextLine = "#9e9e9e"
        static let endpointFill = "#ede7f6", endpointLine = "#5e35b1"
        static let serverFill = "#e0f2f1", serverLine = "#00695c"
        static let zoneFill = "#fffde7", zoneLine = "#a1887f"
        static let scopeFill = "#fce4ec", scopeLine = "#ad1457"
        static let failureFill = "#ffebee"
    }

    /// Past this many networks, arrows carry one-line labels (the tooltips keep the details) and
    /// peerings none, so that thirty networks stay readable.
    static let compactAbove = 8

    /// The DOT text. `title` heads the drawing (a file name, say); it is escaped like every label.
    /// Past `compactAbove` networks, alike networks are drawn as one box
    /// (`TopologyDiagram.mergingAlikeNetworks`).
    package static func render(_ whole: TopologyDiagram, title: String) -> String {
        let compact = whole.networks.count > compactAbove
        let diagram = compact ? whole.mergingAlikeNetworks() : whole
        var out = "digraph amplsim {\n"
        let s = diagram.summary
        out += "  graph" + DOTText.attributes([
            "rankdir": "LR", "newrank": "true", "fontname": "Helvetica", "fontsize": "12", "labelloc": "t",
            "nodesep": "0.25", "ranksep": "0.9", "pad": "0.3",
            "label": .text("\(title)\n\(s.private) private, \(s.public) public, \(s.failed) failed"
                + (diagram.showsChange
                    ? "\nred: rows that break; green: rows that heal; grey: unchanged (dashed: failing before and after)"
                    : "\ngreen: connects (dashed: public); red: fails, labelled with the status; grey: peering (dashed: connection)")),
        ]) + ";\n"
        out += "  node" + DOTText.attributes(["fontname": "Helvetica", "fontsize": "10", "shape": "box",
                                              "style": "rounded,filled", "fillcolor": "white"]) + ";\n"
        out += "  edge" + DOTText.attributes(["fontname": "Helvetica", "fontsize": "9"]) + ";\n"

        out += "\n  // Zones, grouped by the networks that link them and the servers that host them.\n"
        for group in diagram.zoneGroups { out += "  " + zoneNode(group) + ";\n" }

        out += "\n  // Networks, each with its private endpoints and DNS servers.\n"
        for network in diagram.networks { out += cluster(network, diagram) }

        out += "\n  // Scopes, the internet, and where failures end.\n"
        for scope in diagram.scopes { out += "  " + scopeNode(scope) + ";\n" }
        let targets = Set(diagram.flows.map(\.target))
        if targets.contains(.publicInternet) {
            out += "  \(DOTText.quote("public"))" + DOTText.attributes([
                "shape": "ellipse", "style": "filled", "fillcolor": "#f5f5f5", "color": "#616161",
                "label": "Azure Monitor\npublic endpoints"]) + ";\n"
        }
        for status in Status.allCases where targets.contains(.failure(status)) {
            out += "  \(id(.failure(status)))" + DOTText.attributes([
                "shape": "octagon", "style": "filled", "fillcolor": .text(Palette.failureFill), "color": .text(Palette.failure),
                "fontcolor": .text(Palette.failure), "label": .text(failureLabel(status))]) + ";\n"
        }

        if !diagram.joins.isEmpty { out += "\n  // Peerings and connections.\n" }
        for join in diagram.joins {
            var attributes: [(String, DOTText.Value)] = [
                ("dir", "none"), ("constraint", "false"), ("color", "#757575"), ("penwidth", "1.5"),
                ("style", join.kind == .peering ? "solid" : "dashed"),
                ("tooltip", .text("\(join.a) - \(join.b): \(join.kind.rawValue)"))]
            if !compact { attributes.append(("label", .text(join.kind.rawValue))) }
            out += "  \(DOTText.quote("net:" + join.a.name)) -> \(DOTText.quote("net:" + join.b.name))" + DOTText.attributes(attributes) + ";\n"
        }

        out += "\n  // Who sees which zones, who asks which DNS server.\n"
        for group in diagram.zoneGroups {
            for link in group.links {
                var attributes: [(String, DOTText.Value)] = [("arrowhead", "none"), ("style", "dashed"), ("color", .text(Palette.zoneLine))]
                if link.fallbackToInternet { attributes.append(("label", "linked, fallback")) } else if !compact { attributes.append(("label", "linked")) }
                out += "  \(DOTText.quote(group.id)) -> \(DOTText.quote("net:" + link.network.name))" + DOTText.attributes(attributes) + ";\n"
            }
            for server in group.hostedBy {
                out += "  \(DOTText.quote(group.id)) -> \(DOTText.quote("dns:" + server))" + DOTText.attributes([
                    "arrowhead": "none", "style": "dashed", "color": .text(Palette.zoneLine), "label": "hosted"]) + ";\n"
            }
        }
        let drawnServers = Set(diagram.servers.map(\.name))
        for network in diagram.networks {
            guard let server = network.asks, drawnServers.contains(server) else { continue }
            out += "  \(DOTText.quote("net:" + network.name.name)) -> \(DOTText.quote("dns:" + server))" + DOTText.attributes([
                "style": "dotted", "color": .text(Palette.serverLine), "label": "asks"]) + ";\n"
        }
        for forward in diagram.forwards {
            out += "  \(DOTText.quote("dns:" + forward.from)) -> \(DOTText.quote("dns:" + forward.to))" + DOTText.attributes([
                "style": "dotted", "color": .text(Palette.serverLine),
                "label": .text(forward.domains.count == 1 ? "forwards \(forward.domains[0])" : "forwards \(forward.domains.count) domains"),
                "tooltip": .text(forward.domains.joined(separator: "\n"))]) + ";\n"
        }
        for endpoint in diagram.endpoints where diagram.scopes.contains(where: { $0.name == endpoint.scope }) {
            out += "  \(DOTText.quote("pe:" + endpoint.name)) -> \(DOTText.quote("scope:" + endpoint.scope))" + DOTText.attributes([
                "arrowhead": "none", "style": "dashed", "color": .text(Palette.scopeLine)]) + ";\n"
        }

        out += "\n  // Where each network's names resolve: one arrow per target and status.\n"
        for flow in diagram.flows {
            out += "  " + (diagram.showsChange ? changeEdge(flow, compact: compact) : flowEdge(flow, compact: compact)) + ";\n"
        }
        return out + "}\n"
    }

    /// The node id of a flow's target.
    package static func id(_ target: TopologyDiagram.Target) -> String {
        switch target {
        case .endpoint(let name): return DOTText.quote("pe:" + name)
        case .publicInternet: return DOTText.quote("public")
        case .failure(let status): return DOTText.quote("fail:" + status.rawValue)
        }
    }

    static func failureLabel(_ status: Status) -> String {
        switch status {
        case .nxdomain: return "NXDOMAIN\nthe name does not exist"
        case .servfail: return "SERVFAIL\nno resolver could answer"
        case .dangling: return "dangling\na private address no endpoint holds"
        default: return status.rawValue
        }
    }

    static func zoneNode(_ group: TopologyDiagram.ZoneGroup) -> String {
        let heading = group.links.isEmpty && !group.hostedBy.isEmpty ? "zones hosted on DNS servers" : "private DNS zones"
        let lines = [heading] + group.zones.map { "\($0.id): \($0.name)" }
        return DOTText.quote(group.id) + DOTText.attributes([
            "shape": "note", "style": "filled", "fillcolor": .text(Palette.zoneFill), "color": .text(Palette.zoneLine),
            "label": .leftLines(lines)])
    }

    static func cluster(_ network: TopologyDiagram.NetworkBox, _ diagram: TopologyDiagram) -> String {
        let onprem = network.kind == .onprem
        let fill = !network.focused ? Palette.contextFill : onprem ? Palette.onpremFill : Palette.vnetFill
        let line = !network.focused ? Palette.contextLine : onprem ? Palette.onpremLine : Palette.vnetLine
        var heading: String
        if network.alike.isEmpty {
            heading = "\(network.name)  \(network.addressSpace.joined(separator: ", "))"
            heading += onprem ? "  (on-premises)" : "  (VNet)"
        } else {
            heading = "\(network.name) … \(network.alike.last!)  (\(network.alike.count + 1) \(onprem ? "on-premises sites" : "VNets") alike)"
        }
        var out = "  subgraph \(DOTText.quote("cluster_net:" + network.name.name)) {\n"
        var graph: [(String, DOTText.Value)] = [
            ("label", .text(heading)), ("labeljust", "l"), ("style", network.focused ? "rounded,filled" : "rounded,filled,dashed"),
            ("fillcolor", .text(fill)), ("color", .text(line)), ("fontcolor", .text(line)), ("penwidth", network.alike.isEmpty ? "1.5" : "3")]
        if !network.alike.isEmpty {
            // Every name, in a tooltip (SVG and the HTML page show it on hover).
            graph.append(("tooltip", .text(([network.name] + network.alike).map(\.name).joined(separator: "\n"))))
        }
        out += "    graph" + DOTText.attributes(graph) + ";\n"
        var clientLines = ["clients", network.dns]
        var notes: [String] = []
        if network.transit { notes.append("transit") }
        if !network.internetEgress { notes.append("no internet egress") }
        if network.hostsEntries > 0 { notes.append("\(network.hostsEntries) hosts entr\(network.hostsEntries == 1 ? "y" : "ies")") }
        if !notes.isEmpty { clientLines.append(notes.joined(separator: ", ")) }
        if network.focused {
            clientLines.append("\(network.succeeded) ok, \(network.failed) failed"
                + (network.alike.isEmpty ? "" : " (in \(network.alike.count + 1) networks)"))
        } else {
            clientLines.append("(context)")
        }
        out += "    \(DOTText.quote("net:" + network.name.name))" + DOTText.attributes([
            "shape": onprem ? "house" : "box", "style": onprem ? "filled" : "rounded,filled", "fillcolor": "white",
            "color": .text(network.failed > 0 ? Palette.failure : line), "penwidth": network.failed > 0 ? "2" : "1",
            "label": .text(clientLines.joined(separator: "\n"))]) + ";\n"
        for endpoint in diagram.endpoints where endpoint.network == network.name {
            var lines = ["\(endpoint.name) (private endpoint)", "scope \(endpoint.scope)", "subnet \(endpoint.subnet)"]
            let shown = endpoint.addresses.prefix(2).joined(separator: ", ")
            lines.append(endpoint.addresses.count > 2 ? "\(shown), ... (\(endpoint.addressCount) addresses)"
                                                      : "\(shown) (\(endpoint.addressCount) address\(endpoint.addressCount == 1 ? "" : "es"))")
            lines.append(endpoint.zoneGroup.isEmpty ? "manual DNS (no zone group)"
                                                    : "zone group: \(endpoint.zoneGroup.count) zone\(endpoint.zoneGroup.count == 1 ? "" : "s")")
            out += "    \(DOTText.quote("pe:" + endpoint.name))" + DOTText.attributes([
                "style": "filled", "fillcolor": .text(Palette.endpointFill), "color": .text(Palette.endpointLine),
                "label": .leftLines(lines), "tooltip": .text("zone group: " + (endpoint.zoneGroup.isEmpty ? "none" : endpoint.zoneGroup.joined(separator: ", ")))]) + ";\n"
        }
        for server in diagram.servers where server.network == network.name {
            var lines = ["\(server.name) (\(server.kind))"]
            if !server.inbound.isEmpty {
                lines.append((server.kind == "DNS Private Resolver" ? "inbound " : "address ") + server.inbound.joined(separator: ", "))
            }
            if !server.zones.isEmpty { lines.append("hosts \(server.zones.joined(separator: ", "))") }
            for forwarding in server.forwarders {
                let domains = forwarding.domains.count <= 2 ? forwarding.domains.joined(separator: ", ")
                                                            : "\(forwarding.domains[0]), ... (\(forwarding.domains.count) domains)"
                lines.append("\(domains) -> \(forwarding.target)")
            }
            if !server.defaultTarget.isEmpty { lines.append("default -> \(server.defaultTarget)") }
            out += "    \(DOTText.quote("dns:" + server.name))" + DOTText.attributes([
                "shape": "component", "style": "filled", "fillcolor": .text(Palette.serverFill), "color": .text(Palette.serverLine),
                "label": .leftLines(lines)]) + ";\n"
        }
        return out + "  }\n"
    }

    static func scopeNode(_ scope: TopologyDiagram.ScopeBox) -> String {
        let members = scope.resources.isEmpty ? "no members"
            : scope.resources.count <= 4 ? scope.resources.joined(separator: ", ")
            : scope.resources.prefix(3).joined(separator: ", ") + ", ... (\(scope.resources.count) members)"
        let lines = ["\(scope.name) (AMPLS)", members,
                     "ingestion \(scope.ingestionAccessMode.rawValue), query \(scope.queryAccessMode.rawValue)"]
        return DOTText.quote("scope:" + scope.name) + DOTText.attributes([
            "style": "rounded,filled", "fillcolor": .text(Palette.scopeFill), "color": .text(Palette.scopeLine),
            "label": .leftLines(lines), "tooltip": .text("members: " + scope.resources.joined(separator: ", "))])
    }

    static func flowEdge(_ flow: TopologyDiagram.Flow, compact: Bool) -> String {
        let ok = flow.status.succeeds
        let colour = ok ? Palette.success : Palette.failure
        let rows = "\(flow.rows) row\(flow.rows == 1 ? "" : "s")"
        let who = flow.resources.count <= 3 ? ": " + flow.resources.joined(separator: ", ") : ", \(flow.resources.count) resources"
        let own = flow.names.count - flow.sharedNames
        var names: [String] = []
        if flow.sharedNames > 0 { names.append("\(flow.sharedNames) shared name\(flow.sharedNames == 1 ? "" : "s")") }
        if own > 0 { names.append("\(own) workspace name\(own == 1 ? "" : "s")") }
        let label = compact ? "\(flow.status.rawValue), \(flow.rows)" : "\(flow.status.rawValue)\n\(names.joined(separator: ", "))\n\(rows)\(who)"
        let tooltip = "\(flow.network) -> \(targetName(flow.target)): \(flow.status.rawValue), \(rows)\(who)\n"
            + names.joined(separator: ", ") + ":\n" + flow.names.joined(separator: "\n")
        return "\(DOTText.quote("net:" + flow.network.name)) -> \(id(flow.target))" + DOTText.attributes([
            "color": .text(colour), "fontcolor": .text(colour), "penwidth": ok ? "1.5" : "2.5",
            "style": flow.status == .public ? "dashed" : "solid",
            "label": .text(label), "tooltip": .text(tooltip)])
    }

    /// Grey: arrows of a change diagram that nothing changed.
    package static let unchanged = "#9e9e9e"

    /// An arrow of a change diagram: red when some of its rows broke, green when some healed
    /// (and none broke), grey otherwise (rows still broken for a new reason are named in the
    /// label); labelled with what changed.
    static func changeEdge(_ flow: TopologyDiagram.Flow, compact: Bool) -> String {
        let colour = flow.broke > 0 ? Palette.failure : flow.healed > 0 ? Palette.success : unchanged
        var words: [String] = []
        if flow.broke > 0 { words.append("\(flow.broke) broke") }
        if flow.healed > 0 { words.append("\(flow.healed) healed") }
        if flow.stillBroken > 0 { words.append("\(flow.stillBroken) still broken, for a new reason") }
        let rows = "\(flow.rows) row\(flow.rows == 1 ? "" : "s")"
        let label = words.isEmpty ? (compact ? "" : "\(flow.status.rawValue), \(rows), unchanged")
                                  : "\(flow.status.rawValue): " + words.joined(separator: ", ")
        let tooltip = "\(flow.network) -> \(targetName(flow.target)): \(flow.status.rawValue), \(rows)"
            + (words.isEmpty ? ", unchanged" : ", " + words.joined(separator: ", ")) + "\n" + flow.names.joined(separator: "\n")
        return "\(DOTText.quote("net:" + flow.network.name)) -> \(id(flow.target))" + DOTText.attributes([
            "color": .text(colour), "fontcolor": .text(colour), "penwidth": words.isEmpty ? "1" : "2.5",
            "style": flow.status.succeeds ? "solid" : words.isEmpty ? "dashed" : "solid",
            "label": .text(label), "tooltip": .text(tooltip)])
    }

    /// A target as words: "pe2", "public", "nxdomain".
    package static func targetName(_ target: TopologyDiagram.Target) -> String {
        switch target {
        case .endpoint(let name): return name
        case .publicInternet: return "public"
        case .failure(let status): return status.rawValue
        }
    }
}
