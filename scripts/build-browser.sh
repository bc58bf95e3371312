#!/usr/bin/env bash
# Builds dist/: the browser runtime (native/Rusk.Vm.Wasm published for browser-wasm) and the glue
# bundled by esbuild, plus index.d.ts and a package.json marking the folder as ES modules.
# Each half is skipped when its inputs are older than its output.
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
if newer_than dist/_framework/dotnet.js native/Rusk.Vm native/Rusk.Vm.Wasm Directory.Build.props; then
  dotnet publish native/Rusk.Vm.Wasm -c "$config" $no_build --nologo -v q -clp:ErrorsOnly
  rm -rf dist/_framework
  cp -r "$fw_out" dist/_framework
  touch dist/_framework/dotnet.js
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
