using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Scoring;
using FlowEngine.Simulator;
using FlowEngine.Tests;

namespace FlowEngine.Flow.Tests;

public sealed class SeriesReserveTests
{
    // One-minute buckets, so that every measured stretch of ~1.5 minutes of event time begins a new bucket.
    private static readonly BaselineOptions MinuteBuckets = new() { BucketMinutes = 1, MinSessions = 1, MinSamples = 5 };

    [Fact]
    public void Refill_builds_the_target_and_a_new_key_takes_a_blank_from_it()
    {
        var store = new BaselineStore();
        store.Expect(instruments: 10, windowLengths: 1);
        Assert.Equal(10 * 1 * BaselineMeasures.All.Length * 2, store.Reserve.Target);
        Assert.Equal(store.Reserve.Target, store.Reserve.Refill());
        Assert.Equal(0, store.Reserve.Refill());

        store.Prepare(7, 10_000_000_000, 1_772_461_800_000_000_000);

        Assert.Equal(BaselineMeasures.All.Length, store.Reserve.Taken);
        Assert.Equal(store.Reserve.Target - BaselineMeasures.All.Length, store.Reserve.Count);
        var key = new BaselineKey(7, 10_000_000_000, BaselineMeasure.Volume, store.Options.BucketOf(1_772_461_800_000_000_000));
        Assert.Equal(key, store.Find(key)!.Key);
    }

    [Fact]
    public void The_target_is_clamped_to_the_capacity_and_an_empty_reserve_leaves_the_store_to_build_keys_itself()
    {
        var reserve = new SeriesReserve(new BaselineOptions(), capacity: 100);
        Assert.Equal(128, reserve.Capacity);
        reserve.Target = 1_000;
        Assert.Equal(128, reserve.Target);

        var store = new BaselineStore();
        store.Record(1, 10_000_000_000, BaselineMeasure.Volume, 0, 3.0);
        Assert.Equal(0, store.Reserve.Taken);
        Assert.Equal(1, store.SeriesCount);
    }

    [Fact]
    public void A_consumer_racing_a_refilling_thread_gets_every_blank_once_and_fully_built()
    {
        var reserve = new SeriesReserve(new BaselineOptions(), capacity: 64) { Target = 64 };
        using var stop = new CancellationTokenSource();
        var producer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
                reserve.Refill();
        });
        producer.Start();
        var seen = new HashSet<BaselineSeries>(ReferenceEqualityComparer.Instance);
        try
        {
            while (seen.Count < 200_000)
            {
                if (!reserve.TryTake(out var series))
                    continue;
                Assert.True(seen.Add(series), "a blank was handed out twice");
                Assert.Equal(0, series.Current.Count);
                Assert.Equal(128, series.Current.Capacity);
                Assert.Equal(default, series.Key);
            }
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
        Assert.True(reserve.Count <= 64);
    }

    [Fact]
    public void A_new_time_of_day_bucket_allocates_nothing_on_the_recording_thread_while_a_cold_thread_refills()
    {
        var store = new BaselineStore(MinuteBuckets);
        var pipeline = new SimPipeline(new SimulatorOptions { Seed = 921, Duration = TimeSpan.FromMinutes(8) }, store, new CountingSink());
        using var refiller = new Refiller(store.Reserve);
        Assert.True(pipeline.Step(600_000)); // warm: pools grown, the tables sized for the day's keys
        var keysBefore = store.SeriesCount;
        var takenBefore = store.Reserve.Taken;

        var allocated = SteadyAllocation.Measure(() =>
        {
            if (!pipeline.Step(900_000))
                throw new InvalidOperationException("the session ended inside a measured stretch");
        });

        Assert.True(store.SeriesCount > keysBefore, "the measured stretch should have begun new buckets");
        Assert.True(store.Reserve.Taken > takenBefore, "the new keys should have come from the reserve");
        Assert.True(allocated.Bytes == 0, allocated.ToString());
    }

    [Fact]
    public void Without_a_refill_the_same_stretch_builds_its_new_keys_on_the_recording_thread()
    {
        var store = new BaselineStore(MinuteBuckets);
        var pipeline = new SimPipeline(new SimulatorOptions { Seed = 921, Duration = TimeSpan.FromMinutes(8) }, store, new CountingSink());
        Assert.True(pipeline.Step(600_000));

        var allocated = SteadyAllocation.Measure(() =>
        {
            if (!pipeline.Step(900_000))
                throw new InvalidOperationException("the session ended inside a measured stretch");
        });

        // 43 instruments × 4 measures new keys per bucket, each with its session buffers (about 1.4 KB).
        Assert.True(allocated.Bytes > 43 * 4 * 1_000, allocated.ToString());
        Assert.Equal(0, store.Reserve.Taken);
    }

    [Fact]
    public void Keys_built_by_the_reserve_give_the_same_signals_and_baseline_as_keys_built_in_place()
    {
        var withReserve = Session(refill: true);
        var inPlace = Session(refill: false);

        Assert.True(inPlace.Count > 0, "the session should produce signals");
        Assert.True(withReserve.Taken > 0, "the reserve should have supplied keys");
        Assert.Equal(inPlace.Signals, withReserve.Signals);
        Assert.Equal(inPlace.Baseline, withReserve.Baseline);
    }

    private static (byte[] Signals, int Count, string Baseline, long Taken) Session(bool refill)
    {
        var store = new BaselineStore(MinuteBuckets);
        using var refiller = refill ? new Refiller(store.Reserve) : null;
        var duration = TimeSpan.FromSeconds(150);
        foreach (var seed in (ulong[])[931, 932])
        {
            new SimPipeline(new SimulatorOptions { Seed = seed, Duration = duration }, store, sink: null).RunToEnd();
            store.EndSession();
        }
        var sink = new EncodingSink();
        new SimPipeline(new SimulatorOptions { Seed = 933, Duration = duration }, store, sink).RunToEnd();
        store.EndSession();
        var text = new StringWriter();
        BaselineSnapshot.Save(store, text);
        return (sink.Bytes.ToArray(), sink.Count, text.ToString(), store.Reserve.Taken);
    }

    /// <summary>A cold thread topping the reserve up every millisecond, as the run monitor does every 10 ms.</summary>
    private sealed class Refiller : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;

        public Refiller(SeriesReserve reserve)
        {
            _thread = new Thread(() =>
            {
                while (!_stop.Token.WaitHandle.WaitOne(1))
                    reserve.Refill();
            })
            { IsBackground = true, Name = "test:refill" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _stop.Dispose();
        }
    }
}
