namespace FlowEngine.Flow.Baselines;

/// <summary>
/// Which history a sample belongs to: instrument, window length, measure and time-of-day bucket. Sorted in
/// that field order wherever keys are listed, so snapshot files never depend on hash order.
/// </summary>
/// <param name="InstrumentId">Instrument id.</param>
/// <param name="WindowNs">Window length in ns.</param>
/// <param name="Measure">The measure.</param>
/// <param name="Bucket">Time-of-day bucket: minutes since UTC midnight of the window start, divided by the bucket length.</param>
public readonly record struct BaselineKey(uint InstrumentId, long WindowNs, BaselineMeasure Measure, int Bucket) : IComparable<BaselineKey>
{
    /// <inheritdoc />
    public int CompareTo(BaselineKey other)
    {
        var c = InstrumentId.CompareTo(other.InstrumentId);
        if (c != 0) return c;
        c = WindowNs.CompareTo(other.WindowNs);
        if (c != 0) return c;
        c = ((byte)Measure).CompareTo((byte)other.Measure);
        return c != 0 ? c : Bucket.CompareTo(other.Bucket);
    }
}
