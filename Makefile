# amplsim: build, demo and test on a fresh Debian machine.
SWIFT  ?= swift
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT     = DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
DEMO   ?= Fixtures/topologies/two-vnets-shared-dns.yaml

# `make install` and `make dist` (README, "Install"): a release build with the Swift runtime, and
# libldns with the OpenSSL archives it needs, linked statically, in its own scratch folder.
PREFIX  ?= /usr/local
DESTDIR ?=
STRIP   ?= strip
INSTALL_SCRATCH ?= .build-install
STAGE    = $(INSTALL_SCRATCH)/stage
VERSION := $(shell sed -n 's/^ *static let version = "\(.*\)"$$/\1/p' Sources/CLI/BuildInfo.swift)
ARCH    := $(shell uname -m)
DIST     = amplsim-$(VERSION)-linux-$(ARCH)
STATIC_LDNS = $(CURDIR)/$(INSTALL_SCRATCH)/static-libs
RELEASE_BUILD = PKG_CONFIG_PATH=$(CURDIR)/$(INSTALL_SCRATCH)/pkgconfig $(SWIFT) build -c release --static-swift-stdlib \
	--scratch-path $(INSTALL_SCRATCH) -Xswiftc -DAMPLSIM_BUILD_STAMP

.PHONY: all deps test-deps build release demo test bench fuzz sanitize clean install dist stage

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
	@if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1 || ! command -v $(STRIP) >/dev/null 2>&1; then \
		echo "make: installing man-db, groff-base and binutils (the install test)"; \
		$(APT) update -qq && $(APT) install -y -qq man-db groff-base binutils; \
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

# The executable, its man page and its shell completions, under $(STAGE) as they are installed
# under $(PREFIX). The Swift runtime is linked statically (--static-swift-stdlib), and so is
# libldns: a pkg-config file of our own points the linker at static-libs, where libldns.a is a
# linker script grouping the archives of libldns and of the OpenSSL libraries it calls (libldns-dev
# and libssl-dev ship them), so the executable needs only the C and C++ runtime libraries of the
# system. BuildStamp.swift (not in git) gives --version the commit. The man page is
# swift-argument-parser's generate-manual (built from the package's own dependency, offline) run
# on the executable: it renders the commands' help.
stage: deps
	@if ! command -v $(STRIP) >/dev/null 2>&1; then \
		echo "make: installing binutils"; $(APT) update -qq && $(APT) install -y -qq binutils; \
	fi
	@mkdir -p $(INSTALL_SCRATCH)/static-libs
	@commit=$$(git rev-parse --short=12 HEAD 2>/dev/null || true); \
	if [ -n "$$commit" ] && ! git diff --quiet HEAD -- 2>/dev/null; then commit="$$commit-dirty"; fi; \
	value=$${commit:+\"$$commit\"}; \
	printf '%s\n' "// Written by the Makefile before a stamped build (make install, make dist); not kept in git." \
		"#if AMPLSIM_BUILD_STAMP" "enum BuildStamp { static let commit: String? = $${value:-nil} }" "#endif" \
		> $(INSTALL_SCRATCH)/BuildStamp.swift; \
	cmp -s $(INSTALL_SCRATCH)/BuildStamp.swift Sources/CLI/BuildStamp.swift || cp $(INSTALL_SCRATCH)/BuildStamp.swift Sources/CLI/BuildStamp.swift
	@libdir=$$(pkg-config --variable=libdir ldns); ssldir=$$(pkg-config --variable=libdir libcrypto 2>/dev/null || echo $$libdir); \
	for archive in $$libdir/libldns.a $$ssldir/libssl.a $$ssldir/libcrypto.a; do \
		[ -f $$archive ] || { echo "make: $$archive is missing (libldns-dev and libssl-dev ship it)"; exit 1; }; \
	done; \
	echo "GROUP ( $$libdir/libldns.a $$ssldir/libssl.a $$ssldir/libcrypto.a )" > $(STATIC_LDNS)/libldns.a; \
	mkdir -p $(INSTALL_SCRATCH)/pkgconfig && \
	printf '%s\n' "Name: ldns" "Description: libldns from its static archive, with the OpenSSL archives it needs" \
		"Version: $$(pkg-config --modversion ldns)" "Libs: -L$(STATIC_LDNS) -lldns" "Cflags: $$(pkg-config --cflags ldns)" \
		> $(INSTALL_SCRATCH)/pkgconfig/ldns.pc
	$(RELEASE_BUILD) --product amplsim
	$(RELEASE_BUILD) --product generate-manual
	@bin=$$($(RELEASE_BUILD) --show-bin-path) && \
	rm -rf $(STAGE) && mkdir -p $(STAGE)/bin $(STAGE)/share/man/man1 $(STAGE)/share/bash-completion/completions \
		$(STAGE)/share/zsh/site-functions $(STAGE)/share/fish/vendor_completions.d && \
	cp $$bin/amplsim $(STAGE)/bin/amplsim && $(STRIP) $(STAGE)/bin/amplsim && \
	if ldd $(STAGE)/bin/amplsim | grep -E 'libldns|libssl|libcrypto|libswift|libFoundation|libdispatch|libBlocksRuntime'; then \
		echo "make: $(STAGE)/bin/amplsim needs the libraries above at run time; it should not"; exit 1; \
	fi && \
	date=$$(git log -1 --format=%cs 2>/dev/null || date -u +%F) && \
	$$bin/generate-manual $(STAGE)/bin/amplsim --date $$date --output-directory $(STAGE)/share/man/man1 && \
	sed -i 's/^$$/.Pp/' $(STAGE)/share/man/man1/amplsim.1 && \
	$(STAGE)/bin/amplsim --generate-completion-script bash > $(STAGE)/share/bash-completion/completions/amplsim && \
	$(STAGE)/bin/amplsim --generate-completion-script zsh > $(STAGE)/share/zsh/site-functions/_amplsim && \
	$(STAGE)/bin/amplsim --generate-completion-script fish > $(STAGE)/share/fish/vendor_completions.d/amplsim.fish && \
	echo "make: staged $$($(STAGE)/bin/amplsim --version) in $(STAGE)"

# Installs into $(DESTDIR)$(PREFIX): bin/amplsim, share/man/man1/amplsim.1, and the bash, zsh and
# fish completions.
install: stage
	install -D -m 755 $(STAGE)/bin/amplsim $(DESTDIR)$(PREFIX)/bin/amplsim
	install -D -m 644 $(STAGE)/share/man/man1/amplsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/amplsim.1
	install -D -m 644 $(STAGE)/share/bash-completion/completions/amplsim $(DESTDIR)$(PREFIX)/share/bash-completion/completions/amplsim
	install -D -m 644 $(STAGE)/share/zsh/site-functions/_amplsim $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_amplsim
	install -D -m 644 $(STAGE)/share/fish/vendor_completions.d/amplsim.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/amplsim.fish

# The same files as a tarball to unpack under a prefix: $(DIST).tar.gz.
dist: stage
	rm -rf $(INSTALL_SCRATCH)/$(DIST) && cp -R $(STAGE) $(INSTALL_SCRATCH)/$(DIST)
	tar -C $(INSTALL_SCRATCH) --sort=name --owner=0 --group=0 --numeric-owner -czf $(DIST).tar.gz $(DIST)
	@echo "make: wrote $(DIST).tar.gz"

clean:
	rm -rf .build $(INSTALL_SCRATCH) Sources/CLI/BuildStamp.swift
