#!/usr/bin/env bash
# `make run`: serves samples/hello on 127.0.0.1, runs its page in headless Chromium and prints the
# program's output (stdout, a host import call, an effect answered from JS).
set -euo pipefail
cd "$(dirname "$0")/.."
config="$(echo "${1:-Release}" | tr A-Z a-z)"
exec dotnet ".build/bin/Rusk.Browser.Host/$config/Rusk.Browser.Host.dll" sample hello
