using FlowEngine.Engine.Outputs;
using FlowEngine.Journal;

namespace FlowEngine.Engine.Dashboard;

/// <summary>
/// The dashboard's view of the output path: an <see cref="IOutputSink"/> (installed through
/// <see cref="Runs.EngineRunOptions.OutputTap"/>) that copies each output into <see cref="Latest"/> and each
/// top-of-book change into <see cref="Quotes"/>. It runs on the output stage's thread, so it only does
/// fixed-size stores into storage allocated up front: no locks, no waiting, no allocation.
/// </summary>
public sealed class DashboardTap : IOutputSink
{
    /// <summary>
    /// Recent outputs kept between two dashboard refreshes (about 1.1 MiB): a paced run's outputs of a second or
    /// two all fit, so nothing is dropped; flat out, the dashboard shows the newest and counts the rest.
    /// </summary>
    public const int DefaultLatestCapacity = 4096;

    /// <summary>Creates the tap with <paramref name="latestCapacity"/> recent outputs (a power of two) and room for <paramref name="maxInstruments"/> quotes.</summary>
    public DashboardTap(int latestCapacity = DefaultLatestCapacity, int maxInstruments = 4096)
    {
        Latest = new LatestOutputs(latestCapacity);
        Quotes = new TopOfBookBoard(maxInstruments);
    }

    /// <summary>The most recent outputs of every kind.</summary>
    public LatestOutputs Latest { get; }

    /// <summary>Every instrument's latest top of book.</summary>
    public TopOfBookBoard Quotes { get; }

    /// <inheritdoc />
    public void Emit(ushort kind, long inputSequence, ReadOnlySpan<byte> payload)
    {
        Latest.Write(kind, inputSequence, payload);
        if (kind == JournalOutputKinds.TopOfBook && payload.Length == TopOfBookOutput.Size)
        {
            var tob = TopOfBookOutput.Read(payload);
            Quotes.Update(tob.InstrumentId, tob.TsRecv, tob.Top);
        }
    }

    /// <inheritdoc />
    public void EndOfBatch(bool sourceIdle, long nowTicks)
    {
        // Nothing is buffered: every output is visible to the reader as soon as Emit returns.
    }

    /// <inheritdoc />
    public void Flush()
    {
    }
}
