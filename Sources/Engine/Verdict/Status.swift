/// The verdict of one (network, resource, endpoint) row (Docs/model.md#verdicts).
package enum Status: String, Hashable, Sendable, CaseIterable, Comparable {
    case `private` = "private"
    case `public` = "public"
    case nxdomain
    case servfail
    case dangling
    case unroutable
    case notInScope = "not-in-scope"
    case publicDenied = "public-denied"
    case egressBlocked = "egress-blocked"

    /// The status's place in `allCases` (a switch: no array built per call).
    package var ordinal: Int {
        switch self {
        case .private: return 0
        case .public: return 1
        case .nxdomain: return 2
        case .servfail: return 3
        case .dangling: return 4
        case .unroutable: return 5
        case .notInScope: return 6
        case .publicDenied: return 7
        case .egressBlocked: return 8
        }
    }

    /// How many statuses there are.
    package static let count = 9

    /// `private` and `public` succeed; every other status is a failure.
    package var succeeds: Bool { self == .private || self == .public }

    package static func < (lhs: Status, rhs: Status) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// One row of the matrix: what a client in `network` gets for one endpoint of one resource.
package struct Row: Hashable, Sendable {
    package var network: NetworkID
    package var resource: ResourceID
    package var resourceKind: ResourceKind
    package var endpoint: EndpointKind
    package var fqdn: DNSName
    package var resolution: Resolution
    package var status: Status
    /// The private endpoint that holds the answered address, whenever one does.
    package var via: EndpointID?
    /// Why: who answered what, whose address it is, and why that succeeds or fails (worded by
    /// `AmplsimRender`, whose `Row.detail` is the one-line sentence).
    package var reason: Reason

    /// The answered address, if the resolution ended in one.
    package var answer: IPv4Address? { resolution.outcome.address }

    package init(network: NetworkID, resource: ResourceID, resourceKind: ResourceKind, endpoint: EndpointKind, fqdn: DNSName,
                 resolution: Resolution, status: Status, via: EndpointID?, reason: Reason) {
        self.network = network
        self.resource = resource
        self.resourceKind = resourceKind
        self.endpoint = endpoint
        self.fqdn = fqdn
        self.resolution = resolution
        self.status = status
        self.via = via
        self.reason = reason
    }
}

/// Counts of a matrix: rows that connect privately, publicly, and rows that fail.
package struct Summary: Hashable, Sendable {
    package var `private` = 0
    package var `public` = 0
    package var failed = 0

    package init() {}

    package init(rows: [Row]) {
        for row in rows { count(row.status) }
    }

    /// Counts one more row.
    package mutating func count(_ status: Status) {
        switch status {
        case .private: self.private += 1
        case .public: self.public += 1
        default: failed += 1
        }
    }

    /// Adds the counts of another part of the matrix.
    package mutating func add(_ other: Summary) {
        self.private += other.private
        self.public += other.public
        failed += other.failed
    }

    /// Counts by status, for tables.
    package static func byStatus(_ rows: [Row]) -> [Status: Int] {
        var counts: [Status: Int] = [:]
        for row in rows { counts[row.status, default: 0] += 1 }
        return counts
    }
}
