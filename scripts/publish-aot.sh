#!/usr/bin/env bash
# Publishes rusk-vm with NativeAOT (linux-x64) into artifacts/aot/, unless artifacts/aot/rusk-vm is
# newer than every source it is built from.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/aot/rusk-vm
if [ -x "$out" ] && [ -z "$(find native/Rusk.Vm native/Rusk.Cli Directory.Build.props -type f -newer "$out" \
     -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then
  echo "artifacts/aot/rusk-vm is up to date"
  exit 0
fi

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
touch "$out"
