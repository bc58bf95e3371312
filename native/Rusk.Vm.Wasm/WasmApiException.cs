// A misuse reported by the marshalling layer itself (stale handle, corrupt tape, unknown id).
using System;

namespace Rusk.Vm.Wasm;

sealed class WasmApiException : Exception
{
    public WasmApiException(string message) : base(message) { }
}
