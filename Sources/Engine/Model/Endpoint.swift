/// An endpoint a client reaches a resource through (Docs/model.md#endpoints).
package enum EndpointKind: String, Hashable, Sendable, CaseIterable {
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

    /// The kind's place in `allCases` (a switch: no array built, no name hashed).
    package var ordinal: Int {
        switch self {
        case .ods: return 0
        case .oms: return 1
        case .agentsvc: return 2
        case .ingest: return 3
        case .ingestRegional: return 4
        case .live: return 5
        case .profiler: return 6
        case .snapshot: return 7
        case .query: return 8
        case .configGlobal: return 9
        case .config: return 10
        case .metrics: return 11
        }
    }

    /// Ingestion or query.
    package var category: Category { self == .query ? .query : .ingestion }

    /// True for the names of one resource only (a workspace's ods/oms/agentsvc, a DCE's
    /// config/ingest/metrics); every other endpoint is shared by all resources.
    package func isResourceSpecific(of resource: ResourceKind) -> Bool {
        switch resource {
        case .workspace: return self == .ods || self == .oms || self == .agentsvc
        case .component: return false
        case .dataCollectionEndpoint: return self == .config || self == .ingest || self == .metrics
        }
    }
}

/// A Log Analytics workspace, an Application Insights component or a data collection endpoint.
package enum Resource: Hashable, Sendable {
    case workspace(Workspace)
    case component(Component)
    case dce(DataCollectionEndpoint)

    package var name: ResourceID {
        switch self {
        case .workspace(let w): return w.name
        case .component(let c): return c.name
        case .dce(let d): return d.name
        }
    }

    package var kind: ResourceKind {
        switch self {
        case .workspace: return .workspace
        case .component: return .component
        case .dce: return .dataCollectionEndpoint
        }
    }

    /// True when `endpoint` names this resource alone (the "kind" of Docs/model.md#endpoints).
    package func isResourceSpecific(_ endpoint: EndpointKind) -> Bool { endpoint.isResourceSpecific(of: kind) }

    /// Whether the resource accepts `category` traffic from public networks.
    package func allowsPublic(_ category: Category) -> Bool {
        switch (self, category) {
        case (.workspace(let w), .ingestion): return w.publicIngestion
        case (.workspace(let w), .query): return w.publicQuery
        case (.component(let c), .ingestion): return c.publicIngestion
        case (.component(let c), .query): return c.publicQuery
        case (.dce(let d), _): return d.publicIngestion
        }
    }

    /// The resource's endpoints with their client FQDNs, in the order of the table in Docs/model.md#endpoints.
    package var endpoints: [(kind: EndpointKind, fqdn: DNSName)] {
        switch self {
        case .workspace(let w):
            let names = AzureMonitorNames.workspaceNames(id: w.id)   // ods, oms, agentsvc
            return [(.ods, names[0]), (.oms, names[1]), (.agentsvc, names[2]),
                    (.query, AzureMonitorNames.logAnalyticsAPI)]
        case .component(let c):
            if let suffix = c.endpointSuffix {
                // dc, live, profiler, snapshot under the suffix
                let kinds: [EndpointKind] = [.ingest, .live, .profiler, .snapshot]
                return zip(kinds, AzureMonitorNames.suffixLabels).map { ($0, suffix.prepending($1.label)) }
                    + [(.query, AzureMonitorNames.applicationInsightsAPI)]
            }
            return [
                (.ingest, AzureMonitorNames.globalIngestion),
                (.ingestRegional, DNSName(canonical: c.regionStamp + AzureMonitorNames.ingestionHostSuffix)),
                (.live, DNSName(canonical: c.liveRegion + AzureMonitorNames.liveHostSuffix)),
                (.profiler, AzureMonitorNames.profiler),
                (.snapshot, AzureMonitorNames.snapshot),
                (.query, AzureMonitorNames.applicationInsightsAPI),
            ]
        case .dce(let d):
            let names = AzureMonitorNames.dceNames(stem: d.stem)   // configuration, ingestion, metrics
            return [(.configGlobal, AzureMonitorNames.monitorDomain.prepending(AzureMonitorNames.globalHandlerLabel)),
                    (.config, names[0]), (.ingest, names[1]), (.metrics, names[2])]
        }
    }
}
