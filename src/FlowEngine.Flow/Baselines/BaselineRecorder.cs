using FlowEngine.Flow.Pressure;

namespace FlowEngine.Flow.Baselines;

/// <summary>
/// Feeds closed windows into a <see cref="BaselineStore"/>: one sample per measure per window with at least
/// one aggressor event, for the configured window lengths. Attach it to the tracker for live runs (the store
/// keeps the samples aside until the session ends) and for <c>flowengine baseline build</c>.
/// </summary>
public sealed class BaselineRecorder : IFlowListener
{
    private readonly BaselineStore _store;
    private readonly long[] _lengths;
    private readonly long _longest;
    private int _preparedInstruments = -1;
    private int _preparedFirst = -1;
    private int _preparedLast = -1;

    /// <summary>Records windows of the given lengths (ns) into <paramref name="store"/>.</summary>
    public BaselineRecorder(BaselineStore store, IReadOnlyList<long> windowLengthsNs)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(windowLengthsNs);
        _store = store;
        _lengths = [.. windowLengthsNs];
        _longest = _lengths.Length == 0 ? 0 : _lengths.Max();
    }

    /// <summary>Windows recorded so far.</summary>
    public long WindowsRecorded { get; private set; }

    /// <summary>
    /// Creates ahead of time the series the windows around <paramref name="nowNs"/> will record into, for every
    /// instrument <paramref name="tracker"/> knows: the window open now (which may have started in the previous
    /// time-of-day bucket) and the next one. Called from the business thread once per timer tick, it moves the
    /// allocation of a new key away from the window close to the tick before, and takes the new keys of a
    /// time-of-day bucket from the store's <see cref="BaselineStore.Reserve"/> (built on a cold thread) when it has
    /// them; a new instrument sizes the store's tables for a day (<see cref="BaselineStore.Expect"/>).
    /// </summary>
    public void Prepare(PressureTracker tracker, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        // Between bucket boundaries, and with no new instrument, every series is already there: skip the lookups
        // (a chain of thousands of instruments would otherwise pay them every tick).
        var first = _store.Options.BucketOf(nowNs - _longest);
        var last = _store.Options.BucketOf(nowNs + _longest);
        if (tracker.InstrumentCount == _preparedInstruments && first == _preparedFirst && last == _preparedLast)
            return;
        if (tracker.InstrumentCount != _preparedInstruments)
            _store.Expect(tracker.InstrumentCount, _lengths.Length);
        _preparedInstruments = tracker.InstrumentCount;
        _preparedFirst = first;
        _preparedLast = last;
        for (var i = 0; i < tracker.InstrumentCount; i++)
        {
            var instrument = tracker.InstrumentAt(i);
            foreach (var length in _lengths)
            {
                _store.Prepare(instrument, length, nowNs - length);
                _store.Prepare(instrument, length, nowNs);
                _store.Prepare(instrument, length, nowNs + length);
            }
        }
    }

    /// <inheritdoc />
    public void OnFlowEvent(in FlowEvent flowEvent)
    {
    }

    /// <inheritdoc />
    public void OnWindowsClosed(int lengthIndex, long endNs, ReadOnlySpan<WindowStats> windows)
    {
        if (windows.Length == 0 || Array.IndexOf(_lengths, windows[0].LengthNs) < 0)
            return;
        foreach (ref readonly var w in windows)
        {
            // Windows without trades say nothing about pressure; counting them would let quiet stretches
            // drag every measure's history to zero.
            if (w.Trades == 0)
                continue;
            foreach (var measure in BaselineMeasures.All)
                _store.Record(w.InstrumentId, w.LengthNs, measure, w.StartNs, BaselineMeasures.ValueOf(measure, in w));
            WindowsRecorded++;
        }
    }
}
