import Foundation
import AmplsimEngine

/// The ports of the lab's named processes, all on 127.0.0.1.
package struct LabPorts: Hashable, Sendable {
    /// The lab server: the networks' resolvers, one view per network (the port clients query).
    package var lab: UInt16
    /// The internet server: the simulated public DNS.
    package var internet: UInt16
    /// The server that refuses everything: where a view sends what it cannot reach.
    package var nowhere: UInt16
    /// One named per custom DNS server, by server name.
    package var servers: [ServerID: UInt16]

    package init(lab: UInt16, internet: UInt16, nowhere: UInt16, servers: [ServerID: UInt16]) {
        self.lab = lab
        self.internet = internet
        self.nowhere = nowhere
        self.servers = servers
    }

    /// `base` for the lab server, then the internet server, the nowhere server and each DNS
    /// server in topology order on the next ports; nil when they would pass 65535.
    package static func sequential(from base: UInt16, servers: [ServerID]) -> LabPorts? {
        let needed = 3 + servers.count
        guard base > 0, Int(base) + needed - 1 <= Int(UInt16.max) else { return nil }
        var ports: [ServerID: UInt16] = [:]
        for (i, name) in servers.enumerated() { ports[name] = base + 3 + UInt16(i) }
        return LabPorts(lab: base, internet: base + 1, nowhere: base + 2, servers: ports)
    }

    /// How many ports a lab for `servers` DNS servers needs.
    package static func count(servers: Int) -> Int { 3 + servers }
}

/// One named process of the lab.
package struct LabProcess: Hashable, Sendable {
    /// `internet`, `nowhere`, `lab` or `server-NAME`; also the stem of its files.
    package var name: String
    /// What it is, for people.
    package var role: String
    package var port: UInt16
    package var configFile: String { "\(name).conf" }
    package var logFile: String { "\(name).log" }
}

