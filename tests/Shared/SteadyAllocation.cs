namespace FlowEngine.Tests;

/// <summary>
/// Bytes a piece of work allocates on the calling thread once warm, measured so that a one-off from the
/// runtime cannot fail a test. Tiered JIT work (on-stack replacement of a hot loop, call-count promotion)
/// happens when the machine's load lets it, and the thread that triggers it can allocate a few KiB once,
/// inside whichever window happens to be measured (seen on CI: 5,384 bytes in a 68,792-record decode).
/// An allocation per event or per record shows in every window; a one-off shows in at most one. So the same
/// window is measured up to <see cref="Windows"/> times and the smallest figure is the verdict.
/// </summary>
internal static class SteadyAllocation
{
    /// <summary>Windows measured at most (fewer when one allocates nothing).</summary>
    public const int Windows = 3;

    /// <summary>Measures <paramref name="window"/> (which must do the same work each time) on this thread.</summary>
    public static Measurement Measure(Action window) => Measure(() => 0, _ => window());

    /// <summary>
    /// Like <see cref="Measure(Action)"/>, with a fresh <typeparamref name="TState"/> from <paramref name="prepare"/>
    /// (not measured, and disposed after the window when it is <see cref="IDisposable"/>) for each window,
    /// e.g. a new reader over the same bytes.
    /// </summary>
    public static Measurement Measure<TState>(Func<TState> prepare, Action<TState> window)
    {
        var figures = new List<long>(Windows);
        for (var i = 0; i < Windows; i++)
        {
            var state = prepare();
            var before = GC.GetAllocatedBytesForCurrentThread();
            window(state);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            (state as IDisposable)?.Dispose();
            figures.Add(allocated);
            if (allocated == 0)
                break;
        }
        return new Measurement(figures.Min(), figures);
    }

    /// <summary>The smallest figure and every window's, for the failure message.</summary>
    public sealed record Measurement(long Bytes, IReadOnlyList<long> Windows)
    {
        public override string ToString() => $"{Bytes:N0} bytes at least; windows: {string.Join(", ", Windows.Select(w => w.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}";
    }
}
