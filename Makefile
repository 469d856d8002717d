# amplsim: build, demo and test on a fresh Debian machine.
SWIFT  ?= swift
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT     = DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
DEMO   ?= Fixtures/topologies/two-vnets-shared-dns.yaml

.PHONY: all deps test-deps build release demo test bench fuzz sanitize clean

all: build

# Installs the C library (and pkg-config) when pkg-config cannot find ldns.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists ldns; then \
		echo "make: installing libldns-dev and pkg-config"; \
		$(APT) update -qq && $(APT) install -y -qq libldns-dev pkg-config; \
	fi

# The zone checkers the tests run generated zones through (named-checkzone, kzonecheck), and
# GNU time, which measures the hostile-input bounds; Graphviz (dot draws the diagrams) and
# Chromium (the HTML report is opened headless) for the report tests; BIND 9's named and dig for
# the lab tests (Docs/lab.md), and iproute2, which brings loopback up in their network namespace.
test-deps: deps
	@if ! command -v named-checkzone >/dev/null 2>&1 || ! command -v kzonecheck >/dev/null 2>&1 || \
	    ! [ -x /usr/bin/time ]; then \
		echo "make: installing bind9-utils, knot-dnssecutils and time"; \
		$(APT) update -qq && $(APT) install -y -qq bind9-utils knot-dnssecutils time; \
	fi
	@if ! command -v dot >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
		echo "make: installing graphviz and chromium"; \
		$(APT) update -qq && $(APT) install -y -qq graphviz chromium; \
	fi
	@if ! [ -x /usr/sbin/named ] || ! command -v dig >/dev/null 2>&1 || \
	    ! { command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ]; }; then \
		echo "make: installing bind9, bind9-dnsutils and iproute2"; \
		$(APT) update -qq && $(APT) install -y -qq bind9 bind9-dnsutils iproute2; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job on the bundled example: two unpeered VNets sharing private DNS zones.
demo: build
	@echo "== amplsim simulate $(DEMO)"
	@$$($(SWIFT) build --show-bin-path)/amplsim simulate $(DEMO)

test: test-deps
	$(SWIFT) test

# Benchmarks (Docs/performance.md): installs the zone checkers amplsim is compared with, builds
# in release and runs the harness (Python 3 standard library). Separate from `make test`: no
# timed assertions there. BENCH_ARGS passes options, e.g. BENCH_ARGS="--only zone --runs 7".
BENCH_ARGS ?=
bench: deps
	@if ! command -v python3 >/dev/null 2>&1 || ! command -v kzonecheck >/dev/null 2>&1 || \
	    ! command -v ldns-read-zone >/dev/null 2>&1 || ! command -v named-checkzone >/dev/null 2>&1; then \
		echo "make: installing python3, knot-dnssecutils, ldnsutils and bind9-utils"; \
		$(APT) update -qq && $(APT) install -y -qq python3 knot-dnssecutils ldnsutils bind9-utils; \
	fi
	$(SWIFT) build -c release
	python3 Benchmarks/bench.py --amplsim "$$($(SWIFT) build -c release --show-bin-path)/amplsim" $(BENCH_ARGS)

# Fuzzing (Docs/robustness.md): libFuzzer targets for the zone-file reader and the topology
# loader, built in release with -sanitize=fuzzer,address under .build-fuzz (never by `swift
# build`), each run for SECONDS from the seeds in Fixtures/ after replaying Fuzz/regressions.
# Exit 1 when a target crashes, aborts, leaks or times out; the input is in .build-fuzz/findings.
SECONDS ?= 60
fuzz: deps
	SWIFT=$(SWIFT) Fuzz/fuzz.sh run $(SECONDS)

# The test suite under AddressSanitizer (with LeakSanitizer: no leak on any path, ldns's
# included) and under ThreadSanitizer (the zone reader parses on every core), each in its own
# scratch folder. Fuzz/lsan.supp lists the leaks of the toolchain's own libraries.
sanitize: test-deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan.supp $(SWIFT) test --scratch-path .build-asan --sanitize=address
	$(SWIFT) test --scratch-path .build-tsan --sanitize=thread

clean:
	rm -rf .build
