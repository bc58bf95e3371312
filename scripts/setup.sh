#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks; every step is skipped when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null; then echo "setup: the .NET SDK (dotnet) is required" >&2; exit 1; fi
if [ -f package.json ] && [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
if [ ! -f .build/restored.stamp ] || [ -n "$(find . -name '*.csproj' -newer .build/restored.stamp -not -path './.build/*' | head -1)" ]; then
  dotnet restore RuskAot.sln --nologo -v q
  mkdir -p .build && touch .build/restored.stamp
fi
