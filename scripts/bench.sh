#!/usr/bin/env bash
# `make bench` (and `make bench-aot`): the benchmark steps, run in order. Each step is one line of
# the list below; a failing step is reported and the others still run. Add a part as a new line.
# RUSK_VM chooses the CLI (default: the JIT build), BENCH_OUT where `bench` writes its JSON.
set -uo pipefail
cd "$(dirname "$0")/.."
CORPUS="${CORPUS:-../shared/conformance}"
RUSK_VM="${RUSK_VM:-artifacts/rusk-vm}"
BENCH_OUT="${BENCH_OUT:-perf/out/dotnet-bench.json}"

failed=()
step() {
  echo "== $*"
  "$@" || failed+=("$*")
  echo
}

step "$RUSK_VM" bench-decode "$CORPUS"
step "$RUSK_VM" bench "$CORPUS" --out "$BENCH_OUT"

if [ ${#failed[@]} -gt 0 ]; then
  printf 'bench: failed step: %s\n' "${failed[@]}" >&2
  exit 1
fi
