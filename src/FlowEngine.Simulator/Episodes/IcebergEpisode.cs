using FlowEngine.Simulator.Venue;

namespace FlowEngine.Simulator.Episodes;

/// <summary>
/// A hidden order defending one price. It rests a display of 10–40 lots (future) or 5–20 (options) at the
/// touch of its side; every 50 ms plus an exponential 400 ms an opposite aggressor takes the whole level at
/// that price in one trade (all orders there, display included, so the level is consumed and the trade is
/// larger than the display); 20–320 µs later the display re-appears at the same price with the same order id
/// and size. 3–8 refills, then the last display is taken and the episode ends. The instrument's price is
/// held meanwhile. Label side: the resting side (buy = hidden bid); price: the iceberg's.
/// </summary>
internal static class IcebergEpisode
{
    private const int Post = 0;
    private const int Hit = 1;
    private const int Refill = 2;

    /// <summary>Picks an instrument and the side; false when none is idle.</summary>
    public static bool Begin(EpisodeDirector d, EpisodeSlot slot)
    {
        var b = d.PickBook(0.35);
        if (b < 0) return false;
        var rng = d.Venue.Rng;
        d.TakeRandomSide(slot, b);
        slot.Size = d.Profiles[b].IsFuture ? rng.NextInclusive(10, 40) : rng.NextInclusive(5, 20);
        slot.Remaining = rng.NextInclusive(3, 8);
        slot.Phase = Post;
        d.Launch(slot, b);
        return true;
    }

    /// <summary>Posts, is hit, or refills.</summary>
    public static void Step(EpisodeDirector d, EpisodeSlot slot)
    {
        var venue = d.Venue;
        var rng = venue.Rng;
        var book = venue.Books[slot.Book];
        switch (slot.Phase)
        {
            case Post:
                slot.OrderId = venue.NewOrderId();
                slot.OrderSlot = venue.Add(book, slot.SideIndex, slot.Tick, slot.Size, slot.OwnerTag, slot.OrderId);
                slot.RefTick[0] = slot.Tick;
                d.Record(slot, 0, 0, 0, 0);
                slot.Phase = Hit;
                d.Schedule(slot, 50_000_000 + rng.NextExponentialNs(400_000_000));
                break;
            case Hit:
                ref var order = ref book.Pool.Orders[slot.OrderSlot];
                if (order.Id != slot.OrderId || order.Owner != slot.OwnerTag)
                {
                    d.Finish(slot);
                    return;
                }
                var levelSize = book.Level(slot.SideIndex, slot.Tick).Size;
                var traded = venue.Trade(book, 1 - slot.SideIndex, levelSize, 1, keepLastLot: false, protectOwned: false);
                d.Record(slot, 0, traded, 1, 1);
                if (slot.Remaining-- > 0)
                {
                    slot.Phase = Refill;
                    d.Schedule(slot, 20_000 + rng.NextBelow(300_000));
                }
                else
                {
                    d.Finish(slot);
                }
                break;
            default:
                slot.OrderSlot = venue.Add(book, slot.SideIndex, slot.Tick, slot.Size, slot.OwnerTag, slot.OrderId);
                d.Record(slot, 0, 0, 0, 0);
                slot.Phase = Hit;
                d.Schedule(slot, 50_000_000 + rng.NextExponentialNs(400_000_000));
                break;
        }
    }
}
