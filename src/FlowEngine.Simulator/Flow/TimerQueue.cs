namespace FlowEngine.Simulator.Flow;

/// <summary>
/// Binary min-heap of (time, id) timers for everything that happens at its own pace: price-move quote pulls,
/// the future's random walk, episode starts and episode steps. Each id is pending at most once. Ties break
/// on the id so the order of simultaneous timers never depends on insertion history.
/// </summary>
internal sealed class TimerQueue
{
    private readonly long[] _time;
    private readonly int[] _id;
    private readonly bool[] _pending;
    private int _count;

    /// <summary>Creates a queue for ids in [0, <paramref name="idCount"/>).</summary>
    public TimerQueue(int idCount)
    {
        _time = new long[idCount];
        _id = new int[idCount];
        _pending = new bool[idCount];
    }

    /// <summary>Number of pending timers.</summary>
    public int Count => _count;

    /// <summary>Time of the earliest timer, or long.MaxValue when none is pending.</summary>
    public long PeekTime => _count > 0 ? _time[0] : long.MaxValue;

    /// <summary>True when <paramref name="id"/> is scheduled.</summary>
    public bool IsPending(int id) => _pending[id];

    /// <summary>Schedules <paramref name="id"/> at <paramref name="time"/>; the id must not be pending.</summary>
    public void Schedule(int id, long time)
    {
        if (_pending[id]) throw new InvalidOperationException($"timer {id} is already pending");
        _pending[id] = true;
        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(time, id, _time[parent], _id[parent])) break;
            _time[i] = _time[parent];
            _id[i] = _id[parent];
            i = parent;
        }
        _time[i] = time;
        _id[i] = id;
    }

    /// <summary>Removes and returns the earliest timer's id.</summary>
    public int Pop()
    {
        var top = _id[0];
        _pending[top] = false;
        var n = --_count;
        if (n > 0)
        {
            var t = _time[n];
            var id = _id[n];
            var i = 0;
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= n) break;
                if (child + 1 < n && Less(_time[child + 1], _id[child + 1], _time[child], _id[child])) child++;
                if (!Less(_time[child], _id[child], t, id)) break;
                _time[i] = _time[child];
                _id[i] = _id[child];
                i = child;
            }
            _time[i] = t;
            _id[i] = id;
        }
        return top;
    }

    private static bool Less(long t1, int id1, long t2, int id2) => t1 < t2 || (t1 == t2 && id1 < id2);
}
