/// The topologies `amplsim init` writes: commented, in the version-2 syntax of Docs/topology.md, and each
/// simulating as it is with every row private.
package enum StarterTopologies {
    /// The next steps every starter ends its header with.
    private static let nextSteps = """
    #
    # Replace the names, address spaces and resources with yours, then:
    #   amplsim simulate FILE                    every network x resource x endpoint, and why
    #   amplsim resolve FILE --network NETWORK api.loganalytics.io     one name, hop by hop
    #   amplsim what-if FILE --step '{createEndpoint: {...}}'          before you change anything
    # `amplsim help simulate` explains the verdicts.
    """

    /// The five zones an AMPLS private endpoint writes, linked to `links`.
    private static func zones(_ links: String, comment: String) -> String {
        """
        zones:                               # \(comment)
          - {id: monitor,  name: privatelink.monitor.azure.com,             links: [\(links)]}
          - {id: oms,      name: privatelink.oms.opinsights.azure.com,      links: [\(links)]}
          - {id: ods,      name: privatelink.ods.opinsights.azure.com,      links: [\(links)]}
          - {id: agentsvc, name: privatelink.agentsvc.azure-automation.net, links: [\(links)]}
          - {id: blob,     name: privatelink.blob.core.windows.net,         links: [\(links)]}
        """
    }

    /// A workspace and a component in one AMPLS, and its private endpoint in `network`.
    private static func resources(network: String, subnet: String) -> String {
        """
        workspaces:                          # Log Analytics: the id is the workspace's GUID
          - {name: law-prod, id: 6f1c0b52-3c6e-4f4e-9a57-2d8e1f3b7a10, region: eastus}

        components:                          # Application Insights: region and ingestion stamp, or
                                             # connectionString: "InstrumentationKey=...;IngestionEndpoint=..."
          - {name: appi-web, region: eastus, stamp: 1}

        scopes:                              # the Azure Monitor Private Link Scope (AMPLS)
          - name: ampls-prod
            resources: [law-prod, appi-web]
            ingestionAccessMode: PrivateOnly # PrivateOnly (default) | Open
            queryAccessMode: PrivateOnly

        privateEndpoints:                    # created in this order: a later one overwrites the
                                             # shared names (api, live, ...) in the zones it writes
          - name: pe-prod
            network: \(network)
            subnet: \(subnet)
            scope: ampls-prod
            dnsZones: [monitor, oms, ods, agentsvc, blob]   # the zone group; [] for manual DNS
        """
    }

    /// Hub and spokes: the endpoint in the hub, the zones linked to every network.
    package static let hubSpoke = """
    # A starter topology for amplsim (amplsim init --hub-spoke): a hub VNet and two spokes peered
    # with it. One AMPLS private endpoint in the hub writes the five Azure Monitor private DNS
    # zones, which are linked to the hub and to both spokes.
    #
    # Expected: every row is `private`, via pe-prod, from every network. Each network's Azure DNS
    # sees the zones, so the names resolve to pe-prod's addresses in 10.0.1.0/24, and the spokes
    # reach the hub through their peering.
    \(nextSteps)
    version: 2

    networks:
      - name: hub
        addressSpace: [10.0.0.0/16]
        peerings: [spoke-1, spoke-2]     # symmetric: listing a pair on one side is enough
      - name: spoke-1
        addressSpace: [10.1.0.0/16]      # dns: azure is the default (Azure DNS, 168.63.129.16)
      - name: spoke-2
        addressSpace: [10.2.0.0/16]

    \(zones("hub, spoke-1, spoke-2", comment: "a network sees the zones linked to it"))

    \(resources(network: "hub", subnet: "10.0.1.0/24"))

    """

    /// One VNet with its own endpoint and zones.
    package static let single = """
    # A starter topology for amplsim (amplsim init --single): one VNet with one AMPLS private
    # endpoint, which writes the five Azure Monitor private DNS zones linked to that VNet.
    #
    # Expected: every row is `private`, via pe-prod: the VNet's Azure DNS sees the zones, and the
    # names resolve to pe-prod's addresses in its own subnet.
    \(nextSteps)
    version: 2

    networks:
      - name: vnet-app
        addressSpace: [10.0.0.0/16]

    \(zones("vnet-app", comment: "a network sees the zones linked to it"))

    \(resources(network: "vnet-app", subnet: "10.0.1.0/24"))

    """

    /// A hub with a DNS Private Resolver, a spoke, and an on-premises site forwarding to it.
    package static let hybrid = """
    # A starter topology for amplsim (amplsim init --hybrid): a hub VNet with an Azure DNS Private
    # Resolver, a spoke peered with it, and an on-premises site connected to the hub by VPN or
    # ExpressRoute. One AMPLS private endpoint in the hub writes the five Azure Monitor private DNS
    # zones, linked to the hub only. The spoke's DNS setting is the resolver's inbound endpoint,
    # and the on-premises DNS server forwards the Azure Monitor domains to that endpoint.
    #
    # Expected: every row is `private`, via pe-prod, from all three networks. The hub asks its own
    # Azure DNS, which sees the zones; the spoke and the on-premises server ask the inbound
    # endpoint (10.0.0.4), which answers as Azure DNS of the hub; the hub's gateway carries
    # on-premises traffic to the endpoint.
    \(nextSteps)
    version: 2

    networks:
      - name: hub
        addressSpace: [10.0.0.0/16]
        peerings: [spoke-1]
        connections: [onprem]            # ExpressRoute or VPN through the hub's gateway
      - name: spoke-1
        addressSpace: [10.1.0.0/16]
        dns: 10.0.0.4                    # the resolver's inbound endpoint, by address
      - name: onprem
        kind: onprem
        addressSpace: [192.168.0.0/16]
        dns: 192.168.0.10                # corp-dns, by address

    dnsServers:
      - name: corp-dns                   # the on-premises DNS server
        network: onprem
        address: 192.168.0.10
        flavor: windows                  # bind (default) | windows: how it treats forwarded answers
        forwarders:                      # conditional forwarders to the hub's inbound endpoint
          - {domain: monitor.azure.com,             to: 10.0.0.4}
          - {domain: opinsights.azure.com,          to: 10.0.0.4}
          - {domain: azure-automation.net,          to: 10.0.0.4}
          - {domain: loganalytics.io,               to: 10.0.0.4}
          - {domain: applicationinsights.azure.com, to: 10.0.0.4}
          - {domain: applicationinsights.io,        to: 10.0.0.4}
          - {domain: blob.core.windows.net,         to: 10.0.0.4}
        default: internet                # every other name: public DNS

    dnsResolvers:
      - name: hub-resolver               # Azure DNS Private Resolver
        network: hub
        inbound: [10.0.0.4]              # its inbound endpoint's address, in the hub

    \(zones("hub", comment: "linked to the hub only: the others ask the resolver"))

    \(resources(network: "hub", subnet: "10.0.1.0/24"))

    """
}
