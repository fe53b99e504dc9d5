using System.Runtime.InteropServices;

namespace FlowEngine.Engine.Metrics;

/// <summary>
/// A 64-bit counter alone on its cache line (with a line of padding each side), so counters written by
/// different threads never false-share.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
