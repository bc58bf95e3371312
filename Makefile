# RuskAot — one entry point for set-up, build, tests, samples and benchmarks.
# `make test` ends with one line: `N passed, M failed, K skipped`.

SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
CORPUS ?= ../shared/conformance
N ?= 1000000
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: setup build test run bench bench-aot fuzz corpus clean

# Idempotent: installs only what is missing on a fresh Debian machine.
setup:
	@bash scripts/setup.sh

build: setup
	$(DOTNET) build RuskAot.sln -c $(CONFIG) --nologo -v q -clp:ErrorsOnly
	@mkdir -p artifacts
	@printf '#!/bin/sh\nexec dotnet "%s" "$$@"\n' "$(CURDIR)/.build/bin/Rusk.Cli/$(shell echo $(CONFIG) | tr A-Z a-z)/rusk-vm.dll" > artifacts/rusk-vm
	@chmod +x artifacts/rusk-vm

test: build
	@bash scripts/test.sh $(CONFIG)

run: build
	@bash scripts/run.sh

corpus: build
	artifacts/rusk-vm corpus $(CORPUS)

bench: build
	@CORPUS=$(CORPUS) bash scripts/bench.sh

# The same benchmarks with rusk-vm published by NativeAOT (artifacts/aot/rusk-vm).
bench-aot: setup
	@CORPUS=$(CORPUS) bash scripts/bench-aot.sh

fuzz: build
	artifacts/rusk-vm fuzz $(CORPUS)/cases --count $(N)

clean:
	rm -rf .build artifacts
