using System.Runtime.CompilerServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Flow.Pressure;

/// <summary>
/// What happened on one instrument during one event-time window: aggressor flow, book flow (OFI, adds,
/// cancels), events of interest and the top of book at both ends. The tracker fills it in place on the hot
/// path (hence plain fields) and hands a copy to listeners when the window closes. Sizes are lots, prices
/// 1e-9 units, times ns since the epoch. Snapshot records never count.
/// </summary>
public struct WindowStats
{
    // Field order is layout (sequential): the counters nearly every event bumps come first, so the hot path
    // touches one cache line of the open window rather than four.
    /// <summary>Instrument the window belongs to.</summary>
    public uint InstrumentId;
    /// <summary>Live MBO records of the instrument inside the window.</summary>
    public int Events;
    /// <summary>New orders (A records).</summary>
    public int Adds;
    /// <summary>Cancels (C records that are not fill bookkeeping).</summary>
    public int Cancels;
    /// <summary>Modifies (M records that are not fill bookkeeping).</summary>
    public int Modifies;
    /// <summary>Orders cancelled within <see cref="PressureOptions.FleetingNs"/> of their add.</summary>
    public int Fleeting;
    /// <summary>
    /// Two-sided quotes: a bid and an ask added within <see cref="PressureOptions.QuotePairToleranceNs"/> of each other
    /// with sizes within a factor of two, what a market maker refreshing both sides looks like in MBO data.
    /// </summary>
    public int QuotePairs;
    /// <summary>Lots added.</summary>
    public long AddVolume;
    /// <summary>Lots cancelled.</summary>
    public long CancelVolume;
    /// <summary>Order-flow imbalance at the best level (Cont–Kukanov–Stoikov 2014), summed over the window's consistent book states. Positive = buying pressure.</summary>
    public long OfiBest;
    /// <summary>The same imbalance summed over the top <see cref="PressureOptions.OfiLevels"/> levels.</summary>
    public long OfiDepth;
    /// <summary>Window length in ns.</summary>
    public long LengthNs;
    /// <summary>Inclusive start (a multiple of <see cref="LengthNs"/>).</summary>
    public long StartNs;
    /// <summary>Exclusive end: the boundary at which it closed.</summary>
    public long EndNs;
    /// <summary>Lots bought by aggressors (trades whose aggressor side is Bid).</summary>
    public long BuyVolume;
    /// <summary>Lots sold by aggressors.</summary>
    public long SellVolume;
    /// <summary>Aggressor events that bought (one per aggressing order, however many levels it traded at).</summary>
    public int BuyCount;
    /// <summary>Aggressor events that sold.</summary>
    public int SellCount;
    /// <summary>Σ size² over aggressor events: the variance of the net flow if each event's sign were a coin toss.</summary>
    public double SumSquaredSize;
    /// <summary>Largest single aggressor event (lots).</summary>
    public long MaxAggressorSize;
    /// <summary>Σ price × size over aggressor events, in price points × lots (multiply by the contract multiplier for currency).</summary>
    public double Notional;
    /// <summary>Cumulative volume delta of the session (buy − sell lots) at the end of the window.</summary>
    public long Cvd;
    /// <summary>Large adds (above the rolling percentile) on the bid.</summary>
    public int LargeBidAdds;
    /// <summary>Large adds on the ask.</summary>
    public int LargeAskAdds;
    /// <summary>Lots of large bid adds.</summary>
    public long LargeBidVolume;
    /// <summary>Lots of large ask adds.</summary>
    public long LargeAskVolume;
    /// <summary>Sweeps (aggressor events that traded at two or more prices or through the prior best).</summary>
    public int Sweeps;
    /// <summary>Lots traded by sweeps.</summary>
    public long SweepVolume;
    /// <summary>Iceberg refills (size re-appearing at a just-consumed price and side).</summary>
    public int IcebergRefills;
    /// <summary>Lots re-displayed by iceberg refills.</summary>
    public long RefillVolume;
    /// <summary>Lots that traded beyond the displayed size of their level (hidden liquidity).</summary>
    public long HiddenVolume;
    /// <summary>
    /// Lots sold into the bid at prices where the bid came straight back: the exact traded size re-posted there
    /// within <see cref="PressureOptions.ReplenishWindowNs"/>, or the level refilled after being consumed (iceberg).
    /// A passive buyer absorbing the selling.
    /// </summary>
    public long AbsorbedBid;
    /// <summary>Lots bought from the ask at prices where the ask came straight back (a passive seller absorbing).</summary>
    public long AbsorbedAsk;
    /// <summary>Absorption events on the bid (replenishments and refills).</summary>
    public int AbsorbedBidEvents;
    /// <summary>Absorption events on the ask.</summary>
    public int AbsorbedAskEvents;
    /// <summary>Lots in those quote pairs (both sides).</summary>
    public long QuotePairVolume;
    /// <summary>Aggressor buy lots matched by a same-side trade on the same-strike call/put partner at the same time.</summary>
    public long PairedBuyVolume;
    /// <summary>Aggressor sell lots matched the same way.</summary>
    public long PairedSellVolume;
    /// <summary>Best bid when the window opened (undefined price when none).</summary>
    public long OpenBid;
    /// <summary>Best ask when the window opened.</summary>
    public long OpenAsk;
    /// <summary>Best bid when it closed.</summary>
    public long CloseBid;
    /// <summary>Best ask when it closed.</summary>
    public long CloseAsk;
    /// <summary>Size at the best bid when it closed.</summary>
    public long CloseBidSize;
    /// <summary>Size at the best ask when it closed.</summary>
    public long CloseAskSize;

