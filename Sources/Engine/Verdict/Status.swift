/// The verdict of one (network, resource, endpoint) row (Docs/model.md#verdicts).
public enum Status: String, Hashable, Sendable, CaseIterable, Comparable {
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
    public var ordinal: Int {
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
    public static let count = 9

    /// `private` and `public` succeed; every other status is a failure.
    public var succeeds: Bool { self == .private || self == .public }

    public static func < (lhs: Status, rhs: Status) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// One row of the matrix: what a client in `network` gets for one endpoint of one resource.
public struct Row: Hashable, Sendable {
    public var network: NetworkID
    public var resource: ResourceID
    public var resourceKind: ResourceKind
    public var endpoint: EndpointKind
    public var fqdn: DNSName
    public var resolution: Resolution
    public var status: Status
    /// The private endpoint that holds the answered address, whenever one does.
    public var via: EndpointID?
    /// Why: who answered what, whose address it is, and why that succeeds or fails (worded by
    /// `AmplsimRender`, whose `Row.detail` is the one-line sentence).
    public var reason: Reason

    /// The answered address, if the resolution ended in one.
    public var answer: IPv4Address? { resolution.outcome.address }
}

/// Counts of a matrix: rows that connect privately, publicly, and rows that fail.
public struct Summary: Hashable, Sendable {
    public var `private` = 0
    public var `public` = 0
    public var failed = 0

    public init() {}

    public init(rows: [Row]) {
        for row in rows { count(row.status) }
    }

    /// Counts one more row.
    public mutating func count(_ status: Status) {
        switch status {
        case .private: self.private += 1
        case .public: self.public += 1
        default: failed += 1
        }
    }

    /// Adds the counts of another part of the matrix.
    public mutating func add(_ other: Summary) {
        self.private += other.private
        self.public += other.public
        failed += other.failed
    }

    /// Counts by status, for tables.
    public static func byStatus(_ rows: [Row]) -> [Status: Int] {
        var counts: [Status: Int] = [:]
        for row in rows { counts[row.status, default: 0] += 1 }
        return counts
    }
}
