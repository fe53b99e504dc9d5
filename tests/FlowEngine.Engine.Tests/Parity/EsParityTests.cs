using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Parity;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Tests.Parity;

/// <summary>The ES day through the whole engine: the known final book, parity, and determinism across layouts and replays.</summary>
public sealed class EsParityTests : IClassFixture<EsRunFixture>
{
    private readonly EsRunFixture _es;

    public EsParityTests(EsRunFixture es) => _es = es;

    [Fact]
    public void The_final_book_is_the_known_answer()
    {
        Assert.True(_es.Result.Succeeded, _es.Result.FailureMessage);
        var book = Assert.Single(_es.Result.Report.Books);
        Assert.Equal(17077u, book.InstrumentId);
        Assert.Equal(922, book.BidLevels);
        Assert.Equal(565, book.AskLevels);
        Assert.Equal("4810.00", book.BestBid);
        Assert.Equal("4810.25", book.BestAsk);
        Assert.Equal(1703548799446821072, book.LastTsRecv);
        Assert.Equal(8725 + 68792, _es.Result.Report.EventsIn);
    }

    [Fact]
    public void Parity_recomputes_every_journaled_output()
    {
        var result = TestRuns.Bounded(() => ParityCheck.Run(_es.RunDirectory));

        Assert.True(result.Matches, result.Difference?.Describe());
        Assert.True(result.Complete);
        Assert.Equal(_es.Result.Report.OutputsTotal, result.OutputsCompared);
        Assert.Equal(_es.Result.Report.EventsIn + _es.Result.Report.TimerTicks, result.InputsReplayed);
        Assert.True(result.OutputsCompared > 20_000);
    }

    [Fact]
    public void Thread_layouts_and_wait_strategies_give_identical_outputs_and_a_replay_of_a_replay_too()
    {
        var root = Path.Combine(_es.Root.Path, "determinism");
        var (reference, count) = OutputDigest.Compute(_es.Result.Layout.OutputsDirectory);
        Assert.Equal(_es.Result.Report.OutputsTotal, count);

        (string Layout, string Wait)[] variants = [("per-handler", "yielding"), ("fused", "blocking"), ("single", "sleeping"), ("single", "busy-spin")];
        foreach (var (layout, wait) in variants)
        {
            var run = TestRuns.Execute(TestRuns.EsConfig(root, ("ring.threadLayout", layout), ("ring.waitStrategy", wait), ("ring.size", "1024")), $"es-{layout}-{wait}");
            Assert.True(run.Succeeded, run.FailureMessage);
            Assert.Equal(reference, OutputDigest.Compute(run.Layout.OutputsDirectory).Digest);
            Assert.Equal(InputDigest(_es.Result.Layout.InputsDirectory), InputDigest(run.Layout.InputsDirectory));
        }

        var replay = Replay(_es.RunDirectory, root, "replay-1", ("ring.threadLayout", "per-handler"));
        var replayOfReplay = Replay(replay.Layout.Directory, root, "replay-2");
        foreach (var r in (RunResult[])[replay, replayOfReplay])
        {
            Assert.True(r.Succeeded, r.FailureMessage);
            Assert.Equal(reference, OutputDigest.Compute(r.Layout.OutputsDirectory).Digest);
            Assert.Equal(InputDigest(_es.Result.Layout.InputsDirectory), InputDigest(r.Layout.InputsDirectory));
            Assert.Equal(_es.Result.Report.TimerTicks, r.Report.TimerTicks);
            Assert.Equal(_es.Result.Report.EventsIn, r.Report.EventsIn);
        }
        Assert.Equal(replay.Layout.Directory, RunManifest.Read(replayOfReplay.Layout.ManifestFile).ReplayOf);
    }

    private static RunResult Replay(string runDirectory, string root, string runId, params (string Key, string Value)[] overrides)
    {
        var manifest = RunManifest.Read(Path.Combine(runDirectory, RunLayout.ManifestName));
        var list = new List<ConfigOverride>
        {
            new() { Key = "source.kind", Value = "replay", Origin = "test" },
            new() { Key = "source.paths", Value = runDirectory, Origin = "test" },
            new() { Key = "journal.root", Value = root, Origin = "test" },
        };
        foreach (var (key, value) in overrides)
            list.Add(new ConfigOverride { Key = key, Value = value, Origin = "test" });
        var config = ConfigLoader.Load(new ConfigLoadOptions { FileContent = manifest.ConfigJson, Environment = new Dictionary<string, string>(), Overrides = list });
        Assert.Equal(SourceKind.Replay, config.Source.Kind);
        return TestRuns.Execute(new EngineRunOptions { Config = config, RunId = runId, ReplayOf = runDirectory });
    }

    /// <summary>A digest of the inputs journal (sequence and event bytes), to show replays journal exactly what they were fed.</summary>
    private static string InputDigest(string journal)
    {
        using var reader = JournalReader.Open(journal);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Span<byte> seq = stackalloc byte[8];
        while (reader.TryRead(out var record))
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(seq, record.Sequence);
            hash.AppendData(seq);
            hash.AppendData(record.Payload);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
