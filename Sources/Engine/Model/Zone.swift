/// One instance of a DNS zone: an Azure private DNS zone or a zone hosted on a DNS server.
public struct Zone: Hashable, Sendable {
    /// Unique id: two zones may share a name.
    public var id: ZoneID
    public var name: DNSName
    /// Linked networks in link order, each with its fallback-to-internet flag.
    public var links: [ZoneLink]
    /// The initial records: the file's, then the inline ones (see `ZoneContents.merging`).
    public var records: [Record]
    /// Where the zone's file was, when it had one.
    public var file: String?

    public init(id: ZoneID, name: DNSName, links: [ZoneLink] = [], records: [Record] = [], file: String? = nil) {
        self.id = id
        self.name = name
        self.links = links
        self.records = records
        self.file = file
    }

    /// True for `privatelink.*` zones, the only ones that may fall back to the internet.
    public var isPrivateLink: Bool { name.firstLabel == "privatelink" }
}

/// A virtual-network link from a zone to a network.
public struct ZoneLink: Hashable, Sendable {
    public var network: NetworkID
    /// NxDomainRedirect: a name the zone lacks is answered by public DNS.
    public var fallbackToInternet: Bool

    public init(network: NetworkID, fallbackToInternet: Bool = false) {
        self.network = network
        self.fallbackToInternet = fallbackToInternet
    }
}
