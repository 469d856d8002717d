/// An endpoint a client reaches a resource through (Docs/model.md#endpoints).
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
    case configGlobal = "config-global"
    case config
    case metrics

    /// Ingestion or query.
    public var category: Category { self == .query ? .query : .ingestion }

    /// True for the names of one resource only (a workspace's ods/oms/agentsvc, a DCE's
    /// config/ingest/metrics); every other endpoint is shared by all resources.
    public func isResourceSpecific(of resource: ResourceKind) -> Bool {
        switch resource {
        case .workspace: return self == .ods || self == .oms || self == .agentsvc
        case .component: return false
        case .dataCollectionEndpoint: return self == .config || self == .ingest || self == .metrics
        }
    }
}

/// A Log Analytics workspace, an Application Insights component or a data collection endpoint.
public enum Resource: Hashable, Sendable {
    case workspace(Workspace)
    case component(Component)
    case dce(DataCollectionEndpoint)

    public var name: String {
        switch self {
        case .workspace(let w): return w.name
        case .component(let c): return c.name
        case .dce(let d): return d.name
        }
    }

    public var kind: ResourceKind {
        switch self {
        case .workspace: return .workspace
        case .component: return .component
        case .dce: return .dataCollectionEndpoint
        }
    }

    /// True when `endpoint` names this resource alone (the "kind" of Docs/model.md#endpoints).
    public func isResourceSpecific(_ endpoint: EndpointKind) -> Bool { endpoint.isResourceSpecific(of: kind) }

    /// Whether the resource accepts `category` traffic from public networks.
    public func allowsPublic(_ category: Category) -> Bool {
        switch (self, category) {
        case (.workspace(let w), .ingestion): return w.publicIngestion
        case (.workspace(let w), .query): return w.publicQuery
        case (.component(let c), .ingestion): return c.publicIngestion
        case (.component(let c), .query): return c.publicQuery
        case (.dce(let d), _): return d.publicIngestion
        }
    }

    /// The resource's endpoints with their client FQDNs, in the order of the table in Docs/model.md#endpoints.
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
                (.live, DNSName(canonical: "\(c.liveRegion).livediagnostics.monitor.azure.com")),
                (.profiler, DNSName(canonical: "profiler.monitor.azure.com")),
                (.snapshot, DNSName(canonical: "snapshot.monitor.azure.com")),
                (.query, DNSName(canonical: "api.applicationinsights.io")),
            ]
        case .dce(let d):
            return [
                (.configGlobal, DNSName(canonical: "global.handler.control.monitor.azure.com")),
                (.config, DNSName(canonical: "\(d.stem).handler.control.monitor.azure.com")),
                (.ingest, DNSName(canonical: "\(d.stem).ingest.monitor.azure.com")),
                (.metrics, DNSName(canonical: "\(d.stem).metrics.ingest.monitor.azure.com")),
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

    /// The names a private endpoint of a scope with these members writes, in writing order
    /// (Docs/model.md#what-writes-records): the monitor zone's shared names, then each component's, then each
    /// DCE's; each workspace's in the oms, ods and agentsvc zones; the blob zone's one name.
    public static func recordNames(workspaces: [Workspace], components: [Component],
                                   dces: [DataCollectionEndpoint] = []) -> [DNSName] {
        var names: [DNSName] = []
        var seen = Set<DNSName>()
        func add(_ name: DNSName) { if seen.insert(name).inserted { names.append(name) } }
        for label in ["api", "global.in.ai", "profiler", "snapshot", "live", "diagservices-query", "global.handler.control"] {
            add(monitor.prepending(label))
        }
        for c in components {
            add(monitor.prepending("\(c.regionStamp).in.ai"))
            add(monitor.prepending("\(c.liveRegion).livediagnostics"))
        }
        for d in dces {
            for service in ["handler.control", "ingest", "metrics.ingest"] { add(monitor.prepending("\(d.stem).\(service)")) }
        }
        for zone in [oms, ods, agentsvc] {
            for w in workspaces { add(zone.prepending(w.id)) }
        }
        add(blob.prepending("scadvisorcontentpl"))
        return names
    }

    /// One address a private endpoint holds, and the record names that share it.
    public struct AddressKey: Hashable, Sendable {
        public var names: [DNSName]
    }

    /// The address keys of a private endpoint of a scope with these members, in allocation order
    /// (Docs/model.md#what-writes-records, observed on real endpoints): per workspace region (in order of first
    /// appearance) its oms, ods and agentsvc names; per DCE its three names; the six shared
    /// monitor names; scadvisorcontentpl; global.handler.control; per component its regional
    /// ingestion name (one key per region and stamp) and live name (one key per region).
    public static func addressKeys(workspaces: [Workspace], components: [Component],
                                   dces: [DataCollectionEndpoint] = []) -> [AddressKey] {
        var keys: [AddressKey] = []
        var regions: [String] = []
        var byRegion: [String: [Workspace]] = [:]
        for w in workspaces {
            if byRegion[w.region] == nil { regions.append(w.region) }
            byRegion[w.region, default: []].append(w)
        }
        for region in regions {
            for zone in [oms, ods, agentsvc] {
                var seen = Set<DNSName>()
                let names = byRegion[region, default: []].map { zone.prepending($0.id) }.filter { seen.insert($0).inserted }
                keys.append(AddressKey(names: names))
            }
        }
        var seenDCE = Set<String>()
        for d in dces where seenDCE.insert(d.stem).inserted {
            for service in ["handler.control", "ingest", "metrics.ingest"] {
                keys.append(AddressKey(names: [monitor.prepending("\(d.stem).\(service)")]))
            }
        }
        for label in ["api", "global.in.ai", "profiler", "live", "diagservices-query", "snapshot"] {
            keys.append(AddressKey(names: [monitor.prepending(label)]))
        }
        keys.append(AddressKey(names: [blob.prepending("scadvisorcontentpl")]))
        keys.append(AddressKey(names: [monitor.prepending("global.handler.control")]))
        var seen = Set<DNSName>()
        for c in components {
            for name in [monitor.prepending("\(c.regionStamp).in.ai"), monitor.prepending("\(c.liveRegion).livediagnostics")]
            where seen.insert(name).inserted {
                keys.append(AddressKey(names: [name]))
            }
        }
        return keys
    }

    /// The AMPLS zone a record name belongs to.
    public static func zone(of name: DNSName) -> DNSName? { all.first { name.isInside($0) } }
}
