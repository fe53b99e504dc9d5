using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Flow.Baselines;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// The cold-side sampler of a run, on its own background thread: every 10 ms it samples ring occupancy,
/// ends warm-up when due, reads the input journal's written/durable sequences for the status socket and tops up
/// the baseline's reserve of blank series (so a new time-of-day bucket allocates nothing on the business thread);
/// every few seconds it writes a progress line. It only reads what the hot threads publish, so it never slows them.
/// </summary>
internal sealed class RunMonitor : IDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(10);

    private readonly EnginePipeline _pipeline;
    private readonly EngineMetrics _metrics;
    private readonly JournalWriter? _journal;
    private readonly TextWriter? _progress;
    private readonly TimeSpan _progressInterval;
    private readonly SeriesReserve? _reserve;
    // No spinning before blocking: the monitor wakes 100 times a second on the CPU the paced source spins on, and
    // every spin there is time taken from the source (which then publishes late, in a burst).
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly Thread _thread;
    private long _lastEvents;
    private long _lastTimestamp;

    public RunMonitor(EnginePipeline pipeline, JournalWriter? journal, TextWriter? progress, TimeSpan progressInterval, SeriesReserve? reserve = null)
    {
        _reserve = reserve;
        _pipeline = pipeline;
        _metrics = pipeline.Metrics;
        _journal = journal;
        _progress = progress;
        _progressInterval = progressInterval;
        _thread = new Thread(Run) { IsBackground = true, Name = "fe:monitor" };
    }

    public void Start()
    {
        _lastTimestamp = Stopwatch.GetTimestamp();
        _thread.Start();
    }

    /// <summary>Stops the thread and takes a last sample (call after the pipeline drained).</summary>
    public void Stop()
    {
        _stop.Set();
        if (_thread.IsAlive)
            _thread.Join();
        Sample();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Run()
    {
        var nextProgress = Stopwatch.GetTimestamp() + (long)(_progressInterval.TotalSeconds * Stopwatch.Frequency);
        while (!_stop.Wait(SampleInterval))
        {
            Sample();
            if (_progress is not null && Stopwatch.GetTimestamp() >= nextProgress)
            {
                WriteProgress();
                nextProgress += (long)(_progressInterval.TotalSeconds * Stopwatch.Frequency);
            }
        }
    }

    private void Sample()
    {
        _metrics.RingOccupancy.Sample(Math.Max(0, _pipeline.Occupancy));
        _metrics.MarkWarmIfDue();
        if (_journal is not null)
            _metrics.Journal.Update(_journal.WrittenSequence, _journal.DurableSequence);
        _reserve?.Refill();
    }

    private void WriteProgress()
    {
        var now = Stopwatch.GetTimestamp();
        var events = _metrics.Counters.EventsIn;
        var seconds = Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        var rate = seconds > 0 ? (events - _lastEvents) / seconds : 0;
        _lastEvents = events;
        _lastTimestamp = now;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"progress {_metrics.Elapsed.TotalSeconds,7:0.0} s  events {events,14:N0}  {rate / 1e6,6:0.00} M/s");
        line.Append(CultureInfo.InvariantCulture, $"  ring {_metrics.RingOccupancy.Last:N0}/{_metrics.RingSize:N0}  lag");
        foreach (var handler in _pipeline.Ring.Handlers)
            line.Append(CultureInfo.InvariantCulture, $" {handler.Name} {Math.Max(0, handler.Lag):N0}");
        line.Append(CultureInfo.InvariantCulture, $"  outputs {_metrics.Counters.Outputs.Total:N0}");
        try
        {
            _progress!.WriteLine(line.ToString());
        }
        catch (IOException)
        {
            // A closed terminal must not take the run down; progress lines are a courtesy.
        }
    }
}
