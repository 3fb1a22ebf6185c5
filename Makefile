# Thin wrapper: install Debian packages that are missing, configure, build, export, test.
# The package lists below are the one place the project's Debian dependencies are named.
# catch2, libxml2-dev (the DocBook RELAX NG oracle of the tests and fuzz targets) and libqpdf-dev
# (qpdf --check over many files in one process), never linked into the program, are build
# packages because the default configuration builds the tests. mold is the linker when installed
# (CMakeLists.txt, HANDOUT_MOLD): it links the dozen large executables in a fraction of ld's time.
# ccache keeps every compile (CMakeLists.txt, HANDOUT_CCACHE): a second clone or a clean tree
# on the same machine compiles in a fraction of the time.

BUILD_PACKAGES := cmake g++ make pkg-config \
  libpugixml-dev libhpdf-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcli11-dev \
  catch2 libyaml-cpp-dev libzip-dev libharfbuzz-dev libfontconfig-dev libpng-dev libjpeg-dev \
  libutf8proc-dev libqrencode-dev zlib1g-dev libdeflate-dev libmimalloc-dev mold ccache \
  nlohmann-json3-dev libxxhash-dev libicu-dev libcld2-dev libcpp-httplib-dev libxml2-dev libqpdf-dev docbook5-xml \
  fonts-dejavu-core fonts-dejavu-extra \
  fonts-noto-core fonts-droid-fallback fonts-nanum
# weasyprint: the i18n side-by-side test (Arabic and Chinese beside pandoc + WeasyPrint) runs
# in `make test`, not only on machines that ran the benchmarks.
TEST_PACKAGES := docbook5-xml jing libxml2-utils poppler-utils qpdf pandoc \
  epubcheck default-jdk-headless chromium-headless-shell unzip jq time bsdutils zbar-tools \
  dpkg-dev strace python3 unicode-data curl weasyprint
# The sanitizer and fuzzing build (build-asan): clang with libFuzzer and the ASan/UBSan runtimes.
SANITIZE_PACKAGES := clang-14 libclang-rt-14-dev
# The benchmarks (`make bench-compare` times pandoc and WeasyPrint side by side) need nothing
# beyond the test packages.
BENCH_PACKAGES :=
# DAISY Ace (EPUB accessibility) comes from npm, pinned by tests/ace/package-lock.json, and is
# installed into $(ACE_DIR); Node.js and npm come from Debian when no npm is on the PATH.
ACE_PACKAGES := nodejs npm

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
HANDOUT := $(BUILD_DIR)/handout
ASAN_DIR ?= build-asan
# Labels run under the sanitizers by `make test` (the Catch2 tests, the hostile corpus and a
# short run of every fuzz target); `make test-asan-all` runs the whole suite there.
ASAN_LABELS ?= unit|hostile|fuzz
# -O1 with line tables only: the sanitized build compiles in about half the time, and reports
# still name file and line.
ASAN_OPT ?= -O1 -gline-tables-only -DNDEBUG
# The two 10 MB wiki-lexer timing cases take minutes under ASan and exercise nothing the
# hostile corpus's long single lines do not; they run in the normal build. For the same reason
# hostile_inputs converts only the first 2 MiB of its 10 MB single line under ASan (40 s in full):
# every size cap on that path is 1 MiB or less, so the 2 MiB take the same branches; the 10 MB
# time and memory bound is checked by the normal build.
# durability_order runs the program under strace, where LeakSanitizer cannot work. kill_build
# and power_loss check file writing and renaming, not memory, and would take minutes under ASan.
ASAN_EXCLUDE ?= ^10 MB of apostrophes|^a 10 MB single line of mixed markup|^durability_order$$|^kill_build$$|^power_loss$$
ACE_DIR := $(BUILD_DIR)/ace
BROWSER_DIR := $(BUILD_DIR)/browser

.PHONY: package all deps test-deps sanitize-deps bench-deps ace browser configure build export test check asan-configure asan asan-all test-asan test-asan-all fuzz bench bench-pdf bench-compare update-golden clean

all: export

# Installs (as root, with apt-get) whatever of the named packages is not installed yet.
define install_missing
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PACKAGES))

test-deps: deps
	$(call install_missing,$(TEST_PACKAGES))

bench-deps: test-deps
	$(call install_missing,$(BENCH_PACKAGES))

# WERROR=ON|OFF sets warnings as errors (kept in the tree's cache; `make test` sets ON).
CMAKE_WERROR = $(if $(WERROR),-DHANDOUT_WERROR=$(WERROR))

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_WERROR)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Exports every source in input/ to output/ (mirroring folders), rebuilding only what changed.
export: build
	$(HANDOUT) build input -o output

# The Debian packages handout_VERSION_ARCH.deb and handout-dbgsym_VERSION_ARCH.deb in $(BUILD_DIR)
# (CPack; library dependencies from dpkg-shlibdeps). Install with dpkg -i or apt-get install ./FILE.
package: build
	cd $(BUILD_DIR) && cpack -G DEB

