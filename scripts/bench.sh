#!/usr/bin/env bash
# `make bench` (and `make bench-aot`): the benchmark steps, run in order. Each step is one line of
# the list below; a failing step is reported and the others still run. Add a part as a new line.
# RUSK_VM chooses the CLI (default: the JIT build), BENCH_OUT where `bench` writes its JSON.
# QUICK=1: the small sizes and fewer runs (under two minutes with the build up to date).
# BENCH_DOTNET_ONLY=1 (make bench-aot): the .NET steps alone.
set -uo pipefail
cd "$(dirname "$0")/.."
CORPUS="${CORPUS:-../shared/conformance}"
CONFIG="${CONFIG:-Release}"
RUSK_VM="${RUSK_VM:-artifacts/rusk-vm}"
BENCH_OUT="${BENCH_OUT:-perf/out/dotnet-bench.json}"
QUICK="${QUICK:-}"
[ "$QUICK" = 0 ] && QUICK=""
cfg="$(echo "$CONFIG" | tr A-Z a-z)"

dotnet_args=()
[ -f perf/benchmarks.json ] && dotnet_args+=(--micro perf/benchmarks.json)
[ -n "$QUICK" ] && dotnet_args+=(--quick --runs 3 --warmup 1)
perf_args=(--corpus "$CORPUS")
[ -n "$QUICK" ] && perf_args+=(--quick)

failed=()
step() {
  echo "== $*"
  "$@" || failed+=("$*")
  echo
}

# .NET: decoding, then the benchmarks on the JIT build (or RUSK_VM).
[ -z "$QUICK" ] && step "$RUSK_VM" bench-decode "$CORPUS"
step "$RUSK_VM" bench "$CORPUS" "${dotnet_args[@]}" --out "$BENCH_OUT"
# The same with the heap limit off (--max-heap 0): the limit's cost is the ratio of the two.
step "$RUSK_VM" bench "$CORPUS" "${dotnet_args[@]}" --max-heap 0 --out "${BENCH_OUT%.json}-nolimit.json"
if [ -z "${BENCH_DOTNET_ONLY:-}" ]; then
  # The same on the NativeAOT CLI (published only when its sources changed).
  step bash scripts/publish-aot.sh
  step artifacts/aot/rusk-vm bench "$CORPUS" "${dotnet_args[@]}" --out perf/out/dotnet-aot-bench.json
  # Chromium: our VM (main thread, Worker), plain JS, QuickJS, Lua; merges the two JSONs above into
  # perf/out/results.{json,md,svg}.
  step dotnet ".build/bin/Rusk.Perf/$cfg/rusk-perf.dll" "${perf_args[@]}"
fi

if [ ${#failed[@]} -gt 0 ]; then
  printf 'bench: failed step: %s\n' "${failed[@]}" >&2
  exit 1
fi
