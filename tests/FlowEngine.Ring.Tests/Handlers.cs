namespace FlowEngine.Ring.Tests;

/// <summary>
/// Records what it sees and checks order as it goes: every event exactly once, in sequence order, with the
/// payload the producer wrote. Violations are counted (asserting on a processor thread would be lost).
/// </summary>
internal sealed class CheckingHandler : IValueEventHandler<TestEvent>
{
    private long _expected;
    private long _count;
    private long _violations;
    private long _batchStarts;
    private long _batchSizeSum;
    private long _pendingBatch;

    public string? FirstViolation { get; private set; }
    public int ThreadId { get; private set; }
    public bool Started { get; private set; }
    public bool ShutDown { get; private set; }
    public long CountAtShutdown { get; private set; } = -1;
    public long Count => Volatile.Read(ref _count);
    public long Violations => Volatile.Read(ref _violations);
    public long BatchStarts => Volatile.Read(ref _batchStarts);
    public long BatchSizeSum => Volatile.Read(ref _batchSizeSum);

    /// <summary>Optional extra check of the slot (e.g. that an earlier stage has written its field).</summary>
    public Func<TestEvent, long, string?>? Check { get; init; }

    /// <summary>Which field of the slot this stage writes for later stages.</summary>
    public Stage Write { get; init; }

    public void OnStart()
    {
        ThreadId = Environment.CurrentManagedThreadId;
        Started = true;
    }

    public void OnShutdown()
    {
        CountAtShutdown = Count;
        ShutDown = true;
    }

    public void OnBatchStart(long batchSize, long sequence)
    {
        if (sequence != _expected)
            Violate($"batch started at {sequence}, expected {_expected}");
        if (_pendingBatch != 0)
            Violate($"new batch at {sequence} while {_pendingBatch} events of the previous batch are outstanding");
        _pendingBatch = batchSize;
        _batchStarts++;
        _batchSizeSum += batchSize;
    }

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        if (sequence != _expected)
            Violate($"saw sequence {sequence}, expected {_expected}");
        if (data.Value != sequence * 3 + 1)
            Violate($"slot {sequence} holds {data.Value}, expected {sequence * 3 + 1}");
        if (Check?.Invoke(data, sequence) is { } problem)
            Violate(problem);
        _pendingBatch--;
        if (endOfBatch != (_pendingBatch == 0))
            Violate($"endOfBatch={endOfBatch} at {sequence} with {_pendingBatch} left in the batch");
        switch (Write)
        {
            case Stage.A: data.StageA = sequence; break;
            case Stage.B: data.StageB = sequence; break;
            case Stage.C: data.StageC = sequence; break;
        }
        _expected = sequence + 1;
        Volatile.Write(ref _count, _count + 1);
    }

    private void Violate(string what)
    {
        FirstViolation ??= what;
        Interlocked.Increment(ref _violations);
    }
}

internal enum Stage { None, A, B, C }

/// <summary>Publishes values the checking handler can verify: slot s holds 3s+1.</summary>
internal static class Publish
{
    public static void One(RingBuffer<TestEvent> ring)
    {
        var seq = ring.Next();
        ref var e = ref ring[seq];
        e = default;
        e.Value = seq * 3 + 1;
        ring.Publish(seq);
    }

    public static void Batch(RingBuffer<TestEvent> ring, int n)
    {
        var hi = ring.Next(n);
        var lo = hi - n + 1;
        for (var s = lo; s <= hi; s++)
        {
            ref var e = ref ring[s];
            e = default;
            e.Value = s * 3 + 1;
        }
        ring.Publish(lo, hi);
    }
}
