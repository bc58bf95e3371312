// Array intrinsics: length, in-place mutation (refused through readonly views), concat and slice
// (the `_ro` forms hand out readonly views of the elements).
using System;

namespace Rusk.Vm.Execution;

internal static partial class Intrinsics
{
    const string ReadonlyWrite = "illegal write through readonly reference";

    static string OutOfBounds(long index, int len) => "index out of bounds: index=" + index + ", len=" + len;

    /// <summary>Common prefix of the mutating intrinsics: [typerep, array ref, ...] with a writable view.</summary>
    static bool MutArgs(ReadOnlySpan<Value> args, int arity, out bool ok)
    {
        ok = args.Length == arity && args[0].Tag == Tag.TypeRep && args[1].IsRef;
        return ok && args[1].IsReadonly;
    }

    /// <summary>Charges the buffer RArray.Grow(min) allocates; the trap message when over the heap limit.</summary>
    static string? ChargeGrow(RArray arr, long min, IntrinsicEnv env) =>
        env.Charge(HeapMeter.Values(Math.Max(min, Math.Max(4L, arr.Items.Length * 2L))));

    static string? ArrayPush(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        bool ro = MutArgs(args, 3, out bool ok);
        if (!ok) return BadArgs("core::intrinsics::array_push", args);
        if (ro) return ReadonlyWrite;
        if (args[1].Obj is not RArray arr) return "core::intrinsics::array_push: expected an array";
        if (arr.Count == arr.Items.Length)
        {
            if (arr.Count >= Array.MaxLength) return "core::intrinsics::array_push: capacity overflow";
            if (ChargeGrow(arr, arr.Count + 1, env) is string oom) return oom;
            arr.Grow(arr.Count + 1);
        }
        arr.Items[arr.Count++] = args[2];
        result = Value.Unit;
        return null;
    }

    static string? ArrayPop(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        bool ro = MutArgs(args, 2, out bool ok);
        if (!ok) return BadArgs("core::intrinsics::array_pop", args);
        if (ro) return ReadonlyWrite;
        if (args[1].Obj is not RArray arr) return "core::intrinsics::array_pop: expected an array";
        var typeArgs = new[] { (TypeRep)args[0].Obj! };
        if (arr.Count == 0) return None(env, typeArgs, out result);
        // Popped before the Option is built, as the reference does (a missing Option still pops).
        Value v = arr.Items[--arr.Count];
        arr.Items[arr.Count] = default;
        return Some(env, typeArgs, v, out result);
    }

    static string? ArrayClear(ReadOnlySpan<Value> args, out Value result)
    {
        result = default;
        bool ro = MutArgs(args, 2, out bool ok);
        if (!ok) return BadArgs("core::intrinsics::array_clear", args);
        if (ro) return ReadonlyWrite;
        if (args[1].Obj is not RArray arr) return "core::intrinsics::array_clear: expected an array";
        Array.Clear(arr.Items, 0, arr.Count);
        arr.Count = 0;
        result = Value.Unit;
        return null;
    }

    static string? ArrayResize(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        bool ro = MutArgs(args, 4, out bool ok);
        if (!ok || !args[2].IsInt) return BadArgs("core::intrinsics::array_resize", args);
        if (ro) return ReadonlyWrite;
        long newLen = args[2].AsInt;
        if (newLen < 0) return "core::intrinsics::array_resize: new_len must be >= 0";
        if (args[1].Obj is not RArray arr) return "core::intrinsics::array_resize: expected an array";
        if (newLen <= arr.Count)
        {
            Array.Clear(arr.Items, (int)newLen, arr.Count - (int)newLen);
            arr.Count = (int)newLen;
        }
        else
        {
            // The reference would abort the process on an impossible allocation; we trap instead.
            if (newLen > Array.MaxLength) return "core::intrinsics::array_resize: capacity overflow";
            if (newLen > arr.Items.Length)
            {
                if (env.Charge(HeapMeter.Values(newLen)) is string oom) return oom;
                try { Array.Resize(ref arr.Items, (int)newLen); }
                catch (OutOfMemoryException) { return "core::intrinsics::array_resize: out of memory"; }
            }
            Array.Fill(arr.Items, args[3], arr.Count, (int)newLen - arr.Count);
            arr.Count = (int)newLen;
        }
        result = Value.Unit;
        return null;
    }

