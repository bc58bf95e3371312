// Delegates: a target and a function (docs/aot.md). The constructor and Invoke of each delegate
// type are `runtime managed` (the C# compiler declares them so); rusk-aot provides them. No
// multicast: the program never combines delegates.
namespace System;

public abstract class Delegate
{
    protected Delegate() { }
}

public abstract class MulticastDelegate : Delegate
{
    protected MulticastDelegate() { }
}

public delegate void Action();
public delegate void Action<in T>(T obj);
public delegate void Action<in T1, in T2>(T1 arg1, T2 arg2);
public delegate void Action<in T1, in T2, in T3>(T1 arg1, T2 arg2, T3 arg3);
public delegate TResult Func<out TResult>();
public delegate TResult Func<in T, out TResult>(T arg);
public delegate TResult Func<in T1, in T2, out TResult>(T1 arg1, T2 arg2);
public delegate TResult Func<in T1, in T2, in T3, out TResult>(T1 arg1, T2 arg2, T3 arg3);
public delegate int Comparison<in T>(T x, T y);
public delegate bool Predicate<in T>(T obj);
public delegate void AsyncCallback(IAsyncResult ar);

public interface IAsyncResult
{
    bool IsCompleted { get; }
}
