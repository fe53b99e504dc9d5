using System.Buffers.Binary;
using FlowEngine.Market.Events;

namespace FlowEngine.Book.Tests.Support;

/// <summary>
/// A deliberately minimal reader of DBN MBO records for the book's tests only: skips the metadata by its
/// declared length and decodes every 0xA0 record by its length byte. The real decoder (with validation and
/// every version) is <c>FlowEngine.Market.Dbn</c>; this keeps the book's tests independent of it.
/// </summary>
internal static class RawMboFile
{
    private const byte MboRType = 0xA0;

    public static MboEvent[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || bytes[0] != 'D' || bytes[1] != 'B' || bytes[2] != 'N')
            throw new InvalidDataException($"{path}: not a DBN file");
        var offset = 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var events = new List<MboEvent>();
        while (offset < bytes.Length)
        {
            var length = bytes[offset] * 4;
            if (length == 0 || offset + length > bytes.Length)
                throw new InvalidDataException($"{path}: bad record length at byte {offset}");
            var r = bytes.AsSpan(offset, length);
            if (r[1] == MboRType)
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
            offset += length;
        }
        return [.. events];
    }
}