    /// <summary>Total aggressor volume.</summary>
    public readonly long Volume => BuyVolume + SellVolume;

    /// <summary>Net aggressor volume, buy − sell.</summary>
    public readonly long Imbalance => BuyVolume - SellVolume;

    /// <summary>Aggressor events.</summary>
    public readonly int Trades => BuyCount + SellCount;

    /// <summary>Bounded pressure (buy − sell)/(buy + sell) in [−1, 1]; 0 without trades.</summary>
    public readonly double Pressure => Volume == 0 ? 0 : (double)Imbalance / Volume;

    /// <summary>
    /// Net flow in standard deviations of a coin-toss null: (buy − sell)/√Σsize². Scale-free, so a quiet
    /// option and a busy future are comparable; order splitting inflates it, which the baseline corrects.
    /// </summary>
    public readonly double ImbalanceZ => SumSquaredSize <= 0 ? 0 : Imbalance / Math.Sqrt(SumSquaredSize);

    /// <summary>buy/sell volume for display only, capped at <paramref name="cap"/> (and 1/cap) so a near-empty side cannot explode it.</summary>
    public readonly double CappedRatio(double cap)
    {
        if (BuyVolume == 0 && SellVolume == 0)
            return 1;
        if (SellVolume == 0)
            return cap;
        var ratio = (double)BuyVolume / SellVolume;
        return ratio > cap ? cap : ratio < 1 / cap ? 1 / cap : ratio;
    }

    /// <summary>Share of the selling into the bid that was absorbed (0 without selling).</summary>
    public readonly double AbsorbedBidShare => SellVolume == 0 ? 0 : Math.Min(1.0, (double)AbsorbedBid / SellVolume);

    /// <summary>Share of the buying from the ask that was absorbed.</summary>
    public readonly double AbsorbedAskShare => BuyVolume == 0 ? 0 : Math.Min(1.0, (double)AbsorbedAsk / BuyVolume);

    /// <summary>Cancels per add (0 without adds).</summary>
    public readonly double CancelToAdd => Adds == 0 ? 0 : (double)Cancels / Adds;

    /// <summary>Order messages (adds, cancels, modifies) per aggressor event; the messages when there was no trade.</summary>
    public readonly double OrderToTrade => Trades == 0 ? Adds + Cancels + Modifies : (double)(Adds + Cancels + Modifies) / Trades;