# Installs the pinned DAISY Ace into $(ACE_DIR) (again only when the lock file changed).
# Install scripts are skipped: the only one downloads a Chrome, and Debian's Chromium (its old
# headless shell, chromium-headless-shell) is used.
ace: test-deps
	@command -v npm > /dev/null || { apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(ACE_PACKAGES); }
	@mkdir -p $(ACE_DIR)
	@if ! cmp -s tests/ace/package-lock.json $(ACE_DIR)/package-lock.json || [ ! -x $(ACE_DIR)/node_modules/.bin/ace-cli ]; then \
	  cp tests/ace/package.json tests/ace/package-lock.json $(ACE_DIR)/ && \
	  cd $(ACE_DIR) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts; \
	fi

# puppeteer-core for the browser tests (tests/browser), pinned by its package-lock.json and
# installed into $(BROWSER_DIR); it drives Debian's Chromium (TEST_PACKAGES), never a download.
browser: test-deps
	@command -v npm > /dev/null || { apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(ACE_PACKAGES); }
	@mkdir -p $(BROWSER_DIR)
	@if ! cmp -s tests/browser/package-lock.json $(BROWSER_DIR)/package-lock.json || [ ! -d $(BROWSER_DIR)/node_modules/puppeteer-core ]; then \
	  cp tests/browser/package.json tests/browser/package-lock.json $(BROWSER_DIR)/ && \
	  cd $(BROWSER_DIR) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts; \
	fi

# As root, deb_install installs the built .deb, runs it and removes it again (skipped when a
# handout package is already installed); HANDOUT_TEST_DPKG=0 skips it.
HANDOUT_TEST_DPKG ?= 1
# The tests build with warnings as errors (GCC tree; the clang sanitizer tree reports them).
# Ace and puppeteer-core are installed (npm ci: mostly unpacking, 15-20 s) while the tree compiles.
test: test-deps
	@$(MAKE) --no-print-directory ace browser & npm=$$!; \
	status=0; $(MAKE) --no-print-directory build WERROR=ON || status=$$?; \
	wait $$npm || status=1; exit $$status
	cd $(BUILD_DIR) && HANDOUT_TEST_DPKG=$(HANDOUT_TEST_DPKG) ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-asan

sanitize-deps: deps
	$(call install_missing,$(SANITIZE_PACKAGES))

# The same code built by clang with AddressSanitizer, UndefinedBehaviorSanitizer and the
# libFuzzer targets (HANDOUT_FUZZ implies HANDOUT_SANITIZE).
# `make test` builds only what the ASAN_LABELS tests run (the rest of the tools compile in the
# normal build), which saves a third of the sanitized compile: CMake's sanitized_test_programs,
# one target so that both cores compile (several --target goals build one after another).
ASAN_TARGETS ?= sanitized_test_programs
asan-configure: sanitize-deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHANDOUT_FUZZ=ON \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(ASAN_OPT)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(ASAN_OPT)"

asan: asan-configure
	cmake --build $(ASAN_DIR) -j $(JOBS) --target $(ASAN_TARGETS)

asan-all: asan-configure
	cmake --build $(ASAN_DIR) -j $(JOBS)

test-asan: test-deps asan
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS) -L '$(ASAN_LABELS)' -E '$(ASAN_EXCLUDE)'

test-asan-all: test-deps asan-all ace browser
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS)

# The fast inner loop while working: build, then the unit tests and the quality corpus (a minute
# or two), without validators, end-to-end scripts or the sanitized build.
check: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L 'unit|quality'

# Runs every fuzz target for FUZZ_SECONDS each (default 600), keeping the corpus in $(ASAN_DIR)/fuzz.
FUZZ_SECONDS ?= 600
fuzz: asan
	tests/fuzz/run.sh $(ASAN_DIR) $(FUZZ_SECONDS)

# Benchmarks `handout build` over a generated corpus (BENCH_SOURCES sources); not part of `make test`.
BENCH_SOURCES ?= 600
bench: bench-deps build
	tests/bench/run_bench.sh $(HANDOUT) $(BUILD_DIR)/tests/make_corpus $(BENCH_SOURCES)

# PDF handouts: milliseconds per handout and pages per second.
bench-pdf: bench-deps build
	tests/bench/pdf_speed.sh $(HANDOUT) $(BUILD_DIR)/tests/make_corpus . $(BENCH_SOURCES)

# handout build (every output) against pandoc (EPUB) and pandoc + WeasyPrint (PDF), one run side
# by side, plus a 1x/10x/100x scaling run. PEER_SAMPLE=N times the peers on N sources only.
COMPARE_SOURCES ?= 200
bench-compare: bench-deps build
	tests/bench/compare.sh $(HANDOUT) $(BUILD_DIR)/tests/make_corpus $(COMPARE_SOURCES)

# Rewrites the golden files from the current code; review the diff with `git diff tests/`.
update-golden: build
	HANDOUT_UPDATE_GOLDEN=1 $(BUILD_DIR)/tests/handout_tests "[golden]"

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
