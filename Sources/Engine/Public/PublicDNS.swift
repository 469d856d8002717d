/// The simulated internet's DNS (Docs/model.md#public-dns): fixed CNAME chains into the privatelink
/// names, and one public address at the end of each chain. Every other name is NXDOMAIN.
package struct PublicDNS: Sendable {
    /// What public DNS holds at a name.
    package enum Entry: Hashable, Sendable {
        case cname(DNSName)
        case address(IPv4Address)
    }

    /// Every name public DNS knows.
    package private(set) var entries: [DNSName: Entry] = [:]
    /// The /8 the public addresses are taken from.
    package let range: CIDR

    /// The candidate ranges for public addresses, in order of preference (all Azure public space).
    static let candidateRanges: [CIDR] = [20, 40, 52, 13, 104, 191].map {
        CIDR(base: IPv4Address(UInt32($0) << 24), prefix: 8)
    }

    /// Public DNS of a world: the resources that exist, the workspaces' and DCEs' CNAMEs published
    /// as Docs/model.md#public-dns says (or all of them, for a manual setup's names).
    package init(world: World, publishAll: Bool = false) {
        let workspaces = world.liveWorkspaces
        let dces = world.liveDCEs
        self.init(workspaces: workspaces, components: world.liveComponents,
                  publishedWorkspaces: publishAll ? Set(workspaces.map(\.id) + dces.map(\.stem)) : world.publishedWorkspaceIDs,
                  networks: world.networks, dces: dces)
    }

    /// Builds public DNS for the given resources. `publishedWorkspaces` holds the ids of the
    /// workspaces, and the stems of the DCEs, whose three CNAMEs into the privatelink zones are
    /// published.
    package init(workspaces: [Workspace], components: [Component], publishedWorkspaces: Set<String>,
                networks: [Network], dces: [DataCollectionEndpoint] = []) {
        range = PublicDNS.chooseRange(avoiding: networks.flatMap(\.addressSpace))

        for names in AzureMonitorNames.sharedChains { chain(names) }
        entries[AzureMonitorNames.applicationInsightsAPI] = .cname(AzureMonitorNames.applicationInsightsAPITarget)
        for c in components {
            let rs = c.regionStamp
            chain("\(rs).in.applicationinsights.azure.com", "\(rs).in.ai.monitor.azure.com",
                  "\(rs).in.ai.privatelink.monitor.azure.com")
            chain("\(c.liveRegion).livediagnostics.monitor.azure.com",
                  "\(c.liveRegion).livediagnostics.privatelink.monitor.azure.com")
        }
        for w in workspaces {
            let published = publishedWorkspaces.contains(w.id)
            for service in AzureMonitorNames.workspaceServices {
                let client = DNSName(canonical: "\(w.id).\(service.service)")
                let privatelink = service.zone.prepending(w.id)
                if published {
                    entries[client] = .cname(privatelink)
                } else {
                    entries[client] = .address(address(for: client))
                }
                entries[privatelink] = .address(address(for: privatelink))
            }
        }
        for d in dces {
            let published = publishedWorkspaces.contains(d.stem)
            for service in AzureMonitorNames.dceServices {
                let client = AzureMonitorNames.monitorDomain.prepending("\(d.stem).\(service)")
                let privatelink = AMPLSZone.monitor.prepending("\(d.stem).\(service)")
                entries[client] = published ? .cname(privatelink) : .address(address(for: client))
                entries[privatelink] = .address(address(for: privatelink))
            }
        }
    }

    /// The first candidate /8 that no network overlaps; failing those, any other public /8, then
    /// any public /16 (never RFC 1918, loopback, link-local or multicast space).
    static func chooseRange(avoiding used: [CIDR]) -> CIDR {
        let reserved: Set<UInt32> = [0, 10, 100, 127, 169, 172, 192, 198]
        let free = { (candidate: CIDR) in !used.contains { $0.overlaps(candidate) } }
        let eights = candidateRanges + (1...223).filter { !reserved.contains($0) }.map {
            CIDR(base: IPv4Address(UInt32($0) << 24), prefix: 8)
        }
        if let found = eights.first(where: free) { return found }
        for first in UInt32(1)...223 where !reserved.contains(first) {
            for second in UInt32(0)...255 {
                let candidate = CIDR(base: IPv4Address(first << 24 | second << 16), prefix: 16)
                if free(candidate) { return candidate }
            }
        }
        return candidateRanges[0]
    }

    /// Adds a chain: each name a CNAME to the next, the last one an address (unless an earlier
    /// chain already continues from it).
    private mutating func chain(_ names: String...) { chain(names.map { DNSName(canonical: $0) }) }

    /// Each name a CNAME of the next; the last one an address unless it already has an answer.
    private mutating func chain(_ canonical: [DNSName]) {
        for (name, next) in zip(canonical, canonical.dropFirst()) { entries[name] = .cname(next) }
        if let last = canonical.last, entries[last] == nil { entries[last] = .address(address(for: last)) }
    }

    /// The fixed public address of a name: the name's FNV-1a hash placed in the range, never its
    /// first or last address.
    package func address(for name: DNSName) -> IPv4Address {
        var hash: UInt32 = 2_166_136_261
        for byte in name.text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let span = UInt32(truncatingIfNeeded: range.size - 2)
        return IPv4Address(range.base.value + 1 + hash % span)
    }

    /// What public DNS answers for `name`; nil is NXDOMAIN.
    package func lookup(_ name: DNSName) -> Entry? { entries[name] }
}
