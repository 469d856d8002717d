import AmplsimEngine

/// Hand-written on-premises sites merged into an Azure import (`--onprem FILE.yaml`): networks,
/// DNS servers and the zones those servers host, already read by the topology loader.
package struct OnPremSite: Sendable {
    package var file: String
    package var networks: [Network]
    package var dnsServers: [DNSServer]
    package var zones: [Zone]

    package init(file: String, networks: [Network] = [], dnsServers: [DNSServer] = [], zones: [Zone] = []) {
        self.file = file
        self.networks = networks
        self.dnsServers = dnsServers
        self.zones = zones
    }
}

/// Azure Resource Graph output (and `az` listings) to a version-2 topology.
///
/// Rows are de-duplicated by id (case-insensitively) and visited in id order, so the output
/// does not depend on the order of files or of Azure's answers. Anything read but not modelled
/// becomes an `ImportNote`.
package struct AzureImporter {
    /// Every row, by lower-cased id, sorted.
    let rows: [AzureRow]
    let byKey: [String: AzureRow]
    let byType: [String: [AzureRow]]
    let files: [String]
    /// True when the rows were made from a Terraform plan (no `dnsresources` query to miss).
    var fromTerraform = false

    /// The types this importer reads; rows of any other type are listed as unmapped.
    static let knownTypes: Set<String> = [
        AzureType.vnet, AzureType.subnet, AzureType.hub, AzureType.hubConnection, AzureType.zone, AzureType.zoneLink,
        AzureType.aRecord, AzureType.cnameRecord, AzureType.soaRecord, AzureType.endpoint, AzureType.zoneGroup, AzureType.nic,
        AzureType.scope, AzureType.scopedResource, AzureType.workspace, AzureType.component, AzureType.dce,
        AzureType.resolver, AzureType.inbound, AzureType.outbound, AzureType.ruleset, AzureType.rule, AzureType.rulesetLink,
        AzureType.firewall, AzureType.firewallPolicy, AzureType.connection, AzureType.gateway, AzureType.localGateway,
        AzureType.circuit, AzureType.virtualMachine, AzureType.virtualWan,
    ]

    /// Reads the rows of every input document.
    package init(documents: [JSONNode]) throws(ImportError) {
        var rows: [AzureRow] = []
        for document in documents { rows += try AzureInput.rows(of: document) }
        self.init(rows: rows, files: documents.map(\.file))
    }

    /// Rows already read (or made from a Terraform plan); the first of each id is kept.
    init(rows list: [AzureRow], files: [String]) {
        var seen: [String: AzureRow] = [:]
        for row in list where seen[row.key] == nil { seen[row.key] = row }
        self.rows = seen.values.sorted { $0.key < $1.key }
        self.byKey = seen
        self.byType = Dictionary(grouping: rows, by: \.type)
        self.files = files
    }

    /// Reads the files at `paths`.
    package init(paths: [String]) throws(ImportError) {
        var documents: [JSONNode] = []
        for path in paths { documents.append(try JSONReader.read(path: path, what: AzureInput.what)) }
        try self.init(documents: documents)
    }

    func rows(_ type: String) -> [AzureRow] { byType[type] ?? [] }

    /// The names the Azure networks will have, for reading an `--onprem` file that names them.
    package func networkNames() throws(ImportError) -> [NetworkID] {
        var state = AzureBuild(importer: self)
        try state.networks()
        return state.topology.networks.map(\.name)
    }

    /// The topology, its zone files and its notes.
    package func build(onprem: OnPremSite? = nil) throws(ImportError) -> ImportResult {
        try build(onprem: onprem, pinned: [:])
    }

    /// The topology, keeping the names `pinned` gives (by "space|lower-cased id").
    func build(onprem: OnPremSite?, pinned: [String: String]) throws(ImportError) -> ImportResult {
        var state = AzureBuild(importer: self, pinned: pinned)
        state.onprem = onprem
        try state.run()
        return state.result()
    }
}

