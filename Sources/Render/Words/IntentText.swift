import AmplsimEngine

// The words of intents and their results: an intent in one line and a result's failing rows
// counted by status (Docs/intents.md).

extension Intent {
    /// "spoke-* → law-prod: private", "vnet1 → law-app1 (query, ods): success".
    package var summary: String {
        let endpointText = endpoints.map { " (\($0.map(\.rawValue).joined(separator: ", ")))" } ?? ""
        return "\(networks.map(\.text).joined(separator: ", ")) → \(resources.map(\.text).joined(separator: ", "))"
            + "\(endpointText): \(expect.rawValue)"
    }
}

extension IntentResult {
    /// "unroutable 4, nxdomain 2" (most first; ties in status order).
    var countsText: String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
    }
}
