using System.Runtime.InteropServices;

namespace FlowEngine.Journal;

/// <summary>
/// A long alone on its cache line, for counters one thread writes and another polls: without padding the
/// appending thread and the disk thread would keep stealing the line from each other (false sharing).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)] public long Value;
}