/// Azure's resource types, lower-cased as Resource Graph writes them.
enum AzureType {
    static let vnet = "microsoft.network/virtualnetworks"
    static let subnet = "microsoft.network/virtualnetworks/subnets"
    static let peering = "microsoft.network/virtualnetworks/virtualnetworkpeerings"
    static let hub = "microsoft.network/virtualhubs"
    static let hubConnection = "microsoft.network/virtualhubs/hubvirtualnetworkconnections"
    static let virtualWan = "microsoft.network/virtualwans"
    static let zone = "microsoft.network/privatednszones"
    static let zoneLink = "microsoft.network/privatednszones/virtualnetworklinks"
    static let aRecord = "microsoft.network/privatednszones/a"
    static let cnameRecord = "microsoft.network/privatednszones/cname"
    static let soaRecord = "microsoft.network/privatednszones/soa"
    static let endpoint = "microsoft.network/privateendpoints"
    static let zoneGroup = "microsoft.network/privateendpoints/privatednszonegroups"
    static let nic = "microsoft.network/networkinterfaces"
    static let scope = "microsoft.insights/privatelinkscopes"
    static let scopedResource = "microsoft.insights/privatelinkscopes/scopedresources"
    static let workspace = "microsoft.operationalinsights/workspaces"
    static let component = "microsoft.insights/components"
    static let dce = "microsoft.insights/datacollectionendpoints"
    static let resolver = "microsoft.network/dnsresolvers"
    static let inbound = "microsoft.network/dnsresolvers/inboundendpoints"
    static let outbound = "microsoft.network/dnsresolvers/outboundendpoints"
    static let ruleset = "microsoft.network/dnsforwardingrulesets"
    static let rule = "microsoft.network/dnsforwardingrulesets/forwardingrules"
    static let rulesetLink = "microsoft.network/dnsforwardingrulesets/virtualnetworklinks"
    static let firewall = "microsoft.network/azurefirewalls"
    static let firewallPolicy = "microsoft.network/firewallpolicies"
    static let connection = "microsoft.network/connections"
    static let gateway = "microsoft.network/virtualnetworkgateways"
    static let localGateway = "microsoft.network/localnetworkgateways"
    static let circuit = "microsoft.network/expressroutecircuits"
    static let virtualMachine = "microsoft.compute/virtualmachines"
}

/// The state of one build: the topology so far and the maps from Azure ids to its names.
struct AzureBuild {
    let importer: AzureImporter
    var onprem: OnPremSite?
    var topology = Topology()
    var names = NameRegistry()
    var notes: [ImportNote] = []
    var origins: [ObjectKey: [String]] = [:]
    var networkComments: [NetworkID: [String]] = [:]
    var connectionStrings: [ResourceID: String] = [:]
    var zoneFiles: [ZoneID: String] = [:]

    /// Azure network id (lower-cased) → topology network name.
    var networkByKey: [String: NetworkID] = [:]
    /// Subnet id (lower-cased) → (network, prefix).
    var subnets: [String: (network: NetworkID, prefix: CIDR)] = [:]
    var zoneByKey: [String: ZoneID] = [:]
    var resourceByKey: [String: ResourceID] = [:]
    var scopeByKey: [String: ScopeID] = [:]
    var endpointByKey: [String: EndpointID] = [:]
    var resolverByKey: [String: ResolverID] = [:]
    /// Records read per zone id (observed in Azure).
    var observed: [ZoneID: [Record]] = [:]
    /// Addresses DNS servers and inbound endpoints hold.
    var holders: [IPv4Address: String] = [:]
    /// Peerings found, as pairs, with Azure's gateway flags per direction.
    var peerings: [NetworkPair: PeeringFlags] = [:]
    var connections: Set<NetworkPair> = []
    /// Network name → index in `topology.networks` (rebuilt when they are sorted).
    var networkIndex: [NetworkID: Int] = [:]
    /// Zone id → index in `topology.zones` (rebuilt when they are sorted).
    var zoneIndex: [ZoneID: Int] = [:]
    /// Workspace GUID → name.
    var workspaceIds: [String: String] = [:]

