/// One change a fix may make: FORMAT.md steps (a scenario can hold them), or one of the two ways
/// out no step expresses (a network's own new zones, hosts-file entries), which `check` can name
/// but `fix` cannot write.
public struct FixChange: Hashable, Sendable {
    /// What no step can do.
    public enum Hypothetical: Hashable, Sendable {
        /// New copies of the AMPLS zones the network links, for it alone, holding what it sees now
        /// with the `serving` endpoints' records written again.
        case ownZones(network: String, serving: [String])
        /// Hosts-file entries on the network's machines.
        case hosts(network: String, entries: [DNSName: IPv4Address])
    }

    /// What to do, in a few words ("peer spoke-3 with hub").
    public var text: String
    /// Why it was proposed ("spoke-3 has no route to pe-hub in hub"; `FixChange.reason` in
    /// AmplsimRender words it).
    public var why: Why
    /// The steps, in order (empty for a hypothetical).
    public var steps: [Step]
    public var hypothetical: Hypothetical?
    /// Set when the change weakens isolation: it adds a resource that belongs to another scope to
    /// a scope, or opens a scope (the text says how).
    public var weakens: String?
    /// Per step, what it does in particular, when the steps differ (one record set each).
    public var notes: [String]?

    /// Why a change was proposed.
    public enum Why: Hashable, Sendable {
        /// In words.
        case said(String)
        /// The row's answer: the hop that answered and how the resolution ended (a change of
        /// DNS setting asks someone else).
        case answer(Hop?, Outcome)
    }

    public init(text: String, reason: String, steps: [Step], hypothetical: Hypothetical? = nil, weakens: String? = nil,
                notes: [String]? = nil) {
        self.init(text: text, why: .said(reason), steps: steps, hypothetical: hypothetical, weakens: weakens, notes: notes)
    }

    public init(text: String, why: Why, steps: [Step], hypothetical: Hypothetical? = nil, weakens: String? = nil,
                notes: [String]? = nil) {
        self.text = text
        self.why = why
        self.steps = steps
        self.hypothetical = hypothetical
        self.weakens = weakens
        self.notes = notes
    }

    /// True when a scenario file can hold it.
    public var isStep: Bool { hypothetical == nil }

    /// Its identity: what it does, whatever it is called.
    public struct Key: Hashable, Sendable {
        var steps: [Step]
        var hypothetical: Hypothetical?
    }

    public var key: Key { Key(steps: steps, hypothetical: hypothetical) }

    public static func == (a: FixChange, b: FixChange) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

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
