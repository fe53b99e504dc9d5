using FlowEngine.Book;
using FlowEngine.Engine.Metrics;
using FlowEngine.Ring;

namespace FlowEngine.Engine.Pipeline;

/// <summary>
/// Applies every MBO input to its instrument's L3 book and tells later stages, through the slot, when an
/// instrument's consistent top of book (at F_LAST) moved. Non-MBO inputs (timer ticks, definitions) pass
/// through with <see cref="PipelineEvent.TopChanged"/> false.
/// </summary>
public sealed class BookStage : IValueEventHandler<PipelineEvent>
{
    /// <summary>Anomaly counters are refreshed for the status socket about this often (in events).</summary>
    private const int AnomalySyncInterval = 1 << 16;

    /// <summary>
    /// How many events ahead the id-map bucket is prefetched: far enough for the load to land before the event
    /// is applied, near enough that it is still in L1.
    /// </summary>
    public const int PrefetchDistance = 8;

    private readonly BookSet _books;
    private readonly StageProbe _probe;
    private readonly NamedCounters? _anomalies;
    private readonly int[] _anomalyIndex = new int[AnomalyCounts.KindCount];
    private readonly long[] _anomalyReported = new long[AnomalyCounts.KindCount];
    private readonly RingBuffer<PipelineEvent>? _lookahead;
    private long _batchEnd = -1;
    private int _sinceSync;

    /// <summary>Creates the stage over <paramref name="books"/>, publishing anomaly counts into <paramref name="anomalies"/>.</summary>
    /// <param name="books">The books this stage maintains.</param>
    /// <param name="probe">Latency and lag probe.</param>
    /// <param name="anomalies">Where anomaly counts are published; null to keep them in the books only.</param>
    /// <param name="lookahead">
    /// The ring this stage consumes: within a batch it reads the event <see cref="PrefetchDistance"/> ahead and
    /// prefetches its order's id-map bucket, hiding the cache miss a random cancel in a book of thousands of
    /// orders costs. Null: no prefetching.
    /// </param>
    public BookStage(BookSet books, StageProbe probe, NamedCounters? anomalies, RingBuffer<PipelineEvent>? lookahead = null)
    {
        _books = books ?? throw new ArgumentNullException(nameof(books));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _anomalies = anomalies;
        _lookahead = lookahead;
        Array.Fill(_anomalyIndex, -1);
    }

    /// <summary>The books (read them only after the pipeline halted: the stage's thread owns them).</summary>
    public BookSet Books => _books;

    /// <inheritdoc />
    public void OnEvent(ref PipelineEvent data, long sequence, bool endOfBatch)
    {
        // Published slots up to the batch end are immutable while this stage reads them.
        if (sequence + PrefetchDistance <= _batchEnd)
            _books.Prefetch(in _lookahead![sequence + PrefetchDistance].Input);
        var result = _books.Apply(in data.Input);
        if ((result & ApplyResult.TopChanged) != 0)
        {
            var book = _books.LastBook!;
            data.Top = book.ConsistentTop;
            data.TopInstrumentId = book.InstrumentId;
            data.TopChanged = true;
        }
        else
        {
            data.TopChanged = false;
        }
        _probe.Handled(sequence, data.PublishedTicks, endOfBatch);
        _sinceSync++;
        if (endOfBatch)
        {
            if (_sinceSync >= AnomalySyncInterval)
                SyncAnomalies();
            _probe.BatchEnd();
        }
    }

    /// <inheritdoc />
    public void OnBatchStart(long batchSize, long sequence)
    {
        if (_lookahead is not null)
            _batchEnd = sequence + batchSize - 1;
        _probe.BatchStart(batchSize);
    }

    /// <inheritdoc />
    public void OnShutdown() => SyncAnomalies();

    /// <summary>Copies the books' anomaly totals into the run's counters (the stage's thread only).</summary>
    private void SyncAnomalies()
    {
        _sinceSync = 0;
        if (_anomalies is null)
            return;
        var total = _books.TotalAnomalies();
        for (var k = 0; k < AnomalyCounts.KindCount; k++)
        {
            var value = total[(AnomalyKind)k];
            var delta = value - _anomalyReported[k];
            if (delta != 0)
            {
                // Registered on first occurrence so the report lists only kinds that happened; the lock this
                // takes is paid once per kind per run.
                if (_anomalyIndex[k] < 0)
                    _anomalyIndex[k] = _anomalies.Register(AnomalyCounts.Describe((AnomalyKind)k));
                _anomalies.Add(_anomalyIndex[k], delta);
                _anomalyReported[k] = value;
            }
        }
    }
}
