using FlowEngine.Simulator.Flow;
using FlowEngine.Simulator.Randomness;
using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// Injects the labelled episodes. Each kind starts as its own Poisson process; a start picks an idle
/// instrument (no episode, no price move under way, quiet for <see cref="SimulatorOptions.EpisodeGap"/>
/// since the last episode there), pins it so background repricing leaves its price to the episode, and
/// then advances a small state machine on its own timer. One episode per instrument at a time keeps the
/// labels unambiguous: a detector's signal on an instrument and side inside a span can only mean that
/// episode. Labels are written as the episode emits, so they always describe what is in the stream.
/// </summary>
internal sealed class EpisodeDirector
{
    /// <summary>Episodes that may run at once.</summary>
    public const int MaxActive = 64;

    private const int PickAttempts = 12;

    private readonly EpisodeSlot[] _slots = new EpisodeSlot[MaxActive];
    private readonly int[] _free = new int[MaxActive];
    private int _freeCount;
    private readonly double[] _startMeanNs = new double[6];
    private readonly AliasTable? _optionPick;
    private readonly AliasTable? _strikePick;
    private readonly long _gapNs;

    /// <summary>Creates the director; kind k's start timer is <paramref name="firstStartTimer"/> + k − 1, slot s's step timer <paramref name="firstSlotTimer"/> + s.</summary>
    public EpisodeDirector(SimulatedVenue venue, QuoteDynamics quotes, TimerQueue timers, InstrumentProfile[] profiles,
        LabelStore labels, SimulatorOptions options, int firstStartTimer, int firstSlotTimer)
    {
        Venue = venue;
        Quotes = quotes;
        Timers = timers;
        Profiles = profiles;
        Labels = labels;
        FirstStartTimer = firstStartTimer;
        FirstSlotTimer = firstSlotTimer;
        _gapNs = options.EpisodeGap.Ticks * 100;
        for (var i = 0; i < MaxActive; i++)
        {
            _slots[i] = new EpisodeSlot(i);
            _free[i] = MaxActive - 1 - i;
        }
        _freeCount = MaxActive;
        foreach (var kind in EpisodeKinds.All)
        {
            var perMinute = options.Episodes.PerMinute(kind);
            _startMeanNs[(int)kind] = perMinute > 0 ? 60e9 / perMinute : 0;
        }
        var optionCount = profiles.Length - 1;
        if (optionCount > 0)
        {
            var optionWeights = new double[optionCount];
            for (var i = 0; i < optionCount; i++) optionWeights[i] = StrikeWeight(profiles[i + 1].StrikeOffset);
            _optionPick = new AliasTable(optionWeights);
            var strikeWeights = new double[optionCount / 2];
            for (var j = 0; j < strikeWeights.Length; j++) strikeWeights[j] = StrikeWeight(profiles[1 + 2 * j].StrikeOffset);
            _strikePick = new AliasTable(strikeWeights);
        }
    }

    /// <summary>The venue episodes trade on.</summary>
    public SimulatedVenue Venue { get; }
    /// <summary>Price dynamics (sweeps move the touch through it).</summary>
    public QuoteDynamics Quotes { get; }
    /// <summary>Timers.</summary>
    public TimerQueue Timers { get; }
    /// <summary>Instrument parameters.</summary>
    public InstrumentProfile[] Profiles { get; }
    /// <summary>Where labels go.</summary>
    public LabelStore Labels { get; }
    /// <summary>Timer id of the first kind's start process.</summary>
    public int FirstStartTimer { get; }
    /// <summary>Timer id of slot 0's steps.</summary>
    public int FirstSlotTimer { get; }

    /// <summary>Schedules the first start of every enabled kind.</summary>
    public void Start(long now)
    {
        foreach (var kind in EpisodeKinds.All) ScheduleStart(kind, now);
    }

    /// <summary>Handles a timer that belongs to the director.</summary>
    public void OnTimer(int id)
    {
        if (id >= FirstSlotTimer)
        {
            var slot = _slots[id - FirstSlotTimer];
            if (slot.Active) Step(slot);
            return;
        }
        var kind = (EpisodeKind)(id - FirstStartTimer + 1);
        TryStart(kind);
        ScheduleStart(kind, Venue.Now);
    }

    /// <summary>Schedules the slot's next step <paramref name="delayNs"/> from now.</summary>
    public void Schedule(EpisodeSlot slot, long delayNs) => Timers.Schedule(FirstSlotTimer + slot.Index, Venue.Now + Math.Max(1, delayNs));

    /// <summary>An instrument (book index) for a new episode: the future with probability <paramref name="futureShare"/>, else an option weighted towards the money; -1 when none is idle.</summary>
    public int PickBook(double futureShare)
    {
        var rng = Venue.Rng;
        for (var attempt = 0; attempt < PickAttempts; attempt++)
        {
            var b = _optionPick is null || rng.NextOpenUnit() <= futureShare ? 0 : 1 + _optionPick.Sample(rng);
            if (IsIdle(b)) return b;
        }
        return -1;
    }

    /// <summary>A strike whose call and put are both idle, as the call's book index; -1 when none.</summary>
    public int PickCallPut()
    {
        if (_strikePick is null) return -1;
        for (var attempt = 0; attempt < PickAttempts; attempt++)
        {
            var call = 1 + 2 * _strikePick.Sample(Venue.Rng);
            if (IsIdle(call) && IsIdle(call + 1)) return call;
        }
        return -1;
    }

