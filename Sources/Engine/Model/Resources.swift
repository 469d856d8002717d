/// A Log Analytics workspace.
package struct Workspace: Hashable, Sendable {
    package var name: ResourceID
    /// The workspace GUID, lower-cased; it is the first label of the workspace's names.
    package var id: String
    package var region: String
    package var publicIngestion: Bool
    package var publicQuery: Bool

    package init(name: ResourceID, id: String, region: String, publicIngestion: Bool = true, publicQuery: Bool = true) {
        self.name = name
        self.id = id.lowercased()
        self.region = region.lowercased()
        self.publicIngestion = publicIngestion
        self.publicQuery = publicQuery
    }
}

/// An Application Insights component.
package struct Component: Hashable, Sendable {
    package var name: ResourceID
    package var region: String
    /// The ingestion stamp N of `<region>-<N>.in.applicationinsights.azure.com`.
    package var stamp: Int
    /// The `EndpointSuffix` of the component's connection string, when it has one.
    package var endpointSuffix: DNSName?
    package var publicIngestion: Bool
    package var publicQuery: Bool
    /// The region of its live metrics name (`LiveEndpoint` of its connection string); its
    /// region otherwise.
    package var liveRegion: String
    /// True when the topology gave neither a stamp nor a connection string: stamp 0 was assumed
    /// (Docs/model.md#endpoints).
    package var stampDefaulted = false

    package init(name: ResourceID, region: String, stamp: Int = 0, endpointSuffix: DNSName? = nil,
                publicIngestion: Bool = true, publicQuery: Bool = true, liveRegion: String? = nil) {
        self.name = name
        self.region = region.lowercased()
        self.liveRegion = (liveRegion ?? region).lowercased()
        self.stamp = stamp
        self.endpointSuffix = endpointSuffix
        self.publicIngestion = publicIngestion
        self.publicQuery = publicQuery
    }

    /// `<region>-<stamp>`, the label of the regional ingestion names.
    package var regionStamp: String { "\(region)-\(stamp)" }
}

/// A data collection endpoint: where the Azure Monitor Agent fetches its configuration and
/// sends its data (Docs/model.md#endpoints).
package struct DataCollectionEndpoint: Hashable, Sendable {
    package var name: ResourceID
    /// The 4 lower-case letters or digits Azure appends to the name in the endpoint's names.
    package var id: String
    package var region: String
    /// Governs all four of its endpoints.
    package var publicIngestion: Bool

    package init(name: ResourceID, id: String, region: String, publicIngestion: Bool = true) {
        self.name = name
        self.id = id.lowercased()
        self.region = region.lowercased()
        self.publicIngestion = publicIngestion
    }

    /// `<name>-<id>`, lower-cased: the first label of its names (`dce-linux-q7lu`).
    package var label: String { "\(name)-\(id)".lowercased() }

    /// `<label>.<region>-1`, the part of its names before the service.
    package var stem: String { "\(label).\(region)-1" }
}

/// Whether a resource is a workspace, a component or a data collection endpoint.
package enum ResourceKind: String, Hashable, Sendable {
    case workspace
    case component
    case dataCollectionEndpoint
}

/// The two kinds of traffic a resource accepts.
package enum Category: String, Hashable, Sendable, CaseIterable {
    case ingestion
    case query
}
