/// One change a fix may make: steps of Docs/scenarios.md (a scenario can hold them), or one of the two ways
/// out no step expresses (a network's own new zones, hosts-file entries), which `check` can name
/// but `fix` cannot write.
package struct FixChange: Hashable, Sendable {
    /// What no step can do.
    package enum Hypothetical: Hashable, Sendable {
        /// New copies of the AMPLS zones the network links, for it alone, holding what it sees now
        /// with the `serving` endpoints' records written again.
        case ownZones(network: NetworkID, serving: [EndpointID])
        /// Hosts-file entries on the network's machines.
        case hosts(network: NetworkID, entries: [DNSName: IPv4Address])
    }

    /// What to do (`FixChange.text` in AmplsimRender words it: "peer spoke-3 with hub").
    package var what: What
    /// Why it was proposed ("spoke-3 has no route to pe-hub in hub"; `FixChange.reason` in
    /// AmplsimRender words it).
    package var why: Why
    /// The steps, in order (empty for a hypothetical).
    package var steps: [Step]
    package var hypothetical: Hypothetical?
    /// Set when the change weakens isolation: it adds a resource that belongs to another scope to
    /// a scope, or opens a scope (`FixChange.weakens` in AmplsimRender says how).
    package var weakening: Weakening?
    /// Per step, the record set it writes again, when the steps differ (`FixChange.notes` in
    /// AmplsimRender words them).
    package var rewrites: [Rewrite]?

    package init(_ what: What, why: Why, steps: [Step], hypothetical: Hypothetical? = nil, weakening: Weakening? = nil,
                rewrites: [Rewrite]? = nil) {
        self.what = what
        self.why = why
        self.steps = steps
        self.hypothetical = hypothetical
        self.weakening = weakening
        self.rewrites = rewrites
    }

    /// True when a scenario file can hold it.
    package var isStep: Bool { hypothetical == nil }

    /// Its identity: what it does, whatever it is called.
    package struct Key: Hashable, Sendable {
        var steps: [Step]
        var hypothetical: Hypothetical?
    }

    package var key: Key { Key(steps: steps, hypothetical: hypothetical) }

    package static func == (a: FixChange, b: FixChange) -> Bool { a.key == b.key }
    package func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// Applies the change to `world`; false (and `world` in an unspecified state) when a step is
    /// refused or the change does not apply.
    func apply(to world: inout World) -> Bool {
        for step in steps where world.apply(step) != nil { return false }
        switch hypothetical {
        case nil:
            return true
        case .ownZones(let network, let serving)?:
            let base = world
            return world.giveOwnZones(to: network, from: base, writing: serving)
        case .hosts(let network, let entries)?:
            guard world.network(network) != nil, !entries.isEmpty else { return false }
            for (name, address) in entries { world.setHostsEntry(network: network, name: name, address: address) }
            return true
        }
    }
}
