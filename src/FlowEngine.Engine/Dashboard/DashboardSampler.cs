using System.Globalization;
using FlowEngine.Book;
using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Status;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Dashboard;

/// <summary>
/// Builds one <see cref="DashboardFrame"/> per refresh from what the engine already exposes: the status
/// provider's snapshots and the <see cref="DashboardTap"/>'s buffers. It runs on the dashboard's own thread and
/// only reads; the pipeline never waits for it.
/// </summary>
public sealed class DashboardSampler
{
    /// <summary>Quotes shown by default; with more instruments, the busiest are shown.</summary>
    public const int DefaultMaxQuotes = 12;

    /// <summary>Latest outputs shown by default.</summary>
    public const int DefaultLatestShown = 10;

    private readonly IStatusProvider _status;
    private readonly DashboardTap _tap;
    private readonly IReadOnlyDictionary<uint, string> _symbols;
    private readonly RunControl? _control;
    private readonly int _maxQuotes;
    private readonly int _latestShown;
    private readonly Queue<OutputLine> _latest = new();
    private readonly List<OutputRecord> _drained = [];
    private readonly List<InstrumentQuote> _quotes = [];
    private long _beat;
    private double _lastUptime = double.NaN;
    private long _lastEvents;

    /// <summary>Creates the sampler.</summary>
    /// <param name="status">The run's status provider.</param>
    /// <param name="tap">The tap installed on the run's output path.</param>
    /// <param name="symbols">Instrument symbols (see <see cref="InstrumentSymbols.Load"/>); ids are shown without.</param>
    /// <param name="control">The run's stop switch, to show why it is stopping.</param>
    /// <param name="maxQuotes">Most quotes shown.</param>
    /// <param name="latestShown">Latest outputs shown.</param>
    public DashboardSampler(IStatusProvider status, DashboardTap tap, IReadOnlyDictionary<uint, string>? symbols = null,
        RunControl? control = null, int maxQuotes = DefaultMaxQuotes, int latestShown = DefaultLatestShown)
    {
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _tap = tap ?? throw new ArgumentNullException(nameof(tap));
        ArgumentOutOfRangeException.ThrowIfNegative(maxQuotes);
        ArgumentOutOfRangeException.ThrowIfNegative(latestShown);
        _symbols = symbols ?? new Dictionary<uint, string>();
        _control = control;
        _maxQuotes = maxQuotes;
        _latestShown = latestShown;
    }

    /// <summary>Reads the engine's snapshots into a frame stamped <paramref name="clock"/>. Dashboard thread only.</summary>
    public DashboardFrame Sample(DateTimeOffset clock)
    {
        var status = _status.GetStatus();
        var metrics = _status.GetMetrics();
        _beat++;

        // The rate over the refresh interval, timed by the engine's own uptime clock: it is what a user watching
        // a refresh wants to see, and it does not share a window with status-socket subscribers.
        var rate = status.EventsPerSecond;
        if (!double.IsNaN(_lastUptime) && status.UptimeSeconds > _lastUptime)
            rate = (status.EventsIn - _lastEvents) / (status.UptimeSeconds - _lastUptime);
        _lastUptime = status.UptimeSeconds;
        _lastEvents = status.EventsIn;

        // Only the last few are shown: copy and render just those.
        _drained.Clear();
        _tap.Latest.Drain(_drained, _latestShown);
        for (var i = 0; i < _drained.Count; i++)
        {
            _latest.Enqueue(Describe(_drained[i]));
            while (_latest.Count > _latestShown)
                _latest.Dequeue();
        }

        _quotes.Clear();
        _tap.Quotes.CopyTo(_quotes);
        return new DashboardFrame
        {
            Clock = clock,
            Beat = _beat,
            Status = status,
            Metrics = metrics,
            EventsPerSecond = rate,
            StopReason = _control?.Reason,
            Quotes = SelectQuotes(),
            Instruments = _quotes.Count,
            UntrackedChanges = _tap.Quotes.UntrackedChanges,
            LatestOutputs = [.. _latest],
            OutputsSeen = _tap.Latest.Written,
            OutputsDropped = _tap.Latest.Dropped,
        };
    }

    private List<DashboardQuote> SelectQuotes()
    {
        IEnumerable<InstrumentQuote> shown = _quotes;
        if (_quotes.Count > _maxQuotes)
            shown = _quotes.OrderByDescending(q => q.Changes).ThenBy(q => q.InstrumentId).Take(_maxQuotes);
        return [.. shown.OrderBy(q => q.InstrumentId).Select(q => new DashboardQuote(q.InstrumentId, _symbols.GetValueOrDefault(q.InstrumentId), q.Top, q.Changes))];
    }

    private OutputLine Describe(OutputRecord record)
    {
        var kind = JournalOutputKinds.Name(record.Kind);
        string text;
        if (record.IsTruncated)
            text = string.Create(CultureInfo.InvariantCulture, $"{record.Length} bytes");
        else if (record.Kind == JournalOutputKinds.TopOfBook && record.Length == TopOfBookOutput.Size)
            text = DescribeTop(TopOfBookOutput.Read(record.Payload.Span));
        else
            text = OutputFormat.Describe(record.Kind, record.Payload.Span);
        return new OutputLine(record.InputSequence, kind, text);
    }

    private string DescribeTop(TopOfBookOutput tob)
    {
        var name = _symbols.TryGetValue(tob.InstrumentId, out var symbol) ? symbol : tob.InstrumentId.ToString(CultureInfo.InvariantCulture);
        return $"{name}  {Side(tob.Top.HasBid, tob.Top.BidPrice, tob.Top.BidSize)} / {Side(tob.Top.HasAsk, tob.Top.AskPrice, tob.Top.AskSize)}";
    }

    private static string Side(bool present, long price, long size) =>
        present ? string.Create(CultureInfo.InvariantCulture, $"{PriceFormat.ToDecimal(price)} x {size}") : "-";
}
