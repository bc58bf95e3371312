// The members of our corlib whose bodies rusk-aot provides (they cannot be written in plain C#):
// each is declared `extern` and marked [CompilerIntrinsic]. The compiler engineer's checklist:
//
//   System.Object::GetType()                      -> the type object the vtable holds: one
//                                                    System.RuntimeType per type, built with its
//                                                    full name (new RuntimeType("Ns.Outer+Inner"))
//   System.Object::MemberwiseClone()              -> struct.new of the receiver's exact class with
//                                                    its fields copied (arrays: a fresh data array)
//   System.Runtime.CompilerServices.RuntimeHelpers::GetHashCode(object)  (Object.GetHashCode's)
//                                                 -> a per-object identity hash (e.g. a lazily
//                                                    assigned counter in a hidden field); must be
//                                                    deterministic across runs
//   System.ValueType::Equals(object), GetHashCode() -> per struct type: same type and fields equal
//                                                    (each field's Equals) / a deterministic hash of
//                                                    the fields; only reached for structs that do
//                                                    not override them
//   System.Enum::Equals(object), GetHashCode(), ToString() -> per enum type, from its underlying
//                                                    value and member names (metadata)
//   System.Array::get_Length()                    -> array.len of the data array
//   System.Array::CopyUnchecked(Array, int, Array, int, int)  (private; Copy checks the arguments
//                                                 in C#) -> array.copy, by the static array types or
//                                                 a run-time dispatch (CopyElements<T> is the contract)
//   System.Array::ClearUnchecked(Array, int, int)  (private) -> array.fill with the default value
//   System.Array::Clone()                         -> a fresh array with the same elements
//   System.Runtime.CompilerServices.RuntimeHelpers::InitializeArray(Array, RuntimeFieldHandle)
//                                                 -> fill the array from the field's RVA data
//                                                    (little-endian, element type of the array)
//   System.String::.ctor(char[]), .ctor(char[], int, int), .ctor(char, int), .ctor(ReadOnlySpan<char>)
//                                                 -> newobj becomes `call String::Ctor(same args)`
//                                                    (private statics with C# bodies), as in CoreCLR
//   System.String::NewString(char[])  (private)   -> struct.new $System.String (vtable, chars): the
//                                                    only place a string is made besides literals
//   System.String::FindLiteral(string)  (private) -> the program's literal object (ldstr) with the
//                                                    same contents, or null: String.Intern must return
//                                                    the very object a literal evaluates to
//   System.Type::GetTypeFromHandle(RuntimeTypeHandle) -> the type object of a `typeof`
//   T[] as IReadOnlyList<T>/IReadOnlyCollection<T>/IEnumerable<T>/IEnumerable: not intrinsics
//                                                 but plain C# the compiler wires into each array
//                                                 type's itable: System.ArrayInterfaces.Count<T>,
//                                                 Item<T>, GetEnumerator<T> (ArrayInterfaces.cs)
//   System.Delegate / MulticastDelegate: `Invoke` of every delegate type is runtime-provided
//                                                 (docs/aot.md: target + function ref); the C#
//                                                 compiler already declares them `runtime managed`
//   System.BitConverter::DoubleToInt64Bits, Int64BitsToDouble, SingleToInt32Bits, Int32BitsToSingle
//                                                 -> i64.reinterpret_f64, f64.reinterpret_i64,
//                                                    i32.reinterpret_f32, f32.reinterpret_i32
//   System.Math::Truncate, Floor, Ceiling, Sqrt, Abs(double)
//                                                 -> f64.trunc, f64.floor, f64.ceil, f64.sqrt, f64.abs
//   System.Math::Log10                            -> an import of the host's Math.log10
namespace Rusk.Aot.Runtime;

/// <summary>The member has no C# body: rusk-aot emits it (see the list at the top of this file).</summary>
[System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Constructor, Inherited = false)]
internal sealed class CompilerIntrinsicAttribute : System.Attribute
{
}
