using System.Runtime.InteropServices;
using FlowEngine.Market.Events;

namespace FlowEngine.Simulator.Tests;

/// <summary>FNV-1a over the raw bytes of every record: equal digests mean byte-identical streams (with overwhelming probability).</summary>
internal static class StreamDigest
{
    public static (ulong Digest, long Count) Of(MarketSimulator sim, long limit = long.MaxValue)
    {
        var hash = 14695981039346656037UL;
        var e = new MboEvent();
        long n = 0;
        while (n < limit && sim.Next(ref e))
        {
            n++;
            foreach (var b in MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref e, 1)))
            {
                hash ^= b;
                hash *= 1099511628211UL;
            }
        }
        return (hash, n);
    }
}
