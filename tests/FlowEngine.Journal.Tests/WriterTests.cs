using System.Diagnostics;
using FlowEngine.Journal.Tests.Support;

namespace FlowEngine.Journal.Tests;

public class WriterTests
{
    [Fact]
    public void Appends_allocate_nothing_after_warm_up()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { BlockSize = 16 * 1024, SegmentSize = 1L << 30 };
        using var writer = new JournalWriter(options);
        var payload = new byte[48];
        var e = Journals.Event(1);
        void Run(long from, long count)
        {
            for (var i = from; i < from + count; i++)
            {
                e.Sequence = (uint)i;
                writer.AppendInput(in e, i);
                if (i % 4 == 0)
                    writer.AppendOutput(JournalOutputKinds.TopOfBook, i, payload);
                if (i % 100 == 99)
                    writer.EndOfBatch();
            }
        }
        Run(0, 50_000); // warm-up: JIT, first blocks, waits on the disk thread
        var next = 50_000L;
        var allocated = SteadyAllocation.Measure(() =>
        {
            Run(next, 200_000);
            next += 200_000;
        });
        Assert.True(allocated.Bytes == 0, allocated.ToString());
    }

    [Fact]
    public void Under_always_everything_reported_durable_is_on_disk_and_durable_never_passes_written()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { Durability = DurabilityPolicy.Always, BlockSize = 4096 };
        var writer = new JournalWriter(options);
        Assert.Equal(-1, writer.DurableSequence);
        Assert.Equal(-1, writer.WrittenSequence);
        var observed = new List<(long Written, long Durable)>();
        for (var i = 0L; i < 3000; i++)
        {
            var e = Journals.Event(i);
            writer.AppendInput(in e, i);
            if (i % 100 == 99)
            {
                writer.EndOfBatch();
                // Read durable first: written can only have grown by the time we read it.
                var durable = writer.DurableSequence;
                observed.Add((writer.WrittenSequence, durable));
            }
        }
        Assert.True(SpinWait.SpinUntil(() => writer.DurableSequence == 2999, TimeSpan.FromSeconds(30)), $"durable stuck at {writer.DurableSequence}");
        Assert.All(observed, o => Assert.True(o.Durable <= o.Written, $"durable {o.Durable} ahead of written {o.Written}"));
        Assert.All(observed.Zip(observed.Skip(1)), p => Assert.True(p.Second.Durable >= p.First.Durable));
        // A copy taken now, before Close, is what a crash at this instant would leave: it holds every durable record.
        using var snapshot = new TempDir();
        Journals.CopyRun(options.RunDirectory, snapshot.Path);
        writer.Close();
        var (records, _) = Journals.ReadUntilError(snapshot.Path);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)i), records.Select(r => r.Sequence));
    }

    [Fact]
    public void Under_batch_durability_follows_within_the_interval()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { Durability = DurabilityPolicy.Batch, BatchSyncInterval = TimeSpan.FromMilliseconds(20) };
        using var writer = new JournalWriter(options);
        var e = Journals.Event(0);
        writer.AppendInput(in e, 0);
        writer.EndOfBatch();
        // No more input arrives: the disk thread must still fsync once the interval has passed.
        Assert.True(SpinWait.SpinUntil(() => writer.DurableSequence == 0, TimeSpan.FromSeconds(30)), "batch policy never synced an idle tail");
        writer.AppendInput(in e, 1);
        writer.EndOfBatch();
        Assert.True(SpinWait.SpinUntil(() => writer.DurableSequence == 1, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Under_none_blocks_are_written_but_never_reported_durable()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { Durability = DurabilityPolicy.None };
        var writer = new JournalWriter(options);
        var e = Journals.Event(0);
        writer.AppendInput(in e, 7);
        writer.EndOfBatch();
        Assert.True(SpinWait.SpinUntil(() => writer.WrittenSequence == 7, TimeSpan.FromSeconds(30)));
        writer.Close();
        Assert.Equal(-1, writer.DurableSequence);
        Assert.Equal(7, writer.WrittenSequence);
    }

    [Fact]
    public void Close_makes_everything_durable_under_batch_and_always()
    {
        foreach (var policy in new[] { DurabilityPolicy.Batch, DurabilityPolicy.Always })
        {
            using var dir = new TempDir();
            var writer = new JournalWriter(Journals.Options(dir.Path) with { Durability = policy, BatchSyncInterval = TimeSpan.FromMinutes(5) });
            var e = Journals.Event(0);
            for (var i = 0; i < 10; i++)
                writer.AppendInput(in e, i);
            writer.Close();
            Assert.Equal(9, writer.DurableSequence);
            Assert.Equal(9, writer.WrittenSequence);
        }
    }

    [Fact]
    public void A_run_never_overwrites_another()
    {
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path);
        Journals.Write(options, 5);
        var error = Assert.Throws<IOException>(() => new JournalWriter(options));
        Assert.Equal($"{Path.GetFullPath(options.RunDirectory)} already holds a journal; a run never overwrites another (choose a new run id)", error.Message);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_reason()
    {
        using var dir = new TempDir();
        var ok = Journals.Options(dir.Path);
        void Refused(JournalOptions bad, string message) =>
            Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => new JournalWriter(bad)).Message);
        Refused(ok with { RunId = "../escape" }, "journal run id '../escape' must be 1-63 characters from [A-Za-z0-9._-]");
        Refused(ok with { RunId = "" }, "journal run id '' must be");
        Refused(ok with { RunId = new string('a', 64) }, "journal run id");
        Refused(ok with { BlockSize = 100 }, "journal block size 100 must be 256..4194304 bytes");
        Refused(ok with { BlockSize = 1024, MaxOutputPayload = 2000 }, "journal max output payload 2000 must be >= 0 and fit one block (1008 bytes)");
        Refused(ok with { SegmentSize = 10 }, "journal segment size 10 must be at least 512 bytes");
        Refused(ok with { BlockBuffers = 1 }, "journal block buffers 1 must be 2..1024");
        Refused(ok with { BatchSyncInterval = TimeSpan.Zero }, "journal batch sync interval 00:00:00 must be positive");
        Refused(ok with { EngineVersion = new string('v', 70) }, "journal engine version");
        Assert.False(Directory.Exists(ok.RunDirectory));
    }

    [Fact]
    public void Oversized_output_payloads_and_appends_after_close_are_refused()
    {
        using var dir = new TempDir();
        var writer = new JournalWriter(Journals.Options(dir.Path) with { MaxOutputPayload = 16 });
        var tooBig = Assert.Throws<ArgumentOutOfRangeException>(() => writer.AppendOutput(1, 0, new byte[17]));
        Assert.StartsWith("journal output payload of 17 bytes exceeds the maximum of 16", tooBig.Message);
        writer.AppendOutput(1, 0, new byte[16]);
        writer.Close();
        writer.Close(); // idempotent
        var e = Journals.Event(0);
        Assert.Throws<ObjectDisposedException>(() => writer.AppendInput(in e, 1));
        Assert.Single(Journals.ReadAll(Path.Combine(dir.Path, "run-1")));
    }

    [Fact]
    public void Config_hash_is_stable_fnv1a()
    {
        // FNV-1a 64 reference values: empty input is the offset basis; "a" is the published test vector.
        Assert.Equal(0xcbf29ce484222325UL, JournalConfigHash.Compute(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, JournalConfigHash.Compute("a"));
        Assert.NotEqual(JournalConfigHash.Compute("depth=10"), JournalConfigHash.Compute("depth=11"));
    }

    [Fact]
    public async Task Slow_disk_applies_back_pressure_instead_of_dropping()
    {
        // Two buffers and fsync on every block: the appender must wait for the disk, and lose nothing.
        using var dir = new TempDir();
        var options = Journals.Options(dir.Path) with { BlockBuffers = 2, BlockSize = 256, MaxOutputPayload = 32, Durability = DurabilityPolicy.Always };
        var task = Task.Run(() => Journals.Write(options, 2000, batch: 1));
        // WaitAsync throws a TimeoutException if the writer hangs under back-pressure.
        var written = await task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(written, Journals.ReadAll(options.RunDirectory));
    }
}
