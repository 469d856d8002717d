#!/usr/bin/env python3
"""Deterministic hub-and-spoke tenants for `amplsim simulate` and `amplsim what-if` benchmarks.

Python 3 standard library only. The same arguments always give the same bytes.

Shape (see Docs/performance.md):

- H = max(1, round(networks / 250)) hubs `hub-00`.. (address space 10.h.0.0/16, `transit: true`),
  the other networks are spokes `spoke-0000`.. (a /22 each in 10.64.0.0/10), split into H
  contiguous blocks; each spoke is peered with its own hub. Hubs are peered in pairs (0-1, 2-3, ...),
  so a spoke reaches the hub paired with its own through its (transit) hub, but no other hub.
- Each hub has the five AMPLS zones `h<h>-monitor`, `-oms`, `-ods`, `-agentsvc`, `-blob`, linked to
  the hub and its spokes. When there is more than one hub, some spokes link another hub's zones
  instead (a network links at most one zone of a given name):
  spoke k of a hub with k % 10 == 9 links all five zones of hub (h+1) % H;
  k % 10 == 4 links hub (h+1) % H's oms/ods/agentsvc zones and its own hub's monitor/blob zones.
- W workspaces and C components; scope `scope-<h>` holds the first `shared` workspaces and
  components plus those whose index j has j % H == h (so with several hubs, some rows are
  `not-in-scope` or `unroutable`, not only `private`).
- One private endpoint `pe-<h>` per hub, subnet 10.h.16.0/20, zone group = its hub's five zones.
- Limits are raised so that big scopes are legal.

With `--v2` (a version-2 tenant, MODEL.md version 2): each hub also has a DNS Private Resolver
`resolver-<h>` with an inbound endpoint at 10.h.0.4, every even spoke asks it by address
(`dns: 10.h.0.4`), a ruleset `rules-<h>` linked to the hub's odd spokes forwards
`monitor.azure.com` and `loganalytics.io` to it, and D data collection endpoints `dce-<j>` join the
scopes as the workspaces do.

Usage:
    gen_tenant.py --networks 1000 --workspaces 200 --components 100 > tenant.yaml
    gen_tenant.py --networks 1000 --dces 50 --v2 > tenant-v2.yaml
    gen_tenant.py --networks 1000 ... --what-if-step own|none   # print the createEndpoint step
"""

import argparse
import sys

ZONES = [
    ("monitor", "privatelink.monitor.azure.com"),
    ("oms", "privatelink.oms.opinsights.azure.com"),
    ("ods", "privatelink.ods.opinsights.azure.com"),
    ("agentsvc", "privatelink.agentsvc.azure-automation.net"),
    ("blob", "privatelink.blob.core.windows.net"),
]
REGIONS = ["eastus", "westeurope", "northeurope", "westus2", "southeastasia", "japaneast"]
STAMPS = 4
SETTINGS = "settings: {limits: {resourcesPerScope: 100000, scopesPerResource: 100, endpointsPerScope: 100}}"


