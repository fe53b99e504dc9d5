using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Flow.Scoring;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Tests.Flow;

/// <summary>
/// One journaled simulator run long enough for IFD to emit signals (seed 7, 1,000,000 events, about 100 s of
/// event time, default configuration), shared by the tests that read it; they copy it before changing anything.
/// </summary>
public sealed class SignalRunFixture : IDisposable
{
    public const int Events = 1_000_000;

    public SignalRunFixture()
    {
        Root = new TempDir();
        Result = TestRuns.Execute(TestRuns.Config(Root.Path, ("source.simulator.events", Events.ToString()), ("source.simulator.seed", "7")), "signals");
        Outputs = ReadOutputs(Result.Layout.OutputsDirectory);
    }

    internal TempDir Root { get; }

    public RunResult Result { get; }

    /// <summary>Every journaled output in order.</summary>
    public IReadOnlyList<JournaledOutput> Outputs { get; }

    /// <summary>The journaled signals, decoded, with their position among all outputs.</summary>
    public IReadOnlyList<(int Index, long Sequence, Signal Signal)> Signals =>
        [.. Outputs.Select((o, i) => (o, i)).Where(x => x.o.Kind == JournalOutputKinds.Signal).Select(x => (x.i, x.o.Sequence, SignalCodec.Decode(x.o.Payload)))];

    public string Copy(string name)
    {
        var target = Path.Combine(Root.Path, name);
        foreach (var file in Directory.EnumerateFiles(Result.Layout.Directory, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Result.Layout.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public static List<JournaledOutput> ReadOutputs(string journal)
    {
        var result = new List<JournaledOutput>();
        using var reader = JournalReader.Open(journal);
        while (reader.TryRead(out var record))
        {
            if (!record.IsInput)
                result.Add(new JournaledOutput(record.OutputKind, record.Sequence, record.Payload.ToArray()));
        }
        return result;
    }

    /// <summary>Rewrites a run's output journal with <paramref name="outputs"/> (for tampering tests).</summary>
    public static void WriteOutputs(string runDirectory, IEnumerable<JournaledOutput> outputs)
    {
        var dir = Path.Combine(runDirectory, RunLayout.OutputsName);
        Directory.Delete(dir, recursive: true);
        using var writer = new JournalWriter(new JournalOptions { Root = runDirectory, RunId = RunLayout.OutputsName, Durability = DurabilityPolicy.None });
        foreach (var o in outputs)
            writer.AppendOutput(o.Kind, o.Sequence, o.Payload);
        writer.Close();
    }

    public void Dispose() => Root.Dispose();
}

/// <summary>One output record copied out of a journal.</summary>
public sealed record JournaledOutput(ushort Kind, long Sequence, byte[] Payload);