/// A BIND 9 configuration of a world (pure text): named.conf files, zone files, root hints and a
/// README, and the named processes that serve them.
package struct LabConfiguration {
    /// Files by name (flat: every file lies in the lab's folder).
    package private(set) var files: [(name: String, text: String)] = []
    /// In start order: the internet and nowhere servers, the DNS servers, then the lab server.
    package private(set) var processes: [LabProcess] = []
    package let layout: LabLayout
    package let ports: LabPorts
    /// The folder the configuration names as named's `directory` (absolute).
    package let directory: String

    package init(layout: LabLayout, ports: LabPorts, directory: String) {
        self.layout = layout
        self.ports = ports
        self.directory = directory
        let world = layout.world

        var zoneFiles: [ZoneID: String] = [:]
        func zoneFile(_ zone: Zone) -> String {
            let name = LabConfiguration.zoneFileName(zone)
            if zoneFiles[zone.id] == nil {
                zoneFiles[zone.id] = name
                files.append((name, LabZones.text(zone: zone, contents: world.contents[zone.id] ?? ZoneContents(apex: zone.name))))
            }
            return name
        }

        let publicDNS = PublicDNS(world: world)
        files.append(("root.zone", LabZones.rootZone(publicDNS)))
        files.append(("root.hint", LabZones.rootHints()))

        // The internet server and the nowhere server.
        let internet = LabProcess(name: "internet", role: "the simulated public DNS (MODEL.md section 3), authoritative for the root zone", port: ports.internet)
        files.append((internet.configFile, """
            // amplsim lab: \(internet.role).
            \(options(port: ports.internet, extra: ["recursion no;"]))

            zone "." { type primary; file "root.zone"; };

            """))
        let nowhere = LabProcess(name: "nowhere", role: "a resolver that cannot be reached: it refuses every query, so whoever forwards to it answers SERVFAIL", port: ports.nowhere)
        files.append((nowhere.configFile, """
            // amplsim lab: \(nowhere.role).
            \(options(port: ports.nowhere, extra: ["recursion no;"], allowQuery: "none"))

            """))
        processes = [internet, nowhere]

        // One named per custom DNS server.
        for server in layout.servers {
            let port = ports.servers[server.name] ?? 0
            let process = LabProcess(name: "server-\(server.name)", role: "DNS server \(server.name), running in \(server.network)", port: port)
            var body: [String] = []
            let hosted = layout.hostedZones(server)
            let entries = layout.forwarders(server)
            body.append("match-clients { any; };")
            body.append("recursion yes;")
            if let source = layout.azureSource(server), let network = layout.network(source) {
                // Azure DNS of a network is the lab server's view chosen by this source.
                body.append("query-source address \(network.azureAddress);  // asks Azure DNS of \(source) as \(source)")
            }
            if server.flavor == .windows {
                body.append("// flavor windows: takes a forwarded answer whole, where BIND re-routes the names it routes elsewhere; lab verify skips the rows where that differs")
            }
            body.append(contentsOf: forwarding(layout.written(entries[0], of: server), what: "default: \(entries[0].target)"))
            body.append("zone \".\" { type hint; file \"root.hint\"; };")
            for zone in hosted {
                body.append("zone \(quote(zone.name.absolute)) { type primary; file \(quote(zoneFile(zone))); };  // hosted zone \(zone.id)")
            }
            for entry in entries.dropFirst() {
                if let zone = entry.hostedBy {
                    body.append("// forwarder \(entry.domain.absolute) -> \(entry.target) not written: hosted zone \(zone.id) answers every name in it")
                    continue
                }
                let route = layout.written(entry, of: server)
                body.append("zone \(quote(entry.domain.absolute)) { type forward; forward only; forwarders { \(forwarderAddress(route)) }; };  // to \(entry.target)\(note(route))")
            }
            files.append((process.configFile, """
                // amplsim lab: \(process.role).
                // Hosted zones answer every name in them; conditional forwarders are forward zones;
                // the default route is the view's forwarders (Docs/model.md#resolving-a-name-from-a-network).
                \(options(port: port, extra: []))

                view \(quote(server.name.name)) {
                \(body.map { "    " + $0 }.joined(separator: "\n"))
                };

                """))
            processes.append(process)
        }

        // The lab server: a view per network.
        var views: [String] = []
        for entry in layout.networks {
            let linked = layout.linkedZones(entry.name)
            func azureBody() -> [String] {
                for (zone, _) in linked { _ = zoneFile(zone) }
                return azureView(entry)
            }
            if let route = layout.clientRoute(entry) {
                var body = ["match-clients { \(entry.clientAddress); };", "recursion yes;"]
                if case .azure(let network) = route, let target = layout.network(network) {
                    // An inbound endpoint of a resolver in `network`: the lab server's view of it.
                    body.append("query-source address \(target.azureAddress);  // asks Azure DNS of \(network) as \(network)")
                }
                body += forwarding(route, what: "every name: \(entry.name)'s clients use \(entry.dns)")
                body.append("zone \".\" { type hint; file \"root.hint\"; };")
                views.append(view("clients-of-\(entry.name)", "\(entry.name) (\(entry.kind.rawValue), dns: \(entry.dns)): what its clients get", body))
                if layout.needsSeparateAzureView(entry) {
                    let azure = ["match-clients { \(entry.azureAddress); };", "recursion yes;"] + azureBody()
                    views.append(view("azure-dns-of-\(entry.name)", "Azure DNS of \(entry.name) (168.63.129.16 there, and the inbound endpoints of resolvers in it), which DNS servers, clients and rules may ask", azure))
                }
            } else {
                let body = ["match-clients { \(entry.clientAddress); \(entry.azureAddress); };", "recursion yes;"] + azureBody()
                views.append(view("azure-dns-of-\(entry.name)", "\(entry.name) (\(entry.kind.rawValue), dns: azure): Azure DNS, which sees the zones and rulesets linked to \(entry.name)", body))
            }
        }
        let lab = LabProcess(name: "lab", role: "the networks' resolvers: a query from 127.0.1.N is a client of network N, from 127.0.2.N is asked of Azure DNS of network N", port: ports.lab)
        files.append((lab.configFile, """
            // amplsim lab: \(lab.role).
            // Ask with dig -p \(ports.lab) -b 127.0.1.N @127.0.0.1 NAME (see README.md for N).
            \(options(port: ports.lab, extra: []))

            \(views.joined(separator: "\n\n"))

            """))
        processes.append(lab)
        files.append(("README.md", readme(lab: lab)))
    }

    // MARK: Pieces

    /// The body of the Azure DNS view of a network (Docs/model.md#resolving-a-name-from-a-network): its
    /// linked zones, then one forward zone per enabled rule of its linked rulesets (a `.` rule is the view's
    /// forwarders, and Azure's reserved domains go back to the internet server), else public DNS.
    private func azureView(_ entry: LabLayout.NetworkEntry) -> [String] {
        let rules = layout.azureRules(entry.name)
        let root = rules.first { $0.rule.domain.isRoot }
        var body: [String] = []
        if let source = layout.azureSource(network: entry.name), let network = layout.network(source) {
            body.append("query-source address \(network.azureAddress);  // rules ask Azure DNS of \(source) as \(source)")
        }
        if let root {
            let route = layout.written(root, in: entry.name)
            body += forwarding(route, what: "rule \(root.ruleset) . -> \(targets(root.rule)): names in no linked zone, no other rule and no reserved domain")
        } else {
            let route = layout.azureRoute(entry)
            body += forwarding(route, what: route == .internet ? "names in no linked zone: public DNS" : "every name")
        }
        body.append("zone \".\" { type hint; file \"root.hint\"; };")
        for (zone, fallback) in layout.linkedZones(entry.name) {
            let flag = fallback ? "; fallbackToInternet: BIND has no per-link NXDOMAIN redirect, lab verify skips names that fall back" : ""
            body.append("zone \(quote(zone.name.absolute)) { type primary; file \(quote(LabConfiguration.zoneFileName(zone))); };  // \(zone.id)\(flag)")
        }
        for rule in rules where !rule.rule.domain.isRoot {
            let what = "rule \(rule.ruleset) \(rule.rule.domain) -> \(targets(rule.rule))"
            if let zone = rule.zone {
                body.append("// \(what) not written: linked zone \(zone.id) answers every name in it")
                continue
            }
            let route = layout.written(rule, in: entry.name)
            body.append("zone \(quote(rule.rule.domain.absolute)) { type forward; forward only; forwarders { \(forwarderAddress(route)) }; };  // \(what)\(note(route))")
        }
        if let root {
            for domain in ForwardingRuleset.reservedDomains {
                if rules.contains(where: { $0.rule.domain == domain }) { continue }
                if let zone = layout.linkedZones(entry.name).first(where: { domain.isInside($0.zone.name) })?.zone {
                    body.append("// reserved domain \(domain.absolute): linked zone \(zone.id) answers every name in it")
                    continue
                }
                body.append("zone \(quote(domain.absolute)) { type forward; forward only; forwarders { \(forwarderAddress(.internet)) }; };  // reserved domain: rule \(root.ruleset) . does not apply (internet server)")
            }
        }
        for ruleset in world.rulesets(linkedTo: entry.name) {
            for rule in ruleset.rules where !rule.enabled {
                body.append("// rule \(ruleset.name) \(rule.domain) -> \(targets(rule)) disabled: not written")
            }
        }
        return body
    }

    private var world: World { layout.world }

    /// The file a zone is written to.
    private static func zoneFileName(_ zone: Zone) -> String { "zone-\(zone.id).zone" }

    private func targets(_ rule: ForwardingRule) -> String { rule.targets.map(\.description).joined(separator: ", ") }

    private func options(port: UInt16, extra: [String], allowQuery: String = "127.0.0.0/8") -> String {
        let lines = [
            "directory \(quote(directory));",
            "listen-on port \(port) { 127.0.0.1; };",
            "listen-on-v6 { none; };",
            "pid-file none;",
            "session-keyfile none;",
            "port \(ports.internet);  // iterative queries (root hints) go to the internet server",
            "dnssec-validation no;  // the simulated internet is not signed",
            "empty-zones-enable no;",
            "max-query-restarts 15;  // a chain holds at most 16 names (MODEL.md section 4)",
            "allow-query { \(allowQuery); };",
            "allow-recursion { 127.0.0.0/8; };",
            "notify no;",
        ] + extra
        return "options {\n" + lines.map { "    " + $0 }.joined(separator: "\n") + "\n};"
    }

    private func view(_ name: String, _ comment: String, _ body: [String]) -> String {
        "// \(comment)\nview \(quote(name)) {\n" + body.map { "    " + $0 }.joined(separator: "\n") + "\n};"
    }

    private func forwarding(_ route: LabDestination, what: String) -> [String] {
        ["forward only;", "forwarders { \(forwarderAddress(route)) };  // \(what)\(note(route))"]
    }

    /// The forwarder address of a destination.
    func forwarderAddress(_ route: LabDestination) -> String {
        switch route {
        case .internet: return "127.0.0.1 port \(ports.internet);"
        case .azure: return "127.0.0.1 port \(ports.lab);"
        case .server(let name): return "127.0.0.1 port \(ports.servers[name] ?? 0);"
        case .nowhere: return "127.0.0.1 port \(ports.nowhere);"
        }
    }

    private func note(_ route: LabDestination) -> String {
        switch route {
        case .internet: return " (internet server)"
        case .azure(let network): return " (Azure DNS of \(network))"
        case .server(let name): return " (\(name))"
        case .nowhere(let why): return " (SERVFAIL: \(why))"
        }
    }

    private func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The dig command a client of `entry` runs.
    package func dig(_ entry: LabLayout.NetworkEntry, _ name: String) -> String {
        "dig -p \(ports.lab) -b \(entry.clientAddress) @127.0.0.1 \(name)"
    }

    private func readme(lab: LabProcess) -> String {
        var text = """
            # amplsim lab

            A BIND 9 configuration of this topology's final state (after its whole timeline), made by
            `amplsim lab export`. Each network's resolver is a view of the lab server, chosen by the
            source address of the query: ask from 127.0.1.N to be a client of network N.

            | network | kind | dns | client address | Azure DNS address |
            |---|---|---|---|---|

            """
        for entry in layout.networks {
            let azure = layout.needsSeparateAzureView(entry) || entry.kind == .vnet ? entry.azureAddress : "-"
            text += "| \(entry.name) | \(entry.kind.rawValue) | \(entry.dns) | \(entry.clientAddress) | \(azure) |\n"
        }
        text += """

            ## Starting it

            Every server listens on 127.0.0.1 only. Start each (as any user; `-g` keeps it in the
            foreground and logs to standard error):

            ```sh

            """
        for process in processes {
            text += "named -g -c \(directory)/\(process.configFile)   # port \(process.port): \(process.role)\n"
        }
        text += """
            ```

            `amplsim lab up TOPOLOGY` does all of this in a temporary folder and stops every server on
            Ctrl-C. The configuration names this folder as named's `directory`: export again after
            moving it.

            ## Asking

            ```sh

            """
        for entry in layout.networks {
            text += "\(dig(entry, "api.loganalytics.io"))   # from \(entry.name)\n"
        }
        text += """
            ```

            Use recursion (dig's default): Azure DNS follows CNAMEs across zones, which BIND does only
            when recursing. `-b 127.0.2.N` asks Azure DNS of network N directly, past any custom DNS
            server.

            ## Servers


            """
        for process in processes {
            text += "- `\(process.configFile)` (port \(process.port)): \(process.role).\n"
        }
        text += """

            ## What BIND cannot express

            - Fallback to internet (NxDomainRedirect) is per zone link in Azure; BIND has none. The
              zones are served without it, and `amplsim lab verify` skips the names that fall back.
            - Hosts files are not DNS: `amplsim lab verify` skips the names a hosts entry answers.
            - Azure DNS takes a forwarding rule's target's whole answer; BIND, whose forward zone
              stands for the rule, resolves a later name of that answer itself when it routes it
              elsewhere. `amplsim lab verify` skips those names.
            - Every DNS server runs as BIND: a `windows` server takes a forwarded answer whole, so
              `amplsim lab verify` skips the names where its BIND would route a later name of the
              answer elsewhere.
            - A named, and a view, ask the lab server from one source address (`query-source`): one
              that forwards to Azure DNS of two networks asks the first; its routes to the other go
              to the nowhere server, and `amplsim lab verify` skips the names that take them.

            """
        let hosts = layout.world.networks.filter { !$0.hosts.isEmpty }
        if !hosts.isEmpty {
            text += "\nThe hosts entries the lab does not serve (a client there would use them first):\n\n"
            for network in hosts {
                for (name, address) in network.hosts.sorted(by: { $0.key < $1.key }) {
                    text += "- \(network.name): `\(address) \(name.text)`\n"
                }
            }
        }
        return text
    }
}
