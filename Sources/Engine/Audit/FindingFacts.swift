/// What a finding found, as data: the records, zones, rules, endpoints and rows it is about,
/// everything its message and its fix name. `AmplsimRender` words them (`FindingText`).
package enum FindingFacts: Hashable, Sendable {
    // MARK: Records and hosts entries

    /// Zone `zone` maps `name` to `address`, a private address no private endpoint holds.
    case danglingRecord(zone: ZoneID, name: DNSName, address: IPv4Address)
    /// The hosts file of `network` maps `name` to `address`, a private address nobody holds.
    case danglingHostsEntry(network: NetworkID, name: DNSName, address: IPv4Address)
    /// Zone `zone` (named `zoneName`) maps `name` to `address` of `endpoint` in `home`, which the
    /// networks `cut` cannot reach.
    case unroutableRecord(zone: ZoneID, zoneName: DNSName, name: DNSName, address: IPv4Address,
                          endpoint: EndpointID, home: NetworkID, cut: [NetworkID])
    /// The hosts file of `network` maps `name` to `address` of `endpoint` in `home`, which
    /// `network` cannot reach.
    case unroutableHostsEntry(network: NetworkID, name: DNSName, address: IPv4Address, endpoint: EndpointID, home: NetworkID)
    /// Zone `zone` sends `workspace`'s own name to `endpoint`, whose `scope` lacks the workspace.
    case workspaceNameOutOfScope(zone: ZoneID, workspace: ResourceID, name: DNSName, endpoint: EndpointID, scope: ScopeID)

    // MARK: Zones

    /// An Azure Monitor zone without address records, seen by `seenBy`.
    case emptyZone(zone: ZoneID, zoneName: DNSName, seenBy: [NetworkID])
    /// A zone named after a public parent of the Azure Monitor names: it hides `hidden`; the
    /// privatelink zone `instead` is what it should be named.
    case zoneTooBroad(zone: ZoneID, zoneName: DNSName, hidden: DNSName, instead: DNSName)
    /// An Azure Monitor zone seen by `seenBy` whose A records hold only `addresses`, which no
    /// private endpoint holds: no endpoint stands behind it.
    case zoneWithoutEndpoint(zone: ZoneID, zoneName: DNSName, addresses: [IPv4Address], seenBy: [NetworkID])
    /// The shared names of `zone` point at `distinct` endpoints: each owner name (relative to the
    /// zone) with the endpoint it points at.
    case mixedEndpoints(zone: ZoneID, owners: [NamedEndpoint], distinct: Int)

    // MARK: Networks

    /// `network` sees the zones `seen` but not `missing`, which `scopes` need.
    case partialZoneSet(network: NetworkID, seen: [DNSName], missing: [DNSName], scopes: [ScopeID])

    // MARK: Forwarding rules

    /// A rule of `ruleset` for `domain` targets inbound endpoints of networks it is linked to
    /// (`looping`); `ahead` are the targets that answer first today.
    case ruleLoop(ruleset: RulesetID, domain: DNSName, looping: [RuleTarget], ahead: [IPv4Address])
    /// A `.` rule of `ruleset` linked to `links`, with `targets`, that Azure's `reserved` domains escape.
    case dotRuleReserved(ruleset: RulesetID, links: [NetworkID], targets: [IPv4Address], reserved: [DNSName])
    /// A rule of `ruleset` for `domain` (inside `zoneName`) targets inbound endpoints (`targets`)
    /// whose networks (`homes`) link no such zone; `users` are the linked networks it serves.
    case ruleZoneUnseen(ruleset: RulesetID, domain: DNSName, zoneName: DNSName, targets: [RuleTarget],
                        homes: [NetworkID], users: [NetworkID])

    // MARK: Private endpoints and components

    /// `endpoint` sits in `subnet`, smaller than /27: `usable` addresses, `needed` by `scope`, `free` left.
    case subnetTooSmall(endpoint: EndpointID, subnet: CIDR, usable: Int, scope: ScopeID, needed: Int, free: Int)
    /// `component` has no stamp: stamp 0 was assumed in `region` (`regionStamp`).
    case componentStampDefaulted(component: ResourceID, region: String, regionStamp: String)

    // MARK: Design checks

    /// The shared names of `zone` hold the addresses of `winner`, which wrote them last; the
    /// `losers`, endpoints of other scopes, write the zones the same networks (`seenBy`) use.
    case scopesShareZone(zone: ZoneID, winner: EndpointPlace, losers: [EndpointPlace], seenBy: [NetworkID])
    /// `endpoint` writes `zones`, which `others` see too; its network is connected directly to
    /// none of `far`: it is not the hub of those networks.
    case spokeEndpointSharedZone(endpoint: EndpointPlace, zones: [ZoneID], others: [NetworkID], far: [NetworkID])
    /// The record set `name` of `zone` holds the addresses of several endpoints.
    case mixedRecordSet(zone: ZoneID, name: DNSName, entries: [AddressOwner])
    /// `resource` belongs to `homes` (with the endpoints `homeEndpoints`), yet its shared names
    /// reach it only through `via`, endpoints of other scopes: as a member of their scope, or
    /// through its Open access mode (`open`).
    case crossScopeReach(resource: ResourceID, homes: [ScopeID], homeEndpoints: [EndpointID], via: [EndpointPlace], open: Bool)

    // MARK: Rows

    /// A failing row whose answer is an endpoint's address `network` cannot reach (`reason`:
    /// the row's), or a private address nobody holds; `name` is the name that answered.
    case unroutableAnswer(Reason, network: NetworkID, name: DNSName)
    case danglingAnswer(Reason, name: DNSName)
    /// `fqdn` is NXDOMAIN (or NODATA, `nodata`) for `network`: `name` of its chain is missing
    /// from `zone`, or from every zone it sees and public DNS when `zone` is nil.
    case missingRecord(fqdn: DNSName, name: DNSName, zone: ZoneID?, nodata: Bool, network: NetworkID)
    /// `fqdn` is SERVFAIL for `reason`; `name` is the name that answered.
    case servfail(ServfailReason, fqdn: DNSName, name: DNSName)
    /// A resource's own name answered by an endpoint of `scope`, which lacks `resource` (`reason`: the row's).
    case resourceNameOutOfScope(Reason, resource: ResourceID, scope: ScopeID)
    /// `resource`'s shared names answered by `endpoint` of `scope` (in `endpointNetwork`), which
    /// lacks it, for `network`.
    case scopeMissingResource(ScopeMiss)
    /// `resource` denies public `category` and is reached publicly (through the Open scope of `via`).
    case publicDenied(resource: ResourceID, category: Category, via: EndpointID?)
    /// `resource`'s names resolve to public addresses from networks without egress.
    case egressBlocked(resource: ResourceID)

    // MARK: Steps

    /// Step `index` (`keyword`, `label`) was refused.
    case refusedStep(index: Int, keyword: String, label: String?, refusal: Refusal)

    /// A name and the private endpoint its record points at.
    package struct NamedEndpoint: Hashable, Sendable {
        package var name: String
        package var endpoint: EndpointID
    }

    /// A private endpoint, its scope and its network.
    package struct EndpointPlace: Hashable, Sendable {
        package var endpoint: EndpointID
        package var scope: ScopeID
        package var network: NetworkID
    }

    /// An address of a record set and the private endpoint that holds it.
    package struct AddressOwner: Hashable, Sendable {
        package var address: IPv4Address
        package var endpoint: EndpointID
    }

    /// A forwarding rule's target that is an inbound endpoint of `resolver` in `network`.
    package struct RuleTarget: Hashable, Sendable {
        package var target: IPv4Address
        package var resolver: ResolverID
        package var network: NetworkID
    }

    /// A resource outside the scope whose endpoint wrote its shared names last.
    package struct ScopeMiss: Hashable, Sendable {
        package var resource: ResourceID
        package var network: NetworkID
        package var category: Category
        /// The endpoint that answers, its scope and its network.
        package var endpoint: EndpointID
        package var scope: ScopeID
        package var endpointNetwork: NetworkID
        /// The scopes that hold the resource, and their endpoints.
        package var homes: [ScopeID]
        package var homeEndpoints: [EndpointID]
        /// The first endpoint of those scopes that `network` reaches.
        package var reachableHome: EndpointID?
    }
}
