// Per-VM state shared by the test host imports: captured output, the log of the logging imports, and
// the continuation slots. A fresh instance goes with every VM (the corpus runs each case twice).
using System.Collections.Generic;
using System.IO;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal sealed class HostState
{
    /// <summary>Receives std::print / std::println.</summary>
    public TextWriter Stdout { get; }
    /// <summary>Lines of js::log and dom::set_text.</summary>
    public List<string> HostLog { get; } = new();
    /// <summary>Called with each host-log line as it is appended (the CLI echoes them); may be null.</summary>
    public TextWriter? HostLogEcho { get; init; }

    /// <summary>test::store_cont / test::take_cont: one slot, overwritten, never cleared by take.</summary>
    public AbiValue? TestSlot { get; set; }
    /// <summary>host::* and js::store_cont: one LIFO stack of pinned handles.</summary>
    public List<AbiValue> ContStack { get; } = new();
    /// <summary>host::set / host::get.</summary>
    public long Cell { get; set; }

    public HostState(TextWriter stdout) { Stdout = stdout; }

    public void Log(string line)
    {
        HostLog.Add(line);
        HostLogEcho?.WriteLine(line);
    }
}
