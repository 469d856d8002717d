/// A set of changes applied to a copy of the world, and how the intents fare there.
package struct FixOutcome: Sendable {
    package var changes: [FixChange]
    /// The world once they are applied.
    package var world: World
    /// Every intent's result there (nil when only "do all hold?" was asked, and they did not).
    package var results: [IntentResult]?
    /// True when every intent holds.
    package var holdsAll: Bool
    /// Intents that held before and fail once the changes are applied.
    package var brokenIntents: [Int]
    /// Rows that succeed now and fail once the changes are applied (rows an intent wants to
    /// fail not counted); nil when not counted (`IntentFix.collateralBudget`).
    package var brokenRows: Int?

    /// True when a change adds a resource of another scope to a scope, or opens a scope.
    package var weakensIsolation: Bool { changes.contains { $0.weakening != nil } }
    /// steps of Docs/topology.md#steps (a hypothetical counts as one).
    package var stepCount: Int { changes.reduce(0) { $0 + max(1, $1.steps.count) } }
    /// True when a scenario file can hold every change.
    package var isSteps: Bool { changes.allSatisfy(\.isStep) }
    /// Intents that do not hold.
    package var unsatisfied: Int { results?.filter { !$0.holds }.count ?? (holdsAll ? 0 : Int.max) }
    /// Rows that miss their intents.
    var violatingRows: Int { results?.reduce(0) { $0 + $1.violations.count } ?? Int.max }

    /// True when intent `index` holds.
    package func holds(_ index: Int) -> Bool { holdsAll || (results?[index].holds ?? false) }

    /// Nothing lost: no isolation weakened, no row that works now broken (counted).
    package var isClean: Bool { !weakensIsolation && brokenRows == 0 }
}

/// What `fix` found.
package struct FixSearch: Sendable {
    /// The change set chosen: it satisfies every intent (empty when all held already).
    package var fix: FixOutcome?
    /// When nothing satisfies every intent: the single change that comes closest.
    package var closest: FixOutcome?
    /// Candidate changes found (steps only), and how many sets of each size were evaluated.
    package var candidates: Int
    package var evaluated: [Int]
    /// Where the search was bounded (empty when it was complete; `FixSearch.cuts` in AmplsimRender
    /// words them).
    package var bounds: [Bound]

    /// Where a search was bounded.
    package enum Bound: Hashable, Sendable {
        /// Changes of their own were proposed for `limit` failing networks, none for `cut` more.
        case networks(limit: Int, cut: Int)
        /// `found` single changes were found, and the first `tried` were tried.
        case singles(found: Int, tried: Int)
        /// `pool` changes could be combined, and the best `tried` were combined.
        case combined(pool: Int, tried: Int)
    }
}