class Tenant:
    def __init__(self, networks, workspaces, components, shared, dces=0, v2=False):
        self.d = dces
        self.v2 = v2
        if networks < 2:
            raise ValueError("at least 2 networks (one hub, one spoke)")
        self.n = networks
        self.hubs = max(1, round(networks / 250))
        if self.hubs > 64:
            raise ValueError("at most 64 hubs (10.0.0.0/10 holds the hubs' /16s)")
        self.spokes = networks - self.hubs
        if self.spokes > 4096:
            raise ValueError("at most 4096 spokes (10.64.0.0/10 holds their /22s)")
        if self.spokes < self.hubs:
            raise ValueError("need at least one spoke per hub")
        self.w = workspaces
        self.c = components
        self.shared = shared
        self.per_hub = self.spokes // self.hubs

    # -- names and addresses -------------------------------------------------------------------

    def hub_name(self, h):
        return f"hub-{h:02d}"

    def spoke_name(self, s):
        return f"spoke-{s:04d}"

    def spoke_hub(self, s):
        return min(s // self.per_hub, self.hubs - 1)

    def spoke_cidr(self, s):
        base = (10 << 24) + (64 << 16) + s * 1024
        return f"{base >> 24}.{(base >> 16) & 255}.{(base >> 8) & 255}.{base & 255}/22"

    def paired_hub(self, h):
        partner = h ^ 1
        return partner if partner < self.hubs else None

    def zone_links(self, s):
        """{zone kind: hub whose zone of that kind spoke s links}."""
        h = self.spoke_hub(s)
        k = s - h * self.per_hub
        other = (h + 1) % self.hubs
        links = {kind: h for kind, _ in ZONES}
        if self.hubs > 1 and k % 10 == 9:
            links = {kind: other for kind, _ in ZONES}
        elif self.hubs > 1 and k % 10 == 4:
            for kind in ("oms", "ods", "agentsvc"):
                links[kind] = other
        return links

    def in_scope(self, j, h):
        return j < self.shared or j % self.hubs == h

    # -- output --------------------------------------------------------------------------------

    def yaml(self):
        out = [
            f"# amplsim benchmark tenant: {self.n} networks ({self.hubs} hubs), "
            f"{self.w} workspaces, {self.c} components (Benchmarks/gen_tenant.py)",
            "version: 2" if self.v2 else "version: 1",
            SETTINGS,
            "networks:",
        ]
        for h in range(self.hubs):
            peer = self.paired_hub(h)
            peers = f", peerings: [{self.hub_name(peer)}]" if peer is not None and peer > h else ""
            out.append(f"  - {{name: {self.hub_name(h)}, addressSpace: [10.{h}.0.0/16], transit: true{peers}}}")
        for s in range(self.spokes):
            dns = f", dns: 10.{self.spoke_hub(s)}.0.4" if self.v2 and s % 2 == 0 else ""
            out.append(f"  - {{name: {self.spoke_name(s)}, addressSpace: [{self.spoke_cidr(s)}], "
                       f"peerings: [{self.hub_name(self.spoke_hub(s))}]{dns}}}")
        if self.v2:
            out.append("dnsResolvers:")
            for h in range(self.hubs):
                out.append(f"  - {{name: resolver-{h}, network: {self.hub_name(h)}, inbound: [10.{h}.0.4]}}")
            out.append("forwardingRulesets:")
            for h in range(self.hubs):
                odd = [self.spoke_name(s) for s in range(self.spokes) if s % 2 == 1 and self.spoke_hub(s) == h]
                out.append(f"  - name: rules-{h}")
                out.append(f"    resolver: resolver-{h}")
                out.append(f"    links: [{', '.join(odd)}]")
                out.append(f"    rules: [{{domain: monitor.azure.com, to: [10.{h}.0.4]}}, "
                           f"{{domain: loganalytics.io, to: [10.{h}.0.4]}}]")
        links = {(h, kind): [self.hub_name(h)] for h in range(self.hubs) for kind, _ in ZONES}
        for s in range(self.spokes):
            for kind, h in self.zone_links(s).items():
                links[(h, kind)].append(self.spoke_name(s))
        out.append("zones:")
        for h in range(self.hubs):
            for kind, name in ZONES:
                out.append(f"  - id: h{h}-{kind}")
                out.append(f"    name: {name}")
                out.append(f"    links: [{', '.join(links[(h, kind)])}]")
        out.append("workspaces:")
        for j in range(self.w):
            out.append(f"  - {{name: law-{j:04d}, id: {j:08x}-0000-4000-8000-{0xbe4c0000 + j:012x}, "
                       f"region: {REGIONS[j % len(REGIONS)]}}}")
        out.append("components:")
        for j in range(self.c):
            region = REGIONS[(j // STAMPS) % len(REGIONS)]
            out.append(f"  - {{name: appi-{j:04d}, region: {region}, stamp: {j % STAMPS}}}")
        if self.d:
            out.append("dataCollectionEndpoints:")
            for j in range(self.d):
                ident = f"{j:04x}"
                out.append(f"  - {{name: dce-{j:04d}, id: {ident}, region: {REGIONS[j % len(REGIONS)]}}}")
        out.append("scopes:")
        for h in range(self.hubs):
            members = [f"law-{j:04d}" for j in range(self.w) if self.in_scope(j, h)]
            members += [f"appi-{j:04d}" for j in range(self.c) if self.in_scope(j, h)]
            members += [f"dce-{j:04d}" for j in range(self.d) if self.in_scope(j, h)]
            out.append(f"  - name: scope-{h}")
            out.append(f"    resources: [{', '.join(members)}]")
        out.append("privateEndpoints:")
        for h in range(self.hubs):
            zones = ", ".join(f"h{h}-{kind}" for kind, _ in ZONES)
            out.append(f"  - {{name: pe-{h}, network: {self.hub_name(h)}, subnet: 10.{h}.16.0/20, "
                       f"scope: scope-{h}, dnsZones: [{zones}]}}")
        return "\n".join(out) + "\n"

    def what_if_spoke(self):
        """A spoke of hub 0 that links all five of its own hub's zones (k % 10 == 0)."""
        k = (self.per_hub // 2) // 10 * 10
        return k

    def what_if_step(self, zone_group):
        s = self.what_if_spoke()
        if zone_group == "own":
            zones = ", ".join(f"h{h}-{kind}" for kind, h in self.zone_links(s).items())
        else:
            zones = ""
        return (f"{{createEndpoint: {{name: pe-whatif, network: {self.spoke_name(s)}, "
                f"subnet: {self.spoke_cidr(s)}, scope: scope-{self.spoke_hub(s)}, dnsZones: [{zones}]}}}}")

    def rows(self):
        return self.n * (4 * self.w + 6 * self.c + 4 * self.d)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--networks", type=int, required=True)
    parser.add_argument("--workspaces", type=int, default=200)
    parser.add_argument("--components", type=int, default=100)
    parser.add_argument("--shared", type=int, default=20, help="resources in every scope (default 20)")
    parser.add_argument("--dces", type=int, default=0, help="data collection endpoints (default 0)")
    parser.add_argument("--v2", action="store_true", help="a version-2 tenant: resolvers, rulesets, DNS by address")
    parser.add_argument("--what-if-step", choices=["own", "none"],
                        help="print the createEndpoint step instead of the topology")
    args = parser.parse_args(argv)
    tenant = Tenant(args.networks, args.workspaces, args.components, args.shared, args.dces, args.v2)
    sys.stdout.write(tenant.what_if_step(args.what_if_step) + "\n" if args.what_if_step else tenant.yaml())


if __name__ == "__main__":
    main()
