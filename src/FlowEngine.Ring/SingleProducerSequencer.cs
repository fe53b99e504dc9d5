using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowEngine.Ring;

/// <summary>
/// Hands out ring sequences to the one producer thread and publishes them to consumers. With a single
/// writer no CAS is needed: claiming is a field increment, publishing is one ordered store of the cursor.
/// The producer only reads consumers' sequences when its cached view says the ring might be full.
/// </summary>
/// <remarks>
/// Not thread-safe for producers by design: exactly one thread may call the claim and publish methods.
/// Claims must be published in order before the next claim wraps over them.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Padding + 64 + Padding)]
public sealed class SingleProducerSequencer
{
    private const int Padding = 128;

    [FieldOffset(Padding)]
    private readonly IWaitStrategy _waitStrategy;

    [FieldOffset(Padding + 8)]
    private readonly Sequence _cursor;

    [FieldOffset(Padding + 16)]
    private Sequence[] _gatingSequences; // replaced copy-on-write; read with Volatile.Read

    [FieldOffset(Padding + 24)]
    private readonly BlockingSignal? _signal;

    [FieldOffset(Padding + 32)]
    private string? _haltReason; // non-null once halted; read with Volatile.Read

    [FieldOffset(Padding + 40)]
    private long _nextValue;

    [FieldOffset(Padding + 48)]
    private long _cachedGatingMinimum;

    [FieldOffset(Padding + 56)]
    private readonly int _bufferSize;

