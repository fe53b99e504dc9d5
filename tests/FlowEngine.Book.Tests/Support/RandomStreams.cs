using FlowEngine.Market.Events;
using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Book.Tests.Support;

/// <summary>One random choice; <see cref="RandomStreams"/> turns a list of them into MBO records.</summary>
internal readonly record struct Intent(int Op, int A, int B, int C, int D);

/// <summary>
/// Random MBO streams for property tests. FsCheck generates plain intents; they are turned into records
/// against the reference model's live orders, so cancels and modifies hit real ids and a shrunk intent
/// list still makes a well-formed stream.
/// </summary>
internal static class RandomStreams
{
    private const long Tick = 250_000_000; // 0.25 points
    private const long Mid = 4_810_000_000_000;

    /// <summary>Intent lists of 0–<paramref name="maxLength"/> steps, shrinking by dropping steps.</summary>
    public static Arbitrary<Intent[]> Intents(int maxLength)
    {
        var intent =
            from op in Gen.Choose(0, 99)
            from a in Gen.Choose(0, 1_000_000)
            from b in Gen.Choose(0, 1_000_000)
            from c in Gen.Choose(0, 1_000_000)
            from d in Gen.Choose(0, 1_000_000)
            select new Intent(op, a, b, c, d);
        var list = Gen.Sized(size => Gen.Choose(0, Math.Min(size * 4, maxLength)).SelectMany(n => Gen.ArrayOf(intent, n)));
        return Arb.From(list, Shrink);
    }

    private static IEnumerable<Intent[]> Shrink(Intent[] intents)
    {
        if (intents.Length == 0)
            yield break;
        yield return intents[..(intents.Length / 2)];
        yield return intents[(intents.Length / 2)..];
        for (var i = intents.Length - 1; i >= 0 && i >= intents.Length - 32; i--)
            yield return [.. intents[..i], .. intents[(i + 1)..]];
    }

    /// <summary>
    /// Records that follow the book's contract: adds of new ids, cancels and modifies of live ids with sizes
    /// that fit, trades, fills and clears. When <paramref name="irregular"/> is true the stream also carries
    /// every anomaly the book must survive (unknown ids, duplicate adds, oversized cancels, side changes,
    /// orders without side or price, F_MAYBE_BAD_BOOK, unknown actions).
    /// </summary>
    public static MboEvent[] Build(Intent[] intents, bool irregular)
    {
        var model = new ReferenceBook();
        var events = new List<MboEvent>(intents.Length);
        ulong nextId = 1;
        foreach (var i in intents)
        {
            var live = model.LiveIds.OrderBy(id => id).ToArray();
            var flags = i.D % 3 == 0 ? MboFlags.None : MboFlags.Last;
            var e = Choose(i, live, model, ref nextId, flags, irregular);
            model.Apply(e);
            events.Add(e);
        }
        // End consistent, as real streams do, so final states can be compared at a readable point.
        var last = Mbo.NoAction();
        model.Apply(last);
        events.Add(last);
        return [.. events];
    }

    private static MboEvent Choose(Intent i, ulong[] live, ReferenceBook model, ref ulong nextId, MboFlags flags, bool irregular)
    {
        var side = i.A % 2 == 0 ? MboSide.Bid : MboSide.Ask;
        var size = (uint)(1 + i.C % 40);
        var op = i.Op;
        if (irregular && op >= 88)
            return Irregular(i, live, model, ref nextId, flags);
        if (live.Length == 0 || op < 40)
            return Mbo.Add(nextId++, side, PriceFor(side, i.B), size, flags);

        var id = live[i.A % live.Length];
        model.TryGet(id, out var order);
        if (op < 60)
        {
            // Full or partial cancel.
            var cancel = i.C % 2 == 0 || order.Size <= 1 ? order.Size : (uint)(1 + i.C % (order.Size - 1));
            return Mbo.Cancel(id, cancel, order.Side, order.Price, flags);
        }
        if (op < 82)
        {
            var price = i.B % 3 == 0 ? order.Price : PriceFor(order.Side, i.B);
            var newSize = (i.C % 3) switch
            {
                0 => order.Size,
                1 => order.Size > 1 ? order.Size - 1 - (uint)(i.D % (order.Size - 1)) : order.Size,
                _ => order.Size + 1 + (uint)(i.D % 10),
            };
            return Mbo.Modify(id, order.Side, price, newSize, flags);
        }
        if (op < 86)
            return Mbo.Trade(side, order.Price, size, flags);
        if (op < 88)
            return Mbo.Fill(id, order.Side, order.Price, 1, flags);
        return op < 90 ? Mbo.Clear(flags) : Mbo.Add(nextId++, side, PriceFor(side, i.B), size, flags);
    }

    private static MboEvent Irregular(Intent i, ulong[] live, ReferenceBook model, ref ulong nextId, MboFlags flags)
    {
        var side = i.A % 2 == 0 ? MboSide.Bid : MboSide.Ask;
        var size = (uint)(1 + i.C % 40);
        var unknown = nextId + 1_000 + (ulong)i.B;
        var hasLive = live.Length > 0;
        var id = hasLive ? live[i.A % live.Length] : 0;
        model.TryGet(id, out var order);
        return i.Op switch
        {
            88 => Mbo.Cancel(unknown, size, side, PriceFor(side, i.B), flags),
            89 => Mbo.Modify(unknown, side, PriceFor(side, i.B), size, flags),
            90 when hasLive => Mbo.Add(id, side, PriceFor(side, i.B), size, flags),
            91 when hasLive => Mbo.Cancel(id, order.Size + 1 + (uint)(i.C % 5), order.Side, order.Price, flags),
            92 when hasLive => Mbo.Modify(id, order.Side == MboSide.Bid ? MboSide.Ask : MboSide.Bid, PriceFor(side, i.B), size, flags),
            93 => Mbo.Add(nextId++, MboSide.None, PriceFor(side, i.B), size, flags),
            94 => Mbo.Add(nextId++, side, MboEvent.UndefinedPrice, size, flags),
            95 when hasLive => Mbo.Modify(id, MboSide.None, order.Price, size, flags),
            96 => Mbo.Add(nextId++, side, PriceFor(side, i.B), size, flags | MboFlags.MaybeBadBook),
            97 => Mbo.Record((MboAction)(byte)'X', id, side, PriceFor(side, i.B), size, flags),
            // A locked or crossed add: bids far up, asks far down.
            98 => Mbo.Add(nextId++, side, side == MboSide.Bid ? Mid + 40 * Tick : Mid - 40 * Tick, size, flags),
            _ => Mbo.Add(nextId++, side, PriceFor(side, i.B), size, flags),
        };
    }

    /// <summary>Bids at or below the mid, asks above, within 24 ticks: levels fill up and empty often.</summary>
    private static long PriceFor(MboSide side, int b) =>
        side == MboSide.Bid ? Mid - (b % 24) * Tick : Mid + (1 + b % 24) * Tick;
}
