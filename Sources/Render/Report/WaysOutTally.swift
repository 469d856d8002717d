import AmplsimEngine

/// The ways out of many breaks, counted: each distinct way (by its text, in the order first
/// suggested) with how many breaks it was suggested for and how many of those it heals when
/// applied. A reader sees "peer vnet1 with vnet2: heals 17 of 17" once instead of 17 times.
public struct WaysOutTally: Hashable, Sendable {
    public var text: String
    /// Breaks it was suggested for.
    public var suggested: Int
    /// Of those, the ones the engine applied it to and judged healed.
    public var heals: Int
    /// Of those, the ones the engine could not check by applying it.
    public var unchecked: Int
    /// Rows that work after the steps and fail once it is applied (the most any check found).
    public var breaksOthers = 0

    /// The tally of every way out of `breaks`.
    public static func of(_ breaks: [TimelineReport.Break]) -> [WaysOutTally] {
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
            }
        }
        return out
    }

    /// "heals 17 of 17", "heals 3 of 17", "not checked: needs a design choice".
    public var verdict: String {
        if unchecked == suggested { return "not checked (a design choice), for \(suggested) break\(suggested == 1 ? "" : "s")" }
        let checked = suggested - unchecked
        let cost = breaksOthers > 0 ? ", but breaks \(breaksOthers) row\(breaksOthers == 1 ? "" : "s") that work now" : ""
        return "heals \(heals) of \(checked) break\(checked == 1 ? "" : "s")\(cost)"
    }
}
