// The sort behind List<T>.Sort: insertion sort for short ranges, heapsort otherwise — O(n log n)
// worst case in a few lines. Unstable, as .NET's introsort is.
#if RUSK_CORLIB_SHADOW
namespace RuskCorlib.System.Collections.Generic;
#else
namespace System.Collections.Generic;
#endif

internal static class ArraySort
{
    internal static void Sort<T>(T[] items, int start, int length, IComparer<T> comparer)
    {
        if (length <= 16)
        {
            InsertionSort(items, start, length, comparer);
            return;
        }
        for (int i = length / 2 - 1; i >= 0; i--) SiftDown(items, start, i, length, comparer);
        for (int end = length - 1; end > 0; end--)
        {
            T top = items[start];
            items[start] = items[start + end];
            items[start + end] = top;
            SiftDown(items, start, 0, end, comparer);
        }
    }

    private static void InsertionSort<T>(T[] items, int start, int length, IComparer<T> comparer)
    {
        for (int i = start + 1; i < start + length; i++)
        {
            T item = items[i];
            int j = i - 1;
            while (j >= start && comparer.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = item;
        }
    }

    // Restores the max-heap property below `root` within the first `size` elements after `start`.
    private static void SiftDown<T>(T[] items, int start, int root, int size, IComparer<T> comparer)
    {
        T item = items[start + root];
        while (true)
        {
            int child = 2 * root + 1;
            if (child >= size) break;
            if (child + 1 < size && comparer.Compare(items[start + child], items[start + child + 1]) < 0) child++;
            if (comparer.Compare(item, items[start + child]) >= 0) break;
            items[start + root] = items[start + child];
            root = child;
        }
        items[start + root] = item;
    }
}
