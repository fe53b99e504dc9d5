using FlowEngine.Market.Events;

namespace FlowEngine.Journal.Tests.Support;

/// <summary>Builds journals for tests and reads them back.</summary>
internal static class Journals
{
    public const long Created = 1_703_548_800_000_000_000;

    public static JournalOptions Options(string root, string runId = "run-1") => new()
    {
        Root = root,
        RunId = runId,
        EngineVersion = "test-engine 1.2.3",
        ConfigHash = 0xC0FFEE,
        CreatedUnixNanos = Created,
        Durability = DurabilityPolicy.None,
    };

    /// <summary>A deterministic synthetic event; ts_recv grows with the sequence.</summary>
    public static MboEvent Event(long i) => new()
    {
        TsEvent = 1_700_000_000_000_000_000 + i * 1000,
        TsRecv = 1_700_000_000_000_000_000 + i * 1000 + 17,
        OrderId = (ulong)(i * 7919 % 100_003),
        Price = 4_800_000_000_000 + i % 40 * 250_000_000,
        InstrumentId = 17077,
        Size = (uint)(1 + i % 9),
        Sequence = (uint)(1000 + i),
        TsInDelta = (int)(i % 1000),
        PublisherId = 1,
        ChannelId = 3,
        Action = (i % 5) switch { 0 => MboAction.Add, 1 => MboAction.Cancel, 2 => MboAction.Modify, 3 => MboAction.Trade, _ => MboAction.Fill },
        Side = i % 2 == 0 ? MboSide.Bid : MboSide.Ask,
        Flags = i % 3 == 0 ? MboFlags.Last : MboFlags.None,
        Kind = EventKind.Mbo,
    };

    /// <summary>A deterministic output payload for input <paramref name="i"/>.</summary>
    public static byte[] Payload(long i, int length)
    {
        var p = new byte[length];
        for (var k = 0; k < length; k++)
            p[k] = (byte)(i * 31 + k);
        return p;
    }

    /// <summary>
    /// Writes <paramref name="count"/> inputs; every third input is followed by one top-of-book output; a batch
    /// ends every <paramref name="batch"/> inputs. Returns what was appended, in order.
    /// </summary>
    public static List<Rec> Write(JournalOptions options, int count, int batch = 50, int payload = 24)
    {
        var expected = new List<Rec>(count * 2);
        using var writer = new JournalWriter(options);
        for (var i = 0L; i < count; i++)
        {
            var e = Event(i);
            writer.AppendInput(in e, i);
            expected.Add(Rec.Input(in e, i));
            if (i % 3 == 0)
            {
                var p = Payload(i, payload);
                writer.AppendOutput(JournalOutputKinds.TopOfBook, i, p);
                expected.Add(Rec.Output(JournalOutputKinds.TopOfBook, i, p));
            }
            if ((i + 1) % batch == 0)
                writer.EndOfBatch();
        }
        return expected;
    }

    public static List<Rec> ReadAll(string runDirectory, JournalReadOptions? options = null)
    {
        using var reader = JournalReader.Open(runDirectory, options);
        return Drain(reader);
    }

    public static List<Rec> Drain(JournalReader reader)
    {
        var records = new List<Rec>();
        while (reader.TryRead(out var r))
            records.Add(Rec.From(in r));
        return records;
    }

    /// <summary>Reads until the end or the first exception; returns what was read and the exception.</summary>
    public static (List<Rec> Records, Exception? Error) ReadUntilError(string runDirectory, JournalReadOptions? options = null)
    {
        var records = new List<Rec>();
        try
        {
            using var reader = JournalReader.Open(runDirectory, options);
            while (reader.TryRead(out var r))
                records.Add(Rec.From(in r));
            return (records, null);
        }
        catch (Exception ex)
        {
            return (records, ex);
        }
    }

    public static string[] SegmentFiles(string runDirectory) =>
        Directory.GetFiles(runDirectory, "segment-*.fej").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Copies a run directory (the damage tests work on copies).</summary>
    public static void CopyRun(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
    }
}
