using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowEngine.Flow.Baselines;
using FlowEngine.Flow.Pressure;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Flow.Scoring;

/// <summary>
/// Institutional-flow detection: scores every closed signal window and, at once, every sweep and iceberg
/// refill the tracker reports, and emits a <see cref="Signal"/> when the confidence reaches MODERATE.
/// </summary>
/// <remarks>
/// <para>Factors, each in [0, 1]:</para>
/// <list type="bullet">
/// <item>Pressure significance. Sweeps: 0.5 at 2 levels rising to 1 at <see cref="IfdOptions.SweepLevelsFull"/>.
/// Icebergs: (refills in the chain + 1) / <see cref="IfdOptions.IcebergRefillsFull"/> when the refill re-used the
/// consumed order or repeated the display size, else <see cref="IfdOptions.IcebergUnmatchedFactor"/> × refills / full.
/// Windows are absorption when a side absorbed at least <see cref="IfdOptions.AbsorptionMin"/> of the
/// aggression into it (direction: that passive side; significance: absorbed share / full share, × (0.5 + 0.5 ×
/// how far the net aggression into that side reaches the z floor), × absorption events / events full), otherwise
/// aggressive (direction: the net aggressor; significance rises linearly from the imbalance-z floor to full).</item>
/// <item>Baseline deviation of the evidence's measure (|imbalance|, absorbed lots, or for sweeps the largest
/// aggressor event) in its instrument / window / time-of-day history: 0.5 at the bar (robust z ≥ ZBar and
/// percentile ≥ PercentileBar) rising to 1 at twice the z bar; below the bar 0.5 × the smaller of z/ZBar and
/// percentile/PercentileBar. 0 while warming up,
/// and then the grade is capped at MODERATE.</item>
/// <item>Market-making probability: the largest of the share of the volume paired with the same-strike
/// call/put partner at the same time, two-sided quote volume (bid and ask added together) relative to twice
/// the traded volume, and same-direction aggression on both legs of the strike in the window. At or above <see cref="IfdOptions.MarketMakingCap"/>
/// the grade is capped at MODERATE.</item>
/// <item>Coordination: over the related instruments (underlying, nearby strikes) active in the same window, the
/// average of +strength for each significant mover pointing the same way in delta terms and −strength for each
/// pointing the other way (strength = |z| / (2 × coordination z), capped at 1); floored at 0.</item>
/// </list>
/// <para>Confidence = wP·P + wB·B + wM·(1 − MM) + wC·C. Deterministic: windows are scored in instrument-id order,
/// related instruments in id order, and no clock is read. Allocation-free per call except when a new
/// (instrument, kind, direction) first enters the cooldown table.</para>
/// </remarks>
public sealed class IfdScorer : IFlowListener
{
    private readonly IfdOptions _options;
    private readonly PressureTracker _tracker;
    private readonly ISignalSink _sink;
    private readonly BaselineStore? _baseline;
    private readonly InstrumentRegistry? _registry;
    private readonly bool[] _scoredLength;
    private readonly int _eventLengthIndex;
    // Pre-sized so the first signals of a session do not grow it on the hot path (a chain of 21 strikes needs 172 keys).
    private readonly Dictionary<ulong, Cooldown> _cooldowns = new(256);
    private InstrumentRelations _relations;
    private long _registryVersion;

    private struct Cooldown
    {
        public long Until;
        public SignalGrade Grade;
    }

    /// <summary>Creates a scorer listening to <paramref name="tracker"/> (it registers itself) and writing to <paramref name="sink"/>.</summary>
    /// <param name="options">Weights, bars and thresholds; validated here.</param>
    /// <param name="tracker">The pressure tracker whose windows and events are scored.</param>
    /// <param name="sink">Where signals go.</param>
    /// <param name="baseline">History to compare with; null means always warming up.</param>
    /// <param name="registry">Instrument definitions for pairing and coordination; optional.</param>
    public IfdScorer(IfdOptions options, PressureTracker tracker, ISignalSink sink, BaselineStore? baseline = null, InstrumentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        _options = options;
        _tracker = tracker;
        _sink = sink;
        _baseline = baseline;
        _registry = registry;
        var lengths = tracker.WindowLengths;
        _scoredLength = new bool[lengths.Length];
        foreach (var w in options.SignalWindowsNs)
        {
            var i = lengths.IndexOf(w);
            if (i < 0)
                throw new ArgumentException($"ifd option {nameof(IfdOptions.SignalWindowsNs)}: {w} ns is not one of the tracker's window lengths", nameof(options));
            _scoredLength[i] = true;
        }
        _eventLengthIndex = lengths.IndexOf(options.EventBaselineWindowNs);
        if (_eventLengthIndex < 0)
            throw new ArgumentException($"ifd option {nameof(IfdOptions.EventBaselineWindowNs)}: {options.EventBaselineWindowNs} ns is not one of the tracker's window lengths", nameof(options));
        _relations = new InstrumentRelations(registry);
        _registryVersion = registry?.Version ?? 0;
        tracker.AddListener(this);
    }

