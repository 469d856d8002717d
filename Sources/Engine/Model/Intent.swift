/// What an intent expects of the rows it covers (Docs/model.md#verdicts: `private` and `public`
/// succeed, every other status fails).
package enum Expectation: String, Hashable, Sendable, CaseIterable {
    /// Status `private`.
    case `private` = "private"
    /// Status `public`.
    case `public` = "public"
    /// `private` or `public`.
    case success
    /// Any failing status.
    case failure

    /// True when a row of this status meets the expectation.
    package func accepts(_ status: Status) -> Bool {
        switch self {
        case .private: return status == .private
        case .public: return status == .public
        case .success: return status.succeeds
        case .failure: return !status.succeeds
        }
    }
}

/// A glob on names: `*` matches any run of characters (none included); every other character
/// matches itself.
package struct NamePattern: Hashable, Sendable, CustomStringConvertible {
    package let text: String
    /// The pieces between the stars, as bytes.
    private let parts: [[UInt8]]

    package init(_ text: String) {
        self.text = text
        self.parts = text.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
    }

    /// True when the pattern holds a `*`.
    package var isGlob: Bool { parts.count > 1 }

    package var description: String { text }

    /// True when `name` matches the whole pattern.
    package func matches(_ name: String) -> Bool {
        guard isGlob else { return name == text }
        let bytes = Array(name.utf8)
        let first = parts[0], last = parts[parts.count - 1]
        guard bytes.count >= first.count + last.count, bytes.starts(with: first),
              bytes[(bytes.count - last.count)...].elementsEqual(last) else { return false }
        // The middle parts, each as early as it can go, between the prefix and the suffix.
        var start = first.count
        let end = bytes.count - last.count
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            var found = -1
            var i = start
            while i + part.count <= end {
                if bytes[i..<(i + part.count)].elementsEqual(part) { found = i; break }
                i += 1
            }
            guard found >= 0 else { return false }
            start = found + part.count
        }
        return true
    }
}

/// Which networks must reach which resources, and how: every row (network × resource ×
/// endpoint) whose network matches one of `networks` and whose resource matches one of
/// `resources` (and, when given, whose endpoint is one of `endpoints`) must meet `expect`.
package struct Intent: Hashable, Sendable {
    package var networks: [NamePattern]
    package var resources: [NamePattern]
    /// Only these endpoints of the resources; nil for all of them.
    package var endpoints: [EndpointKind]?
    package var expect: Expectation
    package var label: String?
    /// Where it was written, for messages.
    package var source: SourceRef?

    package init(networks: [String], resources: [String], endpoints: [EndpointKind]? = nil, expect: Expectation,
                label: String? = nil, source: SourceRef? = nil) {
        self.networks = networks.map(NamePattern.init)
        self.resources = resources.map(NamePattern.init)
        self.endpoints = endpoints
        self.expect = expect
        self.label = label
        self.source = source
    }

    package func covers(network id: NetworkID) -> Bool { networks.contains { $0.matches(id.name) } }
    package func covers(resource id: ResourceID) -> Bool { resources.contains { $0.matches(id.name) } }
    package func covers(endpoint kind: EndpointKind) -> Bool { endpoints?.contains(kind) ?? true }
}
