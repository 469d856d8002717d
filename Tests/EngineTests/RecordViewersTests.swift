import AmplsimTestSupport
import AmplsimTopology
import Foundation
import Testing
@testable import AmplsimEngine

/// The audit's record check asks which networks a zone answers at each of its owners.
/// `RecordViewers` resolves one owner per routing class; these tests hold it to resolving every
/// owner from every network.
@Suite struct RecordViewersTests {
    /// Every network whose own resolution of `owner` reaches zone `zone` at that name.
    static func resolvedOneByOne(_ owner: DNSName, _ zone: ZoneID, _ world: World, _ resolver: Resolver) -> [NetworkID] {
        world.networks.compactMap { network in
            let resolution = resolver.resolve(owner, from: network.name, namingNetwork: false)
            return resolution.hops.contains { $0.name == owner && $0.source == .zone(zone) } ? network.name : nil
        }
    }

    /// Per zone id and owner: the viewers from `RecordViewers`, each checked against a fresh
    /// resolver resolving that owner alone.
    static func compare(_ world: World, _ label: String) -> [ZoneID: [DNSName: [NetworkID]]] {
        let records = AuditRecords(world)
        var viewers = RecordViewers(resolver: Resolver(world: world), world: world)
        let reference = Resolver(world: world)
        var found: [ZoneID: [DNSName: [NetworkID]]] = [:]
        for zone in world.zones {
            for (owner, set) in records.addressSets[zone.id] ?? [] where !set.isEmpty {
                let seenBy = viewers.viewers(of: owner, in: zone)
                #expect(seenBy == resolvedOneByOne(owner, zone.id, world, reference), "\(label): \(zone.id) \(owner)")
                found[zone.id, default: [:]][owner] = seenBy
            }
        }
        return found
    }

