/// How bad a finding is.
package enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
    case error
    case warning
    case info

    package static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// What an audit found wrong (Docs/audit.md explains each code).
package enum FindingCode: String, Hashable, Sendable, CaseIterable, Comparable {
    case unroutableRecord = "unroutable-record"
    case danglingRecord = "dangling-record"
    case missingRecord = "missing-record"
    case notInScopeRecord = "not-in-scope-record"
    case emptyZone = "empty-zone"
    case zoneTooBroad = "zone-too-broad"
    case scopeMissingResource = "scope-missing-resource"
    case publicDenied = "public-denied"
    case egressBlocked = "egress-blocked"
    case cnameLoop = "cname-loop"
    case forwardingLoop = "forwarding-loop"
    case onPremAzureDNS = "onprem-azure-dns"
    case unreachableDNSServer = "unreachable-dns-server"
    case resolverNoEgress = "resolver-no-egress"
    case refusedStep = "refused-step"
    case limitExceeded = "limit-exceeded"
    case mixedEndpoints = "mixed-endpoints"
    case partialZoneSet = "partial-zone-set"
    case ruleLoop = "rule-loop"
    case dotRuleReserved = "dot-rule-reserved"
    case ruleZoneUnseen = "rule-zone-unseen"
    case subnetTooSmall = "subnet-too-small"
    case scopesShareZone = "scopes-share-zone"
    case spokeEndpointSharedZone = "spoke-endpoint-shared-zone"
    case mixedRecordSet = "mixed-record-set"
    case crossScopeReach = "cross-scope-reach"
    case componentStampDefaulted = "component-stamp-defaulted"

    package var severity: Severity {
        switch self {
        case .mixedEndpoints, .partialZoneSet, .dotRuleReserved, .ruleZoneUnseen, .subnetTooSmall: return .warning
        // Design checks: what works now and breaks on the next change (the rows they would
        // break today are already another finding's).
        case .scopesShareZone, .spokeEndpointSharedZone, .mixedRecordSet, .crossScopeReach: return .warning
        case .componentStampDefaulted: return .info
        default: return .error
        }
    }

    package static func < (lhs: FindingCode, rhs: FindingCode) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// One finding: what is wrong, where, whom it hurts, and what to fix it by.
package struct Finding: Hashable, Sendable {
    package var code: FindingCode
    package var severity: Severity { code.severity }
    /// The zone id the finding is about, when it is about a zone.
    package var zone: ZoneID?
    /// The record name (or other name) the finding is about.
    package var name: DNSName?
    /// The resource the finding is about, when it is about one.
    package var resource: ResourceID?
    /// The networks hurt, in topology order.
    package var networks: [NetworkID]
    /// What it found: the data its message (the mechanism, in one sentence) and its fix are
    /// worded from (`FindingText` in AmplsimRender).
    package var facts: FindingFacts
    /// The file and line to point at (a zone file's record, a step, an endpoint).
    package var location: SourceRef?
    /// What findings of one code merge on besides zone, name and resource (a server, a network).
    var group = FindingGroup.nothing

    package init(code: FindingCode, zone: ZoneID?, name: DNSName?, resource: ResourceID? = nil, networks: [NetworkID],
                facts: FindingFacts, location: SourceRef?) {
        self.code = code
        self.zone = zone
        self.name = name
        self.resource = resource
        self.networks = networks
        self.facts = facts
        self.location = location
    }
}

/// What findings of one code merge on besides zone, name and resource: the object the finding is
/// about, so that findings about two servers, networks or steps stay apart.
enum FindingGroup: Hashable, Sendable {
    /// Nothing besides zone, name and resource (record findings).
    case nothing
    case network(NetworkID)
    case endpoint(EndpointID)
    case ruleset(RulesetID)
    case resource(ResourceID)
    /// A refused step, by its index.
    case step(Int)
    case server(ServerID)
    /// A resolver clients cannot reach (nil: asked from a network the world does not hold).
    case resolver(ResolverTarget?)
    /// A server's forwarder target it cannot reach.
    case forwarder(ServerID, ResolverTarget)
    /// An address no resolver holds, and who asked it.
    case address(Asker?, IPv4Address)
    /// A rule of a ruleset, by its domain.
    case rule(RulesetID, DNSName)
}
