import AmplsimEngine

// The words of fix candidates. Their texts are still made where they are proposed
// (`FixCandidates`); what is data already is worded here.

extension FixChange {
    /// Why it was proposed, in words.
    public var reason: String {
        switch why {
        case .said(let text): return text
        case .answer(let hop, let outcome): return VerdictText.answer(hop, outcome)
        }
    }
}
