/// The one table of Azure Monitor's DNS names (Docs/model.md#endpoints, #public-dns and
/// #what-writes-records): the public names each resource exposes, the labels a private endpoint
/// writes into the five privatelink zones, and the public domains they lie under. Every part of
/// the engine that builds or recognises these names reads them here.
package enum AzureMonitorNames {
    /// The public zone of the monitor names (`*.monitor.azure.com`).
    static let monitorDomain: DNSName = "monitor.azure.com"

    /// One of a workspace's three services: its label, the public domain its client name lies
    /// under (`<id>.<label>.<domain>`), and the privatelink zone of its record
    /// (`<id>.privatelink.<label>.<domain>`). In the order of the endpoint table: ods, oms, agentsvc.
    package struct WorkspaceService: Sendable {
        package var label: String
        package var domain: String
        /// `<label>.<domain>`: the suffix of the client name after the workspace id.
        package var service: String { "\(label).\(domain)" }
        /// The privatelink zone the service's record lies in.
        package var zone: DNSName { DNSName(canonical: "privatelink.\(label).\(domain)") }
    }

    static let workspaceServices: [WorkspaceService] = [
        WorkspaceService(label: "ods", domain: "opinsights.azure.com"),
        WorkspaceService(label: "oms", domain: "opinsights.azure.com"),
        WorkspaceService(label: "agentsvc", domain: "azure-automation.net"),
    ]

    /// A data collection endpoint's three services, under `<stem>.` in the monitor domain (public)
    /// and in the monitor zone (private): configuration, ingestion, metrics.
    static let dceServices = ["handler.control", "ingest", "metrics.ingest"]

    /// The monitor zone's names shared by every scope, in the order a private endpoint writes them.
    static let sharedLabels = ["api", "global.in.ai", "profiler", "snapshot", "live", "diagservices-query",
                                      "global.handler.control"]

    /// The shared monitor names in the order an endpoint's addresses are allocated (observed on
    /// real endpoints); `global.handler.control` comes after the blob name, not among them.
    static let sharedAllocationLabels = ["api", "global.in.ai", "profiler", "live", "diagservices-query", "snapshot"]

    /// The label of the DCE configuration name every scope shares (`global.handler.control`).
    static let globalHandlerLabel = "global.handler.control"

    /// The blob zone's one name: the Log Analytics agent's solution packs account.
    static let blobLabel = "scadvisorcontentpl"

    /// The names a component with an `EndpointSuffix` has under its suffix, each with the shared
    /// monitor label whose address it takes: dc (global ingestion), live, profiler, snapshot.
    static let suffixLabels: [(label: String, monitorLabel: String)] = [
        ("dc", "global.in.ai"), ("live", "live"), ("profiler", "profiler"), ("snapshot", "snapshot"),
    ]

    /// The query API names, public only, CNAMEs into the monitor zone: a workspace's (Log
    /// Analytics) and a component's (Application Insights).
    package static let logAnalyticsAPI: DNSName = "api.loganalytics.io"
    package static let applicationInsightsAPI: DNSName = "api.applicationinsights.io"
    /// What `applicationInsightsAPI` is a CNAME of (the rest of its chain is `logAnalyticsAPI`'s).
    static let applicationInsightsAPITarget = monitorDomain.prepending("api")

    /// A component's global ingestion, profiler and snapshot names (without an `EndpointSuffix`).
    static let globalIngestion: DNSName = "dc.applicationinsights.azure.com"
    static let profiler = monitorDomain.prepending("profiler")
    static let snapshot = monitorDomain.prepending("snapshot")

    /// The public CNAME chains of the names every scope shares, each from the client's name to
    /// its name in a privatelink zone (Docs/model.md#public-dns).
    static let sharedChains: [[DNSName]] = [
        [logAnalyticsAPI, applicationInsightsAPITarget, AMPLSZone.monitor.prepending("api")],
        [globalIngestion, monitorDomain.prepending("global.in.ai"), AMPLSZone.monitor.prepending("global.in.ai")],
        [profiler, AMPLSZone.monitor.prepending("profiler")],
        [snapshot, AMPLSZone.monitor.prepending("snapshot")],
        [DNSName(canonical: "\(blobLabel).blob.core.windows.net"), AMPLSZone.blob.prepending(blobLabel)],
        [monitorDomain.prepending(globalHandlerLabel), AMPLSZone.monitor.prepending(globalHandlerLabel)],
    ]

    /// The public domains of Azure Monitor's private-link names: all of them lie under Azure's
    /// reserved domains (`ForwardingRuleset.reservedDomains`), which a resolver's rule for "."
    /// does not match.
    package static let privateLinkDomains: [DNSName] = [
        "monitor.azure.com", "applicationinsights.azure.com", "opinsights.azure.com", "azure-automation.net",
        "blob.core.windows.net",
    ]

    /// The public domains Azure documents for Azure Monitor, for conditional forwarders on
    /// on-premises DNS servers.
    package static let forwardedDomains: [DNSName] = [
        "monitor.azure.com", "oms.opinsights.azure.com", "ods.opinsights.azure.com", "agentsvc.azure-automation.net",
        "blob.core.windows.net", "applicationinsights.azure.com", "services.visualstudio.com",
    ]

    /// The host suffix of a component's regional ingestion URL (`https://<region>-<stamp>` + this).
    package static let ingestionHostSuffix = ".in.applicationinsights.azure.com"
    /// The host suffix of a component's live metrics URL (`https://<region>` + this).
    package static let liveHostSuffix = ".livediagnostics.monitor.azure.com"

    /// The public names of a workspace's three services (`<id>.ods.opinsights.azure.com`, ...).
    static func workspaceNames(id: String) -> [DNSName] {
        workspaceServices.map { DNSName(canonical: "\(id).\($0.service)") }
    }

    /// The public names of a DCE's three services (`<stem>.handler.control.monitor.azure.com`, ...).
    static func dceNames(stem: String) -> [DNSName] {
        dceServices.map { DNSName(canonical: "\(stem).\($0).\(monitorDomain.text)") }
    }
}

