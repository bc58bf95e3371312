#!/usr/bin/env bash
# The CI format check: C# whitespace and layout against .editorconfig, as
# `dotnet format whitespace --verify-no-changes` (exit 2 and the offending lines when not clean;
# `make format` fixes). The files below predate .editorconfig and keep several switch-expression
# arms or case labels on one line, which the formatter would split; they are left out rather than
# reformatted while others edit them. Every other file, and every new one, is checked.
set -euo pipefail
cd "$(dirname "$0")/.."
legacy=(
  native/Rusk.Cli/Commands/FuzzCommand.cs
  native/Rusk.Cli/Corpus/CaseRunner.cs
  native/Rusk.Vm/Execution/AbiConverter.cs
  native/Rusk.Vm/Execution/Interpreter.Calls.cs
  native/Rusk.Vm/Execution/Interpreter.Errors.cs
  native/Rusk.Vm/Execution/Interpreter.Loop.cs
  native/Rusk.Vm/Execution/Interpreter.Patterns.cs
  native/Rusk.Vm/Execution/Lowering.cs
  native/Rusk.Vm/Format/RbcReader.cs
  native/Rusk.Vm/Text/Assembler.cs
  native/Rusk.Vm/Text/Lexer.cs
  perf/Rusk.Perf/Browser/Engine.cs
  tests/Rusk.Vm.Tests/Execution/IntrinsicsReferenceTests.cs
  tests/Rusk.Vm.Tests/Text/RandomModules.cs
)
mode=(--verify-no-changes)
[ "${1:-}" = "--fix" ] && mode=()
dotnet format whitespace RuskAot.sln "${mode[@]}" --exclude "${legacy[@]}"
