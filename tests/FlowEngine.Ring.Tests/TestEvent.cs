using System.Runtime.InteropServices;

namespace FlowEngine.Ring.Tests;

/// <summary>A 64-byte slot like the engine's: a payload plus fields that stages write for later stages.</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct TestEvent
{
    public long Value;
    public long StageA;
    public long StageB;
    public long StageC;
    public long Ticks;
}
