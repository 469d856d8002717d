import AmplsimEngine

/// Something an import could not carry into the topology, or had to assume: printed in the
/// summary on standard error and written as a comment in the topology. Nothing is dropped silently.
package struct ImportNote: Hashable, Sendable, Comparable {
    /// What kind of note this is.
    package enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Read but not modelled (another service's private endpoint, an unknown type, a DNS
        /// address nobody holds).
        case unmapped
        /// Modelled on an assumption the input does not confirm (a VM's DNS forwarding, transit).
        case assumed
        /// A value unknown until apply, given a stable stand-in.
        case placeholder
    }

    package var kind: Kind
    /// The Azure resource id or Terraform address the note is about.
    package var subject: String
    package var message: String

    package init(_ kind: Kind, _ subject: String, _ message: String) {
        self.kind = kind
        self.subject = subject
        self.message = message
    }

    package static func < (a: ImportNote, b: ImportNote) -> Bool {
        (a.kind.rawValue, a.subject.lowercased(), a.message) < (b.kind.rawValue, b.subject.lowercased(), b.message)
    }

    /// One line: `unmapped: SUBJECT: message`.
    package var line: String { "\(kind.rawValue): \(subject): \(message)" }
}

/// An object of the topology, to hang its origin comment on.
package enum ObjectKey: Hashable, Sendable {
    case network(NetworkID)
    case dnsServer(ServerID)
    case dnsResolver(ResolverID)
    case ruleset(RulesetID)
    case zone(ZoneID)
    case resource(ResourceID)
    case scope(ScopeID)
    case endpoint(EndpointID)
}

/// What an import produces: the topology (and a Terraform plan's steps), the zone files to write
/// beside it, where each object came from, and the notes.
package struct ImportResult: Sendable {
    package var topology: Topology
    /// A Terraform plan's changes as steps, in dependency order, labelled with their addresses.
    package var scenario: [TimelineStep]
    /// Comment lines above each object: the Azure resource ids or Terraform addresses it was read from.
    package var origins: [ObjectKey: [String]]
    /// Zones whose records go to `zones/<id>.zone` (their `file`), by zone id.
    package var zoneFiles: [ZoneID: String]
    /// The text of each component's connection string as the topology writes it, when its live
    /// region differs from its region (the `region` fields cannot say that).
    var connectionStrings: [ResourceID: String]
    /// Comments per network about its DNS setting (an address nobody holds, secondary servers).
    var networkComments: [NetworkID: [String]]
    package var notes: [ImportNote]
    /// The header of the written topology: where it was imported from.
    package var header: [String]
    /// The name given to each object, by "space|lower-cased id" (to keep names across two imports).
    var nameKeys: [String: String] = [:]
    /// The ids of objects' parts (a peering, a zone link, a record set, a member, a rule), by
    /// "kind|object|part".
    var detailOrigins: [String: [String]] = [:]

    package init(topology: Topology = Topology(), scenario: [TimelineStep] = [], origins: [ObjectKey: [String]] = [:],
                zoneFiles: [ZoneID: String] = [:], connectionStrings: [ResourceID: String] = [:],
                networkComments: [NetworkID: [String]] = [:], notes: [ImportNote] = [], header: [String] = []) {
        self.topology = topology
        self.scenario = scenario
        self.origins = origins
        self.zoneFiles = zoneFiles
        self.connectionStrings = connectionStrings
        self.networkComments = networkComments
        self.notes = notes
        self.header = header
    }

    /// The notes sorted (kind, subject), each once.
    package var sortedNotes: [ImportNote] { Array(Set(notes)).sorted() }

    /// The summary for standard error: counts, then every note.
    package func summary(title: String) -> String {
        let t = topology
        var lines = ["\(title): \(t.networks.count) networks, \(t.dnsServers.count) DNS servers, \(t.dnsResolvers.count) DNS resolvers, "
            + "\(t.forwardingRulesets.count) forwarding rulesets, \(t.zones.count) zones, \(t.workspaces.count) workspaces, "
            + "\(t.components.count) components, \(t.dataCollectionEndpoints.count) DCEs, \(t.scopes.count) scopes, "
            + "\(t.privateEndpoints.count) private endpoints" + (scenario.isEmpty ? "" : ", \(scenario.count) steps")]
        let notes = sortedNotes
        for kind in ImportNote.Kind.allCases {
            let some = notes.filter { $0.kind == kind }
            if !some.isEmpty { lines.append("\(some.count) \(kind.rawValue)") }
        }
        lines += notes.map { "  " + $0.line }
        return lines.joined(separator: "\n") + "\n"
    }
}
