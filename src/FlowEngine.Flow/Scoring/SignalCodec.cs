using System.Buffers.Binary;
using FlowEngine.Flow.Baselines;

namespace FlowEngine.Flow.Scoring;

/// <summary>
/// The binary form of a <see cref="Signal"/>: exactly <see cref="EncodedSize"/> little-endian bytes, fields at
/// fixed offsets, doubles as their IEEE bits. Equal signals give equal bytes and the bytes decode to an equal
/// signal, so the journal can store outputs as bytes and parity can compare them byte for byte.
/// </summary>
/// <remarks>
/// Layout: 0 version (1); 1 kind; 2 direction; 3 grade; 4 action; 5 baseline status; 6 flags; 7 reserved (0);
/// 8 input index i64; 16 ts_recv i64; 24 sequence u32; 28 instrument u32; 32 evidence start i64; 40 window i64;
/// 48 price i64; 56 size i64; 64 levels i32; 68 count i32; 72 buy volume i64; 80 sell volume i64;
/// 88 OFI best i64; 96 OFI depth i64; 104 CVD i64; then f64 at 112 + 8·k for confidence, pressure significance,
/// baseline deviation, market making, coordination, pressure, imbalance z, absorption, baseline value,
/// baseline median, robust z, z, percentile, microprice, queue imbalance.
/// </remarks>
public static class SignalCodec
{
    /// <summary>Format version in byte 0.</summary>
    public const byte Version = 1;

    /// <summary>Bytes per encoded signal.</summary>
    public const int EncodedSize = 232;

    private const int Doubles = 112;

