#!/usr/bin/env python3
"""amplsim benchmark harness (Python 3 standard library only). Run by `make bench`.

    python3 Benchmarks/bench.py --amplsim .build/release/amplsim [--only zone,audit,simulate,whatif]

Generates its inputs deterministically into Benchmarks/.work/ (gen_zone.py, gen_tenant.py), runs
every command as a child process with standard output to /dev/null, and prints Markdown tables:
median wall time of N runs (N printed), CPU time (user + system), and peak memory (the child's
ru_maxrss from os.wait4). Commands compared with each other run interleaved, one of each per
round, so that drift affects them alike. The number of runs: 5 when one round takes at most
20 s, else as many as fit in --budget seconds, at least 3 and at most 5 (--runs forces a number).
The report is also saved as Benchmarks/.work/last-run.md (paste it into Docs/performance.md).
Exits 1 if a command fails or prints a wrong answer; misses of the targets do not change the
exit status (this is a measurement, not a test).
"""

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ beside the generators
import gen_tenant  # noqa: E402
import gen_zone  # noqa: E402

ZONE_ORIGIN = "bench.example."
MIB = 1024  # ru_maxrss is in KiB on Linux


class BenchError(Exception):
    pass


# -- running ---------------------------------------------------------------------------------------

class Sample:
    def __init__(self, wall, cpu, rss_kib, rc, err=""):
        self.wall, self.cpu, self.rss_kib, self.rc, self.err = wall, cpu, rss_kib, rc, err


def run(argv, accept=(0,), stdout_path=os.devnull):
    """Runs argv once; returns a Sample. Standard output goes to stdout_path (/dev/null)."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = rc = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode(errors="replace")[-2000:]
        if rc not in accept:
            raise BenchError(f"{' '.join(argv)}: exit status {rc}\n{message}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, rc, message)


class Measured:
    def __init__(self, samples):
        self.samples = samples

    @property
    def runs(self):
        return len(self.samples)

    @property
    def median(self):
        return statistics.median(s.wall for s in self.samples)

    @property
    def min(self):
        return min(s.wall for s in self.samples)

    @property
    def max(self):
        return max(s.wall for s in self.samples)

    @property
    def cpu(self):
        return statistics.median(s.cpu for s in self.samples)

    def step_times(self):
        """Medians of the in-process step times `what-if --step-times` prints: (wall, cpu)."""
        walls, cpus = [], []
        for sample in self.samples:
            found = re.search(r"steps took wall ([0-9.]+) s, cpu ([0-9.]+) s; rows judged ([0-9]+) of ([0-9]+)",
                              sample.err)
            if not found:
                raise BenchError("what-if --step-times printed no step times")
            walls.append(float(found.group(1)))
            cpus.append(float(found.group(2)))
            self.judged = (int(found.group(3)), int(found.group(4)))
        return statistics.median(walls), statistics.median(cpus)

    @property
    def peak_mib(self):
        return max(s.rss_kib for s in self.samples) / MIB


def plan_runs(round_seconds, args):
    if args.runs:
        return args.runs
    if round_seconds <= 20:
        return 5
    return max(3, min(5, int(args.budget // round_seconds)))


def measure(commands, args, label):
    """commands: [(key, argv, accepted exit statuses)]. Interleaved rounds. {key: Measured}."""
    samples = {key: [] for key, _, _ in commands}
    first = 0.0
    for key, argv, accept in commands:
        sample = run(argv, accept)
        samples[key].append(sample)
        first += sample.wall
    rounds = plan_runs(first, args)
    progress(f"{label}: round 1 took {first:.2f} s, {rounds} rounds")
    for _ in range(rounds - 1):
        for key, argv, accept in commands:
            samples[key].append(run(argv, accept))
    return {key: Measured(s) for key, s in samples.items()}


def progress(text):
    print(f"[bench] {text} (load {load()})", file=sys.stderr, flush=True)


def load():
    """The 1-, 5- and 15-minute load averages: other work on the machine disturbs wall times."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# -- formatting ------------------------------------------------------------------------------------

def seconds(t):
    return f"{t:.3f}" if t < 10 else f"{t:.2f}" if t < 100 else f"{t:.1f}"


def count(n):
    return f"{n:,.0f}"


def ratio(x):
    return f"{x:.2f}×" if x < 100 else f"{x:.0f}×"


