#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks; every step is skipped when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null; then echo "setup: the .NET SDK (dotnet) is required" >&2; exit 1; fi

apt_install() { # Debian packages, as root or through sudo; lists are refreshed only when needed
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! $sudo apt-get install -y "$@" >/dev/null; then
    $sudo apt-get update -qq && $sudo apt-get install -y "$@" >/dev/null
  fi
}
# Headless Chromium for the browser tests (Playwright drives it by path; no browser download).
if [ ! -x /usr/bin/chromium ]; then echo "setup: installing chromium"; apt_install chromium; fi
# Node + npm for esbuild (the glue bundle).
if ! command -v npm >/dev/null; then echo "setup: installing nodejs/npm"; apt_install nodejs npm; fi
if [ -f package.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  if [ -L node_modules ]; then
    # A checkout sharing another's node_modules (a worktree): `npm ci` would empty the linked
    # folder under every checkout that uses it. Install in the checkout that owns it.
    echo "setup: node_modules links to $(readlink node_modules); not reinstalling through the link" >&2
  else
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

if [ ! -f .build/restored.stamp ] || [ -n "$(find . -name '*.csproj' -newer .build/restored.stamp -not -path './.build/*' | head -1)" ]; then
  dotnet restore RuskAot.sln --nologo -v q
  mkdir -p .build && touch .build/restored.stamp
fi
