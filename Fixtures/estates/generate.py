#!/usr/bin/env python3
"""Writes Fixtures/estates/hub-dev-override-N.yaml (README.md): python3 generate.py N."""
import sys
n = int(sys.argv[1])
spokes = ["spoke-%03d" % i for i in range(1, n - 1)]
names = ["hub"] + spokes + ["spoke-dev"]
y = "# A hub with the prod endpoint, %d spokes, and a dev spoke whose endpoint writes the same zones last.\nversion: 2\nnetworks:\n" % len(spokes)
y += "  - {name: hub, addressSpace: [10.0.0.0/16], peerings: [%s]}\n" % ", ".join(spokes + ["spoke-dev"])
for i, s in enumerate(spokes):
    y += "  - {name: %s, addressSpace: [10.%d.%d.0/24]}\n" % (s, 1 + i // 256, i % 256)
y += "  - {name: spoke-dev, addressSpace: [10.9.0.0/24]}\n"
links = ", ".join(names)
y += "zones:\n"
for zid, z in [("monitor", "privatelink.monitor.azure.com"), ("oms", "privatelink.oms.opinsights.azure.com"), ("ods", "privatelink.ods.opinsights.azure.com"), ("agentsvc", "privatelink.agentsvc.azure-automation.net"), ("blob", "privatelink.blob.core.windows.net")]:
    y += "  - {id: %s, name: %s, links: [%s]}\n" % (zid, z, links)
y += """workspaces:
  - {name: law-prod, id: 5b7e1c2a-8d3f-4e6a-9b1c-0f2e3d4a5b6c, region: westeurope}
  - {name: law-dev, id: 7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f, region: westeurope}
components:
  - {name: appi-prod, region: westeurope, stamp: 1}
scopes:
  - {name: ampls-prod, resources: [law-prod, appi-prod]}
  - {name: ampls-dev, resources: [law-dev]}
privateEndpoints:
  - {name: pe-prod, network: hub, subnet: 10.0.1.0/24, scope: ampls-prod, dnsZones: [monitor, oms, ods, agentsvc, blob]}
  - {name: pe-dev, network: spoke-dev, subnet: 10.9.0.0/26, scope: ampls-dev, dnsZones: [monitor, oms, ods, agentsvc, blob]}
"""
print(y)
