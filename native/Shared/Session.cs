// One VM as the glue sees it: the Vm, its module, the composite values the glue holds, and the
// last step result.
using Rusk.Vm.Format;

namespace Rusk.Vm.Marshalling;

sealed class Session
{
    public int Id { get; }
    public Module Module { get; }
    public Vm Vm { get; }
    public ValueTable Values { get; } = new();
    public StepResult? Last { get; set; }

    public Session(int id, Module module, Vm vm) { Id = id; Module = module; Vm = vm; }
}
