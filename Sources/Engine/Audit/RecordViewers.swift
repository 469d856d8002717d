/// Which networks a zone answers at each of its owners, found once per routing class of owners
/// instead of once per owner (a zone of 300,000 owners needs one resolution per network, not
/// 300,000).
///
/// Before a zone answers, a resolution reads nothing of the name but which routing keys hold it:
/// zone names (links and zones servers host), rule and forwarder domains, Azure's reserved
/// domains, and the names hosts files and public DNS hold exactly. Owners below the same deepest
/// key (and not equal to it) are routed alike, so one of them, resolved from a network, answers
/// for all of them, as long as its first answer comes from the zone itself (then every owner
/// reaches it), or from public DNS or the fallback to it (then none does: public DNS holds none of
/// these owners, and the resolution ends there), or never comes (a SERVFAIL on the way). Any other
/// first answer (another zone's, whose records differ per owner) sends each owner through the
/// resolver on its own, as does an owner that is a key itself.
struct RecordViewers {
    private let resolver: Resolver
    private let world: World
    /// Per zone name: the routing keys strictly below it.
    private var innerKeys: [DNSName: [DNSName]] = [:]
    private let keys: Set<DNSName>
    /// Per class (zone, deepest key), per network in topology order: whether the zone answers
    /// there (nil: resolve each owner), and the networks where it does when no network is nil
    /// (one list shared by every owner of the class).
    private var known: [ClassKey: (answers: [Bool?], seenBy: [NetworkID]?)] = [:]
    /// The zone the last owner was in, its routing keys below its name, and their labels one
    /// below the zone's name (`labelsBelow`).
    private var current: (zone: ZoneID, inner: [DNSName], labels: [[UInt8]])?
    /// The last class an owner fell in.
    private var lastClass: (key: ClassKey, answers: [Bool?], seenBy: [NetworkID]?)?

    private struct ClassKey: Hashable {
        var zone: ZoneID
        var key: DNSName
    }

    init(resolver: Resolver, world: World) {
        self.resolver = resolver
        self.world = world
        var keys: Set<DNSName> = []
        for zone in world.zones { keys.insert(zone.name) }
        for ruleset in world.rulesets { for rule in ruleset.rules { keys.insert(rule.domain) } }
        for server in world.servers { for forwarder in server.forwarders { keys.insert(forwarder.domain) } }
        for domain in ForwardingRuleset.reservedDomains { keys.insert(domain) }
        for network in world.networks { for name in network.hosts.keys { keys.insert(name) } }
        for name in resolver.publicDNS.entries.keys { keys.insert(name) }
        self.keys = keys
    }

