using System.Buffers.Binary;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Market.Tests.Dbn;

/// <summary>Paths of the shared DBN fixtures and small helpers the DBN tests share.</summary>
internal static class DbnTestData
{
    public const string EsSnapshot = "esh4-glbx-mdp3-20231224.mbo.dbn";
    public const string EsDay = "esh4-glbx-mdp3-20231225.mbo.dbn";
    public const string OrderBooks = "orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn";
    public const string OrderBooksDefinition = "orderbooks_definition.dbn";

    public static string Cme(string name) => TestPaths.Data("dbn-cme", name);

    public static string Format(string name) => TestPaths.Data("dbn-format", name);

    public static string Python(string name) => TestPaths.Data("dbn-format", "databento-python", name);

    /// <summary>Reads every event (MBO and definition) of a reader.</summary>
    public static List<MboEvent> ReadAll(DbnFileReader reader)
    {
        var events = new List<MboEvent>();
        var evt = default(MboEvent);
        while (reader.Read(ref evt))
            events.Add(evt);
        return events;
    }

    /// <summary>Reads a file completely.</summary>
    public static List<MboEvent> ReadAll(string path)
    {
        using var reader = DbnFileReader.Open(path);
        return ReadAll(reader);
    }

    /// <summary>Reads until the reader throws; returns what arrived before and the exception.</summary>
    public static (List<MboEvent> Delivered, DbnFormatException Error) ReadUntilError(DbnFileReader reader)
    {
        var events = new List<MboEvent>();
        var evt = default(MboEvent);
        try
        {
            while (reader.Read(ref evt))
                events.Add(evt);
        }
        catch (DbnFormatException ex)
        {
            return (events, ex);
        }

        throw new Xunit.Sdk.XunitException($"expected a DbnFormatException after {events.Count} events, the file read cleanly");
    }

    /// <summary>Offsets of every record in a DBN file, found by walking the length bytes (independent of the reader).</summary>
    public static List<int> RecordOffsets(byte[] file)
    {
        var offsets = new List<int>();
        var pos = 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
        while (pos < file.Length)
        {
            offsets.Add(pos);
            pos += file[pos] * 4;
        }

        return offsets;
    }

    /// <summary>
    /// A deliberately plain MBO decoder written from the field table in shared/data/README.md, used to check
    /// the reader's unsafe fast path field by field.
    /// </summary>
    public static MboEvent ReferenceDecode(ReadOnlySpan<byte> r) => new()
    {
        PublisherId = BinaryPrimitives.ReadUInt16LittleEndian(r[2..]),
        InstrumentId = BinaryPrimitives.ReadUInt32LittleEndian(r[4..]),
        TsEvent = (long)BinaryPrimitives.ReadUInt64LittleEndian(r[8..]),
        OrderId = BinaryPrimitives.ReadUInt64LittleEndian(r[16..]),
        Price = BinaryPrimitives.ReadInt64LittleEndian(r[24..]),
        Size = BinaryPrimitives.ReadUInt32LittleEndian(r[32..]),
        Flags = (MboFlags)r[36],
        ChannelId = r[37],
        Action = (MboAction)r[38],
        Side = (MboSide)r[39],
        TsRecv = (long)BinaryPrimitives.ReadUInt64LittleEndian(r[40..]),
        TsInDelta = BinaryPrimitives.ReadInt32LittleEndian(r[48..]),
        Sequence = BinaryPrimitives.ReadUInt32LittleEndian(r[52..]),
        Kind = EventKind.Mbo,
    };
}
