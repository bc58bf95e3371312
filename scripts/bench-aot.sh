#!/usr/bin/env bash
# `make bench-aot`: publishes rusk-vm with NativeAOT into artifacts/aot and runs the .NET steps of
# `make bench` with that binary (results in perf/out/dotnet-aot-bench.json).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/publish-aot.sh
RUSK_VM=artifacts/aot/rusk-vm BENCH_OUT="${BENCH_OUT:-perf/out/dotnet-aot-bench.json}" BENCH_DOTNET_ONLY=1 bash scripts/bench.sh