    /// The networks whose resolution of `owner` is answered by zone `zone` at that name, in
    /// topology order: the same as resolving `owner` from every network.
    mutating func viewers(of owner: DNSName, in zone: Zone) -> [NetworkID] {
        // An owner that is a routing key is resolved on its own. Inside the zone the only keys
        // are the zone's name and the keys inside it, so the walk below finds them (no hash of
        // every owner).
        let ownerLength = owner.text.utf8.count
        guard owner.isInside(zone.name), ownerLength != zone.name.text.utf8.count else { return resolved(owner, zone.id) }
        let inner: [DNSName], labels: [[UInt8]]
        if let current, current.zone == zone.id {
            (inner, labels) = (current.inner, current.labels)
        } else {
            if let found = innerKeys[zone.name] {
                inner = found
            } else {
                inner = keys.filter { $0 != zone.name && $0.isInside(zone.name) }
                innerKeys[zone.name] = inner
            }
            labels = RecordViewers.labelsBelow(zone.name, inner)
            current = (zone.id, inner, labels)
        }
        var deepest = zone.name
        var deepestLength = zone.name.text.utf8.count
        // A key holds the owner only if it starts one label below the zone's name with the
        // owner's label there: most owners of a large zone have none of the keys' labels, and
        // are told so by a few byte comparisons, not one comparison of whole names a key.
        let mayBeHeld = RecordViewers.mayBeHeld(owner, below: zone.name.text.utf8.count, labels)
        let isKey = mayBeHeld && inner.withUnsafeBufferPointer { keys -> Bool in
            for i in keys.indices where owner.isInside(keys[i]) {
                let length = keys[i].text.utf8.count
                if length == ownerLength { return true }
                if length > deepestLength { (deepest, deepestLength) = (keys[i], length) }
            }
            return false
        }
        if isKey { return resolved(owner, zone.id) }
        let classKey = ClassKey(zone: zone.id, key: deepest)
        let answers: [Bool?]
        let shared: [NetworkID]?
        if let lastClass, lastClass.key == classKey {
            (answers, shared) = (lastClass.answers, lastClass.seenBy)
        } else if let found = known[classKey] {
            (answers, shared) = found
        } else {
            answers = world.networks.map { network in
                classAnswer(resolver.resolve(owner, from: network.name, namingNetwork: false), owner, zone.id)
            }
            shared = answers.contains(nil) ? nil : zip(world.networks, answers).compactMap { $1 == true ? $0.name : nil }
            known[classKey] = (answers, shared)
        }
        lastClass = (classKey, answers, shared)
        if let shared { return shared }
        var seenBy: [NetworkID] = []
        for (network, answer) in zip(world.networks, answers) {
            if answer ?? reaches(owner, from: network.name, zone.id) { seenBy.append(network.name) }
        }
        return seenBy
    }

    /// The labels one below `zone`'s name of `keys` (names strictly inside it), each once.
    private static func labelsBelow(_ zone: DNSName, _ keys: [DNSName]) -> [[UInt8]] {
        var labels: [[UInt8]] = []
        for key in keys {
            let relative = key.text.utf8.dropLast(zone.text.isEmpty ? 0 : zone.text.utf8.count + 1)
            let label = Array(relative.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).last ?? [])
            if !labels.contains(label) { labels.append(label) }
        }
        return labels
    }

    /// False when `owner` (strictly inside a zone whose name is `zoneLength` bytes) has, one
    /// label below the zone's name, none of `labels`: then no key inside the zone holds it.
    private static func mayBeHeld(_ owner: DNSName, below zoneLength: Int, _ labels: [[UInt8]]) -> Bool {
        if labels.isEmpty { return false }
        if zoneLength == 0 { return true }
        let found = owner.text.utf8.withContiguousStorageIfAvailable { own -> Bool in
            // The owner's bytes end with a dot and the zone's name; its label there ends at the dot.
            let end = own.count - zoneLength - 1
            var start = end
            while start > 0 && own[start - 1] != UInt8(ascii: ".") { start -= 1 }
            for label in labels where label.count == end - start {
                if label.indices.allSatisfy({ label[$0] == own[start + $0] }) { return true }
            }
            return false
        }
        return found ?? true
    }

    /// Each network's own resolution of `name`.
    private func resolved(_ name: DNSName, _ zone: ZoneID) -> [NetworkID] {
        world.networks.compactMap { reaches(name, from: $0.name, zone) ? $0.name : nil }
    }

    private func reaches(_ name: DNSName, from network: NetworkID, _ zone: ZoneID) -> Bool {
        // The hops' names and sources are all it reads: the shared answer, not a copy naming the network.
        resolver.resolve(name, from: network, namingNetwork: false).hops.contains { $0.name == name && $0.source == .zone(zone) }
    }

    /// What one owner's resolution says for every owner of its class: true when the zone gives
    /// the first answer, false when public DNS does or none comes, nil when another zone does.
    private func classAnswer(_ resolution: Resolution, _ owner: DNSName, _ zone: ZoneID) -> Bool? {
        for hop in resolution.hops {
            switch hop.source {
            case .forward, .rule, .none:
                continue
            case .zone(let id):
                return id == zone && hop.name == owner ? true : nil
            case .publicDNS, .fallback:
                return hop.name == owner && hop.result == .nxdomain ? false : nil
            case .hostsFile:
                return nil
            }
        }
        return false
    }
}
