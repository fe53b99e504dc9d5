using FlowEngine.Book;
using FlowEngine.Flow.Pressure;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Flow.Tests;

/// <summary>
/// Builds MBO records the way CME/Databento send them and feeds them through a real book and tracker, so
/// detector tests read like the market events they describe. Prices are given in ticks of 0.25.
/// </summary>
internal sealed class EventStream
{
    public const long Tick = 250_000_000;
    public const long T0 = 1_772_461_800_000_000_000; // a whole second

    private uint _sequence;

    public EventStream(PressureOptions? options = null, InstrumentRegistry? registry = null, uint instrument = 1)
    {
        Instrument = instrument;
        Registry = registry;
        Tracker = new PressureTracker(options ?? new PressureOptions(), Books, registry);
        Tracker.AddListener(Recorder);
        Now = T0 + 1_000;
    }

    public uint Instrument { get; set; }
    public BookSet Books { get; } = new();
    public InstrumentRegistry? Registry { get; }
    public PressureTracker Tracker { get; }
    public FlowRecorder Recorder { get; } = new();
    public long Now { get; set; }
    public ulong NextId { get; set; } = 1_000;

    public static long Px(int ticks) => ticks * Tick;

    public void Feed(MboEvent evt)
    {
        Books.Apply(in evt);
        Tracker.OnEvent(in evt);
    }

    public MboEvent Record(MboAction action, MboSide side, ulong id, int ticks, uint size, bool last = true, MboFlags extra = MboFlags.None) => new()
    {
        TsRecv = Now,
        TsEvent = Now - 20_000,
        OrderId = id,
        Price = ticks == int.MinValue ? MboEvent.UndefinedPrice : Px(ticks),
        InstrumentId = Instrument,
        Size = size,
        Sequence = _sequence,
        Action = action,
        Side = side,
        Flags = (last ? MboFlags.Last : MboFlags.None) | extra,
        Kind = EventKind.Mbo,
    };

    /// <summary>One add event; returns the order id.</summary>
    public ulong Add(MboSide side, int ticks, uint size, ulong? id = null, MboFlags extra = MboFlags.None)
    {
        _sequence++;
        var orderId = id ?? NextId++;
        Feed(Record(MboAction.Add, side, orderId, ticks, size, extra: extra));
        return orderId;
    }

    public void Cancel(MboSide side, ulong id, int ticks, uint size)
    {
        _sequence++;
        Feed(Record(MboAction.Cancel, side, id, ticks, size));
    }

    public void Modify(MboSide side, ulong id, int ticks, uint size)
    {
        _sequence++;
        Feed(Record(MboAction.Modify, side, id, ticks, size));
    }

    /// <summary>
    /// One aggressive order as one venue event: per level a T (aggressor side), F per resting order filled
    /// (resting side), then C (fully filled) or M (partly filled) per order, F_LAST on the last record.
    /// </summary>
    public void Aggress(MboSide aggressor, params (int Ticks, (ulong Id, uint Fill, uint Resting)[] Fills)[] levels)
    {
        _sequence++;
        var resting = aggressor == MboSide.Bid ? MboSide.Ask : MboSide.Bid;
        var aggressorId = NextId++;
        var records = new List<MboEvent>();
        foreach (var (ticks, fills) in levels)
        {
            uint total = 0;
            foreach (var f in fills) total += f.Fill;
            records.Add(Record(MboAction.Trade, aggressor, aggressorId, ticks, total, last: false));
            foreach (var f in fills)
                records.Add(Record(MboAction.Fill, resting, f.Id, ticks, f.Fill, last: false));
        }
        foreach (var (ticks, fills) in levels)
        {
            foreach (var f in fills)
            {
                records.Add(f.Fill >= f.Resting
                    ? Record(MboAction.Cancel, resting, f.Id, ticks, f.Fill, last: false)
                    : Record(MboAction.Modify, resting, f.Id, ticks, f.Resting - f.Fill, last: false));
            }
        }
        var lastRecord = records[^1];
        lastRecord.Flags |= MboFlags.Last;
        records[^1] = lastRecord;
        foreach (var r in records)
            Feed(r);
    }

    public void TimerTick(long tsNs) => Feed(MboEvent.TimerTick(tsNs, tsNs / 1_000_000_000));

    public void Advance(long ns) => Now += ns;
}
