// Host imports implemented in JS: every call goes through the one [JSImport] dispatcher with the
// VM id, the import id and the length of the argument tape in the scratch buffer; the glue leaves
// its answer there (a status byte, then a value tape or a message) and returns its length.
using System;
using System.Runtime.InteropServices.JavaScript;

namespace Rusk.Vm.Wasm;

static partial class HostBridge
{
    /// <summary>glue/index.js registers this as module "rusk", function "hostCall".</summary>
    [JSImport("hostCall", "rusk")]
    internal static partial int HostCall(int vm, int importId, int argsLength);

    public static HostFunction For(Session session, int importId) => new JsHostImport(session, importId).Invoke;

    sealed class JsHostImport
    {
        readonly Session _session;
        readonly int _id;
        public JsHostImport(Session session, int id) { _session = session; _id = id; }

        public AbiValue Invoke(HostContext cx, ReadOnlySpan<AbiValue> args)
        {
            var w = TapeWriter.Shared.Begin();
            w.U32((uint)args.Length);
            for (int i = 0; i < args.Length; i++) w.Value(args[i], _session);
            int replyLength;
            try { replyLength = HostCall(_session.Id, _id, w.Length); }
            catch (JSException e) { throw new HostException($"js host dispatcher failed: {e.Message}"); }

            var r = new TapeReader(Scratch.Read(replyLength));
            try
            {
                if (r.U8() != 0) throw new HostException(r.Str());
                return r.Value(_session, cx);
            }
            catch (WasmApiException e) { throw new HostException(e.Message); }
        }
    }
}
