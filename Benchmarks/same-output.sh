#!/usr/bin/env bash
# Compares two amplsim executables on every fixture: simulate (table, json, markdown, dot), audit
# (table, json, sarif, markdown), replay and what-if of the scenarios (table, json), check, resolve
# of every client name, generate (all kinds) and lab config. Prints each command whose standard
# output, standard error or exit status differ; exits 1 if any did. Used to show that a refactor
# changed no byte (Docs/architecture.md).
#   Benchmarks/same-output.sh OLD_AMPLSIM NEW_AMPLSIM
set -uo pipefail
old=$(realpath "$1") new=$(realpath "$2")
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
count=0 differ=0
compare() {
    count=$((count + 1))
    (cd "$work" && rm -rf o n && mkdir o n)
    (cd "$work/o" && "$old" "$@" >../o.out 2>../o.err; echo $? >../o.rc)
    (cd "$work/n" && "$new" "$@" >../n.out 2>../n.err; echo $? >../n.rc)
    if ! cmp -s "$work/o.out" "$work/n.out" || ! cmp -s "$work/o.err" "$work/n.err" \
        || ! cmp -s "$work/o.rc" "$work/n.rc" || ! diff -r "$work/o" "$work/n" >/dev/null; then
        differ=$((differ + 1)); echo "DIFFERS: amplsim $*"
    fi
}
root=$PWD
topologies=$(ls Fixtures/topologies/*.yaml Fixtures/audit/*.yaml Fixtures/intents/*.yaml \
    Fixtures/lab/*.yaml Fixtures/scenarios/*.yaml 2>/dev/null | grep -v intents.yaml)
for t in $topologies; do
    f="$root/$t"
    for fmt in table json markdown dot; do compare simulate "$f" --format "$fmt"; done
    compare simulate "$f" --failures-only
    for fmt in table json sarif markdown; do compare audit "$f" --format "$fmt"; done
    compare replay "$f"; compare replay "$f" --format json
    compare check "$f" --format json
    compare lab config "$f" --out cfg
    for e in $("$old" simulate "$f" --format json 2>/dev/null | python3 -c '
import json,sys
try: d=json.load(sys.stdin)
except Exception: sys.exit(0)
print(" ".join(sorted({r.get("via") or "" for r in d.get("results",[])} - {""})))' 2>/dev/null); do
        compare generate "$f" --endpoint "$e" --out gen --kind all
    done
    for pair in $("$old" simulate "$f" --format json 2>/dev/null | python3 -c '
import json,sys
try: d=json.load(sys.stdin)
except Exception: sys.exit(0)
seen=set()
for r in d.get("results",[]):
    k=(r.get("network"),r.get("fqdn"))
    if None not in k and k not in seen: seen.add(k); print(k[0]+"|"+k[1])' 2>/dev/null | head -40); do
        compare resolve "$f" --network "${pair%%|*}" "${pair#*|}"
    done
done
for s in Fixtures/scenarios/*.yaml; do
    base=Fixtures/topologies/two-vnets-shared-dns.yaml
    for fmt in table json markdown; do compare what-if "$root/$base" --scenario "$root/$s" --format "$fmt"; done
done
for fmt in table json; do
    compare what-if "$root/Fixtures/audit/dev-spoke-override.yaml" --step '{deleteEndpoint: pe-dev}' --format "$fmt"
done
echo "$count commands compared, $differ differ"
[ "$differ" = 0 ]
