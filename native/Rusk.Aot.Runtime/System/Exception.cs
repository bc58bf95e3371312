// System.Exception and the subclasses the program and the compiler (traps: null dereference, index
// out of range, bad cast, overflow, division by zero) throw. Default messages and the
// "(Parameter 'name')" suffix are .NET's, because the VM surfaces Message text to users.
namespace System;

public class Exception
{
    private readonly string? _message;
    private readonly Exception? _innerException;

    public Exception() { }
    public Exception(string? message) { _message = message; }
    public Exception(string? message, Exception? innerException) { _message = message; _innerException = innerException; }

    public virtual string Message => _message ?? "Exception of type '" + GetType().ToString() + "' was thrown.";
    public Exception? InnerException => _innerException;

    public override string ToString()
    {
        string message = Message;
        string name = GetType().ToString() ?? "";
        return message.Length == 0 ? name : name + ": " + message;
    }
}

public class SystemException : Exception
{
    public SystemException() : base("System error.") { }
    public SystemException(string? message) : base(message) { }
    public SystemException(string? message, Exception? innerException) : base(message, innerException) { }
}

public class ArgumentException : SystemException
{
    private readonly string? _paramName;

    public ArgumentException() : base("Value does not fall within the expected range.") { }
    public ArgumentException(string? message) : base(message) { }
    public ArgumentException(string? message, Exception? innerException) : base(message, innerException) { }
    public ArgumentException(string? message, string? paramName) : base(message) { _paramName = paramName; }
    public ArgumentException(string? message, string? paramName, Exception? innerException) : base(message, innerException) { _paramName = paramName; }

    public virtual string? ParamName => _paramName;

    public override string Message
    {
        get
        {
            string message = base.Message;
            return string.IsNullOrEmpty(_paramName) ? message : message + " (Parameter '" + _paramName + "')";
        }
    }
}

public class ArgumentNullException : ArgumentException
{
    public ArgumentNullException() : base("Value cannot be null.") { }
    public ArgumentNullException(string? paramName) : base("Value cannot be null.", paramName) { }
    public ArgumentNullException(string? paramName, string? message) : base(message, paramName) { }
    public ArgumentNullException(string? message, Exception? innerException) : base(message, innerException) { }
}

public class ArgumentOutOfRangeException : ArgumentException
{
    public ArgumentOutOfRangeException() : base("Specified argument was out of the range of valid values.") { }
    public ArgumentOutOfRangeException(string? paramName) : base("Specified argument was out of the range of valid values.", paramName) { }
    public ArgumentOutOfRangeException(string? paramName, string? message) : base(message, paramName) { }
    public ArgumentOutOfRangeException(string? message, Exception? innerException) : base(message, innerException) { }
}

public class ArithmeticException : SystemException
{
    public ArithmeticException() : base("Overflow or underflow in the arithmetic operation.") { }
    public ArithmeticException(string? message) : base(message) { }
    public ArithmeticException(string? message, Exception? innerException) : base(message, innerException) { }
}

public class DivideByZeroException : ArithmeticException
{
    public DivideByZeroException() : base("Attempted to divide by zero.") { }
    public DivideByZeroException(string? message) : base(message) { }
}

public class OverflowException : ArithmeticException
{
    public OverflowException() : base("Arithmetic operation resulted in an overflow.") { }
    public OverflowException(string? message) : base(message) { }
}

public class FormatException : SystemException
{
    public FormatException() : base("One of the identified items was in an invalid format.") { }
    public FormatException(string? message) : base(message) { }
}

public class IndexOutOfRangeException : SystemException
{
    public IndexOutOfRangeException() : base("Index was outside the bounds of the array.") { }
    public IndexOutOfRangeException(string? message) : base(message) { }
}

public class InvalidCastException : SystemException
{
    public InvalidCastException() : base("Specified cast is not valid.") { }
    public InvalidCastException(string? message) : base(message) { }
}

public class InvalidOperationException : SystemException
{
    public InvalidOperationException() : base("Operation is not valid due to the current state of the object.") { }
    public InvalidOperationException(string? message) : base(message) { }
    public InvalidOperationException(string? message, Exception? innerException) : base(message, innerException) { }
}

public class NotSupportedException : SystemException
{
    public NotSupportedException() : base("Specified method is not supported.") { }
    public NotSupportedException(string? message) : base(message) { }
}

public class NotImplementedException : SystemException
{
    public NotImplementedException() : base("The method or operation is not implemented.") { }
    public NotImplementedException(string? message) : base(message) { }
}

public class NullReferenceException : SystemException
{
    public NullReferenceException() : base("Object reference not set to an instance of an object.") { }
    public NullReferenceException(string? message) : base(message) { }
}

public class OutOfMemoryException : SystemException
{
    public OutOfMemoryException() : base("Insufficient memory to continue the execution of the program.") { }
    public OutOfMemoryException(string? message) : base(message) { }
}

public sealed class StackOverflowException : SystemException
{
    public StackOverflowException() : base("Operation caused a stack overflow.") { }
    public StackOverflowException(string? message) : base(message) { }
}
