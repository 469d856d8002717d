import AmplsimEngine

/// An Application Insights connection string: `Key=Value` pairs separated by `;`, keys
/// case-insensitive (Docs/model.md#endpoints).
enum ConnectionString {
    static let ingestionHost = ".in.applicationinsights.azure.com"
    static let liveHost = ".livediagnostics.monitor.azure.com"

    /// The component the connection string in `field` describes: `IngestionEndpoint` gives the
    /// region and stamp, `LiveEndpoint` the live region (the region without it), `EndpointSuffix`
    /// the suffix. Other keys (`InstrumentationKey`, `ApplicationId`, ...) are not the model's.
    static func component(name: String, _ field: YAMLValue) throws(InputError) -> Component {
        let text = try field.string()
        var pairs: [String: String] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let trimmed = part.trimmingSpaces
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw field.error("'\(trimmed)' is not Key=Value in the connection string")
            }
            let key = trimmed[..<equals].trimmingSpaces.lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingSpaces
            if key.isEmpty { throw field.error("'\(trimmed)' has no key in the connection string") }
            if pairs[key] != nil { throw field.error("the connection string gives \(trimmed[..<equals].trimmingSpaces) twice") }
            pairs[key] = value
        }
        guard let ingestion = pairs["ingestionendpoint"] else {
            throw field.error("the connection string has no IngestionEndpoint (https://<region>-<stamp>.in.applicationinsights.azure.com/), which gives the component's region and stamp")
        }
        guard let label = host(of: ingestion, under: ingestionHost), let dash = label.lastIndex(of: "-"),
              let region = region(String(label[..<dash])),
              label[label.index(after: dash)...].allSatisfy({ $0.isASCII && $0.isNumber }),
              let stamp = Int(label[label.index(after: dash)...]), (0...9999).contains(stamp) else {
            throw field.error("IngestionEndpoint '\(ingestion)' is not https://<region>-<stamp>.in.applicationinsights.azure.com/")
        }
        var component = Component(name: name, region: region, stamp: stamp)
        if let live = pairs["liveendpoint"] {
            guard let label = host(of: live, under: liveHost), let liveRegion = self.region(label) else {
                throw field.error("LiveEndpoint '\(live)' is not https://<region>.livediagnostics.monitor.azure.com/")
            }
            component.liveRegion = liveRegion
        }
        if let suffix = pairs["endpointsuffix"] {
            guard let name = DNSName(suffix), !name.text.isEmpty else {
                throw field.error("EndpointSuffix '\(suffix)' is not a DNS name")
            }
            component.endpointSuffix = name
        }
        return component
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

    /// A region name: letters and digits, like the `region` field.
    static func region(_ text: String) -> String? {
        guard !text.isEmpty, text.count <= 40, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return text.lowercased()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