    /// <summary>The options in force.</summary>
    public IfdOptions Options => _options;

    /// <summary>Signals emitted so far.</summary>
    public long SignalsEmitted { get; private set; }

    /// <summary>Windows scored so far (closed signal windows with enough trades).</summary>
    public long WindowsScored { get; private set; }

    /// <summary>Signals suppressed by the cooldown.</summary>
    public long SignalsSuppressed { get; private set; }

    /// <inheritdoc />
    public void OnFlowEvent(in FlowEvent fe)
    {
        RefreshRelations();
        SignalKind kind;
        double p;
        BaselineMeasure measure;
        double value;
        var flags = SignalFlags.None;
        if (fe.Kind == FlowEventKind.Sweep)
        {
            kind = SignalKind.Sweep;
            p = fe.Levels >= 2 ? Clamp01(0.5 + 0.5 * (fe.Levels - 2) / (_options.SweepLevelsFull - 2)) : 0.5;
            measure = BaselineMeasure.MaxAggressor;
            value = fe.Size;
            if (fe.Flag)
                flags |= SignalFlags.ThroughBest;
        }
        else
        {
            kind = SignalKind.Iceberg;
            var same = fe.Flag || fe.SameSize;
            p = same
                ? Clamp01((fe.Count + 1.0) / _options.IcebergRefillsFull)
                : _options.IcebergUnmatchedFactor * Clamp01((double)fe.Count / _options.IcebergRefillsFull);
            measure = BaselineMeasure.Absorbed;
            value = fe.ChainVolume;
            if (same)
                flags |= SignalFlags.SameOrder;
        }
        var direction = fe.Side == MboSide.Bid ? SignalDirection.Buy : SignalDirection.Sell;
        if (!CanReach(p))
            return;

        _tracker.TryGetOpenWindow(fe.InstrumentId, _eventLengthIndex, out var open);
        var mm = MarketMaking(in open, default, found: false);
        var coordination = CoordinationOpen(fe.InstrumentId, direction);
        var stats = Evaluate(fe.InstrumentId, _options.EventBaselineWindowNs, measure, open.StartNs, value);
        var top = _tracker.TopOf(fe.InstrumentId);
        var signal = new Signal
        {
            InputIndex = fe.InputIndex,
            TsRecv = fe.TsRecv,
            Sequence = fe.Sequence,
            InstrumentId = fe.InstrumentId,
            Kind = kind,
            Direction = direction,
            Flags = flags,
            EvidenceStartNs = fe.TsRecv,
            WindowNs = _options.EventBaselineWindowNs,
            Price = fe.Price,
            Size = kind == SignalKind.Sweep ? fe.Size : fe.ChainVolume,
            Levels = kind == SignalKind.Sweep ? fe.Levels : fe.Count,
            Count = kind == SignalKind.Sweep ? fe.Count : (fe.Flag ? 1 : 0),
            BuyVolume = open.BuyVolume,
            SellVolume = open.SellVolume,
            OfiBest = open.OfiBest,
            OfiDepth = open.OfiDepth,
            Cvd = _tracker.CumulativeDelta(fe.InstrumentId),
            Pressure = open.Pressure,
            ImbalanceZ = open.ImbalanceZ,
            Absorption = kind == SignalKind.Iceberg ? (direction == SignalDirection.Buy ? open.AbsorbedBidShare : open.AbsorbedAskShare) : 0,
            Microprice = Microprices.Of(top.BidPrice, top.BidSize, top.AskPrice, top.AskSize),
            QueueImbalance = Microprices.QueueImbalance(top.BidSize, top.AskSize),
        };
        Finish(ref signal, p, in stats, mm, coordination, cooldown: true);
    }

    /// <inheritdoc />
    public void OnWindowsClosed(int lengthIndex, long endNs, ReadOnlySpan<WindowStats> windows)
    {
        if ((uint)lengthIndex >= (uint)_scoredLength.Length || !_scoredLength[lengthIndex])
            return;
        RefreshRelations();
        var input = _tracker.EventsSeen - 1;
        foreach (ref readonly var w in windows)
            ScoreWindow(in w, windows, endNs, input);
    }

