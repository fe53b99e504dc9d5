using FlowEngine.Book;
using FlowEngine.Engine.Dashboard;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Engine.Tests.Dashboard;

/// <summary>The dashboard's per-instrument quote board: latest quote per instrument, activity counts, capacity and torn-read safety.</summary>
public sealed class TopOfBookBoardTests
{
    private static TopOfBook Quote(long k) => new(k * 1_000_000_000, k + 1, (int)(k % 7) + 1, (k + 1) * 1_000_000_000, k + 2, (int)(k % 5) + 1);

    [Fact]
    public void Each_instrument_keeps_its_latest_quote_and_its_number_of_changes()
    {
        var board = new TopOfBookBoard();
        board.Update(7, 100, Quote(1));
        board.Update(3, 101, Quote(2));
        board.Update(7, 102, Quote(3));
        board.Update(7, 103, TopOfBook.Empty);
        board.Update(3, 104, Quote(5));

        var quotes = new List<InstrumentQuote>();
        board.CopyTo(quotes);

        Assert.Equal(2, board.Instruments);
        Assert.Equal(
            [new InstrumentQuote(7, 103, TopOfBook.Empty, 3), new InstrumentQuote(3, 104, Quote(5), 2)],
            quotes);
    }

    [Fact]
    public void Matches_a_dictionary_of_latest_quotes_for_any_sequence_of_updates()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(
            Gen.ListOf(Gen.Zip(Gen.Choose(0, 40), Gen.Choose(0, 1000))).ToArbitrary(),
            updates =>
            {
                var board = new TopOfBookBoard(maxInstruments: 64);
                var expected = new Dictionary<uint, (long Ts, TopOfBook Top, long Changes)>();
                var ts = 0L;
                foreach (var (id, k) in updates)
                {
                    ts++;
                    var top = Quote(k);
                    board.Update((uint)id, ts, top);
                    var changes = expected.TryGetValue((uint)id, out var e) ? e.Changes + 1 : 1;
                    expected[(uint)id] = (ts, top, changes);
                }
                var quotes = new List<InstrumentQuote>();
                board.CopyTo(quotes);
                return quotes.Count == expected.Count
                    && quotes.All(q => expected[q.InstrumentId] == (q.TsRecv, q.Top, q.Changes));
            }));
    }

    [Fact]
    public void A_full_board_counts_the_changes_it_could_not_keep()
    {
        var board = new TopOfBookBoard(maxInstruments: 2);
        board.Update(1, 1, Quote(1));
        board.Update(2, 2, Quote(2));
        board.Update(3, 3, Quote(3));
        board.Update(3, 4, Quote(4));
        board.Update(1, 5, Quote(5));

        var quotes = new List<InstrumentQuote>();
        board.CopyTo(quotes);
        Assert.Equal([1u, 2u], quotes.Select(q => q.InstrumentId));
        Assert.Equal(Quote(5), quotes[0].Top);
        Assert.Equal(2, board.UntrackedChanges);
    }

    [Fact]
    public void Updating_allocates_nothing()
    {
        var board = new TopOfBookBoard(maxInstruments: 128);
        for (uint id = 0; id < 100; id++)
            board.Update(id, 0, Quote(id));
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
                board.Update((uint)(i % 150), i, Quote(i));
        });
        Assert.True(allocated.Bytes == 0, allocated.ToString());
    }

    [Fact]
    public async Task A_concurrent_reader_never_sees_a_torn_quote()
    {
        const int updates = 400_000;
        var board = new TopOfBookBoard(maxInstruments: 8);
        var writer = Task.Run(() =>
        {
            for (long i = 1; i <= updates; i++)
                board.Update((uint)(i % 4), i, Quote(i));
        });

        var quotes = new List<InstrumentQuote>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var reads = 0;
        while (!writer.IsCompleted || reads == 0)
        {
            quotes.Clear();
            board.CopyTo(quotes);
            reads++;
            // Every field of a quote is derived from the same update: a torn copy would mix two of them.
            foreach (var q in quotes)
                Assert.Equal(Quote(q.TsRecv), q.Top);
            Assert.True(DateTime.UtcNow < deadline, "the writer did not finish within 30 s");
        }
        await writer;

        quotes.Clear();
        board.CopyTo(quotes);
        Assert.Equal(updates, quotes.Sum(q => q.Changes));
        Assert.Equal(4, quotes.Count);
    }
}
