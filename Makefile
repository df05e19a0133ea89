# ultrasound — see README.md. Every target installs what is missing first (scripts/install-deps).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build test check unit spec asan format format-check layering bench bench-node e2e devnet clean help

all: build

help:
	@echo "make build   release build; the CLI is $(BUILD)/bin/ultrasound"
	@echo "make test    install deps, build, run every test (what CI runs)"
	@echo "make check   build and run the tests of the release build only (quick)"
	@echo "make asan    ASan+UBSan build of the unit tests, and run them"
	@echo "make bench   build and run the benchmarks (prints a table)"
	@echo "make devnet  build, then run the L1 + rollup devnet (ultrasound devnet; DEVNET_ARGS=...)"
	@echo "make e2e     build, then the JavaScript end-to-end tests (node --test, ethers, viem)"
	@echo "make bench-node  build, then ultrasound node vs anvil (bench/node/compare.mjs)"
	@echo "make format  clang-format every C++ file in place"

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DULTRA_WERROR=ON $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

check: build
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure --timeout 1800

# The sanitizer job: ASan+UBSan, unit tests only.
$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DULTRA_WERROR=ON \
	    -DULTRA_SANITIZE=address,undefined -DULTRA_BENCHMARKS=OFF $(CMAKE_FLAGS)

asan: deps $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target ultra_unit_tests
	cd $(ASAN_BUILD) && ULTRA_TEST_SCALE=10 ctest -j $(JOBS) -L unit --output-on-failure --timeout 1800

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@tools/check_format.sh

layering:
	@tools/check_layering.sh
	@tools/check_layering.sh --self-test

test: deps format-check layering check e2e asan
	@echo "make test: all checks passed"

bench: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	@for b in $(BUILD)/bin/ultra_bench_*; do echo "== $$(basename $$b)"; $$b --benchmark_counters_tabular=true $(BENCH_ARGS) || exit 1; done

# The one-command devnet: L1 node, NativeRollup(s), sequencers; writes <datadir>/devnet.json.
devnet: build
	$(BUILD)/bin/ultrasound devnet $(DEVNET_ARGS)

# End-to-end tests in JavaScript (test/e2e, Node's built-in runner) against $(BUILD)/bin/ultrasound:
# each test starts its own node on a free loopback port with a temporary datadir. Part of
# `make test`, after the C++ tests. A test may take up to E2E_TIMEOUT ms (they set their own,
# shorter, timeouts; this is the backstop).
E2E_TIMEOUT ?= 600000
e2e: build
	ULTRASOUND_BIN=$(abspath $(BUILD))/bin/ultrasound ULTRA_BUILD_DIR=$(BUILD) \
	    node --test --test-timeout=$(E2E_TIMEOUT) test/e2e/*.test.mjs

# `ultrasound node` against anvil on the same workload (docs/benchmarks.md); BENCH_NODE_ARGS
# passes options (--transfers N --tokens N --calls M --senders S --only ultrasound|anvil).
bench-node: build
	ULTRASOUND_BIN=$(abspath $(BUILD))/bin/ultrasound ULTRA_BUILD_DIR=$(BUILD) \
	    node bench/node/compare.mjs $(BENCH_NODE_ARGS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