    private void ScoreWindow(in WindowStats w, ReadOnlySpan<WindowStats> closed, long endNs, long input)
    {
        if (w.Trades < _options.MinTrades)
            return;
        WindowsScored++;
        SignalKind kind;
        SignalDirection direction;
        double p, absorption = 0;
        BaselineMeasure measure;
        double value;
        var bidAbsorbs = w.AbsorbedBid >= w.AbsorbedAsk;
        var absorbed = bidAbsorbs ? w.AbsorbedBid : w.AbsorbedAsk;
        var absorbedEvents = bidAbsorbs ? w.AbsorbedBidEvents : w.AbsorbedAskEvents;
        var share = bidAbsorbs ? w.AbsorbedBidShare : w.AbsorbedAskShare;
        if (absorbed > 0 && share >= _options.AbsorptionMin)
        {
            kind = SignalKind.Absorption;
            direction = bidAbsorbs ? SignalDirection.Buy : SignalDirection.Sell;
            // Sellers hitting a bid show as negative imbalance: measure the aggression into the absorbing side.
            var zInto = bidAbsorbs ? -w.ImbalanceZ : w.ImbalanceZ;
            p = Clamp01(share / _options.AbsorptionFull) * (0.5 + 0.5 * Clamp01(zInto / _options.ImbalanceZFloor))
                * Clamp01((double)absorbedEvents / _options.AbsorptionEventsFull);
            measure = BaselineMeasure.Absorbed;
            value = absorbed;
            absorption = share;
        }
        else
        {
            var z = w.ImbalanceZ;
            p = Clamp01((Math.Abs(z) - _options.ImbalanceZFloor) / (_options.ImbalanceZFull - _options.ImbalanceZFloor));
            kind = SignalKind.Aggressive;
            direction = z > 0 ? SignalDirection.Buy : SignalDirection.Sell;
            measure = BaselineMeasure.Imbalance;
            value = Math.Abs(w.Imbalance);
        }
        if (p <= 0 || !CanReach(p))
            return;

        var partner = _relations.Partner(w.InstrumentId);
        var partnerFound = false;
        var partnerWindow = default(WindowStats);
        if (partner != 0)
        {
            var at = IndexOf(closed, partner);
            if (at >= 0)
            {
                partnerWindow = closed[at];
                partnerFound = true;
            }
        }
        var mm = MarketMaking(in w, in partnerWindow, partnerFound);
        var coordination = CoordinationClosed(w.InstrumentId, direction, closed);
        var stats = Evaluate(w.InstrumentId, w.LengthNs, measure, w.StartNs, value);
        var signal = new Signal
        {
            InputIndex = input,
            TsRecv = endNs,
            Sequence = 0,
            InstrumentId = w.InstrumentId,
            Kind = kind,
            Direction = direction,
            EvidenceStartNs = w.StartNs,
            WindowNs = w.LengthNs,
            Price = w.HasCloseQuote ? (w.CloseBid + w.CloseAsk) / 2 : 0,
            Size = (long)value,
            Levels = w.Trades,
            Count = w.LargeBidAdds + w.LargeAskAdds,
            BuyVolume = w.BuyVolume,
            SellVolume = w.SellVolume,
            OfiBest = w.OfiBest,
            OfiDepth = w.OfiDepth,
            Cvd = w.Cvd,
            Pressure = w.Pressure,
            ImbalanceZ = w.ImbalanceZ,
            Absorption = absorption,
            Microprice = w.Microprice,
            QueueImbalance = w.QueueImbalance,
        };
        Finish(ref signal, p, in stats, mm, coordination, cooldown: false);
    }

    private void Finish(ref Signal signal, double p, in BaselineStats stats, double mm, double coordination, bool cooldown)
    {
        var o = _options;
        double b = 0;
        if (stats.IsReady)
        {
            var passes = stats.RobustZ >= o.ZBar && stats.Percentile >= o.PercentileBar;
            b = passes
                ? 0.5 + 0.5 * Clamp01((stats.RobustZ - o.ZBar) / o.ZBar)
                : 0.5 * Math.Min(Clamp01(stats.RobustZ / o.ZBar), Clamp01(stats.Percentile / o.PercentileBar));
        }
        var confidence = Clamp01(o.PressureWeight * p + o.BaselineWeight * b + o.MarketMakingWeight * (1 - mm) + o.CoordinationWeight * coordination);
        var grade = o.GradeOf(confidence);
        if (grade == SignalGrade.None)
            return;
        var flags = signal.Flags;
        if (!stats.IsReady && grade > SignalGrade.Moderate)
        {
            grade = SignalGrade.Moderate;
            flags |= SignalFlags.WarmingUpCapped;
        }
        if (mm >= o.MarketMakingCap && grade > SignalGrade.Moderate)
        {
            grade = SignalGrade.Moderate;
            flags |= SignalFlags.MarketMakingCapped;
        }
        if (cooldown && Suppressed(in signal, grade))
        {
            SignalsSuppressed++;
            return;
        }
        signal.Flags = flags;
        signal.Grade = grade;
        signal.Action = SignalNames.ActionFor(grade, signal.Direction);
        signal.Confidence = confidence;
        signal.PressureSignificance = p;
        signal.BaselineDeviation = b;
        signal.MarketMaking = mm;
        signal.Coordination = coordination;
        signal.BaselineStatus = stats.Status;
        signal.BaselineValue = stats.Value;
        signal.BaselineMedian = stats.Median;
        signal.RobustZ = stats.RobustZ;
        signal.ZScore = stats.Z;
        signal.Percentile = stats.Percentile;
        SignalsEmitted++;
        _sink.OnSignal(in signal);
    }

