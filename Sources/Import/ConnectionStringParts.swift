import AmplsimEngine

/// What an Application Insights connection string says about a component's names
/// (Docs/model.md#endpoints): region and stamp from `IngestionEndpoint`, live region from `LiveEndpoint`,
/// suffix from `EndpointSuffix`. Keys compare case-insensitively; other keys are ignored.
struct ConnectionStringParts: Hashable {
    var region: String?
    var stamp: Int?
    var liveRegion: String?
    var endpointSuffix: DNSName?

    init(_ text: String) {
        var pairs: [String: String] = [:]
        for part in text.split(separator: ";") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = String(part[..<equals]).trimmingCharacters().lowercased()
            pairs[key] = String(part[part.index(after: equals)...]).trimmingCharacters()
        }
        if let ingestion = pairs["ingestionendpoint"], let label = ConnectionStringParts.label(of: ingestion, under: ".in.applicationinsights.azure.com"),
           let dash = label.lastIndex(of: "-"), let stamp = Int(label[label.index(after: dash)...]) {
            region = String(label[..<dash])
            self.stamp = stamp
        }
        if let live = pairs["liveendpoint"], let label = ConnectionStringParts.label(of: live, under: ".livediagnostics.monitor.azure.com") {
            liveRegion = label
        }
        if let suffix = pairs["endpointsuffix"], let name = DNSName(suffix), !name.isRoot { endpointSuffix = name }
    }

    /// The one label before `suffix` in an `https://` URL's host, lower-cased.
    static func label(of url: String, under suffix: String) -> String? {
        var rest = Substring(url.lowercased())
        guard rest.hasPrefix("https://") else { return nil }
        rest = rest.dropFirst(8)
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if rest.hasSuffix(".") { rest = rest.dropLast() }
        guard rest.hasSuffix(suffix) else { return nil }
        let label = rest.dropLast(suffix.count)
        guard !label.isEmpty, !label.contains(".") else { return nil }
        return String(label)
    }

    /// The connection string the topology writes: only the keys that carry names (no keys, no ids).
    static func text(for component: Component) -> String {
        var text = "IngestionEndpoint=https://\(component.regionStamp).in.applicationinsights.azure.com/;LiveEndpoint=https://\(component.liveRegion).livediagnostics.monitor.azure.com/"
        if let suffix = component.endpointSuffix { text += ";EndpointSuffix=\(suffix.text)" }
        return text
    }
}
