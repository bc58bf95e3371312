// System.Array: the base of every T[] (docs/aot.md: a struct over a wasm array). The untyped
// members (Length, Copy, Clear, Clone) are compiler intrinsics; the generic statics are plain C#.
using Rusk.Aot.Runtime;

namespace System;

public abstract class Array
{
    private protected Array() { }

    public extern int Length
    {
        [CompilerIntrinsic]
        get;
    }

    // .NET's limit for arrays of elements up to 2 bytes; the VM uses it as its growth cap.
    public static int MaxLength => 0x7FFFFFC7;

    public static void Copy(Array sourceArray, Array destinationArray, int length)
    {
        if (sourceArray is null) throw new ArgumentNullException(nameof(sourceArray));
        if (destinationArray is null) throw new ArgumentNullException(nameof(destinationArray));
        Copy(sourceArray, 0, destinationArray, 0, length);
    }

    // .NET's argument checks and messages in C#, so a bad copy is an exception the VM turns into a
    // trap result rather than a wasm trap; the element copy itself is the intrinsic.
    public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length)
    {
        if (sourceArray is null) throw new ArgumentNullException(nameof(sourceArray));
        if (destinationArray is null) throw new ArgumentNullException(nameof(destinationArray));
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), "Non-negative number required.");
        if (sourceIndex < 0) throw new ArgumentOutOfRangeException(nameof(sourceIndex), "Number was less than the array's lower bound in the first dimension.");
        if (destinationIndex < 0) throw new ArgumentOutOfRangeException(nameof(destinationIndex), "Number was less than the array's lower bound in the first dimension.");
        if (sourceIndex > sourceArray.Length - length)
            throw new ArgumentException("Source array was not long enough. Check the source index, length, and the array's lower bounds.", nameof(sourceArray));
        if (destinationIndex > destinationArray.Length - length)
            throw new ArgumentException("Destination array was not long enough. Check the destination index, length, and the array's lower bounds.", nameof(destinationArray));
        CopyUnchecked(sourceArray, sourceIndex, destinationArray, destinationIndex, length);
    }

    public static void Copy(Array sourceArray, long sourceIndex, Array destinationArray, long destinationIndex, long length)
    {
        if (sourceIndex != (int)sourceIndex) throw new ArgumentOutOfRangeException(nameof(sourceIndex), "Arrays larger than 2GB are not supported.");
        if (destinationIndex != (int)destinationIndex) throw new ArgumentOutOfRangeException(nameof(destinationIndex), "Arrays larger than 2GB are not supported.");
        if (length != (int)length) throw new ArgumentOutOfRangeException(nameof(length), "Arrays larger than 2GB are not supported.");
        Copy(sourceArray, (int)sourceIndex, destinationArray, (int)destinationIndex, (int)length);
    }

    // In range, same element type; overlapping ranges of one array copy as memmove does.
    [CompilerIntrinsic]
    private static extern void CopyUnchecked(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length);

    public static void Clear(Array array)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        ClearUnchecked(array, 0, array.Length);
    }

    public static void Clear(Array array, int index, int length)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        if (index < 0 || length < 0 || index > array.Length - length) throw new IndexOutOfRangeException();
        ClearUnchecked(array, index, length);
    }

    // Sets the elements in range to their default value.
    [CompilerIntrinsic]
    private static extern void ClearUnchecked(Array array, int index, int length);

    [CompilerIntrinsic]
    public extern object Clone();

    public static T[] Empty<T>() => EmptyArray<T>.Value;

    public void CopyTo(Array array, int index)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        Copy(this, 0, array, index, Length);
    }

    public static System.Collections.ObjectModel.ReadOnlyCollection<T> AsReadOnly<T>(T[] array)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        return new System.Collections.ObjectModel.ReadOnlyCollection<T>(array);
    }

    // Unstable, like .NET's introsort (List<T>.Sort's algorithm).
    public static void Sort<T>(T[] array)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        if (array.Length > 1) System.Collections.Generic.ArraySort.Sort(array, 0, array.Length, System.Collections.Generic.Comparer<T>.Default);
    }

    public static void Resize<T>([System.Diagnostics.CodeAnalysis.NotNull] ref T[]? array, int newSize)
    {
        if (newSize < 0) throw new ArgumentOutOfRangeException(nameof(newSize), "Non-negative number required.");
        T[]? old = array;
        if (old is null)
        {
            array = new T[newSize];
            return;
        }
        if (old.Length == newSize)
        {
            array = old;
            return;
        }
        T[] fresh = new T[newSize];
        CopyElements(old, 0, fresh, 0, old.Length < newSize ? old.Length : newSize);
        array = fresh;
    }

    public static void Fill<T>(T[] array, T value)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        for (int i = 0; i < array.Length; i++) array[i] = value;
    }

    public static void Fill<T>(T[] array, T value, int startIndex, int count)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        if ((uint)startIndex > (uint)array.Length) throw new ArgumentOutOfRangeException(nameof(startIndex), "Index was out of range. Must be non-negative and less than or equal to the size of the collection.");
        if ((uint)count > (uint)(array.Length - startIndex)) throw new ArgumentOutOfRangeException(nameof(count), "Count must be positive and count must refer to a location within the string/array/collection.");
        for (int i = startIndex; i < startIndex + count; i++) array[i] = value;
    }

    public static int IndexOf<T>(T[] array, T value)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        return IndexOfElement(array, value, 0, array.Length);
    }

    public static int IndexOf<T>(T[] array, T value, int startIndex, int count)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        if ((uint)startIndex > (uint)array.Length) throw new ArgumentOutOfRangeException(nameof(startIndex), "Index was out of range. Must be non-negative and less than or equal to the size of the collection.");
        if ((uint)count > (uint)(array.Length - startIndex)) throw new ArgumentOutOfRangeException(nameof(count), "Count must be positive and count must refer to a location within the string/array/collection.");
        return IndexOfElement(array, value, startIndex, count);
    }

    internal static int IndexOfElement<T>(T[] array, T value, int startIndex, int count)
    {
        System.Collections.Generic.EqualityComparer<T> comparer = System.Collections.Generic.EqualityComparer<T>.Default;
        for (int i = startIndex; i < startIndex + count; i++)
            if (comparer.Equals(array[i], value)) return i;
        return -1;
    }

    public static int BinarySearch<T>(T[] array, T value) => BinarySearch(array, 0, array.Length, value, null);

    public static int BinarySearch<T>(T[] array, T value, System.Collections.Generic.IComparer<T>? comparer) =>
        BinarySearch(array, 0, array.Length, value, comparer);

    // .NET's contract: the index of a match, or the bitwise complement of the insertion point.
    public static int BinarySearch<T>(T[] array, int index, int length, T value, System.Collections.Generic.IComparer<T>? comparer)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), "Non-negative number required.");
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), "Non-negative number required.");
        if (array.Length - index < length) throw new ArgumentException("Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.");
        comparer ??= System.Collections.Generic.Comparer<T>.Default;
        int lo = index, hi = index + length - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            int order = comparer.Compare(array[mid], value);
            if (order == 0) return mid;
            if (order < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    // The typed copy Array.Copy performs (overlapping ranges of one array copy as memmove does).
    internal static void CopyElements<T>(T[] source, int sourceIndex, T[] destination, int destinationIndex, int length)
    {
        if ((object)source == destination && sourceIndex < destinationIndex)
        {
            for (int i = length - 1; i >= 0; i--) destination[destinationIndex + i] = source[sourceIndex + i];
        }
        else
        {
            for (int i = 0; i < length; i++) destination[destinationIndex + i] = source[sourceIndex + i];
        }
    }
}

internal static class EmptyArray<T>
{
    internal static readonly T[] Value = new T[0];
}