    /// <summary>Writes <paramref name="signal"/> into the first <see cref="EncodedSize"/> bytes of <paramref name="destination"/>.</summary>
    public static void Encode(in Signal signal, Span<byte> destination)
    {
        if (destination.Length < EncodedSize)
            throw new ArgumentException($"a signal needs {EncodedSize} bytes, the destination has {destination.Length}", nameof(destination));
        var d = destination[..EncodedSize];
        d[0] = Version;
        d[1] = (byte)signal.Kind;
        d[2] = (byte)signal.Direction;
        d[3] = (byte)signal.Grade;
        d[4] = (byte)signal.Action;
        d[5] = (byte)signal.BaselineStatus;
        d[6] = (byte)signal.Flags;
        d[7] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(d[8..], signal.InputIndex);
        BinaryPrimitives.WriteInt64LittleEndian(d[16..], signal.TsRecv);
        BinaryPrimitives.WriteUInt32LittleEndian(d[24..], signal.Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(d[28..], signal.InstrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(d[32..], signal.EvidenceStartNs);
        BinaryPrimitives.WriteInt64LittleEndian(d[40..], signal.WindowNs);
        BinaryPrimitives.WriteInt64LittleEndian(d[48..], signal.Price);
        BinaryPrimitives.WriteInt64LittleEndian(d[56..], signal.Size);
        BinaryPrimitives.WriteInt32LittleEndian(d[64..], signal.Levels);
        BinaryPrimitives.WriteInt32LittleEndian(d[68..], signal.Count);
        BinaryPrimitives.WriteInt64LittleEndian(d[72..], signal.BuyVolume);
        BinaryPrimitives.WriteInt64LittleEndian(d[80..], signal.SellVolume);
        BinaryPrimitives.WriteInt64LittleEndian(d[88..], signal.OfiBest);
        BinaryPrimitives.WriteInt64LittleEndian(d[96..], signal.OfiDepth);
        BinaryPrimitives.WriteInt64LittleEndian(d[104..], signal.Cvd);
        var f = d[Doubles..];
        BinaryPrimitives.WriteDoubleLittleEndian(f, signal.Confidence);
        BinaryPrimitives.WriteDoubleLittleEndian(f[8..], signal.PressureSignificance);
        BinaryPrimitives.WriteDoubleLittleEndian(f[16..], signal.BaselineDeviation);
        BinaryPrimitives.WriteDoubleLittleEndian(f[24..], signal.MarketMaking);
        BinaryPrimitives.WriteDoubleLittleEndian(f[32..], signal.Coordination);
        BinaryPrimitives.WriteDoubleLittleEndian(f[40..], signal.Pressure);
        BinaryPrimitives.WriteDoubleLittleEndian(f[48..], signal.ImbalanceZ);
        BinaryPrimitives.WriteDoubleLittleEndian(f[56..], signal.Absorption);
        BinaryPrimitives.WriteDoubleLittleEndian(f[64..], signal.BaselineValue);
        BinaryPrimitives.WriteDoubleLittleEndian(f[72..], signal.BaselineMedian);
        BinaryPrimitives.WriteDoubleLittleEndian(f[80..], signal.RobustZ);
        BinaryPrimitives.WriteDoubleLittleEndian(f[88..], signal.ZScore);
        BinaryPrimitives.WriteDoubleLittleEndian(f[96..], signal.Percentile);
        BinaryPrimitives.WriteDoubleLittleEndian(f[104..], signal.Microprice);
        BinaryPrimitives.WriteDoubleLittleEndian(f[112..], signal.QueueImbalance);
    }

    /// <summary>Reads a signal; malformed bytes throw <see cref="InvalidDataException"/> naming the byte offset and field.</summary>
    public static Signal Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < EncodedSize)
            throw new InvalidDataException($"signal record is {source.Length} bytes, expected {EncodedSize}");
        var s = source[..EncodedSize];
        if (s[0] != Version)
            throw new InvalidDataException($"signal byte 0 (version): {s[0]}, expected {Version}");
        if (s[7] != 0)
            throw new InvalidDataException($"signal byte 7 (reserved): {s[7]}, expected 0");
        var f = s[Doubles..];
        return new Signal
        {
            Kind = Check<SignalKind>(s[1], 1, "kind", 1, 4),
            Direction = Check<SignalDirection>(s[2], 2, "direction", 1, 2),
            Grade = Check<SignalGrade>(s[3], 3, "grade", 0, 4),
            Action = Check<SignalAction>(s[4], 4, "action", 0, 5),
            BaselineStatus = Check<BaselineStatus>(s[5], 5, "baseline status", 0, 1),
            Flags = s[6] <= 15 ? (SignalFlags)s[6] : throw new InvalidDataException($"signal byte 6 (flags): {s[6]} has unknown bits"),
            InputIndex = BinaryPrimitives.ReadInt64LittleEndian(s[8..]),
            TsRecv = BinaryPrimitives.ReadInt64LittleEndian(s[16..]),
            Sequence = BinaryPrimitives.ReadUInt32LittleEndian(s[24..]),
            InstrumentId = BinaryPrimitives.ReadUInt32LittleEndian(s[28..]),
            EvidenceStartNs = BinaryPrimitives.ReadInt64LittleEndian(s[32..]),
            WindowNs = BinaryPrimitives.ReadInt64LittleEndian(s[40..]),
            Price = BinaryPrimitives.ReadInt64LittleEndian(s[48..]),
            Size = BinaryPrimitives.ReadInt64LittleEndian(s[56..]),
            Levels = BinaryPrimitives.ReadInt32LittleEndian(s[64..]),
            Count = BinaryPrimitives.ReadInt32LittleEndian(s[68..]),
            BuyVolume = BinaryPrimitives.ReadInt64LittleEndian(s[72..]),
            SellVolume = BinaryPrimitives.ReadInt64LittleEndian(s[80..]),
            OfiBest = BinaryPrimitives.ReadInt64LittleEndian(s[88..]),
            OfiDepth = BinaryPrimitives.ReadInt64LittleEndian(s[96..]),
            Cvd = BinaryPrimitives.ReadInt64LittleEndian(s[104..]),
            Confidence = BinaryPrimitives.ReadDoubleLittleEndian(f),
            PressureSignificance = BinaryPrimitives.ReadDoubleLittleEndian(f[8..]),
            BaselineDeviation = BinaryPrimitives.ReadDoubleLittleEndian(f[16..]),
            MarketMaking = BinaryPrimitives.ReadDoubleLittleEndian(f[24..]),
            Coordination = BinaryPrimitives.ReadDoubleLittleEndian(f[32..]),
            Pressure = BinaryPrimitives.ReadDoubleLittleEndian(f[40..]),
            ImbalanceZ = BinaryPrimitives.ReadDoubleLittleEndian(f[48..]),
            Absorption = BinaryPrimitives.ReadDoubleLittleEndian(f[56..]),
            BaselineValue = BinaryPrimitives.ReadDoubleLittleEndian(f[64..]),
            BaselineMedian = BinaryPrimitives.ReadDoubleLittleEndian(f[72..]),
            RobustZ = BinaryPrimitives.ReadDoubleLittleEndian(f[80..]),
            ZScore = BinaryPrimitives.ReadDoubleLittleEndian(f[88..]),
            Percentile = BinaryPrimitives.ReadDoubleLittleEndian(f[96..]),
            Microprice = BinaryPrimitives.ReadDoubleLittleEndian(f[104..]),
            QueueImbalance = BinaryPrimitives.ReadDoubleLittleEndian(f[112..]),
        };
    }

    private static T Check<T>(byte value, int offset, string field, byte min, byte max) where T : struct, Enum
    {
        if (value < min || value > max)
            throw new InvalidDataException($"signal byte {offset} ({field}): {value}, expected {min} to {max}");
        return System.Runtime.CompilerServices.Unsafe.BitCast<byte, T>(value);
    }
}
