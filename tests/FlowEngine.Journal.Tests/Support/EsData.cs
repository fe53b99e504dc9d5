using System.Buffers.Binary;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Journal.Tests.Support;

/// <summary>
/// The real ES MBO data as MboEvents, decoded by a minimal DBN v1 loop (the DBN reader lives on another
/// branch): skip the metadata, then map each 56-byte MBO record field by field.
/// </summary>
internal static class EsData
{
    private static readonly Lazy<MboEvent[]> Day = new(() => Load(TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn")));

    /// <summary>The 68,792 events of esh4-glbx-mdp3-20231225.mbo.dbn.</summary>
    public static MboEvent[] Events => Day.Value;

    public static MboEvent[] Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || bytes[0] != 'D' || bytes[1] != 'B' || bytes[2] != 'N')
            throw new InvalidDataException($"{path}: not a DBN file");
        var pos = 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var events = new List<MboEvent>();
        while (pos < bytes.Length)
        {
            var length = bytes[pos] * 4;
            var r = bytes.AsSpan(pos, length);
            if (r[1] == 0xA0)
            {
                events.Add(new MboEvent
                {
                    PublisherId = BinaryPrimitives.ReadUInt16LittleEndian(r[2..]),
                    InstrumentId = BinaryPrimitives.ReadUInt32LittleEndian(r[4..]),
                    TsEvent = BinaryPrimitives.ReadInt64LittleEndian(r[8..]),
                    OrderId = BinaryPrimitives.ReadUInt64LittleEndian(r[16..]),
                    Price = BinaryPrimitives.ReadInt64LittleEndian(r[24..]),
                    Size = BinaryPrimitives.ReadUInt32LittleEndian(r[32..]),
                    Flags = (MboFlags)r[36],
                    ChannelId = r[37],
                    Action = (MboAction)r[38],
                    Side = (MboSide)r[39],
                    TsRecv = BinaryPrimitives.ReadInt64LittleEndian(r[40..]),
                    TsInDelta = BinaryPrimitives.ReadInt32LittleEndian(r[48..]),
                    Sequence = BinaryPrimitives.ReadUInt32LittleEndian(r[52..]),
                    Kind = EventKind.Mbo,
                });
            }
            pos += length;
        }
        return events.ToArray();
    }
}