    @Test("every fixture: one owner per routing class gives what resolving each owner gives")
    func fixtures() throws {
        let root = URL(fileURLWithPath: fixture(""))
        var checked = 0
        for folder in ["audit", "topologies", "scenarios", "lab"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") {
                let path = root.appendingPathComponent(folder).appendingPathComponent(name).path
                guard let topology = try? TopologyLoader().load(path: path) else { continue }
                _ = Self.compare(Timeline.finalWorld(of: topology).world, "\(folder)/\(name)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    /// A zone whose owners are routed in every way a class can be: a nested zone, a rule and a
    /// forwarder below the zone's name, a hosts entry, a server hosting another copy of the zone,
    /// and a network that links nothing.
    static let routed = """
    version: 1
    networks:
      - {name: hub, addressSpace: [10.0.0.0/16], peerings: [spoke, branch, onsite]}
      - {name: spoke, addressSpace: [10.1.0.0/16]}
      - name: branch
        addressSpace: [10.2.0.0/16]
        hosts: {a.privatelink.monitor.azure.com: 10.0.1.9}
      - {name: onsite, addressSpace: [10.3.0.0/16], dns: site-dns}
    dnsServers:
      - name: site-dns
        network: onsite
        zones: [copy]
        forwarders:
          - {domain: sub.privatelink.monitor.azure.com, to: azure}
        default: azure
    zones:
      - id: mon
        name: privatelink.monitor.azure.com
        links: [hub, branch, onsite]
        records:
          - {name: a, type: A, value: 10.0.1.1}
          - {name: b, type: A, value: 10.0.1.2}
          - {name: c, type: A, value: 10.0.1.3}
          - {name: x.team, type: A, value: 10.0.1.4}
          - {name: y.sub, type: A, value: 10.0.1.5}
          - {name: z.sub, type: A, value: 10.0.1.6}
      - id: team
        name: team.privatelink.monitor.azure.com
        links: [branch]
        records:
          - {name: x, type: A, value: 10.0.1.7}
      - id: copy
        name: privatelink.monitor.azure.com
        records:
          - {name: b, type: CNAME, value: c.privatelink.monitor.azure.com.}
    components:
      - {name: appi, region: eastus, stamp: 1}
    scopes:
      - {name: s1, resources: [appi]}
    privateEndpoints:
      - {name: pe1, network: hub, subnet: 10.0.1.0/24, scope: s1, dnsZones: []}
    """

    @Test("nested zones, rules, forwarders, hosts entries and other copies of the zone split the classes")
    func routedOwners() throws {
        let topology = try TopologyLoader().load(text: Self.routed, file: "routed.yaml", folder: ".")
        let world = Timeline.finalWorld(of: topology).world
        let found = Self.compare(world, "routed")
        let mon = try #require(found[ZoneID("mon")])
        func seen(_ owner: String) -> [String]? { mon[DNSName(stringLiteral: owner)]?.map(\.name) }
        // The hub and the branch link the zone; the spoke links nothing. The branch's hosts file
        // answers `a` itself.
        #expect(seen("c.privatelink.monitor.azure.com") == ["hub", "branch"])
        #expect(seen("a.privatelink.monitor.azure.com") == ["hub"])
        // The branch links the nested team zone, which answers x.team there.
        #expect(seen("x.team.privatelink.monitor.azure.com") == ["hub"])
        // The site's server hosts its own copy of the zone, which answers every name under it
        // before any forwarder (sub.* included): the site never reaches the zone.
        #expect(seen("y.sub.privatelink.monitor.azure.com") == ["hub", "branch"])
        #expect(seen("z.sub.privatelink.monitor.azure.com") == ["hub", "branch"])
        #expect(seen("b.privatelink.monitor.azure.com") == ["hub", "branch"])
    }

    /// A hosts entry for an owner that sorts after another owner of its class (the zone's name
    /// is the deepest key above both). The entry's name is a routing key one label below the
    /// zone's name, so the check of the owner's label there has to find it: were it missed, `d`
    /// would take the class's answer, read from `b` (which the branch's zone link answers), and
    /// the branch would be counted as a viewer of `d`, whose name its hosts file answers.
    static let hostsAfterSibling = """
    version: 1
    networks:
      - {name: hub, addressSpace: [10.0.0.0/16], peerings: [branch]}
      - name: branch
        addressSpace: [10.2.0.0/16]
        hosts: {d.privatelink.monitor.azure.com: 10.0.1.9, e.f.privatelink.monitor.azure.com: 10.0.1.9}
    zones:
      - id: mon
        name: privatelink.monitor.azure.com
        links: [hub, branch]
        records:
          - {name: b, type: A, value: 10.0.1.1}
          - {name: c, type: A, value: 10.0.1.2}
          - {name: d, type: A, value: 10.0.1.3}
          - {name: e.f, type: A, value: 10.0.1.4}
          - {name: g.f, type: A, value: 10.0.1.5}
          - {name: dd, type: A, value: 10.0.1.6}
    components:
      - {name: appi, region: eastus, stamp: 1}
    scopes:
      - {name: s1, resources: [appi]}
    privateEndpoints:
      - {name: pe1, network: hub, subnet: 10.0.1.0/24, scope: s1, dnsZones: []}
    """

    @Test("an owner that a hosts file holds is found among owners of its class that it sorts after")
    func hostsKeyAfterSibling() throws {
        let topology = try TopologyLoader().load(text: Self.hostsAfterSibling, file: "hosts.yaml", folder: ".")
        let found = Self.compare(Timeline.finalWorld(of: topology).world, "hosts after sibling")
        let mon = try #require(found[ZoneID("mon")])
        func seen(_ owner: String) -> [String]? { mon[DNSName(stringLiteral: owner)]?.map(\.name) }
        // Both networks link the zone; the branch's hosts file answers d and e.f before it.
        #expect(seen("b.privatelink.monitor.azure.com") == ["hub", "branch"])
        #expect(seen("d.privatelink.monitor.azure.com") == ["hub"])
        #expect(seen("e.f.privatelink.monitor.azure.com") == ["hub"])
        // dd shares d's first letter and g.f e.f's parent: neither is held.
        #expect(seen("dd.privatelink.monitor.azure.com") == ["hub", "branch"])
        #expect(seen("g.f.privatelink.monitor.azure.com") == ["hub", "branch"])
    }
}
