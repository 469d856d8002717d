import AmplsimEngine

/// The ways out of many breaks, counted: each distinct way (by its text) with how many breaks it
/// was suggested for and how many of those it heals when applied. A reader sees "peer vnet1 with
/// vnet2: heals 17 of 17" once instead of 17 times. Ranked: the ways that heal breaks without
/// breaking a row that works first, then those that heal some but break others, then those that
/// need a design choice, then those that heal none; within each, the most breaks healed first,
/// then those that keep every scope's resources behind their own scope before those that weaken
/// isolation, then in the order first suggested.
package struct WaysOutTally: Hashable, Sendable {
    package var text: String
    /// Breaks it was suggested for.
    package var suggested: Int
    /// Of those, the ones the engine applied it to and judged healed.
    package var heals: Int
    /// Of those, the ones the engine could not check by applying it.
    package var unchecked: Int
    /// Rows that work after the steps and fail once it is applied (the most any check found).
    package var breaksOthers = 0
    /// True when it routes a resource through another team's scope or opens a scope.
    package var weakensIsolation = false

    /// The tally of every way out of `breaks`.
    package static func of(_ breaks: [TimelineReport.Break]) -> [WaysOutTally] {
        var out: [WaysOutTally] = []
        var index: [String: Int] = [:]
        for item in breaks {
            for way in item.waysOut {
                let i = index[way.text] ?? {
                    out.append(WaysOutTally(text: way.text, suggested: 0, heals: 0, unchecked: 0))
                    index[way.text] = out.count - 1
                    return out.count - 1
                }()
                out[i].suggested += 1
                if way.heals == true { out[i].heals += 1 }
                if way.heals == nil { out[i].unchecked += 1 }
                out[i].breaksOthers = max(out[i].breaksOthers, way.breaksOthers ?? 0)
                out[i].weakensIsolation = way.weakensIsolation
            }
        }
        return out.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.rank != y.rank { return x.rank < y.rank }
            if x.heals != y.heals { return x.heals > y.heals }
            if x.weakensIsolation != y.weakensIsolation { return !x.weakensIsolation }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// 0: heals breaks and breaks nothing that works; 1: heals breaks but breaks other rows;
    /// 2: not checked (a design choice); 3: heals none.
    var rank: Int {
        if heals > 0 && breaksOthers == 0 { return 0 }
        if heals > 0 { return 1 }
        if unchecked == suggested { return 2 }
        return 3
    }

    /// "heals 17 of 17", "heals 3 of 17", "not checked: needs a design choice".
    package var verdict: String {
        if unchecked == suggested { return "not checked (a design choice), for \(suggested) break\(suggested == 1 ? "" : "s")" }
        let checked = suggested - unchecked
        let cost = breaksOthers > 0 ? ", but breaks \(breaksOthers) row\(breaksOthers == 1 ? "" : "s") that work now" : ""
        return "heals \(heals) of \(checked) break\(checked == 1 ? "" : "s")\(cost)"
    }
}
