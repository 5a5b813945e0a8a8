# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
DATA ?= ./data
JOBS ?= $(shell nproc)

.PHONY: bootstrap build run test test-fast test-sanitize test-tsan bench format clean

bootstrap:
	@ops/bootstrap.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/bin/switchboard serve --dev --data $(DATA)

# The test binaries whose labels the ThreadSanitizer run selects (only these are built there).
TSAN_TESTS = eventstore_concurrency_tests crash_tests actors_concurrency_tests \
             http_concurrency_tests app_concurrency_tests projection_tests projection_crash_tests \
             voip_concurrency_tests

# The whole suite: a normal build, then every test again under AddressSanitizer +
# UndefinedBehaviorSanitizer, then the concurrency tests under ThreadSanitizer.
test: test-fast test-sanitize test-tsan

# The sanitizer trees link our libraries as shared objects: statically, every test binary
# carried its own instrumented copy of all of them (about 450 MB each, 5 GB a tree).
SANITIZER_CMAKE = -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBUILD_SHARED_LIBS=ON

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-sanitize: bootstrap
	cmake -S . -B build-asan $(SANITIZER_CMAKE) -DSB_SANITIZE=address,undefined
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

test-tsan: bootstrap
	cmake -S . -B build-tsan $(SANITIZER_CMAKE) -DSB_SANITIZE=thread
	cmake --build build-tsan -j $(JOBS) --target $(TSAN_TESTS)
	cd build-tsan && TSAN_OPTIONS=suppressions=$(CURDIR)/tests/tsan.supp ctest --output-on-failure -j $(JOBS) -L 'concurrency|crash|projections'

bench: build
	$(BUILD)/bin/bench_eventstore

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD) build-asan build-tsan
