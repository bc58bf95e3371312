#!/usr/bin/env bash
# Runs every test project and ends with one line: `N passed, M failed, K skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."
config="${1:-Release}"
log="$(mktemp)"
status=0
for proj in tests/*/*.csproj; do
  dotnet test "$proj" -c "$config" --no-build --nologo 2>&1 | tee -a "$log" | grep -vE '^\s*$' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
# VSTest prints per assembly: "Failed!  - Failed: 1, Passed: 2, Skipped: 0, Total: 3 ..."
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