    /// <summary>Holds an instrument's price for the episode.</summary>
    public void Pin(EpisodeSlot slot, int book) => Venue.Books[book].Pin = slot.Index;

    /// <summary>
    /// Pins the episode's instrument and schedules its first step within the next 2 ms, so episodes that begin
    /// on the same timer do not act in lockstep.
    /// </summary>
    public void Launch(EpisodeSlot slot, int book)
    {
        Pin(slot, book);
        Schedule(slot, 1 + Venue.Rng.NextBelow(2_000_000));
    }

    /// <summary>Assigns the episode to a book and a random side (one draw), at that side's target tick.</summary>
    public void TakeRandomSide(EpisodeSlot slot, int book)
    {
        var buy = Venue.Rng.NextBool();
        slot.Book = book;
        slot.SideIndex = buy ? SimulatedBook.Bid : SimulatedBook.Ask;
        slot.Side = buy ? EpisodeSide.Buy : EpisodeSide.Sell;
        slot.Tick = Venue.Books[book].Target(slot.SideIndex);
    }

    /// <summary>
    /// Writes what a step did into the label of the episode's first (<paramref name="which"/> = 0) or second
    /// instrument, opening the label at the first record there.
    /// </summary>
    public void Record(EpisodeSlot slot, int which, long volume, int actions, int levels)
    {
        var bookIndex = which == 0 ? slot.Book : slot.Book2;
        var book = Venue.Books[bookIndex];
        if (slot.Label[which] < 0)
        {
            var group = which == 1 && slot.Label[0] >= 0 ? slot.Label[0] : -1;
            slot.Label[which] = Labels.Open(slot.Kind, book.InstrumentId, slot.Side, Venue.Now, slot.RefTick[which] * book.TickSize, group);
        }
        Labels.Update(slot.Label[which], Venue.Now, volume, actions, levels);
    }

    /// <summary>Posts an owned quote into quote position <paramref name="q"/>.</summary>
    public void PostQuote(EpisodeSlot slot, int q, SimulatedBook book, int side, int size)
    {
        var id = Venue.NewOrderId();
        slot.QuoteId[q] = id;
        slot.QuoteSlot[q] = Venue.Add(book, side, book.Target(side), size, slot.OwnerTag, id);
    }

    /// <summary>Cancels quote <paramref name="q"/> if it is still resting (it may have been filled).</summary>
    public bool CancelQuote(EpisodeSlot slot, int q, SimulatedBook book)
    {
        var s = slot.QuoteSlot[q];
        if (s < 0) return false;
        slot.QuoteSlot[q] = -1;
        ref var o = ref book.Pool.Orders[s];
        if (o.Id != slot.QuoteId[q] || o.Owner != slot.OwnerTag) return false;
        Venue.Cancel(book, s);
        return true;
    }

    /// <summary>Ends the episode: releases its instruments (they stay quiet for the episode gap) and frees the slot.</summary>
    public void Finish(EpisodeSlot slot)
    {
        Release(slot.Book);
        if (slot.Book2 >= 0) Release(slot.Book2);
        slot.Active = false;
        _free[_freeCount++] = slot.Index;
    }

    private void Release(int bookIndex)
    {
        if (bookIndex < 0) return;
        var book = Venue.Books[bookIndex];
        book.Pin = -1;
        book.QuietUntil = Venue.Now + _gapNs;
        Quotes.AfterRelease(book);
    }

    private bool IsIdle(int b)
    {
        var book = Venue.Books[b];
        return book.Pin < 0 && book.ClearingSide < 0 && Venue.Now >= book.QuietUntil;
    }

    private void TryStart(EpisodeKind kind)
    {
        if (_freeCount == 0) return;
        var slot = _slots[_free[--_freeCount]];
        slot.Reset(kind);
        var started = kind switch
        {
            EpisodeKind.Sweep => SweepEpisode.Begin(this, slot),
            EpisodeKind.Iceberg => IcebergEpisode.Begin(this, slot),
            EpisodeKind.Accumulation => AccumulationEpisode.Begin(this, slot),
            EpisodeKind.MarketMakerTwoSided => TwoSidedQuotingEpisode.Begin(this, slot),
            EpisodeKind.MarketMakerCallPut => CallPutPairEpisode.Begin(this, slot),
            _ => false,
        };
        if (!started)
        {
            slot.Active = false;
            _free[_freeCount++] = slot.Index;
        }
    }

    private void Step(EpisodeSlot slot)
    {
        switch (slot.Kind)
        {
            case EpisodeKind.Sweep: SweepEpisode.Step(this, slot); break;
            case EpisodeKind.Iceberg: IcebergEpisode.Step(this, slot); break;
            case EpisodeKind.Accumulation: AccumulationEpisode.Step(this, slot); break;
            case EpisodeKind.MarketMakerTwoSided: TwoSidedQuotingEpisode.Step(this, slot); break;
            case EpisodeKind.MarketMakerCallPut: CallPutPairEpisode.Step(this, slot); break;
        }
    }

    private void ScheduleStart(EpisodeKind kind, long now)
    {
        var mean = _startMeanNs[(int)kind];
        if (mean > 0) Timers.Schedule(FirstStartTimer + (int)kind - 1, now + Venue.Rng.NextExponentialNs(mean));
    }

    private static double StrikeWeight(int strikeOffset) => DeterministicMath.Exp(-Math.Abs(strikeOffset) / 3.0);
}
