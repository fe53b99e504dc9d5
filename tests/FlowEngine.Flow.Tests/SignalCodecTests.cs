using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Scoring;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Flow.Tests;

public sealed class SignalCodecTests
{
    private static readonly Gen<Signal> Signals =
        from longs in Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i * 7919).ArrayOf(14)
        from doubles in Gen.Elements(0.0, -0.0, 1.5, double.NaN, double.PositiveInfinity, 1e-300, -123.456).ArrayOf(15)
        from enums in Gen.Choose(0, 255).ArrayOf(7)
        select new Signal
        {
            InputIndex = longs[0], TsRecv = longs[1], Sequence = (uint)longs[2], InstrumentId = (uint)longs[3],
            Kind = (SignalKind)(1 + enums[0] % 4), Direction = (SignalDirection)(1 + enums[1] % 2), Grade = (SignalGrade)(enums[2] % 5),
            Action = (SignalAction)(enums[3] % 6), BaselineStatus = (BaselineStatus)(enums[4] % 2), Flags = (SignalFlags)(enums[5] % 16),
            EvidenceStartNs = longs[4], WindowNs = longs[5], Price = longs[6], Size = longs[7], Levels = (int)longs[8], Count = enums[6],
            BuyVolume = longs[9], SellVolume = longs[10], OfiBest = longs[11], OfiDepth = longs[12], Cvd = longs[13],
            Confidence = doubles[0], PressureSignificance = doubles[1], BaselineDeviation = doubles[2], MarketMaking = doubles[3],
            Coordination = doubles[4], Pressure = doubles[5], ImbalanceZ = doubles[6], Absorption = doubles[7], BaselineValue = doubles[8],
            BaselineMedian = doubles[9], RobustZ = doubles[10], ZScore = doubles[11], Percentile = doubles[12], Microprice = doubles[13],
            QueueImbalance = doubles[14],
        };

    [Fact]
    public void Every_signal_round_trips_and_equal_signals_give_equal_bytes()
    {
        Prop.ForAll(Signals.ToArbitrary(), signal =>
        {
            var bytes = new byte[SignalCodec.EncodedSize];
            SignalCodec.Encode(in signal, bytes);
            var decoded = SignalCodec.Decode(bytes);
            Assert.Equal(signal, decoded);
            var again = new byte[SignalCodec.EncodedSize + 8];
            SignalCodec.Encode(in decoded, again);
            Assert.Equal(bytes, again.AsSpan(0, SignalCodec.EncodedSize).ToArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_layout_is_fixed_little_endian()
    {
        var signal = new Signal { InputIndex = 0x0102030405060708, InstrumentId = 17077, Kind = SignalKind.Iceberg, Direction = SignalDirection.Sell, Confidence = 1.0 };
        var bytes = new byte[SignalCodec.EncodedSize];
        SignalCodec.Encode(in signal, bytes);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(2, bytes[1]);
        Assert.Equal(2, bytes[2]);
        Assert.Equal(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }, bytes[8..16]);
        Assert.Equal(BitConverter.GetBytes(17077u), bytes[28..32]);
        Assert.Equal(BitConverter.GetBytes(1.0), bytes[112..120]);
    }

    [Theory]
    [InlineData(0, 2, "signal byte 0 (version): 2, expected 1")]
    [InlineData(1, 9, "signal byte 1 (kind): 9, expected 1 to 4")]
    [InlineData(2, 0, "signal byte 2 (direction): 0, expected 1 to 2")]
    [InlineData(3, 5, "signal byte 3 (grade): 5, expected 0 to 4")]
    [InlineData(4, 6, "signal byte 4 (action): 6, expected 0 to 5")]
    [InlineData(5, 2, "signal byte 5 (baseline status): 2, expected 0 to 1")]
    [InlineData(6, 16, "signal byte 6 (flags): 16 has unknown bits")]
    [InlineData(7, 1, "signal byte 7 (reserved): 1, expected 0")]
    public void Malformed_bytes_are_rejected_naming_offset_and_field(int offset, byte value, string expected)
    {
        var bytes = new byte[SignalCodec.EncodedSize];
        var signal = new Signal { Kind = SignalKind.Sweep, Direction = SignalDirection.Buy };
        SignalCodec.Encode(in signal, bytes);
        bytes[offset] = value;
        Assert.Equal(expected, Assert.Throws<InvalidDataException>(() => SignalCodec.Decode(bytes)).Message);
        Assert.Equal("signal record is 10 bytes, expected 232", Assert.Throws<InvalidDataException>(() => SignalCodec.Decode(new byte[10])).Message);
        Assert.Contains("needs 232 bytes", Assert.Throws<ArgumentException>(() => SignalCodec.Encode(in signal, new byte[5])).Message);
    }

    [Fact]
    public void The_rendering_names_every_factor_and_says_when_the_baseline_is_warming_up()
    {
        var ready = new Signal
        {
            TsRecv = 1_772_461_810_000_000_000, EvidenceStartNs = 1_772_461_800_000_000_000, WindowNs = 10_000_000_000, InstrumentId = 1011,
            Kind = SignalKind.Absorption, Direction = SignalDirection.Buy, Grade = SignalGrade.VeryHigh, Action = SignalAction.StrongBuy,
            BaselineStatus = BaselineStatus.Ready, Confidence = 0.8312, Size = 80, Absorption = 0.55, PressureSignificance = 1,
            BaselineDeviation = 0.75, BaselineValue = 80, BaselineMedian = 3, RobustZ = 4.5, Percentile = 99.1, BuyVolume = 10, SellVolume = 145,
            InputIndex = 42, Sequence = 7,
        };
        var text = SignalText.Format(in ready);
        Assert.StartsWith("2026-03-02T14:30:10.000000000Z (1011) ABSORPTION BUY VERY_HIGH STRONG_BUY confidence 0.831 | 80 lots absorbed", text);
        Assert.Contains("baseline 0.75 (value 80 median 3 robust z 4.5", text);
        Assert.Contains("| mm 0.00 | coordination 0.00", text);
        Assert.EndsWith("| input #42 seq 7", text);

        var warming = ready with { BaselineStatus = BaselineStatus.WarmingUp, Flags = SignalFlags.WarmingUpCapped, Grade = SignalGrade.Moderate };
        var w = SignalText.Format(in warming);
        Assert.Contains("baseline: warming up (value 80)", w);
        Assert.Contains("capped: no baseline", w);
        Assert.DoesNotContain("robust z", w);
    }
}