    static string? ArrayInsert(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        bool ro = MutArgs(args, 4, out bool ok);
        if (!ok || !args[2].IsInt) return BadArgs("core::intrinsics::array_insert", args);
        if (ro) return ReadonlyWrite;
        if (args[1].Obj is not RArray arr) return "core::intrinsics::array_insert: expected an array";
        long idx = args[2].AsInt;
        if ((ulong)idx > (ulong)arr.Count) return OutOfBounds(idx, arr.Count);
        if (arr.Count == arr.Items.Length)
        {
            if (arr.Count >= Array.MaxLength) return "core::intrinsics::array_insert: capacity overflow";
            if (ChargeGrow(arr, arr.Count + 1, env) is string oom) return oom;
            arr.Grow(arr.Count + 1);
        }
        int i = (int)idx;
        Array.Copy(arr.Items, i, arr.Items, i + 1, arr.Count - i);
        arr.Items[i] = args[3];
        arr.Count++;
        result = Value.Unit;
        return null;
    }

    static string? ArrayRemove(ReadOnlySpan<Value> args, out Value result)
    {
        result = default;
        bool ro = MutArgs(args, 3, out bool ok);
        if (!ok || !args[2].IsInt) return BadArgs("core::intrinsics::array_remove", args);
        if (ro) return ReadonlyWrite;
        if (args[1].Obj is not RArray arr) return "core::intrinsics::array_remove: expected an array";
        long idx = args[2].AsInt;
        if ((ulong)idx >= (ulong)arr.Count) return OutOfBounds(idx, arr.Count);
        int i = (int)idx;
        result = arr.Items[i];
        Array.Copy(arr.Items, i + 1, arr.Items, i, arr.Count - i - 1);
        arr.Items[--arr.Count] = default;
        return null;
    }

    static string? ArrayExtend(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        bool ro = MutArgs(args, 3, out bool ok);
        if (!ok || !args[2].IsRef) return BadArgs("core::intrinsics::array_extend", args);
        if (ro) return ReadonlyWrite;
        if (args[2].Obj is not RArray other) return "core::intrinsics::array_extend: expected an array for `other`";
        if (args[1].Obj is not RArray arr) return "core::intrinsics::array_extend: expected an array for `arr`";
        int n = other.Count; // read first: `other` may be `arr` itself
        long total = (long)arr.Count + n;
        if (total > Array.MaxLength) return "core::intrinsics::array_extend: capacity overflow";
        if (total > arr.Items.Length)
        {
            if (ChargeGrow(arr, total, env) is string oom) return oom;
            arr.Grow((int)total);
        }
        Array.Copy(other.Items, 0, arr.Items, arr.Count, n);
        arr.Count = (int)total;
        result = Value.Unit;
        return null;
    }

    static string? ArrayConcat(ReadOnlySpan<Value> args, bool ro, IntrinsicEnv env, out Value result)
    {
        result = default;
        string name = ro ? "core::intrinsics::array_concat_ro" : "core::intrinsics::array_concat";
        if (args.Length != 3 || args[0].Tag != Tag.TypeRep || !args[1].IsRef || !args[2].IsRef) return BadArgs(name, args);
        if (args[1].Obj is not RArray x) return name + ": expected an array for `a`";
        if (args[2].Obj is not RArray y) return name + ": expected an array for `b`";
        long total = (long)x.Count + y.Count;
        if (total > Array.MaxLength) return name + ": capacity overflow";
        if (env.Charge(HeapMeter.Values(total)) is string oom) return oom;
        var items = new Value[total];
        Array.Copy(x.Items, 0, items, 0, x.Count);
        Array.Copy(y.Items, 0, items, x.Count, y.Count);
        if (ro) for (int i = 0; i < items.Length; i++) items[i] = ReadonlyView(items[i]);
        result = Value.Ref(new RArray(items));
        return null;
    }

    static string? ArraySlice(ReadOnlySpan<Value> args, bool ro, IntrinsicEnv env, out Value result)
    {
        result = default;
        string name = ro ? "core::intrinsics::array_slice_ro" : "core::intrinsics::array_slice";
        if (args.Length != 4 || args[0].Tag != Tag.TypeRep || !args[1].IsRef || !args[2].IsInt || !args[3].IsInt)
            return BadArgs(name, args);
        if (args[1].Obj is not RArray arr) return name + ": expected an array";
        long start = args[2].AsInt, end = args[3].AsInt;
        int len = arr.Count;
        if (start < 0) return OutOfBounds(start, len);
        if (end < 0) return OutOfBounds(end, len);
        if (start > end) return name + ": start must be <= end";
        if (end > len) return OutOfBounds(end, len);
        if (env.Charge(HeapMeter.Values(end - start)) is string oom) return oom;
        var items = new Value[end - start];
        Array.Copy(arr.Items, (int)start, items, 0, items.Length);
        if (ro) for (int i = 0; i < items.Length; i++) items[i] = ReadonlyView(items[i]);
        result = Value.Ref(new RArray(items));
        return null;
    }
}
