using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;

namespace FlowEngine.Simulator.Tests;

/// <summary>
/// One full default session (10 minutes of event time) with a seed no other test uses, generated once and
/// shared by the tests that inspect a whole session: a first pass checks book consistency and gathers
/// statistics; a second pass (the stream is deterministic, so it is the same stream) keeps the records on
/// each labelled instrument inside its label's span, so label checks do not need the whole stream in memory.
/// </summary>
public sealed class SessionFixture
{
    public const ulong Seed = 20260302;

    public SessionFixture()
    {
        Options = new SimulatorOptions { Seed = Seed };
        var sim = new MarketSimulator(Options);
        Definitions = sim.Definitions;
        var e = new MboEvent();
        long lastVenueTs = 0;
        uint lastSequence = 0;
        var future = Options.FutureInstrumentId;
        while (sim.Next(ref e))
        {
            if (e.Kind == EventKind.InstrumentDefinition) DefinitionEvents.Add(e);
            else if ((e.Flags & MboFlags.Snapshot) != 0) SnapshotRecords++;
            else
            {
                LiveRecords++;
                if (e.Sequence != lastSequence)
                {
                    lastSequence = e.Sequence;
                    VenueEvents++;
                    VenueEventsByInstrument[e.InstrumentId] = VenueEventsByInstrument.GetValueOrDefault(e.InstrumentId) + 1;
                    if (lastVenueTs != 0) Gaps.Add(e.TsRecv - lastVenueTs);
                    lastVenueTs = e.TsRecv;
                    FirstLiveTs = FirstLiveTs == 0 ? e.TsRecv : FirstLiveTs;
                    LastLiveTs = e.TsRecv;
                }
                if (e.Action == MboAction.Add)
                {
                    AddSizes.Add(e.Size);
                    if (e.InstrumentId == future)
                    {
                        var (bid, ask) = Checker.Touch(future);
                        var touch = e.Side == MboSide.Bid ? bid : ask;
                        if (touch is not (long.MinValue or long.MaxValue))
                            FutureAddDistance.Add((int)(Math.Abs(e.Price - touch) / Options.FutureTickSize));
                    }
                }
                if (e.Action == MboAction.Trade) TradeRecords.Add(e);
            }
            Checker.Observe(e);
            if (e.InstrumentId == future && e.IsLast && e.Kind == EventKind.Mbo)
            {
                var (bid, _) = Checker.Touch(future);
                if (bid != long.MinValue)
                {
                    FutureMinBid = Math.Min(FutureMinBid, bid);
                    FutureMaxBid = Math.Max(FutureMaxBid, bid);
                }
            }
        }
        Labels = sim.Labels.ToList();
        foreach (var d in Definitions) LiveAtEnd[d.InstrumentId] = Checker.LiveOrdersOf(d.InstrumentId);
        CollectSpans();
    }

    public SimulatorOptions Options { get; }
    public IReadOnlyList<InstrumentDefinition> Definitions { get; }
    public List<EpisodeLabel> Labels { get; }
    public StreamChecker Checker { get; } = new();
    public List<MboEvent> DefinitionEvents { get; } = new();
    public long SnapshotRecords { get; private set; }
    public long LiveRecords { get; private set; }
    public long VenueEvents { get; private set; }
    public Dictionary<uint, long> VenueEventsByInstrument { get; } = new();
    public List<long> Gaps { get; } = new();
    public long FirstLiveTs { get; private set; }
    public long LastLiveTs { get; private set; }
    public List<uint> AddSizes { get; } = new();
    public List<int> FutureAddDistance { get; } = new();
    public List<MboEvent> TradeRecords { get; } = new();
    public long FutureMinBid { get; private set; } = long.MaxValue;
    public long FutureMaxBid { get; private set; } = long.MinValue;
    public Dictionary<uint, int> LiveAtEnd { get; } = new();

    /// <summary>Records on each label's instrument within its span (T and A and C only), by label id.</summary>
    public Dictionary<int, List<MboEvent>> SpanRecords { get; } = new();

    public double SessionSeconds => (LastLiveTs - FirstLiveTs) / 1e9;

    private void CollectSpans()
    {
        var byInstrument = Labels.GroupBy(l => l.InstrumentId).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var l in Labels) SpanRecords[l.Id] = new List<MboEvent>();
        var sim = new MarketSimulator(Options);
        var e = new MboEvent();
        while (sim.Next(ref e))
        {
            if (e.Kind != EventKind.Mbo || e.Action is not (MboAction.Trade or MboAction.Add or MboAction.Cancel)) continue;
            if (!byInstrument.TryGetValue(e.InstrumentId, out var labels)) continue;
            foreach (var l in labels)
            {
                if (e.TsRecv < l.StartNs || e.TsRecv > l.EndNs) continue;
                if (l.Kind is EpisodeKind.Sweep or EpisodeKind.Accumulation && e.Action != MboAction.Trade) continue;
                SpanRecords[l.Id].Add(e);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SessionCollection : ICollectionFixture<SessionFixture>
{
    public const string Name = "default session";
}
