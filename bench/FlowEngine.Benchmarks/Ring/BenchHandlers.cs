using FlowEngine.Market.Events;
using FlowEngine.Ring;

namespace FlowEngine.Benchmarks.Ring;

/// <summary>The 1P→1C consumer: a running sum, so the work cannot be optimised away.</summary>
public sealed class SumHandler : IValueEventHandler<MboEvent>
{
    /// <summary>Sum of prices seen.</summary>
    public long Sum;

    /// <inheritdoc />
    public void OnEvent(ref MboEvent data, long sequence, bool endOfBatch) => Sum += data.Price;
}

/// <summary>
/// The same consumer as a struct: the processor is compiled for it and the call is inlined, which is what
/// Disruptor-net achieves for class handlers with generated struct proxies.
/// </summary>
public struct SumStructHandler : IValueEventHandler<MboEvent>
{
    /// <summary>Sum of prices seen.</summary>
    public long Sum;

    /// <inheritdoc />
    public void OnEvent(ref MboEvent data, long sequence, bool endOfBatch) => Sum += data.Price;
}

/// <summary>Pipeline stage A: derives a value and writes it into the slot for B.</summary>
public sealed class StageAHandler : IValueEventHandler<MboEvent>
{
    /// <inheritdoc />
    public void OnEvent(ref MboEvent data, long sequence, bool endOfBatch) => data.Aux = data.Price + 1;
}

/// <summary>Pipeline stage B: reads A's output and writes its own.</summary>
public sealed class StageBHandler : IValueEventHandler<MboEvent>
{
    /// <inheritdoc />
    public void OnEvent(ref MboEvent data, long sequence, bool endOfBatch) => data.TsInDelta = (int)(data.Aux & 0xFFFF);
}

/// <summary>Pipeline stage C: folds A's and B's outputs into a running sum.</summary>
public sealed class StageCHandler : IValueEventHandler<MboEvent>
{
    /// <summary>Sum of the stage outputs.</summary>
    public long Sum;

    /// <inheritdoc />
    public void OnEvent(ref MboEvent data, long sequence, bool endOfBatch) => Sum += data.Aux + data.TsInDelta;
}