/// Checks intents on a world and looks for changes that make them all hold: each candidate
/// applied to a copy of the world, judged by one simulation of that copy on the rows the intents
/// cover (`IntentCheck`), remembered per change set.
///
/// Ranking of change sets that satisfy every intent (they break no intent that passes):
/// 1. isolation kept: a set that adds a resource that belongs to another scope to a scope, or
///    opens a scope, comes after every set that does not ("weakens isolation");
/// 2. no row that works now broken (counted on the whole matrix, for at most
///    `collateralBudget` sets; a set not counted comes after those counted clean);
/// 3. fewest changes, then fewest rows broken, then fewest steps.
package final class IntentFix {
    package let world: World
    package let check: IntentCheck
    /// The intents' results in `world`.
    package let before: [IntentResult]
    private let simulation: Simulation
    private var outcomes: [[FixChange.Key]: FixOutcome] = [:]
    /// Sets known to miss an intent from a quick evaluation (their worlds are not kept).
    private var missing = Set<[FixChange.Key]>()
    private var base: IncrementalSimulation?
    private var counted = 0
    /// Rows an intent wants to fail (their failing is no loss), by key.
    private let failureIntents: [Intent]

    /// The most change sets whose effect on every row is counted (each costs an incremental
    /// evaluation of the whole matrix).
    static let collateralBudget = 24
    /// The most single changes tried, and the most combined into pairs and triples
    /// (C(30, 3) = 4,060 triples; 12 once a satisfying set is known: 220 triples).
    static let singleLimit = 200
    static let poolLimit = 30
    static let narrowPoolLimit = 12
    /// Single changes whose worlds are read again for the changes that would complete them, and
    /// the most changes taken from each.
    package static let anchors = 5
    static let derivedPerAnchor = 6

    package init(world: World, intents: [Intent]) {
        self.world = world
        self.check = IntentCheck(intents, world: world)
        self.simulation = Simulation(world: world)
        self.before = check.evaluate(simulation)
        self.failureIntents = intents.filter { $0.expect == .failure }
    }

    package var intents: [Intent] { check.intents }
    package var allHold: Bool { before.allSatisfy(\.holds) }

    // MARK: Candidates

    /// The changes worth trying for the violations in `results` (of `simulation`'s world).
    static func candidates(for results: [IntentResult], in simulation: Simulation) -> (changes: [FixChange], networksCut: Int) {
        var finder = FixCandidates(world: simulation.world, simulation: simulation)
        finder.propose(for: results)
        return (finder.all(), finder.networksCut.count)
    }

    /// The changes worth trying for every violated intent.
    package func candidates() -> [FixChange] { IntentFix.candidates(for: before, in: simulation).changes }

    // MARK: Evaluation

    /// Applies `changes` to a copy of the world and evaluates every intent; nil when a step is
    /// refused. With `quick`, a set that misses an intent is left with `results` nil.
    package func evaluate(_ changes: [FixChange], quick: Bool = false, probes: [Row.Key] = []) -> FixOutcome? {
        let key = changes.map(\.key)
        if let known = outcomes[key] { return known }
        var copy = world
        for change in changes where !change.apply(to: &copy) { return nil }
        var outcome = FixOutcome(changes: changes, world: copy, results: nil, holdsAll: false, brokenIntents: [], brokenRows: nil)
        if quick && missing.contains(key) { return outcome }
        let candidate = simulate(copy, after: changes)
        if quick && !check.allHold(candidate, probes: probes) {
            missing.insert(key)
            return outcome
        }
        let results = check.evaluate(candidate)
        outcome.results = results
        outcome.holdsAll = results.allSatisfy(\.holds)
        outcome.brokenIntents = results.indices.filter { before[$0].holds && !results[$0].holds }
        outcomes[key] = outcome
        return outcome
    }

    /// A simulation of a world that `changes` made from this one, sharing what they leave valid:
    /// public DNS, reachability (with the paths found so far), the Azure DNS views, the rows'
    /// layout. Only the answers are computed again.
    func simulate(_ changed: World, after changes: [FixChange]) -> Simulation {
        var keepPublic = true, rebuild = false
        var reach: Reachability? = nil
        var rebuildReach = false
        var relinked = Set<NetworkID>()
        var rerouted = Set<NetworkID>()
        for change in changes {
            switch change.hypothetical {
            case .ownZones(let network, _)?: relinked.insert(network)
            case .hosts(let network, _)?: rerouted.insert(network)
            case nil: break
            }
            for step in change.steps {
                switch step {
                case .peer(let a, let b), .unpeer(let a, let b):
                    let pair = NetworkPair(a, b)
                    let current = reach ?? simulation.resolver.reachability
                    if current.knows(pair) {
                        reach = Reachability(current, setting: pair, to: changed.adjacency[pair])
                    } else {
                        rebuildReach = true
                    }
                    rerouted.formUnion([a, b])
                case .createNetwork: rebuildReach = true; rebuild = true; keepPublic = false
                case .linkZone(_, let network, _), .unlinkZone(_, let network): relinked.insert(network)
                case .linkRuleset(_, let network), .unlinkRuleset(_, let network): relinked.insert(network)
                case .setRule, .deleteRule: rebuild = true
                case .linkResource, .unlinkResource, .deleteResource, .createEndpoint, .deleteEndpoint: keepPublic = false
                case .setDns(let network, _): rerouted.insert(network)
                case .setResourceAccess, .setScopeAccess, .setRecord, .deleteRecord: break
                }
            }
        }
        if rebuildReach { reach = Reachability(world: changed) }
        let views: Resolver.ViewReuse = rebuild ? .rebuild : relinked.isEmpty ? .keep : .update(relinked)
        // The answers of this world's resolver stay valid where the changes cannot reach them;
        // rules and inbound endpoints read reachability in ways a diff does not follow, so a
        // changed path in a world that has them keeps none.
        let pathsChanged = reach != nil
        var diff: WorldDiff?
        if !rebuild && !(pathsChanged && (!changed.rulesets.isEmpty || !changed.resolvers.isEmpty)) {
            diff = WorldDiff(resolutionsFrom: world, to: changed, networks: relinked.union(rerouted),
                             reach: pathsChanged ? rerouted : [], publicNames: !keepPublic)
        }
        let resolver = Resolver(world: changed, sharing: simulation.resolver, publicDNS: keepPublic, reachability: reach,
                                views: views, diff: diff)
        return Simulation(world: changed, resolver: resolver, base: simulation)
    }

    /// Counts the rows that work now and fail in the outcome's world (once per set, within the
    /// budget): the whole matrix, evaluated incrementally from the world as it is.
    package func countBrokenRows(_ outcome: inout FixOutcome) {
        let key = outcome.changes.map(\.key)
        if let known = outcomes[key]?.brokenRows { outcome.brokenRows = known; return }
        guard counted < IntentFix.collateralBudget else { return }
        counted += 1
        if base == nil { base = IncrementalSimulation(world: world) }
        var evaluation = base!
        evaluation.advance(to: outcome.world)
        var broken = 0
        for change in evaluation.changesSinceStart where change.breaks {
            let key = change.key
            if failureIntents.contains(where: { $0.covers(network: key.network) && $0.covers(resource: key.resource) && $0.covers(endpoint: key.endpoint) }) {
                continue
            }
            broken += 1
        }
        outcome.brokenRows = broken
        outcomes[key]?.brokenRows = broken
    }

    /// Ranks change sets that satisfy every intent (see the type's comment); lower is better.
    static func rank(_ o: FixOutcome) -> (Int, Int, Int, Int, Int) {
        (o.weakensIsolation ? 1 : 0, o.brokenRows == 0 ? 0 : 1, o.changes.count, o.brokenRows ?? Int.max, o.stepCount)
    }

    private static func better(_ a: FixOutcome, _ b: FixOutcome) -> Bool { rank(a) < rank(b) }

    // MARK: One intent (check)

    /// The best single change for intent `index`: one that makes it hold, ranked by what else it
    /// does (every intent satisfied, no passing intent broken, isolation kept, no working row
    /// broken, a step rather than an edit of the topology, fewest steps). Nil when no candidate
    /// makes it hold.
    package func bestFix(for index: Int) -> FixOutcome? {
        guard !before[index].holds else { return nil }
        let (changes, _) = IntentFix.candidates(for: [before[index]], in: simulation)
        var healing: [FixOutcome] = []
        for change in changes.prefix(IntentFix.singleLimit) {
            guard let outcome = evaluate([change]), outcome.holds(index) else { continue }
            healing.append(outcome)
        }
        func key(_ o: FixOutcome) -> (Int, Int, Int, Int, Int, Int) {
            (o.unsatisfied, o.brokenIntents.count, o.weakensIsolation ? 1 : 0, o.brokenRows == 0 ? 0 : 1, o.isSteps ? 0 : 1, o.stepCount)
        }
        healing.sort { key($0) < key($1) }
        // Count the rows the leading ones break, then rank again with the counts.
        for i in healing.indices.prefix(6) { countBrokenRows(&healing[i]) }
        healing.sort { key($0) < key($1) || (key($0) == key($1) && ($0.brokenRows ?? Int.max) < ($1.brokenRows ?? Int.max)) }
        return healing.first
    }

    /// The best fix of each violated intent, as `check` shows it: the best single change for it
    /// (`bestFix(for:)`); when one is not clean (it leaves an intent failing, weakens isolation or
    /// breaks rows), the set `search()` finds instead, if it ranks better. Also the search, when
    /// it ran.
    package func bestFixes() -> (fixes: [Int: FixOutcome], tried: [Int: Int], search: FixSearch?) {
        var fixes: [Int: FixOutcome] = [:]
        var tried: [Int: Int] = [:]
        for result in before where !result.holds {
            tried[result.index] = IntentFix.candidates(for: [result], in: simulation).changes.prefix(IntentFix.singleLimit).count
            if let best = bestFix(for: result.index) { fixes[result.index] = best }
        }
        let unclean = before.filter { !$0.holds }.contains { result in
            guard let fix = fixes[result.index] else { return true }
            return !fix.holdsAll || !fix.isClean
        }
        guard unclean else { return (fixes, tried, nil) }
        let search = self.search()
        if let found = search.fix {
            for result in before where !result.holds {
                if let single = fixes[result.index], single.holdsAll, !IntentFix.better(found, single) { continue }
                fixes[result.index] = found
            }
        }
        return (fixes, tried, search)
    }

    // MARK: The search (fix)

    /// Searches the smallest set of changes (steps only) that makes every intent hold: single
    /// changes, then pairs, then triples of the best-scoring ones. Goes on to larger sets while
    /// every set found weakens isolation or breaks rows that work now.
    package func search() -> FixSearch {
        var result = FixSearch(fix: nil, closest: nil, candidates: 0, evaluated: [0, 0, 0], bounds: [])
        if allHold {
            result.fix = FixOutcome(changes: [], world: world, results: before, holdsAll: true, brokenIntents: [], brokenRows: 0)
            return result
        }
        var (changes, cutNetworks) = IntentFix.candidates(for: before, in: simulation)
        changes = changes.filter(\.isStep)
        if cutNetworks > 0 {
            result.bounds.append(.networks(limit: FixCandidates.networkLimit, cut: cutNetworks))
        }
        if changes.count > IntentFix.singleLimit {
            result.bounds.append(.singles(found: changes.count, tried: IntentFix.singleLimit))
            changes = Array(changes.prefix(IntentFix.singleLimit))
        }
        var satisfying: [FixOutcome] = []
        var singles: [FixOutcome] = []
        var extra = 0
        for change in changes {
            guard let outcome = evaluate([change]) else { continue }
            result.evaluated[0] += 1
            singles.append(outcome)
            if outcome.holdsAll { satisfying.append(outcome) }
        }
        countAll(&satisfying)
        // Partial score of a single change: fewest intents broken, then unsatisfied, then rows
        // still missing, then isolation, then steps.
        func partial(_ o: FixOutcome) -> (Int, Int, Int, Int, Int) {
            (o.brokenIntents.count, o.unsatisfied, o.violatingRows, o.weakensIsolation ? 1 : 0, o.stepCount)
        }
        singles.sort { partial($0) < partial($1) }
        result.closest = singles.first

        if !satisfying.contains(where: \.isClean) {
            // The pool: the leading singles, the changes their worlds still call for, the rest.
            var pool: [FixChange] = []
            var seen = Set<FixChange.Key>()
            var derived = 0
            func take(_ change: FixChange) { if seen.insert(change.key).inserted { pool.append(change) } }
            let anchors = singles.prefix(IntentFix.anchors)
            for anchor in anchors { take(anchor.changes[0]) }
            for anchor in anchors {
                guard let results = anchor.results else { continue }
                // What the anchor's world still needs (rows it leaves failing, intents it breaks):
                // such changes complete the anchor, and follow it in the pool.
                let (more, _) = IntentFix.candidates(for: results, in: simulate(anchor.world, after: anchor.changes))
                for change in more.filter({ $0.isStep && !seen.contains($0.key) }).prefix(IntentFix.derivedPerAnchor) {
                    take(change)
                    derived += 1
                }
            }
            for single in singles { take(single.changes[0]) }
            extra = derived
            let limit = satisfying.isEmpty ? IntentFix.poolLimit : IntentFix.narrowPoolLimit
            if pool.count > limit {
                result.bounds.append(.combined(pool: pool.count, tried: limit))
                pool = Array(pool.prefix(limit))
            }
            let probes = IntentFix.probes(before)
            for size in 2...3 where !satisfying.contains(where: \.isClean) {
                var found: [FixOutcome] = []
                forEachCombination(of: pool.count, size: size) { indices in
                    let set = indices.map { pool[$0] }
                    guard let outcome = evaluate(set, quick: true, probes: probes) else { return }
                    result.evaluated[size - 1] += 1
                    if outcome.holdsAll { found.append(outcome) }
                }
                countAll(&found)
                satisfying += found
            }
        }
        result.fix = satisfying.min(by: IntentFix.better)
        result.candidates = changes.count + extra
        return result
    }

    /// The rows a set of changes most likely leaves failing, judged first: of each violated
    /// intent, its first failing rows, then the first failing row of each other network (a change
    /// of one network's own heals no other).
    static func probes(_ results: [IntentResult]) -> [Row.Key] {
        var keys: [Row.Key] = []
        var seen = Set<Row.Key>()
        var networks = Set<NetworkID>()
        func add(_ row: Row) { if seen.insert(row.key).inserted { keys.append(row.key) } }
        for result in results { result.violations.prefix(4).forEach(add) }
        for result in results {
            for row in result.violations where networks.insert(row.network).inserted && keys.count < 96 { add(row) }
        }
        return keys
    }

    /// Counts broken rows for the sets most likely to win, within the budget.
    private func countAll(_ outcomes: inout [FixOutcome]) {
        let order = outcomes.indices.sorted {
            let a = outcomes[$0], b = outcomes[$1]
            return (a.weakensIsolation ? 1 : 0, a.stepCount) < (b.weakensIsolation ? 1 : 0, b.stepCount)
        }
        for i in order { countBrokenRows(&outcomes[i]) }
    }

    /// Every combination of `size` indices below `count`, in lexicographic order.
    private func forEachCombination(of count: Int, size: Int, _ body: ([Int]) -> Void) {
        guard size <= count else { return }
        var indices = Array(0..<size)
        while true {
            body(indices)
            var i = size - 1
            while i >= 0 && indices[i] == count - size + i { i -= 1 }
            if i < 0 { return }
            indices[i] += 1
            for j in (i + 1)..<size { indices[j] = indices[j - 1] + 1 }
        }
    }
}
