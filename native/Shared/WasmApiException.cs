// A misuse reported by the marshalling layer itself (stale handle, corrupt tape, unknown id).
using System;

namespace Rusk.Vm.Marshalling;

sealed class WasmApiException : Exception
{
    public WasmApiException(string message) : base(message) { }
}
