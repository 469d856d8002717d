#!/usr/bin/env bash
# Builds and runs amplsim's libFuzzer targets (Linux). Docs/robustness.md explains them.
#
#   Fuzz/fuzz.sh build                 build both targets
#   Fuzz/fuzz.sh run [SECONDS] [TARGET...]
#                                      build, replay Fuzz/regressions/TARGET, then fuzz each target
#                                      for SECONDS (default 60) from the seed corpus (Fixtures/)
#                                      and the corpus saved by earlier runs
#   Fuzz/fuzz.sh replay [TARGET...]    build and run each file of Fuzz/regressions/TARGET once
#
# Targets: zone-file (the zone-file reader), topology (the topology loader). The code under test is
# built by SwiftPM in release with -sanitize=fuzzer,address into its own scratch folder
# (FUZZ_SCRATCH, default .build-fuzz), and each harness (Fuzz/*Fuzz.swift) is compiled with swiftc
# and linked to those objects: `swift build` and `swift test` never see this folder.
# Environment: FUZZ_SCRATCH; FUZZ_FLAGS, extra libFuzzer flags (e.g. "-jobs=2 -workers=2");
# FUZZ_BUILD=0 to use the targets already built (to run two targets at once, build first);
# FUZZ_ZSCANNER, a folder of Knot's zone-scanner inputs added to the zone-file seeds when present
# (default ../shared/corpus/zscanner).
# Exit status: 0 when nothing was found, 1 when a target crashed, aborted, leaked or timed out
# (the input is in $FUZZ_SCRATCH/findings/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
SWIFT=${SWIFT:-swift}
SWIFTC=${SWIFTC:-swiftc}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
all_targets=(zone-file topology)
zscanner=${FUZZ_ZSCANNER:-../shared/corpus/zscanner}

sanitize=(-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -enable-testing)

build() {
    # The modules under test (AmplsimTopology needs AmplsimZoneFile, AmplsimEngine,
    # AmplsimZoneBridge, AmplsimRender and Yams: the link lines below name each of them),
    # instrumented for coverage and AddressSanitizer; -enable-testing lets the zone-file harness
    # reach the reader's piece size and its ldns-only mode.
    "$SWIFT" build --scratch-path "$scratch" -c release --target AmplsimTopology "${sanitize[@]}"
    local bin
    bin=$("$SWIFT" build --scratch-path "$scratch" -c release "${sanitize[@]}" --show-bin-path)
    mkdir -p "$scratch/fuzzers"
    # The modules' declarations are `package` (Docs/architecture.md, "Access"), visible to a
    # module compiled with the same package name: SwiftPM's, read off its build description
    # (it follows the checkout's folder name).
    local package
    package=$(grep -o '"-module-name","AmplsimTopology"[^]]*' "$scratch/release.yaml" \
        | grep -o '"-package-name","[^"]*"' | head -n 1 | cut -d '"' -f 4)
    if [ -z "$package" ]; then
        echo "fuzz: no -package-name for AmplsimTopology in $scratch/release.yaml" >&2
        return 1
    fi
    local common=(-sanitize=fuzzer,address -parse-as-library -O -use-ld=lld -package-name "$package" -I "$bin/Modules"
        -Xcc "-fmodule-map-file=$root/Sources/CLDNS/module.modulemap"
        -Xcc "-fmodule-map-file=$scratch/checkouts/Yams/Sources/CYaml/include/module.modulemap")
    "$SWIFTC" "${common[@]}" Fuzz/ZoneFileFuzz.swift "$bin"/AmplsimZoneFile.build/*.o -lldns \
        -o "$scratch/fuzzers/zone-file"
    "$SWIFTC" "${common[@]}" Fuzz/TopologyFuzz.swift "$bin"/AmplsimZoneFile.build/*.o \
        "$bin"/AmplsimEngine.build/*.o "$bin"/AmplsimZoneBridge.build/*.o "$bin"/AmplsimRender.build/*.o \
        "$bin"/AmplsimTopology.build/*.o "$bin"/Yams.build/*.o \
        "$bin"/CYaml.build/src/*.o -lldns -o "$scratch/fuzzers/topology"
    echo "fuzz: built $scratch/fuzzers/zone-file and $scratch/fuzzers/topology"
}

# Copies the seed inputs of a target from Fixtures/ into a fresh folder (flattened names).
seed() {
    local target=$1 dir="$scratch/seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    local files
    case $target in
    zone-file) files=$(find Fixtures/zones Fixtures/topologies/zones Fixtures/audit/zones -type f -name '*.zone'
                       find Fixtures/bad -type f -name 'zone-*'
                       # Knot's zone-scanner inputs, every record type, where present (as for
                       # Tests/ZoneFileTests/CorpusTests.swift).
                       if [ -d "$zscanner" ]; then find "$zscanner" -type f -name '*.in'; fi) ;;
    topology) files=$(find Fixtures/topologies Fixtures/audit Fixtures/scenarios -maxdepth 1 -type f -name '*.yaml'
                      find Fixtures/bad -type f -name 'topology-*') ;;
    esac
    local file
    for file in $files; do cp "$file" "$dir/$(echo "${file#../}" | tr / _)"; done
}

# Runs every file of Fuzz/regressions/TARGET through the target once.
replay() {
    local target=$1 dir="Fuzz/regressions/$1"
    local files=()
    [ -d "$dir" ] && mapfile -t files < <(find "$dir" -type f ! -name README.md | sort)
    if [ ${#files[@]} -eq 0 ]; then return 0; fi
    echo "fuzz: $target: replaying ${#files[@]} regression input(s) from $dir"
    AMPLSIM_ROOT=$root "$scratch/fuzzers/$target" -runs=1 "${files[@]}" >"$scratch/logs/$target-replay.log" 2>&1 || {
        tail -n 40 "$scratch/logs/$target-replay.log"
        echo "fuzz: $target: a regression input fails again (log: $scratch/logs/$target-replay.log)"
        return 1
    }
}

run() {
    local target=$1 seconds=$2
    seed "$target"
    mkdir -p "$scratch/corpus/$target" "$scratch/findings/$target" "$scratch/logs"
    replay "$target"
    echo "fuzz: $target: ${seconds} s (log: $scratch/logs/$target.log)"
    # shellcheck disable=SC2086
    if AMPLSIM_ROOT=$root "$scratch/fuzzers/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -dict="Fuzz/$target.dict" -artifact_prefix="$scratch/findings/$target/" -print_final_stats=1 \
        ${FUZZ_FLAGS:-} "$scratch/corpus/$target" "$scratch/seeds/$target" >"$scratch/logs/$target.log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done ' "$scratch/logs/$target.log" | sed "s/^/fuzz: $target: /"
    else
        tail -n 60 "$scratch/logs/$target.log"
        echo "fuzz: $target: FOUND A PROBLEM; the input is in $scratch/findings/$target/"
        return 1
    fi
}

command=${1:-run}
shift || true
case $command in
build) build ;;
replay)
    [ "${FUZZ_BUILD:-1}" = 0 ] || build
    mkdir -p "$scratch/logs"
    targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
    for target in "${targets[@]}"; do replay "$target"; done ;;
run)
    seconds=${1:-60}
    shift || true
    targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
    [ "${FUZZ_BUILD:-1}" = 0 ] || build
    status=0
    for target in "${targets[@]}"; do run "$target" "$seconds" || status=1; done
    exit $status ;;
*) echo "usage: Fuzz/fuzz.sh build | run [SECONDS] [TARGET...] | replay [TARGET...]" >&2; exit 64 ;;
esac
