#!/usr/bin/env bash
# `make run`: until the browser build lands, runs the bundled sample on .NET.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts/rusk-vm run samples/hello/hello.rbc
