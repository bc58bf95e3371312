# RuskAot — one entry point for set-up, build, tests, samples and benchmarks.
# `make test` ends with one line: `N passed, M failed, K skipped`.

SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
CORPUS ?= ../shared/conformance
N ?= 1000000
# make bench QUICK=1: small sizes, fewer runs, no traces (under two minutes).
QUICK ?=
CFG = $(shell echo $(CONFIG) | tr A-Z a-z)
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: setup build test run bench bench-aot fuzz corpus clean conformance-browser report-browser playground format-check format

# Idempotent: installs only what is missing on a fresh Debian machine.
setup:
	@bash scripts/setup.sh

build: setup
	$(DOTNET) build RuskAot.sln -c $(CONFIG) --nologo -v q -clp:ErrorsOnly
	@bash scripts/build-browser.sh $(CONFIG) --no-build
	@mkdir -p artifacts
	@printf '#!/bin/sh\nexec dotnet "%s" "$$@"\n' "$(CURDIR)/.build/bin/Rusk.Cli/$(shell echo $(CONFIG) | tr A-Z a-z)/rusk-vm.dll" > artifacts/rusk-vm
	@chmod +x artifacts/rusk-vm

test: build
	@bash scripts/test.sh $(CONFIG)

run: build
	@bash scripts/run.sh

corpus: build
	artifacts/rusk-vm corpus $(CORPUS)

# .NET (JIT and NativeAOT) and Chromium (our VM, plain JS, QuickJS, Lua): perf/out/results.md.
bench: build
	@CORPUS=$(CORPUS) CONFIG=$(CONFIG) QUICK=$(QUICK) bash scripts/bench.sh

# The same benchmarks with rusk-vm published by NativeAOT (artifacts/aot/rusk-vm).
bench-aot: setup
	@CORPUS=$(CORPUS) bash scripts/bench-aot.sh

# Decoder fuzzing, then snapshot fuzzing (mutated snapshots restored; SNAPSHOT_N inputs).
SNAPSHOT_N ?= 100000
fuzz: build
	artifacts/rusk-vm fuzz $(CORPUS)/cases --count $(N)
	artifacts/rusk-vm fuzz-snapshot $(CORPUS)/cases --count $(SNAPSHOT_N)

# The conformance corpus in headless Chromium through the JS API; ends with `N passed, M failed`.
# ENGINE=aot runs it on the AOT engine (dist/aot/rusk.wasm) instead of mono.
ENGINE ?= mono
conformance-browser: build
	@$(DOTNET) .build/bin/Rusk.Browser.Host/$(CFG)/Rusk.Browser.Host.dll conformance $(CORPUS) --engine $(ENGINE)

# Bytes a page fetches, cold start, per-call costs of the browser build (a benchmark, not a test).
report-browser: build
	@$(DOTNET) .build/bin/Rusk.Browser.Host/$(CFG)/Rusk.Browser.Host.dll report

# samples/playground on 127.0.0.1 (PORT=0: any free port); prints the URL, Ctrl-C stops it.
PORT ?= 8080
playground: build
	@RUSK_CORPUS=$(CORPUS) $(DOTNET) .build/bin/Rusk.Browser.Host/$(CFG)/Rusk.Browser.Host.dll serve $(PORT)

# C# layout against .editorconfig (CI runs it before `make test`); `make format` fixes.
format-check: setup
	@bash scripts/format-check.sh

format: setup
	@bash scripts/format-check.sh --fix

clean:
	rm -rf .build artifacts dist
