using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// Gives the business thread (the one that applies the book, and whatever is fused with it) a CPU of its own and
/// moves every other thread of the process (source, journal consumer and disk threads, monitor, status, logging,
/// the runtime's GC and JIT threads) onto the rest. On a 2-core machine a paced run has more busy threads than
/// cores: left to the scheduler, a journal disk thread compressing a block takes the business thread's core for
/// tens of microseconds and every event published meanwhile waits behind it. Pinned, a busy journal only delays
/// the source, whose backlog the business thread then clears at its own speed.
/// </summary>
/// <remarks>
/// Linux only (<c>sched_setaffinity</c> on each thread id in <c>/proc/self/task</c>; .NET threads do not inherit
/// their creator's mask), and only with at least two usable CPUs; otherwise <see cref="Problem"/> says why and
/// nothing changes. Threads created after <see cref="PinBusinessThread"/> may run anywhere. <see cref="Dispose"/>
/// gives every thread the process's original mask back, which matters when the engine runs inside another
/// process (tests).
/// </remarks>
public sealed partial class CpuPinning : IDisposable
{
    private const int MaskBits = 1024;
    private static readonly nuint MaskBytes = MaskBits / 8;

    private readonly CpuMask _original;
    private readonly CpuMask _business;
    private readonly CpuMask _others;
    private bool _pinned;

    private CpuPinning(string problem)
    {
        Problem = problem;
        BusinessCpu = -1;
    }

    private CpuPinning(CpuMask original, int businessCpu, List<int> others)
    {
        _original = original;
        BusinessCpu = businessCpu;
        OtherCpus = others;
        _business[businessCpu / 64] = 1UL << (businessCpu % 64);
        foreach (var cpu in others)
            _others[cpu / 64] |= 1UL << (cpu % 64);
    }

    /// <summary>The business thread's CPU, or -1 when pinning is not possible.</summary>
    public int BusinessCpu { get; }

    /// <summary>The CPUs every other thread is kept on.</summary>
    public IReadOnlyList<int> OtherCpus { get; } = [];

    /// <summary>Why nothing is pinned, or null when pinning is possible.</summary>
    public string? Problem { get; }

    /// <summary>True when the business thread will get a CPU of its own.</summary>
    public bool IsActive => Problem is null;

    /// <summary>One line for the run log.</summary>
    public string Describe() => IsActive
        ? $"business thread on CPU {BusinessCpu}, every other thread on CPU {string.Join(",", OtherCpus)}"
        : $"threads not pinned: {Problem}";

    /// <summary>Reserves the highest CPU the process may use for the business thread; pins nothing yet.</summary>
    public static CpuPinning Apply()
    {
        if (!OperatingSystem.IsLinux())
            return new CpuPinning("CPU pinning needs Linux");
        if (sched_getaffinity(0, MaskBytes, out var current) != 0)
            return new CpuPinning($"sched_getaffinity failed (errno {Marshal.GetLastPInvokeError()})");
        var allowed = new List<int>();
        for (var cpu = 0; cpu < MaskBits; cpu++)
        {
            if ((current[cpu / 64] & (1UL << (cpu % 64))) != 0)
                allowed.Add(cpu);
        }
        if (allowed.Count < 2)
            return new CpuPinning($"this process may use {allowed.Count} CPU(s); pinning needs at least 2");
        var business = allowed[^1];
        allowed.RemoveAt(allowed.Count - 1);
        return new CpuPinning(current, business, allowed);
    }

    /// <summary>
    /// Call on the business thread as it starts: moves it onto the business CPU and every other thread of the
    /// process off it.
    /// </summary>
    public void PinBusinessThread()
    {
        if (!IsActive)
            return;
        _pinned = true;
        if (sched_setaffinity(0, MaskBytes, in _business) != 0)
            throw new InvalidOperationException($"could not pin the business thread to CPU {BusinessCpu} (errno {Marshal.GetLastPInvokeError()})");
        var self = gettid();
        foreach (var tid in ThreadIds())
        {
            // A thread may exit between the listing and the call; that is not an error.
            if (tid != self)
                _ = sched_setaffinity(tid, MaskBytes, in _others);
        }
    }

    /// <summary>Gives every thread of the process the mask the process had when <see cref="Apply"/> was called.</summary>
    public void Dispose()
    {
        if (!_pinned)
            return;
        _pinned = false;
        foreach (var tid in ThreadIds())
            _ = sched_setaffinity(tid, MaskBytes, in _original);
    }

    private static List<int> ThreadIds()
    {
        var ids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var tid))
                ids.Add(tid);
        }
        return ids;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nuint size, out CpuMask mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nuint size, in CpuMask mask);

    [LibraryImport("libc")]
    private static partial int gettid();

    /// <summary>A <c>cpu_set_t</c>: 1,024 bits.</summary>
    [InlineArray(MaskBits / 64)]
    private struct CpuMask
    {
        private ulong _word;
    }
}
