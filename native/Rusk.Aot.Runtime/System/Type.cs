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

    // What Object.GetType() and typeof return: rusk-aot builds one per type, with its name.
    internal sealed class RuntimeType : Type
    {
        private readonly string _name;
        internal RuntimeType(string name) { _name = name; }
        public override string Name => _name;
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
