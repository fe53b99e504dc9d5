using System.Buffers.Binary;
using FlowEngine.Market.Events;

namespace FlowEngine.Benchmarks.Journal;

/// <summary>
/// The real ES MBO day (esh4-glbx-mdp3-20231225.mbo.dbn, 68,792 records) as MboEvents, decoded with a
/// minimal DBN v1 loop so the journal benchmarks do not depend on the DBN reader's branch.
/// </summary>
internal static class EsEvents
{
    public static MboEvent[] Load()
    {
        var path = Path.Combine(SharedData(), "dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn");
        var bytes = File.ReadAllBytes(path);
        var pos = 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var events = new List<MboEvent>();
        while (pos < bytes.Length)
        {
            var r = bytes.AsSpan(pos, bytes[pos] * 4);
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
                });
            }
            pos += r.Length;
        }
        return events.ToArray();
    }

    private static string SharedData()
    {
        if (Environment.GetEnvironmentVariable("FLOWENGINE_SHARED_DATA") is { Length: > 0 } env)
            return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowEngine.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        }
        throw new DirectoryNotFoundException("shared data not found: set FLOWENGINE_SHARED_DATA");
    }
}
