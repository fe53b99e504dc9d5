using FlowEngine.Simulator.Randomness;
using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Flow;

/// <summary>
/// Moves prices. The future's fair price is a reflected random walk of one-tick steps (Poisson,
/// <see cref="SimulatorOptions.FutureMovesPerSecond"/>, reflected 400 ticks from the open); each option's
/// fair price is the normal-model premium at the future's mid and follows it with 0.75-tick hysteresis.
/// A one-tick move up is executed the way it happens on a real book: the ask target steps up at once (no new
/// offers at the old ask), the resting offers at the old ask are pulled one by one — mostly cancels, some
/// small trades that may take the last lots — and only when that level is gone does the bid target step up
/// into it. Moves down mirror this. An instrument held by an episode does not move (the episode owns its
/// price); it catches up when the episode ends.
/// </summary>
internal sealed class QuoteDynamics
{
    /// <summary>Ticks from the opening price at which the future's walk is pushed back towards it.</summary>
    public const int SoftBoundTicks = 400;

    private const double Hysteresis = 0.75;
    private const int EdgeMargin = 80;

    private readonly SimulatedVenue _venue;
    private readonly InstrumentProfile[] _profiles;
    private readonly TimerQueue _timers;
    private readonly OptionModel _model;
    private readonly DiscreteSampler _tradeSizes;
    private readonly double _walkMeanNs;
    private readonly double _futureTickPoints;
    private readonly double _optionTickPoints;

    /// <summary>Creates the dynamics; clear timers use the book index as id, the walk uses <paramref name="walkTimerId"/>.</summary>
    public QuoteDynamics(SimulatedVenue venue, InstrumentProfile[] profiles, TimerQueue timers, OptionModel model,
        DiscreteSampler tradeSizes, SimulatorOptions options, int walkTimerId)
    {
        _venue = venue;
        _profiles = profiles;
        _timers = timers;
        _model = model;
        _tradeSizes = tradeSizes;
        WalkTimerId = walkTimerId;
        _walkMeanNs = options.FutureMovesPerSecond > 0 ? 1e9 / options.FutureMovesPerSecond : 0;
        _futureTickPoints = options.FutureTickSize / 1e9;
        _optionTickPoints = options.OptionTickSize / 1e9;
    }

    /// <summary>Timer id of the future's random walk.</summary>
    public int WalkTimerId { get; }

    /// <summary>The target bid that centres a spread of <paramref name="spread"/> ticks on <paramref name="mid"/> (at least 2 ticks).</summary>
    public static int BidForMid(double mid, int spread)
    {
        var bid = (int)Math.Floor(mid - spread / 2.0 + 0.5);
        return bid < 2 ? 2 : bid;
    }

    /// <summary>Starts the random walk.</summary>
    public void Start(long now)
    {
        if (_walkMeanNs > 0) _timers.Schedule(WalkTimerId, now + _venue.Rng.NextExponentialNs(_walkMeanNs));
    }

    /// <summary>One step of the future's walk: a tick up or down unless the future is held or already moving.</summary>
    public void OnWalkTimer()
    {
        var future = _venue.Books[0];
        var rng = _venue.Rng;
        var up = rng.NextBool();
        if (future.IsFree)
        {
            var offset = future.TargetBid - _profiles[0].OpeningBid;
            if (offset >= SoftBoundTicks) up = false;
            else if (offset <= -SoftBoundTicks) up = true;
            StartMove(future, up ? 1 : -1);
        }
        _timers.Schedule(WalkTimerId, _venue.Now + rng.NextExponentialNs(_walkMeanNs));
    }

    /// <summary>One quote-pull step of a move under way on <paramref name="book"/>.</summary>
    public void OnClearTimer(SimulatedBook book)
    {
        var side = book.ClearingSide;
        if (side < 0) return;
        if (HasStale(book, side))
        {
            var profile = _profiles[book.Index];
            var rng = _venue.Rng;
            var tick = book.Best(side);
            if (rng.NextOpenUnit() <= profile.ClearTradeShare)
            {
                _venue.Trade(book, 1 - side, _tradeSizes.Sample(rng), 1, keepLastLot: false, protectOwned: false);
            }
            else
            {
                // Pull the newest order (fast quoters re-price first) or the oldest, at random: O(1), no queue walk.
                ref var level = ref book.Level(side, tick);
                _venue.Cancel(book, rng.NextBool() ? level.Tail : level.Head);
            }
        }
        if (HasStale(book, side)) ScheduleClear(book);
        else CompleteMove(book);
    }

