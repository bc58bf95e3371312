#!/usr/bin/env bash
# `make bench-aot`: publishes rusk-vm with NativeAOT into artifacts/aot and runs the `make bench`
# steps with that binary (results in perf/out/dotnet-aot-bench.json).
set -euo pipefail
cd "$(dirname "$0")/.."

# NativeAOT links through clang. Debian may only have a versioned clang-NN (no plain `clang`), or
# none at all: then install it.
linker=()
if ! command -v clang >/dev/null; then
  versioned="$(ls /usr/bin/clang-[0-9]* 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$versioned" ]; then
    linker=(-p:CppCompilerAndLinker="$(basename "$versioned")")
  elif command -v apt-get >/dev/null; then
    apt-get install -y -q clang zlib1g-dev >/dev/null
  fi
fi

dotnet publish native/Rusk.Cli -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" -o artifacts/aot --nologo -v q
RUSK_VM=artifacts/aot/rusk-vm BENCH_OUT="${BENCH_OUT:-perf/out/dotnet-aot-bench.json}" bash scripts/bench.sh
