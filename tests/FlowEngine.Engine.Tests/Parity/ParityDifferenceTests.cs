using System.Buffers.Binary;
using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Parity;
using FlowEngine.Engine.Runs;
using FlowEngine.Engine.Tests.Runs;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Tests.Parity;

/// <summary>Parity must catch every kind of disagreement between the journaled and recomputed outputs, and name the first one.</summary>
public sealed class ParityDifferenceTests : IClassFixture<EsRunFixture>
{
    private readonly EsRunFixture _es;

    public ParityDifferenceTests(EsRunFixture es) => _es = es;

    [Fact]
    public void A_changed_output_is_reported_with_its_input_sequence_and_both_values()
    {
        const int target = 5000;
        var dir = _es.Copy("tamper-change");
        var original = RewriteOutputs(dir, (index, kind, sequence, payload) =>
        {
            if (index == target)
                BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(24), BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(24)) + 1); // bid size + 1
            return true;
        });

        var result = TestRuns.Bounded(() => ParityCheck.Run(dir));

        var d = Assert.IsType<ParityDifference>(result.Difference);
        Assert.Equal(target, d.OutputIndex);
        Assert.Equal(target, result.OutputsCompared);
        Assert.Equal(original[target].Sequence, d.InputSequence);
        var expected = TopOfBookOutput.Read(d.Expected!.Payload);
        var actual = TopOfBookOutput.Read(d.Actual!.Payload);
        Assert.Equal(actual.Top.BidSize + 1, expected.Top.BidSize);
        var text = d.Describe();
        Assert.Contains($"first difference at output #{target}, input sequence {original[target].Sequence}", text);
        Assert.Contains("expected top-of-book (kind 1) for input", text);
        Assert.Contains($"x {expected.Top.BidSize} (", text);
        Assert.Contains($"x {actual.Top.BidSize} (", text);
    }

    [Fact]
    public void A_missing_output_is_a_difference_the_replay_produced_and_the_journal_lacks()
    {
        var dir = _es.Copy("tamper-drop");
        var original = RewriteOutputs(dir, (index, _, _, _) => index != 100);

        var d = TestRuns.Bounded(() => ParityCheck.Run(dir)).Difference;

        Assert.NotNull(d);
        Assert.Equal(100, d.OutputIndex);
        // The journal's 100th output is now the original 101st; the replay recomputes the original 100th.
        Assert.Equal(original[100].Sequence, d.Actual!.InputSequence);
        Assert.Equal(original[101].Sequence, d.Expected!.InputSequence);
    }

    [Fact]
    public void An_extra_journaled_output_at_the_end_is_a_difference_the_replay_did_not_produce()
    {
        var dir = _es.Copy("tamper-extra");
        var original = RewriteOutputs(dir, (_, _, _, _) => true, extra: true);

        var d = TestRuns.Bounded(() => ParityCheck.Run(dir)).Difference;

        Assert.NotNull(d);
        Assert.Equal(original.Count, d.OutputIndex);
        Assert.Null(d.Actual);
        Assert.Contains("actual   nothing (the replay produced no more outputs)", d.Describe());
    }

    [Fact]
    public void A_damaged_output_journal_is_an_error_not_a_verdict()
    {
        var dir = _es.Copy("damaged");
        var segment = Directory.EnumerateFiles(Path.Combine(dir, RunLayout.OutputsName), "*.fej").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(segment, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => ParityCheck.Run(dir));

        Assert.Contains("is damaged", ex.Message);
        Assert.Contains(RunLayout.OutputsName, ex.Message);
    }

    [Fact]
    public void A_directory_without_journals_is_a_clear_error()
    {
        var dir = Path.Combine(_es.Root.Path, "not-a-run");
        Directory.CreateDirectory(dir);

        var ex = Assert.Throws<DirectoryNotFoundException>(() => ParityCheck.Run(dir));

        Assert.Contains("is not a run directory: it has no inputs/ journal", ex.Message);
    }

    private sealed record Output(ushort Kind, long Sequence, byte[] Payload);

    /// <summary>Rewrites the copy's output journal, letting <paramref name="keep"/> edit or drop records; returns the original outputs.</summary>
    private static List<Output> RewriteOutputs(string runDirectory, Func<int, ushort, long, byte[], bool> keep, bool extra = false)
    {
        var outputs = Path.Combine(runDirectory, RunLayout.OutputsName);
        var original = new List<Output>();
        using (var reader = JournalReader.Open(outputs))
        {
            while (reader.TryRead(out var record))
                original.Add(new Output(record.OutputKind, record.Sequence, record.Payload.ToArray()));
        }
        Directory.Delete(outputs, recursive: true);
        using var writer = new JournalWriter(new JournalOptions { Root = runDirectory, RunId = RunLayout.OutputsName, Durability = DurabilityPolicy.None });
        for (var i = 0; i < original.Count; i++)
        {
            var o = original[i];
            var payload = (byte[])o.Payload.Clone();
            if (keep(i, o.Kind, o.Sequence, payload))
                writer.AppendOutput(o.Kind, o.Sequence, payload);
        }
        if (extra)
            writer.AppendOutput(original[^1].Kind, original[^1].Sequence, original[^1].Payload);
        writer.Close();
        return original;
    }
}
