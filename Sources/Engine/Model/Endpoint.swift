/// An endpoint a client reaches a resource through (MODEL.md section 2).
public enum EndpointKind: String, Hashable, Sendable, CaseIterable {
    case ods
    case oms
    case agentsvc
    case ingest
    case ingestRegional = "ingest-regional"
    case live
    case profiler
    case snapshot
    case query

    /// Ingestion or query.
    public var category: Category { self == .query ? .query : .ingestion }

    /// True for the workspace-specific names; every other endpoint is shared by all resources.
    public var isResourceSpecific: Bool { self == .ods || self == .oms || self == .agentsvc }
}

/// A Log Analytics workspace or an Application Insights component.
public enum Resource: Hashable, Sendable {
    case workspace(Workspace)
    case component(Component)

    public var name: String {
        switch self {
        case .workspace(let w): return w.name
        case .component(let c): return c.name
        }
    }

    public var kind: ResourceKind {
        switch self {
        case .workspace: return .workspace
        case .component: return .component
        }
    }

    /// Whether the resource accepts `category` traffic from public networks.
    public func allowsPublic(_ category: Category) -> Bool {
        switch (self, category) {
        case (.workspace(let w), .ingestion): return w.publicIngestion
        case (.workspace(let w), .query): return w.publicQuery
        case (.component(let c), .ingestion): return c.publicIngestion
        case (.component(let c), .query): return c.publicQuery
        }
    }

    /// The resource's endpoints with their client FQDNs, in the order of MODEL.md's table.
    public var endpoints: [(kind: EndpointKind, fqdn: DNSName)] {
        switch self {
        case .workspace(let w):
            return [
                (.ods, DNSName(canonical: "\(w.id).ods.opinsights.azure.com")),
                (.oms, DNSName(canonical: "\(w.id).oms.opinsights.azure.com")),
                (.agentsvc, DNSName(canonical: "\(w.id).agentsvc.azure-automation.net")),
                (.query, DNSName(canonical: "api.loganalytics.io")),
            ]
        case .component(let c):
            if let suffix = c.endpointSuffix {
                return [
                    (.ingest, suffix.prepending("dc")),
                    (.live, suffix.prepending("live")),
                    (.profiler, suffix.prepending("profiler")),
                    (.snapshot, suffix.prepending("snapshot")),
                    (.query, DNSName(canonical: "api.applicationinsights.io")),
                ]
            }
            return [
                (.ingest, DNSName(canonical: "dc.applicationinsights.azure.com")),
                (.ingestRegional, DNSName(canonical: "\(c.regionStamp).in.applicationinsights.azure.com")),
                (.live, DNSName(canonical: "\(c.region).livediagnostics.monitor.azure.com")),
                (.profiler, DNSName(canonical: "profiler.monitor.azure.com")),
                (.snapshot, DNSName(canonical: "snapshot.monitor.azure.com")),
                (.query, DNSName(canonical: "api.applicationinsights.io")),
            ]
        }
    }
}

/// The names of the five private DNS zones Azure Monitor's private endpoints write into.
public enum AMPLSZone {
    public static let monitor: DNSName = "privatelink.monitor.azure.com"
    public static let oms: DNSName = "privatelink.oms.opinsights.azure.com"
    public static let ods: DNSName = "privatelink.ods.opinsights.azure.com"
    public static let agentsvc: DNSName = "privatelink.agentsvc.azure-automation.net"
    public static let blob: DNSName = "privatelink.blob.core.windows.net"

    /// The five, in the order an endpoint's addresses are allocated.
    public static let all: [DNSName] = [monitor, oms, ods, agentsvc, blob]

    /// The names a private endpoint of a scope with these members writes and holds an address
    /// for, zone by zone, in allocation order (MODEL.md section 5).
    public static func recordNames(workspaces: [Workspace], components: [Component]) -> [DNSName] {
        var names: [DNSName] = []
        var seen = Set<DNSName>()
        func add(_ name: DNSName) { if seen.insert(name).inserted { names.append(name) } }
        for label in ["api", "global.in.ai", "profiler", "snapshot", "live", "diagservices-query", "global.handler.control"] {
            add(monitor.prepending(label))
        }
        for c in components {
            add(monitor.prepending("\(c.regionStamp).in.ai"))
            add(monitor.prepending("\(c.region).livediagnostics"))
        }
        for zone in [oms, ods, agentsvc] {
            for w in workspaces { add(zone.prepending(w.id)) }
        }
        add(blob.prepending("scadvisorcontentpl"))
        return names
    }

    /// The AMPLS zone a record name belongs to.
    public static func zone(of name: DNSName) -> DNSName? { all.first { name.isInside($0) } }
}
