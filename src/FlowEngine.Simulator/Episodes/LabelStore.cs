using System.Collections;

namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// The ground-truth labels, in a flat array sized up front from the episode rates so recording them never
/// allocates in steady state. A label is opened at its episode's first record and its end, volume and
/// counts are updated in place as the episode goes on, so the list is correct whenever it is read,
/// including after a run stopped early.
/// </summary>
internal sealed class LabelStore : IReadOnlyList<EpisodeLabel>
{
    private EpisodeLabel[] _labels;

    /// <summary>Creates a store with room for <paramref name="capacity"/> labels.</summary>
    public LabelStore(int capacity) => _labels = new EpisodeLabel[Math.Max(16, capacity)];

    /// <inheritdoc />
    public int Count { get; private set; }

    /// <inheritdoc />
    public EpisodeLabel this[int index] =>
        (uint)index < (uint)Count ? _labels[index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"there are {Count} labels");

    /// <summary>Opens a label; its group is its own id unless <paramref name="group"/> is given.</summary>
    public int Open(EpisodeKind kind, uint instrumentId, EpisodeSide side, long startNs, long price, int group = -1)
    {
        if (Count == _labels.Length) Array.Resize(ref _labels, _labels.Length * 2);
        var id = Count;
        _labels[Count++] = new EpisodeLabel
        {
            Id = id,
            Group = group < 0 ? id : group,
            Kind = kind,
            InstrumentId = instrumentId,
            Side = side,
            StartNs = startNs,
            EndNs = startNs,
            Price = price,
        };
        return id;
    }

    /// <summary>Extends a label to <paramref name="nowNs"/> and adds what the latest step did.</summary>
    public void Update(int id, long nowNs, long volume, int actions, int levels)
    {
        ref var l = ref _labels[id];
        l = l with
        {
            EndNs = nowNs,
            Volume = l.Volume + volume,
            Actions = l.Actions + actions,
            Levels = Math.Max(l.Levels, levels),
        };
    }

    /// <inheritdoc />
    public IEnumerator<EpisodeLabel> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _labels[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
