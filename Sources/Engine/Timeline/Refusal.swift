/// Why a creation or a step was refused. A refused step changes nothing.
package struct Refusal: Error, Hashable, Sendable {
    /// The rule or limit that refused it.
    package enum Rule: String, Hashable, Sendable {
        /// A limit of Docs/model.md (`settings.limits`).
        case limit
        /// A resource that belongs to a scope cannot be deleted.
        case resourceInScope = "resource-in-scope"
        /// The step names something that does not exist (any more, or yet).
        case missing
        /// The step would create what already exists.
        case duplicate
        /// The subnet has too few free addresses.
        case addresses
        /// A fixed address is outside the subnet, held by another endpoint, or for no record name.
        case fixedAddress = "fixed-address"
        /// A zone group with more than 5 zones or two zones of one name.
        case zoneGroup = "zone-group"
        /// A link the model forbids (on-premises networks, fallback outside privatelink zones).
        case link
    }

    package var rule: Rule
    /// What was refused, with the names it is about (`Refusal.message` in AmplsimRender words it).
    package var facts: Facts

    package init(_ rule: Rule, _ facts: Facts) {
        self.rule = rule
        self.facts = facts
    }
}
