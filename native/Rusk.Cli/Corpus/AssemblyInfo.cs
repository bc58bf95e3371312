// The NUnit suite runs the same corpus runner as `rusk-vm corpus`, so it sees the CLI's internals.
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Rusk.Vm.Tests")]
