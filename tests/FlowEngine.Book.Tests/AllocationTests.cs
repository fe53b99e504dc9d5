using FlowEngine.Book.Tests.Support;
using FlowEngine.Market.Events;
using FlowEngine.Tests;

namespace FlowEngine.Book.Tests;

/// <summary>
/// Behaviour, not timing: once the pools have grown to the day's size, applying a real day of events
/// allocates zero bytes on the applying thread.
/// </summary>
public class AllocationTests
{
    [Fact]
    public void Applying_a_real_day_after_warm_up_allocates_nothing()
    {
        MboEvent[] events =
        [
            .. DbnEvents.Read(TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231224.mbo.dbn")),
            .. DbnEvents.Read(TestPaths.Data("dbn-cme", "esh4-glbx-mdp3-20231225.mbo.dbn")),
        ];
        var set = new BookSet();
        var clear = Mbo.Clear();
        clear.InstrumentId = events[0].InstrumentId;
        var changes = 0L;
        Replay(set, events, clear, ref changes); // warm-up: pools grow, methods get compiled
        Replay(set, events, clear, ref changes);

        var allocated = SteadyAllocation.Measure(() =>
        {
            changes = 0;
            Replay(set, events, clear, ref changes);
        });

        Assert.True(allocated.Bytes == 0, allocated.ToString());
        Assert.True(changes > 1_000, "the measured replay did change the top of book");
        Assert.Equal(922, set.Books[0].LevelCount(MboSide.Bid));
    }

    private static void Replay(BookSet set, MboEvent[] events, MboEvent clear, ref long topChanges)
    {
        set.Apply(in clear);
        for (var i = 0; i < events.Length; i++)
        {
            if ((set.Apply(in events[i]) & ApplyResult.TopChanged) != 0)
                topChanges++;
        }
        // Reading what the engine reads allocates nothing either.
        var book = set.LastBook!;
        Span<BookLevel> depth = stackalloc BookLevel[10];
        book.CopyDepth(MboSide.Bid, depth);
        _ = book.Summary();
        _ = book.ConsistentTop;
    }
}