    private bool Suppressed(in Signal signal, SignalGrade grade)
    {
        var key = ((ulong)signal.InstrumentId << 8) | ((ulong)signal.Kind << 2) | (ulong)signal.Direction;
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_cooldowns, key, out var existed);
        if (existed && signal.TsRecv < entry.Until && grade <= entry.Grade)
            return true;
        entry.Until = signal.TsRecv + _options.CooldownNs;
        entry.Grade = grade;
        return false;
    }

    /// <summary>False when even perfect baseline, no market making and full coordination could not reach MODERATE.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CanReach(double p) =>
        _options.PressureWeight * p + _options.BaselineWeight + _options.MarketMakingWeight + _options.CoordinationWeight >= _options.ModerateAt;

    private BaselineStats Evaluate(uint instrumentId, long windowNs, BaselineMeasure measure, long windowStartNs, double value) =>
        _baseline is null
            ? BaselineStats.WarmingUp(value, 0, 0)
            : _baseline.Evaluate(instrumentId, windowNs, measure, windowStartNs, value, _options.ZCap);

    private static double MarketMaking(in WindowStats w, in WindowStats partner, bool found)
    {
        var volume = w.Volume;
        var paired = volume == 0 ? 0 : Math.Min(1.0, (double)(w.PairedBuyVolume + w.PairedSellVolume) / volume);
        // Two-sided quoting measured against the traded volume: a market maker shows more than it trades.
        var twoSided = w.QuotePairVolume == 0 ? 0 : Math.Min(1.0, (double)w.QuotePairVolume / Math.Max(1, 2 * volume));
        var legs = 0.0;
        if (found && Math.Sign(w.Imbalance) == Math.Sign(partner.Imbalance) && w.Imbalance != 0)
        {
            var z = Math.Min(Math.Abs(w.ImbalanceZ), Math.Abs(partner.ImbalanceZ));
            if (z >= 1)
                legs = Clamp01(z / 2);
        }
        return Math.Max(paired, Math.Max(twoSided, legs));
    }

    private double CoordinationClosed(uint instrumentId, SignalDirection direction, ReadOnlySpan<WindowStats> closed)
    {
        var bull = (direction == SignalDirection.Buy ? 1 : -1) * _relations.DeltaSign(instrumentId);
        double sum = 0;
        var n = 0;
        foreach (var id in _relations.Related(instrumentId))
        {
            var at = IndexOf(closed, id);
            if (at >= 0)
                Corroborate(in closed[at], id, bull, ref sum, ref n);
        }
        return n == 0 ? 0 : Clamp01(sum / n);
    }

    private double CoordinationOpen(uint instrumentId, SignalDirection direction)
    {
        var bull = (direction == SignalDirection.Buy ? 1 : -1) * _relations.DeltaSign(instrumentId);
        double sum = 0;
        var n = 0;
        foreach (var id in _relations.Related(instrumentId))
        {
            if (_tracker.TryGetOpenWindow(id, _eventLengthIndex, out var w))
                Corroborate(in w, id, bull, ref sum, ref n);
        }
        return n == 0 ? 0 : Clamp01(sum / n);
    }

    private void Corroborate(in WindowStats w, uint id, int bull, ref double sum, ref int n)
    {
        // Every active related instrument counts in the denominator, so one lone mover among many cannot
        // make a coordination.
        if (w.Trades < _options.MinTrades)
            return;
        n++;
        var z = w.ImbalanceZ;
        if (Math.Abs(z) < _options.CoordinationZ)
            return;
        var strength = Clamp01(Math.Abs(z) / (2 * _options.CoordinationZ));
        sum += Math.Sign(z) * _relations.DeltaSign(id) == bull ? strength : -strength;
    }

    private static int IndexOf(ReadOnlySpan<WindowStats> sorted, uint instrumentId)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var id = sorted[mid].InstrumentId;
            if (id == instrumentId)
                return mid;
            if (id < instrumentId) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    private void RefreshRelations()
    {
        if (_registry is not null && _registry.Version != _registryVersion)
        {
            _relations = new InstrumentRelations(_registry);
            _registryVersion = _registry.Version;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Clamp01(double v) => v <= 0 ? 0 : v >= 1 ? 1 : double.IsNaN(v) ? 0 : v;
}
