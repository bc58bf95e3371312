#!/usr/bin/env bash
# `make bench`: decode benchmark of the corpus (the .NET part for now).
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts/rusk-vm bench-decode ../shared/conformance