    /// <summary>True when both sides were quoted at the close.</summary>
    public readonly bool HasCloseQuote => CloseBid != MboEvent.UndefinedPrice && CloseAsk != MboEvent.UndefinedPrice;

    /// <summary>True when both sides were quoted at the open.</summary>
    public readonly bool HasOpenQuote => OpenBid != MboEvent.UndefinedPrice && OpenAsk != MboEvent.UndefinedPrice;

    /// <summary>Queue imbalance (qb − qa)/(qb + qa) at the close, in [−1, 1].</summary>
    public readonly double QueueImbalance => CloseBidSize + CloseAskSize == 0 ? 0 : (double)(CloseBidSize - CloseAskSize) / (CloseBidSize + CloseAskSize);

    /// <summary>Microprice at the close (size-weighted towards the thinner side), 1e-9 units; NaN without a two-sided quote.</summary>
    public readonly double Microprice => Microprices.Of(CloseBid, CloseBidSize, CloseAsk, CloseAskSize);

    /// <summary>Mid change over the window in 1e-9 units (close − open); 0 without two-sided quotes at both ends.</summary>
    public readonly double MidChange => HasOpenQuote && HasCloseQuote
        ? ((double)CloseBid + CloseAsk - OpenBid - OpenAsk) / 2
        : 0;

    /// <summary>Adds the counters of a shorter window that lies inside this one (roll-up); quotes are set by the owner.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accumulate(in WindowStats s)
    {
        Events += s.Events;
        BuyVolume += s.BuyVolume;
        SellVolume += s.SellVolume;
        BuyCount += s.BuyCount;
        SellCount += s.SellCount;
        SumSquaredSize += s.SumSquaredSize;
        if (s.MaxAggressorSize > MaxAggressorSize)
            MaxAggressorSize = s.MaxAggressorSize;
        Notional += s.Notional;
        OfiBest += s.OfiBest;
        OfiDepth += s.OfiDepth;
        Adds += s.Adds;
        AddVolume += s.AddVolume;
        Cancels += s.Cancels;
        CancelVolume += s.CancelVolume;
        Modifies += s.Modifies;
        Fleeting += s.Fleeting;
        LargeBidAdds += s.LargeBidAdds;
        LargeAskAdds += s.LargeAskAdds;
        LargeBidVolume += s.LargeBidVolume;
        LargeAskVolume += s.LargeAskVolume;
        Sweeps += s.Sweeps;
        SweepVolume += s.SweepVolume;
        IcebergRefills += s.IcebergRefills;
        RefillVolume += s.RefillVolume;
        HiddenVolume += s.HiddenVolume;
        AbsorbedBid += s.AbsorbedBid;
        AbsorbedAsk += s.AbsorbedAsk;
        AbsorbedBidEvents += s.AbsorbedBidEvents;
        AbsorbedAskEvents += s.AbsorbedAskEvents;
        QuotePairs += s.QuotePairs;
        QuotePairVolume += s.QuotePairVolume;
        PairedBuyVolume += s.PairedBuyVolume;
        PairedSellVolume += s.PairedSellVolume;
    }

    /// <summary>
    /// Moves a window that saw nothing to the next period: only times and quotes change (its counters are
    /// all zero already), which keeps the once-a-second closing of idle windows cheap.
    /// </summary>
    public void Restart(long startNs, long openBid, long openAsk)
    {
        StartNs = startNs;
        EndNs = startNs + LengthNs;
        OpenBid = CloseBid = openBid;
        OpenAsk = CloseAsk = openAsk;
    }

    /// <summary>Clears the counters for a new window starting at <paramref name="startNs"/> with the given opening quote.</summary>
    public void Reset(long startNs, long openBid, long openAsk)
    {
        var id = InstrumentId;
        var length = LengthNs;
        this = default;
        InstrumentId = id;
        LengthNs = length;
        StartNs = startNs;
        EndNs = startNs + length;
        OpenBid = openBid;
        OpenAsk = openAsk;
        CloseBid = openBid;
        CloseAsk = openAsk;
    }
}