def table(headers, rows, right=None):
    """A Markdown table with padded columns; `right` is the set of right-aligned column indexes."""
    right = set(range(1, len(headers))) if right is None else right
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "| " + " | ".join(c.rjust(w) if i in right else c.ljust(w)
                                 for i, (c, w) in enumerate(zip(row, widths))) + " |"
    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2))
                          for i, w in enumerate(widths)) + "|"
    return "\n".join([line(cells[0]), rule] + [line(r) for r in cells[1:]])


class Targets:
    def __init__(self):
        self.rows = []

    def add(self, benchmark, target, measured, ok):
        self.rows.append((benchmark, target, measured, "PASS" if ok else "MISS"))

    def text(self):
        return table(["benchmark", "target", "measured", "result"], self.rows, right=set())


def sha(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:12]


REPORT = []


def out(text=""):
    """Prints a line of the report (and keeps it for Benchmarks/.work/last-run.md)."""
    REPORT.append(text)
    print(text, flush=True)


# -- the machine -----------------------------------------------------------------------------------

def machine(args):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "unknown"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def version(argv):
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=10)
            return (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "not installed"

    commit = "unknown"
    try:
        root = os.path.dirname(HERE)
        head = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--", "Sources", "Package.swift"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        if head:
            commit = head + (" with uncommitted changes in Sources/" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        pass
    rows = [
        ("CPU", cpu),
        ("cores (nproc)", str(usable)),
        ("memory", memory),
        ("kernel", f"{platform.system()} {platform.release()}"),
        ("amplsim", f"{args.amplsim} (commit {commit})"),
        ("kzonecheck", version(["kzonecheck", "--version"])),
        ("ldns-read-zone", version(["ldns-read-zone", "-v"])),
        ("named-checkzone", version(["named-checkzone", "-v"])),
        ("python", platform.python_version()),
        ("load average at start", load()),
        ("date (UTC)", time.strftime("%Y-%m-%d %H:%M", time.gmtime())),
    ]
    return table(["", ""], rows, right=set())


# -- zone import -----------------------------------------------------------------------------------

def zone_peers(args, path):
    peers = [("amplsim zone-check", [args.amplsim, "zone-check", path])]
    for tool, argv in [("kzonecheck", ["kzonecheck", "-o", ZONE_ORIGIN, path]),
                       ("ldns-read-zone", ["ldns-read-zone", path]),
                       ("named-checkzone", ["named-checkzone", ZONE_ORIGIN.rstrip("."), path])]:
        if shutil.which(tool):
            peers.append((tool, argv))
        else:
            progress(f"{tool} is not installed: skipped (make bench installs it)")
    return peers


def bench_zone(args, targets):
    out("### Zone import\n")
    out("`amplsim zone-check ZONE` against `kzonecheck -o bench.example. ZONE`, "
        "`ldns-read-zone ZONE > /dev/null` and `named-checkzone bench.example ZONE` "
        "on generated zones (A, AAAA, CNAME; `$ORIGIN`/`$TTL`; Benchmarks/gen_zone.py). "
        "× amplsim = the tool's median time ÷ amplsim's (above 1: amplsim is faster); "
        "(cpu): the same with user + system time.\n")
    at_largest = None
    for records in args.zone_sizes:
        path = os.path.join(args.work, f"zone-{records}.zone")
        progress(f"generating {path}")
        gen_zone.main(["gen_zone.py", str(records), path])
        # The answer first: amplsim must count every record.
        answer = os.path.join(args.work, "zone-check.out")
        run([args.amplsim, "zone-check", path], stdout_path=answer)
        with open(answer) as f:
            first = f.readline()
        if f": {records} records" not in first:
            raise BenchError(f"amplsim zone-check {path}: expected {records} records, got: {first.strip()}")
        peers = zone_peers(args, path)
        for _, argv in peers[1:]:
            run(argv)  # warm up (and check that the peer accepts the zone)
        results = measure([(name, argv, (0,)) for name, argv in peers], args, f"zone {records}")
        base = results["amplsim zone-check"].median
        rows = []
        for name, _ in peers:
            m = results[name]
            rows.append([name, m.runs, seconds(m.median), f"{seconds(m.min)}–{seconds(m.max)}", seconds(m.cpu),
                         count(records / m.median), f"{m.peak_mib:.0f}", ratio(m.median / base),
                         ratio(m.cpu / results["amplsim zone-check"].cpu)])
        out(f"#### {count(records)} records (`{os.path.basename(path)}`, "
            f"{os.path.getsize(path) / 1e6:.1f} MB, sha256 {sha(path)}…)\n")
        out(table(["tool", "runs", "median s", "min–max s", "cpu s", "records/s", "peak MiB", "× amplsim",
                   "× amplsim (cpu)"], rows))
        out()
        at_largest = (records, results)
    if at_largest:
        records, results = at_largest
        amplsim = results["amplsim zone-check"]
        if "kzonecheck" in results:
            speed = results["kzonecheck"].median / amplsim.median
            cpu_speed = results["kzonecheck"].cpu / amplsim.cpu
            targets.add("zone import", f"≥ 1.5× kzonecheck's speed ({count(records)} records)",
                        f"{speed:.2f}× ({seconds(amplsim.median)} s vs {seconds(results['kzonecheck'].median)} s; "
                        f"cpu {cpu_speed:.2f}×)", speed >= 1.5)
        targets.add("zone import", f"peak memory < 200 MiB ({count(records)} records)",
                    f"{amplsim.peak_mib:.0f} MiB", amplsim.peak_mib < 200)


# -- audit of a large zone ------------------------------------------------------------------------

AUDIT_ZONE = "privatelink.monitor.azure.com."


def write_audit_input(args, records):
    """A topology of one network whose privatelink.monitor.azure.com zone is a generated zone of
    `records` records (gen_zone.py's, renamed), and a private endpoint that writes no record: every
    private A record of the zone dangles, so the audit reports about half the records."""
    plain = os.path.join(args.work, f"zone-{records}.zone")
    if not os.path.exists(plain):
        gen_zone.main(["gen_zone.py", str(records), plain])
    zone = os.path.join(args.work, f"audit-{records}.zone")
    with open(plain) as src, open(zone, "w") as dst:
        for line in src:
            dst.write(line.replace(ZONE_ORIGIN, AUDIT_ZONE))
    topology = os.path.join(args.work, f"audit-{records}.yaml")
    with open(topology, "w") as f:
        f.write(f"""version: 1
networks:
  - {{name: hub, addressSpace: [10.0.0.0/16], dns: azure}}
zones:
  - {{id: mon, name: {AUDIT_ZONE.rstrip('.')}, links: [hub], file: {os.path.basename(zone)}}}
components:
  - {{name: appi, region: eastus, stamp: 1}}
scopes:
  - {{name: s1, resources: [appi]}}
privateEndpoints:
  - {{name: pe1, network: hub, subnet: 10.0.1.0/24, scope: s1, dnsZones: []}}
""")
    return zone, topology


def bench_audit(args, targets):
    records = args.audit_records
    out(f"### audit of a {count(records)}-record zone\n")
    out(f"`amplsim audit TOPOLOGY --format json|table > /dev/null` against `amplsim zone-check ZONE > /dev/null` on "
        f"the same zone file, in one interleaved run: gen_zone.py's zone renamed to {AUDIT_ZONE}, linked to "
        f"one network, with a private endpoint that writes no record, so that every private A record dangles "
        f"(about half the records become findings). × zone-check = the median (and cpu) over zone-check's.\n")
    zone, topology = write_audit_input(args, records)
    commands = [("zone-check", [args.amplsim, "zone-check", zone], (0,)),
                ("audit json", [args.amplsim, "audit", topology, "--format", "json"], (0, 1)),
                ("audit table", [args.amplsim, "audit", topology, "--format", "table"], (0, 1))]
    results = measure(commands, args, f"audit {records}")
    base = results["zone-check"]
    rows = []
    for key, _, _ in commands:
        m = results[key]
        rows.append([key, m.runs, seconds(m.median), seconds(m.cpu), f"{m.peak_mib:.0f}", ratio(m.median / base.median),
                     ratio(m.cpu / base.cpu)])
    out(table(["command", "runs", "median s", "cpu s", "peak MiB", "× zone-check", "× zone-check (cpu)"], rows))
    out()
    for key in ("audit json", "audit table"):
        m = results[key]
        targets.add("audit", f"{key} CPU ≤ 4× zone-check CPU ({count(records)} records)",
                    f"{m.cpu / base.cpu:.2f}× ({seconds(m.cpu)} s vs {seconds(base.cpu)} s)", m.cpu <= 4 * base.cpu)


# -- simulate --------------------------------------------------------------------------------------

def tenant_path(args, networks):
    return os.path.join(args.work, f"tenant-{networks}n-{args.workspaces}w-{args.components}c.yaml")


def write_tenant(args, networks):
    tenant = gen_tenant.Tenant(networks, args.workspaces, args.components, args.shared)
    path = tenant_path(args, networks)
    with open(path, "w") as f:
        f.write(tenant.yaml())
    return tenant, path


def bench_simulate(args, targets):
    out("### simulate at scale\n")
    out(f"`amplsim simulate TENANT --format json > /dev/null` on generated hub-and-spoke tenants "
        f"(Benchmarks/gen_tenant.py: one hub, scope and endpoint per 250 networks, "
        f"{args.workspaces} workspaces, {args.components} components). "
        f"rows = networks × (4 × workspaces + 6 × components).\n")
    measured = []
    for i, networks in enumerate(args.networks):
        tenant, path = write_tenant(args, networks)
        rows = tenant.rows()
        if i == 0:  # the answer, once, on the smallest tenant: every row is there
            answer = os.path.join(args.work, "simulate.json")
            run([args.amplsim, "simulate", path, "--format", "json"], stdout_path=answer)
            with open(answer, "rb") as f:
                f.seek(max(0, os.path.getsize(answer) - 400))
                tail = f.read().decode()
            os.remove(answer)
            summary = tail[tail.rfind('"summary"'):]
            total = sum(int(n) for n in re.findall(r'"(?:private|public|failed)":\s*(\d+)', summary))
            if total != rows:
                raise BenchError(f"simulate {path}: summary counts {total} rows, expected {rows}")
        m = measure([("simulate", [args.amplsim, "simulate", path, "--format", "json"], (0,))],
                    args, f"simulate {networks}")["simulate"]
        measured.append((networks, tenant, rows, m))
    table_rows = []
    for k, (networks, tenant, rows, m) in enumerate(measured):
        exponent = ""
        if k > 0:
            _, _, rows0, m0 = measured[k - 1]
            exponent = f"{math.log(m.median / m0.median) / math.log(rows / rows0):.2f}"
        table_rows.append([count(networks), tenant.hubs, count(rows), m.runs, seconds(m.median),
                           f"{seconds(m.min)}–{seconds(m.max)}", seconds(m.cpu), count(rows / m.median),
                           f"{m.peak_mib:.0f}", exponent])
    out(table(["networks", "hubs", "rows", "runs", "median s", "min–max s", "cpu s", "rows/s", "peak MiB",
               "exponent"], table_rows))
    out("\nexponent = log(t / t_previous) / log(rows / rows_previous), from the medians.\n")
    for k in range(1, len(measured)):
        n0, _, r0, m0 = measured[k - 1]
        n1, _, r1, m1 = measured[k]
        e = math.log(m1.median / m0.median) / math.log(r1 / r0)
        targets.add("simulate", f"growth exponent ≤ 1.1 ({count(n0)} → {count(n1)} networks)", f"{e:.2f}", e <= 1.1)
    for networks, _, _, m in measured:
        if networks == 1000:
            targets.add("simulate", "1,000 networks < 1 s (JSON to /dev/null)",
                        f"{seconds(m.median)} s (cpu {seconds(m.cpu)} s)", m.median < 1)
        if networks == 4000:
            targets.add("simulate", "4,000 networks < 4 s", f"{seconds(m.median)} s (cpu {seconds(m.cpu)} s)",
                        m.median < 4)
            targets.add("simulate", "4,000 networks < 1 GiB", f"{m.peak_mib:.0f} MiB", m.peak_mib < 1024)


# -- reports ---------------------------------------------------------------------------------------

def bench_reports(args, targets):
    networks = args.report_networks
    out(f"### Reports at {count(networks)} networks\n")
    out(f"`amplsim simulate TENANT --format F > /dev/null` for each format on the {count(networks)}-network "
        f"tenant of the simulate benchmark, measured in one interleaved run; × json = the format's median "
        f"(and cpu) over JSON's. The Markdown comment's size is checked against GitHub's 65,536 characters.\n")
    tenant, path = write_tenant(args, networks)
    answer = os.path.join(args.work, "simulate.md")
    run([args.amplsim, "simulate", path, "--format", "markdown"], stdout_path=answer)
    with open(answer, "rb") as f:
        markdown_bytes = len(f.read())
    os.remove(answer)
    formats = ["json", "table", "markdown", "html"]
    results = measure([(f, [args.amplsim, "simulate", path, "--format", f], (0,)) for f in formats],
                      args, f"reports {networks}")
    base = results["json"]
    rows = []
    for f in formats:
        m = results[f]
        rows.append([f, m.runs, seconds(m.median), seconds(m.cpu), f"{m.peak_mib:.0f}", ratio(m.median / base.median),
                     ratio(m.cpu / base.cpu)])
    out(table(["format", "runs", "median s", "cpu s", "peak MiB", "× json", "× json (cpu)"], rows))
    out(f"\nMarkdown comment: {count(markdown_bytes)} bytes.\n")
    html = results["html"]
    targets.add("reports", f"HTML ≤ 3× JSON ({count(networks)} networks)",
                f"{html.median / base.median:.2f}× ({seconds(html.median)} s vs {seconds(base.median)} s)",
                html.median <= 3 * base.median)
    targets.add("reports", f"Markdown < 65,536 characters ({count(networks)} networks)", f"{count(markdown_bytes)} bytes",
                markdown_bytes < 65_536)
    table_m = results["table"]
    targets.add("reports", f"table CPU ≤ JSON CPU ({count(networks)} networks)",
                f"{table_m.cpu / base.cpu:.2f}× ({seconds(table_m.cpu)} s vs {seconds(base.cpu)} s)",
                table_m.cpu <= base.cpu)


# -- intents: check and fix ------------------------------------------------------------------------

def bench_intents(args, targets):
    networks = args.report_networks
    out(f"### check and fix at {count(networks)} networks\n")
    out(f"The {count(networks)}-network tenant of the simulate benchmark with spoke-0005 unpeered from its hub "
        f"(a step of the topology) and one intent: spokes spoke-00* (100 networks) reach law-0000 privately. "
        f"`amplsim check` reports the violated intent (exit 1); `amplsim fix` finds the smallest safe change "
        f"(peer spoke-0005 with hub-00 again) and prints it as a scenario.\n")
    tenant = gen_tenant.Tenant(networks, args.workspaces, args.components, args.shared)
    path = os.path.join(args.work, f"intents-{networks}.yaml")
    with open(path, "w") as f:
        f.write(tenant.yaml())
        f.write("steps:\n  - {unpeer: [hub-00, spoke-0005]}\n")
        f.write("intents:\n  - {networks: [spoke-00*], resources: [law-0000], expect: private, label: spokes reach law-0000}\n")
    answer = os.path.join(args.work, "fix.yaml")
    run([args.amplsim, "fix", path], stdout_path=answer)
    with open(answer) as f:
        scenario = f.read()
    if "hub-00" not in scenario or "spoke-0005" not in scenario:
        raise BenchError(f"fix {path}: expected the peering of hub-00 and spoke-0005, got: {scenario[:300]}")
    results = measure([("check", [args.amplsim, "check", path], (1,)), ("fix", [args.amplsim, "fix", path], (0,))],
                      args, f"intents {networks}")
    rows = [[name, m.runs, seconds(m.median), seconds(m.cpu), f"{m.peak_mib:.0f}"] for name, m in results.items()]
    out(table(["command", "runs", "median s", "cpu s", "peak MiB"], rows))
    out()
    for name, m in results.items():
        targets.add("intents", f"{name} < 10 s ({count(networks)} networks)", f"{seconds(m.median)} s (cpu {seconds(m.cpu)} s)",
                    m.median < 10)


# -- simulate, version 2 ---------------------------------------------------------------------------

def bench_simulate_v2(args, targets):
    """The same tenant shape with MODEL.md version 2's objects: resolvers asked by address, rulesets,
    DCEs; beside the version-1 tenant of the same size, so the cost of the new rules shows."""
    networks = args.v2_networks
    out("### simulate, version-2 tenant\n")
    out(f"`amplsim simulate TENANT --format json > /dev/null` on {count(networks)} networks: the version-1 tenant "
        f"above, and the same with `--v2 --dces {args.dces}` (Benchmarks/gen_tenant.py: a resolver per hub whose "
        f"inbound endpoint half the spokes ask by address, a ruleset on the other half, {args.dces} DCEs).\n")
    v1, v1_path = write_tenant(args, networks)
    v2 = gen_tenant.Tenant(networks, args.workspaces, args.components, args.shared, args.dces, True)
    v2_path = os.path.join(args.work, f"tenant-v2-{networks}n-{args.dces}d.yaml")
    with open(v2_path, "w") as f:
        f.write(v2.yaml())
    m = measure([("v1", [args.amplsim, "simulate", v1_path, "--format", "json"], (0,)),
                 ("v2", [args.amplsim, "simulate", v2_path, "--format", "json"], (0,))], args, "simulate v2")
    rows = []
    for label, tenant in (("v1", v1), ("v2", v2)):
        r = m[label]
        rows.append([label, count(tenant.rows()), r.runs, seconds(r.median), seconds(r.cpu),
                     f"{tenant.rows() / r.cpu / 1000:.0f}", f"{r.peak_mib:.0f}"])
    out(table(["tenant", "rows", "runs", "median s", "cpu s", "k rows per cpu s", "peak MiB"], rows))
    per_row_v1 = m["v1"].cpu / v1.rows()
    per_row_v2 = m["v2"].cpu / v2.rows()
    targets.add("simulate", "version-2 tenant: CPU per row ≤ 2× the version-1 tenant's",
                f"{per_row_v2 / per_row_v1:.2f}×", per_row_v2 <= 2 * per_row_v1)


# -- what-if ---------------------------------------------------------------------------------------

def empty_scenario(args):
    """A scenario of no step (`[]`): what-if then evaluates and reports the base alone."""
    path = os.path.join(args.work, "empty-scenario.yaml")
    with open(path, "w") as f:
        f.write("[]\n")
    return path


def bench_whatif(args, targets):
    networks = args.whatif_networks
    tenant, path = write_tenant(args, networks)
    empty = empty_scenario(args)
    out("### what-if: one createEndpoint step\n")
    out(f"`amplsim what-if TENANT --step STEP --format json --step-times > /dev/null` on the {count(networks)}-network "
        f"tenant, incremental (default) and with the hidden `--no-incremental` (every step evaluated in "
        f"full: all rows judged again, then compared with the rows before). The hidden `--step-times` "
        f"prints the wall and CPU time of the steps alone, measured inside the process: from the end of "
        f"the base evaluation to the last step's row changes, so loading, the base evaluation, the ways "
        f"out and the output are excluded. `base` is the same process with an empty scenario, for the "
        f"whole-process figures.\n")
    commands = [("base", [args.amplsim, "what-if", path, "--scenario", empty, "--format", "json"], (0, 1))]
    steps = {}
    for variant in args.whatif_variants:
        step = tenant.what_if_step(variant)
        steps[variant] = step
        commands.append((f"{variant}/inc", [args.amplsim, "what-if", path, "--step", step, "--format", "json",
                                            "--step-times"], (0, 1)))
        commands.append((f"{variant}/full", [args.amplsim, "what-if", path, "--step", step, "--format", "json",
                                             "--step-times", "--no-incremental"], (0, 1)))
    for variant, step in steps.items():
        out(f"- `{variant}`: `--step '{step}'`")
    out()
    results = measure(commands, args, f"what-if {networks}")
    base = results["base"]
    rows = [["base (no step)", base.runs, seconds(base.median), f"{seconds(base.min)}–{seconds(base.max)}",
             seconds(base.cpu), f"{base.peak_mib:.0f}", "–", "–"]]
    for variant in args.whatif_variants:
        for mode, name in (("inc", "incremental"), ("full", "--no-incremental")):
            m = results[f"{variant}/{mode}"]
            step_wall, step_cpu = m.step_times()
            rows.append([f"`{variant}` {name}", m.runs, seconds(m.median), f"{seconds(m.min)}–{seconds(m.max)}",
                         seconds(m.cpu), f"{m.peak_mib:.0f}", f"{step_wall:.4f}", f"{step_cpu:.4f}"])
    out(table(["process", "runs", "median s", "min–max s", "cpu s", "peak MiB", "steps: wall s", "steps: cpu s"],
              rows))
    out()
    summary = []
    for variant in args.whatif_variants:
        inc, full = results[f"{variant}/inc"], results[f"{variant}/full"]
        (inc_wall, inc_cpu), (full_wall, full_cpu) = inc.step_times(), full.step_times()
        floor = 1e-6
        step_ratio = full_wall / max(inc_wall, floor)
        cpu_ratio = full_cpu / max(inc_cpu, floor)
        process_ratio = full.median / inc.median
        judged, total = inc.judged
        bound = f"{total / judged:.2f}×" if judged else "∞"
        summary.append([f"`{variant}`", f"{count(judged)} of {count(total)}", bound, f"{inc_wall:.4f}",
                        f"{full_wall:.4f}", ratio(step_ratio), ratio(cpu_ratio), ratio(process_ratio)])
        targets.add("what-if", f"one step ≥ 20× faster than full re-evaluation (`{variant}`, step alone)",
                    f"{ratio(step_ratio)} ({inc_wall:.4f} s vs {full_wall:.4f} s; cpu {ratio(cpu_ratio)}; "
                    f"whole process {ratio(process_ratio)})", step_ratio >= 20)
    out(table(["step", "rows judged again", "rows ÷ judged", "incremental step s", "full step s",
               "step: full ÷ incremental", "same from cpu times", "whole process: full ÷ incremental"], summary))
    out("\nrows ÷ judged: the speed-up an incremental step would have if judging a row cost the same in both "
        "modes and nothing else did (a step that changes the answers of a quarter of the rows must judge "
        "that quarter again).")
    out()


def bench_whatif_base(args, targets):
    """The memory a what-if base holds per row: the base of an empty scenario at N and 4N networks;
    the growth in peak memory over the growth in rows bounds what each base row keeps (the loaded
    topology grows with the networks too, so the figure is an upper bound)."""
    small = args.whatif_networks
    sizes = [small, 4 * small]
    empty = empty_scenario(args)
    out("### what-if: memory the base holds per row\n")
    out(f"`amplsim what-if TENANT --scenario EMPTY --format json > /dev/null` (EMPTY: `[]`, no step) on "
        f"the {count(sizes[0])}- and {count(sizes[1])}-network tenants: bytes per base row = growth of the "
        f"peak memory ÷ growth of the rows. The topology's own growth is included, so this bounds what "
        f"a base row keeps from above.\n")
    tenants, commands = {}, []
    for n in sizes:
        tenant, path = write_tenant(args, n)
        tenants[n] = tenant
        commands.append((n, [args.amplsim, "what-if", path, "--scenario", empty, "--format", "json"], (0, 1)))
    results = measure(commands, args, "what-if base")
    rows = [[count(n), count(tenants[n].rows()), results[n].runs, seconds(results[n].cpu), f"{results[n].peak_mib:.0f}"]
            for n in sizes]
    out(table(["networks", "rows", "runs", "cpu s", "peak MiB"], rows))
    grown = (results[sizes[1]].peak_mib - results[sizes[0]].peak_mib) * MIB * 1024
    per_row = grown / (tenants[sizes[1]].rows() - tenants[sizes[0]].rows())
    out(f"\nbytes per base row: {per_row:.0f}\n")
    targets.add("what-if", "base ≤ 50 bytes a row (peak memory growth ÷ row growth)", f"{per_row:.0f} B",
                per_row <= 50)


def bench_waysout(args, targets):
    """A what-if that breaks thousands of rows, each with its ways out checked, against simulate on
    the same tenant: the ways out must cost about what the rows do, not a simulation each."""
    networks = args.whatif_networks
    tenant, path = write_tenant(args, networks)
    step = "{unpeer: [hub-00, hub-01]}"
    out("### what-if: many breaks, each with its ways out\n")
    out(f"`amplsim what-if TENANT --step '{step}' [--format json] > /dev/null` against "
        f"`amplsim simulate TENANT --format json > /dev/null` on the {count(networks)}-network tenant: the "
        f"spokes of hub 0 that link hub 1's zones lose their route to hub 1's endpoint, and every break "
        f"gets its ways out, each applied to a copy of the world and judged again. × simulate = the "
        f"process's CPU time over simulate's.\n")
    commands = [("simulate", [args.amplsim, "simulate", path, "--format", "json"], (0,)),
                ("table", [args.amplsim, "what-if", path, "--step", step], (1,)),
                ("json", [args.amplsim, "what-if", path, "--step", step, "--format", "json"], (1,))]
    results = measure(commands, args, f"ways out {networks}")
    answer = os.path.join(args.work, "waysout.json")
    run(commands[2][1], (1,), stdout_path=answer)
    with open(answer) as f:
        summary = json.load(f)["summary"]
    os.remove(answer)
    base = results["simulate"]
    rows = []
    for key, label in (("simulate", "simulate --format json"), ("table", "what-if (table)"),
                       ("json", "what-if --format json")):
        m = results[key]
        rows.append([label, m.runs, seconds(m.median), f"{seconds(m.min)}–{seconds(m.max)}", seconds(m.cpu),
                     f"{m.peak_mib:.0f}", ratio(m.cpu / base.cpu)])
    out(table(["process", "runs", "median s", "min–max s", "cpu s", "peak MiB", "× simulate (cpu)"], rows))
    out(f"\nbreaks: {count(summary['breaks'])}.\n")
    for key, label in (("table", "table"), ("json", "JSON")):
        m = results[key]
        targets.add("what-if", f"unpeer with {count(summary['breaks'])} breaks ({label}) ≤ 3× simulate's CPU",
                    f"{m.cpu / base.cpu:.2f}× ({seconds(m.cpu)} s vs {seconds(base.cpu)} s)", m.cpu <= 3 * base.cpu)
        targets.add("what-if", f"unpeer with many breaks ({label}) < 1 GiB", f"{m.peak_mib:.0f} MiB",
                    m.peak_mib < 1024)


# -- main ------------------------------------------------------------------------------------------

def integers(text):
    return [int(x.replace("_", "")) for x in text.split(",") if x]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--amplsim", default=os.path.join(os.path.dirname(HERE), ".build", "release", "amplsim"),
                        help="the amplsim binary (default: .build/release/amplsim)")
    parser.add_argument("--work", default=os.path.join(HERE, ".work"), help="where inputs are generated")
    parser.add_argument("--only", default="zone,audit,simulate,reports,intents,v2,whatif",
                        help="comma-separated: zone, audit, simulate, reports, intents, v2, whatif")
    parser.add_argument("--runs", type=int, help="force this many runs of everything")
    parser.add_argument("--budget", type=float, default=150,
                        help="seconds a benchmark size may take when a round exceeds 20 s (default 150)")
    parser.add_argument("--zone-sizes", type=integers, default=[100_000, 1_000_000])
    parser.add_argument("--audit-records", type=int, default=300_000, help="records of the audit benchmark's zone")
    parser.add_argument("--networks", type=integers, default=[250, 1000, 4000])
    parser.add_argument("--workspaces", type=int, default=200)
    parser.add_argument("--components", type=int, default=100)
    parser.add_argument("--shared", type=int, default=20, help="resources in every hub's scope")
    parser.add_argument("--whatif-networks", type=int, default=1000)
    parser.add_argument("--report-networks", type=int, default=1000, help="networks of the reports benchmark")
    parser.add_argument("--v2-networks", type=int, default=1000, help="networks of the version-2 tenant")
    parser.add_argument("--dces", type=int, default=50, help="DCEs of the version-2 tenant")
    parser.add_argument("--whatif-variants", type=lambda s: s.split(","), default=["none", "own"],
                        help="none: no zone group; own: the spoke's own zones (default: both)")
    args = parser.parse_args()
    args.amplsim = os.path.abspath(args.amplsim)
    if not os.access(args.amplsim, os.X_OK):
        sys.exit(f"bench: {args.amplsim} is not an executable (build with `swift build -c release`)")
    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(args.work, ".gitignore"), "w") as f:
        f.write("# generated by Benchmarks/bench.py: inputs and results, never committed\n*\n")
    only = set(args.only.split(","))
    unknown = only - {"zone", "audit", "simulate", "reports", "intents", "v2", "whatif"}
    if unknown:
        sys.exit(f"bench: unknown benchmark(s) {', '.join(sorted(unknown))}")

    out("### Machine\n")
    out(machine(args))
    out()
    targets = Targets()
    started = time.perf_counter()
    try:
        if "zone" in only:
            bench_zone(args, targets)
        if "audit" in only:
            bench_audit(args, targets)
        if "simulate" in only:
            bench_simulate(args, targets)
        if "reports" in only:
            bench_reports(args, targets)
        if "intents" in only:
            bench_intents(args, targets)
        if "v2" in only:
            bench_simulate_v2(args, targets)
        if "whatif" in only:
            bench_whatif(args, targets)
            bench_whatif_base(args, targets)
            bench_waysout(args, targets)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    out("### Targets\n")
    out(targets.text())
    out(f"\n(the harness ran {time.perf_counter() - started:.0f} s; load average at the end {load()}; "
        f"wall times well above cpu times mean the machine was busy)")
    with open(os.path.join(args.work, "last-run.md"), "w") as f:
        f.write("\n".join(REPORT) + "\n")
    progress(f"report saved in {os.path.join(args.work, 'last-run.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
