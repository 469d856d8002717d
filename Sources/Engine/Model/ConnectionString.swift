/// An Application Insights connection string (Docs/model.md#endpoints): `Key=Value` pairs
/// separated by `;`, keys compared case-insensitively. `IngestionEndpoint` gives a component's
/// region and stamp, `LiveEndpoint` its live region (the region without it), `EndpointSuffix` its
/// suffix; other keys (`InstrumentationKey`, `ApplicationId`, ...) are not the model's.
///
/// The one reader of connection strings: the topology loader refuses a string with a problem
/// (the first of `problems`), an import takes what the valid parts give.
package struct ConnectionString: Hashable, Sendable {
    package var region: String?
    package var stamp: Int?
    package var liveRegion: String?
    package var endpointSuffix: DNSName?
    /// What is wrong with the text, in the order found; the values above come from valid parts only.
    package var problems: [Problem] = []

    package enum Problem: Hashable, Sendable {
        /// A part without `=` (the part, trimmed).
        case notKeyValue(String)
        /// A part with nothing before `=`.
        case noKey(String)
        /// A key given twice (as written the second time).
        case keyTwice(String)
        /// No `IngestionEndpoint`.
        case noIngestionEndpoint
        /// An `IngestionEndpoint` that is not `https://<region>-<stamp>.in.applicationinsights.azure.com/`.
        case badIngestionEndpoint(String)
        /// A `LiveEndpoint` that is not `https://<region>.livediagnostics.monitor.azure.com/`.
        case badLiveEndpoint(String)
        /// An `EndpointSuffix` that is not a DNS name (or is the root).
        case badEndpointSuffix(String)
    }

    /// Reads `text`. A key given twice keeps its last value.
    package init(_ text: String) {
        var pairs: [String: String] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let trimmed = ConnectionString.trim(part)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { problems.append(.notKeyValue(trimmed)); continue }
            let written = ConnectionString.trim(trimmed[..<equals])
            let key = written.lowercased()
            if key.isEmpty { problems.append(.noKey(trimmed)); continue }
            if pairs[key] != nil { problems.append(.keyTwice(written)) }
            pairs[key] = ConnectionString.trim(trimmed[trimmed.index(after: equals)...])
        }
        if let ingestion = pairs["ingestionendpoint"] {
            if let label = ConnectionString.host(of: ingestion, under: AzureMonitorNames.ingestionHostSuffix),
               let dash = label.lastIndex(of: "-"), let region = ConnectionString.region(String(label[..<dash])),
               label[label.index(after: dash)...].allSatisfy({ $0.isASCII && $0.isNumber }),
               let stamp = Int(label[label.index(after: dash)...]), (0...9999).contains(stamp) {
                self.region = region
                self.stamp = stamp
            } else {
                problems.append(.badIngestionEndpoint(ingestion))
            }
        } else {
            problems.append(.noIngestionEndpoint)
        }
        if let live = pairs["liveendpoint"] {
            if let label = ConnectionString.host(of: live, under: AzureMonitorNames.liveHostSuffix),
               let region = ConnectionString.region(label) {
                liveRegion = region
            } else {
                problems.append(.badLiveEndpoint(live))
            }
        }
        if let suffix = pairs["endpointsuffix"] {
            if let name = DNSName(suffix), !name.isRoot { endpointSuffix = name } else { problems.append(.badEndpointSuffix(suffix)) }
        }
    }

    /// The component named `name` that the string describes, or nil when it has no valid
    /// `IngestionEndpoint`.
    package func component(name: ResourceID) -> Component? {
        guard let region, let stamp else { return nil }
        var component = Component(name: name, region: region, stamp: stamp)
        if let liveRegion { component.liveRegion = liveRegion }
        component.endpointSuffix = endpointSuffix
        return component
    }

    /// The connection string a topology writes for `component`: only the keys that carry names
    /// (no keys, no ids).
    package static func text(for component: Component) -> String {
        var text = "IngestionEndpoint=https://\(component.regionStamp)\(AzureMonitorNames.ingestionHostSuffix)/;LiveEndpoint=https://\(component.liveRegion)\(AzureMonitorNames.liveHostSuffix)/"
        if let suffix = component.endpointSuffix { text += ";EndpointSuffix=\(suffix.text)" }
        return text
    }

    /// The one label before `suffix` in the host of an `https://` URL, lower-cased.
    static func host(of url: String, under suffix: String) -> String? {
        var rest = Substring(url.lowercased())
        guard rest.hasPrefix("https://") else { return nil }
        rest = rest.dropFirst("https://".count)
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if rest.hasSuffix(".") { rest = rest.dropLast() }
        guard rest.hasSuffix(suffix) else { return nil }
        let label = rest.dropLast(suffix.count)
        guard !label.isEmpty, !label.contains(".") else { return nil }
        return String(label)
    }

    /// A region name: letters and digits, like a `region` field.
    static func region(_ text: String) -> String? {
        guard !text.isEmpty, text.count <= 40, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return text.lowercased()
    }

    /// Without leading and trailing spaces and tabs.
    static func trim<S: StringProtocol>(_ text: S) -> String {
        var s = Substring(text)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
