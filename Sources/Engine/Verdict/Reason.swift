/// Why a row has its status, as data: who answered and with what, whose address it is, how the
/// row's network gets there, and what the endpoint's scope or the resource make of it.
/// `AmplsimRender` words it (`VerdictText`); the engine builds no sentence.
///
/// Everything a row's sentence names is here, so rows with equal reasons read the same.
package struct Reason: Hashable, Sendable {
    /// The hop that answered (which resolver, from which zone, forwarder, rule or hosts file, for
    /// which name of the chain); nil when no resolver could be asked.
    package var answeredBy: Hop? { storage.answeredBy }
    /// How the resolution ended: the address, NXDOMAIN, NODATA, or SERVFAIL with its reason.
    package var outcome: Outcome { storage.outcome }
    /// What the answer means for the row's network and resource.
    package var meaning: Meaning { storage.meaning }

    /// Held by reference: rows are copied on the hot path, and the rows of networks that share
    /// an answer and a path share one reason (a copy is one reference; equal storage is equal).
    private let storage: Storage

    package init(answeredBy: Hop?, outcome: Outcome, meaning: Meaning) {
        storage = Storage(answeredBy: answeredBy, outcome: outcome, meaning: meaning)
    }

    /// The same answer with another meaning.
    func with(_ meaning: Meaning) -> Reason {
        Reason(answeredBy: storage.answeredBy, outcome: storage.outcome, meaning: meaning)
    }

    /// True when both are the same stored reason (a cheaper test than equality, and enough for
    /// a cache that keeps the reason it keys on alive).
    func isIdentical(to other: Reason) -> Bool { storage === other.storage }

    /// The stored reason's identity: the same for identical reasons (`isIdentical`), and no
    /// other reason's while this one is kept (a cache that keeps the reason compares these
    /// without counting references).
    package var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    package static func == (a: Reason, b: Reason) -> Bool {
        a.storage === b.storage
            || (a.storage.meaning == b.storage.meaning && a.storage.outcome == b.storage.outcome
                && same(a.storage.answeredBy, b.storage.answeredBy))
    }

    /// `a == b` for the hops, without `Optional`'s `==`, which copied both hops into a pair to
    /// compare them (every name and reference a hop holds, twice, for every comparison of equal
    /// reasons stored apart: half the comparison's cost).
    private static func same(_ a: Hop?, _ b: Hop?) -> Bool {
        switch a {
        case .none:
            if case .none = b { return true }
            return false
        case .some(let x):
            guard case .some(let y) = b else { return false }
            return x == y
        }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(storage.answeredBy)
        hasher.combine(storage.outcome)
        hasher.combine(storage.meaning)
    }

    /// Immutable after `init`: safe to share between threads.
    private final class Storage: Sendable {
        let answeredBy: Hop?
        let outcome: Outcome
        let meaning: Meaning

        init(answeredBy: Hop?, outcome: Outcome, meaning: Meaning) {
            self.answeredBy = answeredBy
            self.outcome = outcome
            self.meaning = meaning
        }
    }

    /// What an answer means for one row.
    package enum Meaning: Hashable, Sendable {
        /// No address: the outcome (NXDOMAIN, NODATA or SERVFAIL) is the whole reason.
        case noAddress
        /// A private address that no private endpoint holds.
        case dangling
        /// A public address, and whether the row may use it.
        case publicAddress(PublicAccess)
        /// A private endpoint's address that `client` (the row's network) has no route to.
        case unroutable(EndpointPlace, client: NetworkID)
        /// A private endpoint's address the row's network reaches along `path`, and what the
        /// endpoint's scope makes of the row's resource.
        case reached(EndpointPlace, path: NetworkPath, scope: ScopeJudgement)
    }

    /// What a row does with a public address.
    package enum PublicAccess: Hashable, Sendable {
        /// It connects over public access.
        case allowed
        /// `network` (the row's) has no internet egress.
        case noEgress(network: NetworkID)
        /// `resource` (the row's) denies public access for `category`.
        case denied(resource: ResourceID, category: Category)
    }

    /// The private endpoint that holds an answered address, and the network it sits in.
    package struct EndpointPlace: Hashable, Sendable {
        package var endpoint: EndpointID
        package var network: NetworkID

        package init(endpoint: EndpointID, network: NetworkID) {
            self.endpoint = endpoint
            self.network = network
        }
    }

    /// What the scope of the answering endpoint makes of the row's resource.
    package enum ScopeJudgement: Hashable, Sendable {
        /// The scope holds the resource: a private connection.
        case member
        /// The endpoint names a scope that does not exist: not in scope.
        case noScope
        /// The scope does not hold the resource.
        case outside(OutsideScope)
    }

    /// A resource outside the scope whose endpoint answers (Docs/model.md#verdicts).
    package struct OutsideScope: Hashable, Sendable {
        /// The scope, and the resource it does not hold.
        package var scope: ScopeID
        package var resource: ResourceID
        package var rule: Rule

        package init(scope: ScopeID, resource: ResourceID, rule: Rule) {
            self.scope = scope
            self.resource = resource
            self.rule = rule
        }

        /// Which rule decides the row.
        package enum Rule: Hashable, Sendable {
            /// The endpoint's name (`kind`) belongs to the resource alone (a workspace's or a data
            /// collection endpoint's own): not in scope, whatever the mode.
            case ownName(EndpointKind, ResourceKind)
            /// The scope's access mode for `category` through the endpoint (`excluded`: set by an
            /// exclusion for it) and whether the resource accepts public access for it.
            case mode(Category, AccessMode, excluded: Bool, resourceAcceptsPublic: Bool)
        }
    }
}