    struct PeeringFlags {
        /// Network name → (allowGatewayTransit, useRemoteGateways) on that network's side.
        var sides: [NetworkID: (allow: Bool, use: Bool)] = [:]
    }

    /// Names to keep, by "space|lower-cased id" (the state before a plan, for the state after it).
    var pinned: [String: String] = [:]
    /// Every name given, by "space|lower-cased id".
    var assigned: [String: String] = [:]
    /// Where the parts of objects came from (a peering, a zone link, a record set, a scope member,
    /// a rule), by "kind|object|part": the ids, for labelling a plan's steps.
    var detailOrigins: [String: [String]] = [:]

    init(importer: AzureImporter, pinned: [String: String] = [:]) {
        self.importer = importer
        self.pinned = pinned
        for (key, name) in pinned {
            guard let space = NameRegistry.Space(rawValue: String(key.prefix { $0 != "|" })) else { continue }
            names.reserve(name, in: space)
        }
    }

    /// A name for the object with lower-cased id `key`: the pinned one, else a new one.
    mutating func claim(_ key: String, _ raw: String, in space: NameRegistry.Space, qualifier: String?,
                        reserved: Set<String> = []) -> String {
        let slot = "\(space.rawValue)|\(key)"
        if let name = pinned[slot] { assigned[slot] = name; return name }
        let name = names.claim(raw, in: space, qualifier: qualifier, reserved: reserved)
        assigned[slot] = name
        return name
    }

    mutating func detail(_ key: String, _ id: String) {
        if !(detailOrigins[key]?.contains(id) ?? false) { detailOrigins[key, default: []].append(id) }
    }

    mutating func note(_ kind: ImportNote.Kind, _ subject: String, _ message: String) {
        notes.append(ImportNote(kind, subject, message))
    }

    mutating func origin(_ key: ObjectKey, _ id: String) { origins[key, default: []].append(id) }

    mutating func run() throws(ImportError) {
        try networks()
        try onpremNetworks()
        try dnsHolders()
        try resolvers()
        try firewalls()
        try networkDNS()
        try peeringsAndTransit()
        try gatewayConnections()
        try zones()
        try monitorResources()
        try scopes()
        try endpoints()
        try exclusions()
        finishNetworks()
        unknownTypes()
    }

    func result() -> ImportResult {
        var header = ["Imported by `amplsim import azure` from: " + importer.files.map { $0.asPath.lastComponent }.joined(separator: ", ")]
        if let onprem { header.append("On-premises sites from: \(onprem.file.asPath.lastComponent)") }
        var result = ImportResult(topology: topology, origins: origins, zoneFiles: zoneFiles, connectionStrings: connectionStrings,
                                  networkComments: networkComments, notes: notes, header: header)
        result.nameKeys = assigned
        result.detailOrigins = detailOrigins
        return result
    }

    /// Rows of types this importer does not read, listed (one note per type, with a count).
    mutating func unknownTypes() {
        var counts: [String: (Int, String)] = [:]
        for row in importer.rows where !AzureImporter.knownTypes.contains(row.type) {
            let entry = counts[row.type] ?? (0, row.id)
            counts[row.type] = (entry.0 + 1, entry.1)
        }
        for (type, (count, first)) in counts.sorted(by: { $0.key < $1.key }) {
            note(.unmapped, type, "\(count) resource\(count == 1 ? "" : "s") of a type amplsim does not model (first: \(first))")
        }
    }
}

/// The last path component of a file name, without Foundation.
struct NSStringLike {
    let text: String
    var lastComponent: String { text.split(separator: "/").last.map(String.init) ?? text }
}

extension String {
    var asPath: NSStringLike { NSStringLike(text: self) }
}