    /// <summary>Creates a sequencer for a ring of <paramref name="bufferSize"/> slots (a power of two).</summary>
    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        if (bufferSize < 1 || !int.IsPow2(bufferSize))
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "ring size must be a positive power of two");
        _bufferSize = bufferSize;
        _waitStrategy = waitStrategy;
        _signal = waitStrategy.Signal;
        _cursor = new Sequence();
        _gatingSequences = [];
        _nextValue = Sequence.InitialValue;
        _cachedGatingMinimum = Sequence.InitialValue;
    }

    /// <summary>Number of slots in the ring.</summary>
    public int BufferSize => _bufferSize;

    /// <summary>Highest published sequence.</summary>
    public long Cursor => _cursor.Value;

    /// <summary>The cursor itself, which first-stage barriers wait on.</summary>
    public Sequence CursorSequence => _cursor;

    /// <summary>The strategy consumers use to wait for this sequencer.</summary>
    public IWaitStrategy WaitStrategy => _waitStrategy;

    /// <summary>True once <see cref="Halt"/> has been called.</summary>
    public bool IsHalted => Volatile.Read(ref _haltReason) is not null;

    /// <summary>Claims the next slot, waiting while the ring is full. Returns its sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => NextCore(1);

    /// <summary>
    /// Claims <paramref name="n"/> consecutive slots, waiting while the ring lacks room. Returns the highest
    /// claimed sequence; the first is <c>result - n + 1</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n)
    {
        if ((uint)(n - 1) >= (uint)_bufferSize)
            ThrowBadClaimSize(n);
        return NextCore(n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long NextCore(int n)
    {
        var current = _nextValue;
        var next = current + n;
        var wrapPoint = next - _bufferSize;
        if (wrapPoint > _cachedGatingMinimum)
            WaitForCapacity(current, wrapPoint);
        _nextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        var spinner = default(SpinWait);
        long min;
        while (wrapPoint > (min = Sequence.Minimum(Volatile.Read(ref _gatingSequences), current)))
        {
            ThrowIfHalted();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        _cachedGatingMinimum = min;
    }

    /// <summary>
    /// Claims the next slot if there is room right now; false (without waiting) when the ring is full.
    /// Throws <see cref="RingHaltedException"/> instead of returning false once the ring has halted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) => TryNextCore(1, out sequence);

    /// <summary>
    /// Claims <paramref name="n"/> slots if there is room for all of them right now; false (without waiting)
    /// otherwise. On success <paramref name="sequence"/> is the highest claimed sequence.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int n, out long sequence)
    {
        if ((uint)(n - 1) >= (uint)_bufferSize)
            ThrowBadClaimSize(n);
        return TryNextCore(n, out sequence);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryNextCore(int n, out long sequence)
    {
        var next = _nextValue + n;
        if (next - _bufferSize > _cachedGatingMinimum && !RefreshCapacity(next - _bufferSize))
        {
            sequence = 0;
            return false;
        }
        _nextValue = next;
        sequence = next;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshCapacity(long wrapPoint)
    {
        var min = Sequence.Minimum(Volatile.Read(ref _gatingSequences), _nextValue);
        _cachedGatingMinimum = min;
        if (wrapPoint <= min)
            return true;
        ThrowIfHalted();
        return false;
    }

    /// <summary>True when <paramref name="requiredCapacity"/> slots could be claimed without waiting.</summary>
    public bool HasAvailableCapacity(int requiredCapacity)
    {
        var wrapPoint = _nextValue + requiredCapacity - _bufferSize;
        return wrapPoint <= _cachedGatingMinimum || wrapPoint <= Sequence.Minimum(Volatile.Read(ref _gatingSequences), _nextValue);
    }

    /// <summary>
    /// Free slots: the ring size minus events claimed but not yet consumed by the slowest gating consumer.
    /// Safe to read from any thread (the answer may be a moment stale).
    /// </summary>
    public long GetRemainingCapacity()
    {
        var produced = Volatile.Read(ref _nextValue);
        var consumed = Sequence.Minimum(Volatile.Read(ref _gatingSequences), produced);
        return _bufferSize - (produced - consumed);
    }

    /// <summary>Makes <paramref name="sequence"/> (and everything before it) visible to consumers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        _cursor.SetValue(sequence);
        if (_signal is { HasWaiters: true } signal)
            signal.WakeAll();
    }

    /// <summary>Publishes a claimed batch <paramref name="lo"/>..<paramref name="hi"/> with one cursor store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long lo, long hi) => Publish(hi);

    /// <summary>True when <paramref name="sequence"/> is published and not yet overwritable.</summary>
    public bool IsAvailable(long sequence)
    {
        var cursor = _cursor.Value;
        return sequence <= cursor && sequence > cursor - _bufferSize;
    }

    /// <summary>
    /// Adds consumer sequences the producer must not lap: normally the last processors of each chain.
    /// Add them before publishing starts, or a new consumer could miss events it should gate.
    /// </summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        while (true)
        {
            var current = Volatile.Read(ref _gatingSequences);
            var updated = new Sequence[current.Length + sequences.Length];
            current.CopyTo(updated, 0);
            for (var i = 0; i < sequences.Length; i++)
                updated[current.Length + i] = sequences[i] ?? throw new ArgumentNullException(nameof(sequences), "gating sequence is null");
            if (Interlocked.CompareExchange(ref _gatingSequences, updated, current) == current)
                return;
        }
    }

    /// <summary>Stops gating on <paramref name="sequence"/>; true when it was present.</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        while (true)
        {
            var current = Volatile.Read(ref _gatingSequences);
            var index = Array.IndexOf(current, sequence);
            if (index < 0)
                return false;
            var updated = new Sequence[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
            if (Interlocked.CompareExchange(ref _gatingSequences, updated, current) == current)
                return true;
        }
    }

    /// <summary>Minimum of the gating sequences (the cursor when there are none).</summary>
    public long GetMinimumGatingSequence() => Sequence.Minimum(Volatile.Read(ref _gatingSequences), _cursor.Value);

    /// <summary>Creates a barrier on this sequencer's cursor and, optionally, on processors that must run first.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => new(_waitStrategy, _cursor, dependents);

    /// <summary>
    /// Marks the ring as halted: a producer that then finds the ring full gets a <see cref="RingHaltedException"/>
    /// carrying <paramref name="reason"/> instead of waiting forever. Publishing into free slots still succeeds.
    /// </summary>
    public void Halt(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Interlocked.CompareExchange(ref _haltReason, reason, null);
    }

    private void ThrowIfHalted()
    {
        if (Volatile.Read(ref _haltReason) is { } reason)
            throw new RingHaltedException(reason);
    }

    private void ThrowBadClaimSize(int n) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"claim size must be between 1 and the ring size {_bufferSize}");
}
