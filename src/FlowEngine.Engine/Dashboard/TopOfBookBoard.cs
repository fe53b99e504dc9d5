using FlowEngine.Book;

namespace FlowEngine.Engine.Dashboard;

/// <summary>
/// The latest top of book of every instrument, written by the output stage's thread as top-of-book outputs
/// pass and read by one cold-side reader (the dashboard) whenever it likes. Unlike <see cref="LatestOutputs"/>
/// nothing is ever lost here: each instrument has its own entry that the newest change overwrites, so a quiet
/// instrument still shows its last quote however many outputs went by since.
/// </summary>
/// <remarks>
/// Entries are allocated once (<see cref="MaxInstruments"/>) and found through an open-addressing table the
/// writer alone touches; each entry is a per-entry seqlock like <see cref="LatestOutputs"/>' slots, so the
/// writer never waits and the reader never sees a torn quote. Changes for instruments beyond the capacity are
/// counted in <see cref="UntrackedChanges"/>.
/// </remarks>
public sealed class TopOfBookBoard
{
    // version, ts_recv, bid px, bid size, ask px, ask size, bid count | ask count << 32, changes
    private const int Stride = 8;

    private readonly uint[] _ids;
    private readonly long[] _values;
    private readonly int[] _table; // entry index + 1; 0 = empty
    private readonly int _tableMask;
    private readonly int _tableShift;
    private int _count;
    private long _untracked;
    private uint _lastId;
    private int _lastEntry = -1;

    /// <summary>Creates a board for up to <paramref name="maxInstruments"/> instruments; storage is allocated once, here.</summary>
    public TopOfBookBoard(int maxInstruments = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInstruments, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxInstruments, 1 << 20);
        MaxInstruments = maxInstruments;
        _ids = new uint[maxInstruments];
        _values = new long[maxInstruments * Stride];
        // At most half full, so probe chains stay short.
        var tableSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)maxInstruments * 2);
        _table = new int[tableSize];
        _tableMask = tableSize - 1;
        _tableShift = 32 - System.Numerics.BitOperations.Log2((uint)tableSize);
    }

    /// <summary>Instruments the board can hold.</summary>
    public int MaxInstruments { get; }

    /// <summary>Instruments seen so far; any thread.</summary>
    public int Instruments => Volatile.Read(ref _count);

    /// <summary>Changes of instruments that found the board full; any thread.</summary>
    public long UntrackedChanges => Volatile.Read(ref _untracked);

    /// <summary>Records <paramref name="instrumentId"/>'s new top of book. Writer thread only; never blocks, never allocates.</summary>
    public void Update(uint instrumentId, long tsRecv, in TopOfBook top)
    {
        var entry = instrumentId == _lastId && _lastEntry >= 0 ? _lastEntry : Find(instrumentId);
        if (entry < 0)
        {
            Volatile.Write(ref _untracked, _untracked + 1);
            return;
        }
        _lastId = instrumentId;
        _lastEntry = entry;

        var b = entry * Stride;
        var version = _values[b];
        var changes = _values[b + 7];
        Volatile.Write(ref _values[b], version + 1); // odd: being written
        Volatile.Write(ref _values[b + 1], tsRecv);
        Volatile.Write(ref _values[b + 2], top.BidPrice);
        Volatile.Write(ref _values[b + 3], top.BidSize);
        Volatile.Write(ref _values[b + 4], top.AskPrice);
        Volatile.Write(ref _values[b + 5], top.AskSize);
        Volatile.Write(ref _values[b + 6], (uint)top.BidCount | ((long)top.AskCount << 32));
        Volatile.Write(ref _values[b + 7], changes + 1);
        Volatile.Write(ref _values[b], version + 2);
        if (entry == _count)
            Volatile.Write(ref _count, entry + 1); // a new instrument becomes visible with its first quote
    }

    /// <summary>
    /// Appends every instrument's latest quote to <paramref name="into"/>, in the order instruments first
    /// appeared. Reader thread only (cold side).
    /// </summary>
    public void CopyTo(ICollection<InstrumentQuote> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var n = Instruments;
        for (var entry = 0; entry < n; entry++)
        {
            if (TryRead(entry, out var quote))
                into.Add(quote);
        }
    }

    private bool TryRead(int entry, out InstrumentQuote quote)
    {
        var b = entry * Stride;
        // The writer holds an entry for a few stores only: a couple of retries always get a clean copy in practice.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var v1 = Volatile.Read(ref _values[b]);
            if ((v1 & 1) != 0)
            {
                Thread.SpinWait(16);
                continue;
            }
            var ts = Volatile.Read(ref _values[b + 1]);
            var bidPx = Volatile.Read(ref _values[b + 2]);
            var bidSz = Volatile.Read(ref _values[b + 3]);
            var askPx = Volatile.Read(ref _values[b + 4]);
            var askSz = Volatile.Read(ref _values[b + 5]);
            var counts = Volatile.Read(ref _values[b + 6]);
            var changes = Volatile.Read(ref _values[b + 7]);
            if (Volatile.Read(ref _values[b]) != v1)
                continue;
            quote = new InstrumentQuote(_ids[entry], ts,
                new TopOfBook(bidPx, bidSz, (int)(uint)counts, askPx, askSz, (int)(counts >> 32)), changes);
            return true;
        }
        quote = default;
        return false;
    }

    private int Find(uint instrumentId)
    {
        // Fibonacci hashing: the product's top bits spread consecutive ids (typical of a chain) across the table.
        var i = (int)((instrumentId * 0x9E3779B1u) >> _tableShift) & _tableMask;
        while (true)
        {
            var slot = _table[i];
            if (slot == 0)
                break;
            if (_ids[slot - 1] == instrumentId)
                return slot - 1;
            i = (i + 1) & _tableMask;
        }
        if (_count == MaxInstruments)
            return -1;
        var entry = _count;
        _ids[entry] = instrumentId;
        _table[i] = entry + 1;
        return entry;
    }
}