/// The names of the five private DNS zones Azure Monitor's private endpoints write into.
package enum AMPLSZone {
    package static let monitor: DNSName = "privatelink.monitor.azure.com"
    package static let oms: DNSName = "privatelink.oms.opinsights.azure.com"
    package static let ods: DNSName = "privatelink.ods.opinsights.azure.com"
    package static let agentsvc: DNSName = "privatelink.agentsvc.azure-automation.net"
    package static let blob: DNSName = "privatelink.blob.core.windows.net"

    /// The five, in the order an endpoint's addresses are allocated.
    package static let all: [DNSName] = [monitor, oms, ods, agentsvc, blob]

    /// The names a private endpoint of a scope with these members writes, in writing order
    /// (Docs/model.md#what-writes-records): the monitor zone's shared names, then each component's, then each
    /// DCE's; each workspace's in the oms, ods and agentsvc zones; the blob zone's one name.
    package static func recordNames(workspaces: [Workspace], components: [Component],
                                   dces: [DataCollectionEndpoint] = []) -> [DNSName] {
        var names: [DNSName] = []
        var seen = Set<DNSName>()
        func add(_ name: DNSName) { if seen.insert(name).inserted { names.append(name) } }
        for label in AzureMonitorNames.sharedLabels {
            add(monitor.prepending(label))
        }
        for c in components {
            add(monitor.prepending("\(c.regionStamp).in.ai"))
            add(monitor.prepending("\(c.liveRegion).livediagnostics"))
        }
        for d in dces {
            for service in AzureMonitorNames.dceServices { add(monitor.prepending("\(d.stem).\(service)")) }
        }
        for zone in [oms, ods, agentsvc] {
            for w in workspaces { add(zone.prepending(w.id)) }
        }
        add(blob.prepending(AzureMonitorNames.blobLabel))
        return names
    }

    /// One address a private endpoint holds, and the record names that share it.
    package struct AddressKey: Hashable, Sendable {
        package var names: [DNSName]
    }

    /// The address keys of a private endpoint of a scope with these members, in allocation order
    /// (Docs/model.md#what-writes-records, observed on real endpoints): per workspace region (in order of first
    /// appearance) its oms, ods and agentsvc names; per DCE its three names; the six shared
    /// monitor names; scadvisorcontentpl; global.handler.control; per component its regional
    /// ingestion name (one key per region and stamp) and live name (one key per region).
    package static func addressKeys(workspaces: [Workspace], components: [Component],
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
            for service in AzureMonitorNames.dceServices {
                keys.append(AddressKey(names: [monitor.prepending("\(d.stem).\(service)")]))
            }
        }
        for label in AzureMonitorNames.sharedAllocationLabels {
            keys.append(AddressKey(names: [monitor.prepending(label)]))
        }
        keys.append(AddressKey(names: [blob.prepending(AzureMonitorNames.blobLabel)]))
        keys.append(AddressKey(names: [monitor.prepending(AzureMonitorNames.globalHandlerLabel)]))
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
    package static func zone(of name: DNSName) -> DNSName? { all.first { name.isInside($0) } }
}
