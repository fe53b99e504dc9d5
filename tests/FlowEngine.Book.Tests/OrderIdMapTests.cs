using FsCheck;
using FsCheck.Fluent;

namespace FlowEngine.Book.Tests;

/// <summary>The open-addressed id map behaves exactly like a dictionary, including after deletions in long probe runs.</summary>
public class OrderIdMapTests
{
    [Fact]
    public void Behaves_like_a_dictionary_under_random_inserts_and_removes()
    {
        // Few distinct keys from a narrow range and a tiny table force collisions, wrap-around and shifts.
        var op = from kind in Gen.Choose(0, 2)
                 from key in Gen.Choose(0, 60)
                 from spread in Gen.Elements(1UL, 64UL, 1UL << 40)
                 select (kind, key: (ulong)key * spread);
        var ops = Gen.Sized(n => Gen.ArrayOf(op, n * 5)).ToArbitrary();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(ops, steps =>
        {
            var map = new OrderIdMap(expectedOrders: 4);
            var expected = new Dictionary<ulong, int>();
            var slot = 0;
            foreach (var (kind, key) in steps)
            {
                switch (kind)
                {
                    case 0:
                        var found = map.FindOrInsert(key, slot);
                        Assert.Equal(expected.TryGetValue(key, out var existing) ? existing : -1, found);
                        if (found < 0)
                            expected[key] = slot++;
                        break;
                    case 1:
                        Assert.Equal(expected.Remove(key), map.Remove(key));
                        break;
                    default:
                        Assert.Equal(expected.TryGetValue(key, out var value) ? value : -1, map.Find(key));
                        break;
                }
                Assert.Equal(expected.Count, map.Count);
            }
            foreach (var (key, value) in expected)
                Assert.Equal(value, map.Find(key));
        }));
    }

    [Fact]
    public void Grows_when_half_full_and_clear_forgets_everything()
    {
        var map = new OrderIdMap(expectedOrders: 8);
        var initial = map.Capacity;
        for (ulong k = 0; k < 1_000; k++)
            Assert.Equal(-1, map.FindOrInsert(k * 7919, (int)k));

        Assert.True(map.Capacity >= 2_000);
        Assert.True(map.Capacity > initial);
        Assert.Equal(500, map.Find(500 * 7919));

        map.Clear();
        Assert.Equal(0, map.Count);
        Assert.Equal(-1, map.Find(500 * 7919));
    }
}
