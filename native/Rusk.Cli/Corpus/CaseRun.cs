// What one run of a case produced, in the same text forms as the manifest (see ValueText).
using System.Collections.Generic;
using System.Text;

namespace Rusk.Cli.Corpus;

internal sealed class CaseRun
{
    /// <summary>`done VALUE`, `trap MESSAGE`, or a runner finding (`runaway: ...`, `unanswered request: ...`, `exception: ...`).</summary>
    public string Result { get; set; } = "";
    /// <summary>True when the run ended with Done or Trap (not cut short by the runner).</summary>
    public bool Finished { get; set; }
    public StringBuilder Stdout { get; } = new();
    public List<string> HostLog { get; set; } = new();
    public List<string> Requests { get; } = new();
    public ulong Instructions { get; set; }
    /// <summary>Step calls made (every call, including those that returned Request or Yield).</summary>
    public ulong StepCalls { get; set; }
    public ulong? LastYieldRemainingFuel { get; set; }
}
