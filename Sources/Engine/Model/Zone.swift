/// One instance of a DNS zone: an Azure private DNS zone or a zone hosted on a DNS server.
package struct Zone: Hashable, Sendable {
    /// Unique id: two zones may share a name.
    package var id: ZoneID
    package var name: DNSName
    /// Linked networks in link order, each with its fallback-to-internet flag.
    package var links: [ZoneLink]
    /// The initial records: the file's, then the inline ones (see `ZoneContents.merging`).
    package var records: [Record]
    /// Where the zone's file was, when it had one.
    package var file: String?

    package init(id: ZoneID, name: DNSName, links: [ZoneLink] = [], records: [Record] = [], file: String? = nil) {
        self.id = id
        self.name = name
        self.links = links
        self.records = records
        self.file = file
    }

    /// True for `privatelink.*` zones, the only ones that may fall back to the internet.
    package var isPrivateLink: Bool { name.firstLabel == "privatelink" }
}

/// A virtual-network link from a zone to a network.
package struct ZoneLink: Hashable, Sendable {
    package var network: NetworkID
    /// NxDomainRedirect: a name the zone lacks is answered by public DNS.
    package var fallbackToInternet: Bool

    package init(network: NetworkID, fallbackToInternet: Bool = false) {
        self.network = network
        self.fallbackToInternet = fallbackToInternet
    }
}
