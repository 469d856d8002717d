import AmplsimEngine

/// How many of one network's breaks the what-if table lists with their ways out: at most
/// `perCause` of each cause (`CauseCollector.cause(of:in:)` of the row after the steps); the
/// others would repeat the same lines, so each cause's rest is counted in one line
/// ("550 more breaks with the same cause: ..."). JSON lists every break.
struct BreakListing {
    /// The most breaks of one cause listed in one network. No bundled fixture comes near it (the
    /// largest has 26 rows in a network); a tenant where one endpoint takes over hundreds of
    /// names does.
    static let perCause = 50

    /// The world after the steps (nil: every break is listed).
    let world: World?
    private var listed: [Cause?: Int] = [:]
    /// The causes with breaks left out, in the order their first was, and how many.
    private var more: [(cause: Cause?, count: Int)] = []

    init(world: World?) { self.world = world }

    /// True when the break is listed; false when its cause already has `perCause` listed.
    mutating func lists(_ item: TimelineReport.Break) -> Bool {
        guard let world else { return true }
        let cause = item.change.after.flatMap { CauseCollector.cause(of: $0, in: world) }
        let count = listed[cause, default: 0]
        if count < BreakListing.perCause {
            listed[cause] = count + 1
            return true
        }
        if let i = more.firstIndex(where: { $0.cause == cause }) { more[i].count += 1 } else { more.append((cause, 1)) }
        return false
    }

    /// One line per cause with breaks left out.
    func moreLines(style: TerminalStyle) -> String {
        guard let world else { return "" }
        var out = ""
        for (cause, count) in more {
            let what = cause.map { CauseText.what($0, world: world) } ?? "the row is removed"
            out += style.wrap("... \(count) more break\(count == 1 ? "" : "s") with the same cause (\(what)), "
                              + "not listed: --format json lists every break with its ways out", indent: "  ")
        }
        return out
    }
}
