#!/usr/bin/env python3
"""Deterministic BIND zone files for the zone-import benchmark (Python 3 standard library only).

The zone `bench.example.` holds exactly N records: SOA, NS and the name server's A record at the
apex, then A, AAAA and CNAME records (about 50 %, 30 %, 20 %). Every 10,000 records a new
`$ORIGIN zNNN.bench.example.` starts, with relative owner names below it; `$TTL` is set at the
top and changed with each origin; some lines carry an explicit TTL and class, some absolute
owner names. Each CNAME points at an A name of the same block, never beside other data. The file
passes named-checkzone, kzonecheck and ldns-read-zone. The same N always gives the same bytes.

Usage: gen_zone.py RECORDS [OUTPUT]      (writes to standard output without OUTPUT)
"""

import sys

ORIGIN = "bench.example."
BLOCK = 10_000


def lines(records):
    if records < 3:
        raise ValueError("a zone needs at least 3 records (SOA, NS, glue)")
    yield f"; {records} records, Benchmarks/gen_zone.py\n"
    yield f"$ORIGIN {ORIGIN}\n"
    yield "$TTL 3600\n"
    yield "@\tIN\tSOA\tns1 hostmaster 2024010101 7200 3600 1209600 3600\n"
    yield "@\tIN\tNS\tns1\n"
    yield "ns1\tIN\tA\t192.0.2.53\n"
    left = records - 3
    i = 0
    while i < left:
        block = i // BLOCK
        if i % BLOCK == 0:
            yield f"$ORIGIN z{block:03d}.{ORIGIN}\n"
            yield f"$TTL {300 + block % 7 * 60}\n"
        k = i % BLOCK          # index inside the block
        host = k // 2           # A at even k, then AAAA or CNAME at odd k (alternating per host)
        a, b, c = (block >> 8) & 255, block & 255, host & 255
        if k % 2 == 0:
            if k % 20 == 0:    # an absolute owner with explicit TTL and class
                yield f"h{host}.z{block:03d}.{ORIGIN} 600 IN A 10.{a}.{b}.{c}\n"
            else:
                yield f"h{host}\tA\t10.{a}.{b}.{c}\n"
        elif host % 5 in (1, 3):   # 40 % of hosts get a CNAME (20 % of the records) ...
            yield f"www{host}\tIN\tCNAME\th{host}\n"
        else:                        # ... the others an AAAA (30 %)
            yield f"h{host}\t{120 + host % 3 * 60}\tAAAA\t2001:db8:{block:x}::{host:x}\n"
        i += 1


def main(argv):
    if len(argv) not in (2, 3) or not argv[1].replace("_", "").isdigit():
        sys.exit(__doc__)
    records = int(argv[1].replace("_", ""))
    out = open(argv[2], "w", encoding="ascii") if len(argv) == 3 else sys.stdout
    with out:
        buffer = []
        for line in lines(records):
            buffer.append(line)
            if len(buffer) >= 65536:
                out.write("".join(buffer))
                buffer.clear()
        out.write("".join(buffer))


if __name__ == "__main__":
    main(sys.argv)
