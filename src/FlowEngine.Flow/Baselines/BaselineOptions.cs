namespace FlowEngine.Flow.Baselines;

/// <summary>
/// How much history the baseline keeps and when it is trustworthy. A snapshot file records these so a
/// loaded baseline behaves exactly like the one that was saved.
/// </summary>
public sealed record BaselineOptions
{
    /// <summary>Sessions of history per key; the oldest is dropped when a newer one ends. Default 20.</summary>
    public int SessionsKept { get; init; } = 20;

    /// <summary>Length of a time-of-day bucket in minutes (UTC); must divide a day. Default 30.</summary>
    public int BucketMinutes { get; init; } = 30;

    /// <summary>Sessions a key needs before it is used for scoring; before that scoring says "warming up". Default 3.</summary>
    public int MinSessions { get; init; } = 3;

    /// <summary>Samples a key needs before it is used for scoring. Default 20.</summary>
    public int MinSamples { get; init; } = 20;

    /// <summary>
    /// Samples kept per key per session for median, MAD and percentile (a session with more is thinned by a
    /// deterministic stride); mean and standard deviation always use every sample. Default 128.
    /// </summary>
    public int MaxSamplesPerSession { get; init; } = 128;

    /// <summary>Fails with an <see cref="ArgumentException"/> naming the option and the allowed range.</summary>
    public void Validate()
    {
        Require(SessionsKept is >= 1 and <= 1000, nameof(SessionsKept), $"must be between 1 and 1000, got {SessionsKept}");
        Require(BucketMinutes is >= 1 and <= 1440 && 1440 % BucketMinutes == 0, nameof(BucketMinutes), $"must divide 1440 (a day), got {BucketMinutes}");
        Require(MinSessions >= 1 && MinSessions <= SessionsKept, nameof(MinSessions), $"must be between 1 and {nameof(SessionsKept)} ({SessionsKept}), got {MinSessions}");
        Require(MinSamples is >= 1 and <= 1_000_000, nameof(MinSamples), $"must be between 1 and 1,000,000, got {MinSamples}");
        Require(MaxSamplesPerSession is >= 2 and <= 1_000_000, nameof(MaxSamplesPerSession), $"must be between 2 and 1,000,000, got {MaxSamplesPerSession}");
    }

    /// <summary>The bucket of a window starting at <paramref name="startNs"/> (ns since the epoch, UTC).</summary>
    public int BucketOf(long startNs)
    {
        const long NsPerMinute = 60_000_000_000;
        const long NsPerDay = 1440 * NsPerMinute;
        var ofDay = startNs % NsPerDay;
        if (ofDay < 0) ofDay += NsPerDay;
        return (int)(ofDay / (BucketMinutes * NsPerMinute));
    }

    private static void Require(bool ok, string name, string problem)
    {
        if (!ok)
            throw new ArgumentException($"baseline option {name} {problem}", name);
    }
}
