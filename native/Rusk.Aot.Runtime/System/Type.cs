// Type and the runtime handles: just enough for `typeof`, `GetType().Name` and array literals
// (RuntimeFieldHandle). There is no reflection; the name comes from the vtable.
using Rusk.Aot.Runtime;

namespace System.Reflection
{
    public abstract class MemberInfo
    {
        protected MemberInfo() { }
        public abstract string Name { get; }
    }
}

namespace System
{
    public abstract class Type : System.Reflection.MemberInfo
    {
        protected Type() { }

        [CompilerIntrinsic]
        public static extern Type GetTypeFromHandle(RuntimeTypeHandle handle);
    }

    // What Object.GetType() and typeof return: rusk-aot builds one per type from its full name
    // (namespace, nested types as Outer+Inner), and the same object every time.
    internal sealed class RuntimeType : Type
    {
        private readonly string _fullName;
        internal RuntimeType(string fullName) { _fullName = fullName; }

        public string FullName => _fullName;

        public override string Name
        {
            get
            {
                int i = _fullName.Length - 1;
                while (i >= 0 && _fullName[i] != '.' && _fullName[i] != '+') i--;
                return i < 0 ? _fullName : _fullName.Substring(i + 1);
            }
        }

        public override string ToString() => _fullName;
    }

    public struct RuntimeTypeHandle
    {
    }

    public struct RuntimeFieldHandle
    {
    }

    public struct RuntimeMethodHandle
    {
    }
}