    /// <summary>
    /// After a sweep moved the touch, re-anchors the targets at the new best price on the swept side (the
    /// impact is permanent for the future; an option drifts back to its model price after its episode).
    /// </summary>
    public void AfterSweep(SimulatedBook book, int aggressorSide, int lastTick)
    {
        if (aggressorSide == SimulatedBook.Bid)
        {
            var ask = book.HasSide(SimulatedBook.Ask) ? Math.Min(book.BestAsk, lastTick + 1) : lastTick + 1;
            book.TargetAsk = ask;
            book.TargetBid = ask - book.Spread;
        }
        else
        {
            var bid = book.HasSide(SimulatedBook.Bid) ? Math.Max(book.BestBid, lastTick - 1) : lastTick - 1;
            book.TargetBid = bid;
            book.TargetAsk = bid + book.Spread;
        }
        if (book.Index == 0) RepriceOptions();
    }

    /// <summary>Called when an episode releases an instrument: an option catches up with its model price.</summary>
    public void AfterRelease(SimulatedBook book)
    {
        if (book.Index != 0) Reprice(book);
    }

    /// <summary>Ticks the future may move in <paramref name="direction"/> from its current targets without nearing the book's edge.</summary>
    public bool CanMove(SimulatedBook book, int direction) =>
        direction > 0 ? book.TargetAsk + 1 <= book.MaxTick - EdgeMargin : book.TargetBid - 1 >= book.MinTick + EdgeMargin;

    private void StartMove(SimulatedBook book, int direction)
    {
        if (!CanMove(book, direction)) return;
        int side;
        if (direction > 0)
        {
            book.TargetAsk++;
            side = SimulatedBook.Ask;
        }
        else
        {
            book.TargetBid--;
            side = SimulatedBook.Bid;
        }
        book.ClearingSide = side;
        if (HasStale(book, side)) ScheduleClear(book);
        else CompleteMove(book);
    }

    private void CompleteMove(SimulatedBook book)
    {
        if (book.ClearingSide == SimulatedBook.Ask) book.TargetBid++;
        else book.TargetAsk--;
        book.ClearingSide = -1;
        if (book.Index == 0) RepriceOptions();
        else Reprice(book);
    }

    private void RepriceOptions()
    {
        var books = _venue.Books;
        for (var i = 1; i < books.Length; i++) Reprice(books[i]);
    }

    private void Reprice(SimulatedBook book)
    {
        if (!book.IsFree) return;
        var future = _venue.Books[0];
        var futureMid = (future.TargetBid + future.TargetAsk) * 0.5 * _futureTickPoints;
        var profile = _profiles[book.Index];
        var mid = _model.Premium(futureMid, profile.StrikePoints, profile.IsCall) / _optionTickPoints;
        var minMid = book.Spread / 2.0 + 2;
        if (mid < minMid) mid = minMid;
        var centre = book.TargetBid + book.Spread / 2.0;
        if (mid - centre >= Hysteresis) StartMove(book, 1);
        else if (centre - mid >= Hysteresis && book.TargetBid > 2) StartMove(book, -1);
    }

    private static bool HasStale(SimulatedBook book, int side) => side == SimulatedBook.Ask
        ? book.HasSide(SimulatedBook.Ask) && book.BestAsk < book.TargetAsk
        : book.HasSide(SimulatedBook.Bid) && book.BestBid > book.TargetBid;

    private void ScheduleClear(SimulatedBook book) =>
        _timers.Schedule(book.Index, _venue.Now + _venue.Rng.NextExponentialNs(_profiles[book.Index].ClearStepMeanNs));
}
