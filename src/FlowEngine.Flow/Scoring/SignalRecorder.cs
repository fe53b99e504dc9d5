namespace FlowEngine.Flow.Scoring;

/// <summary>Keeps every signal in memory, in order: for evaluation, tests and small command-line runs.</summary>
public sealed class SignalRecorder : ISignalSink
{
    private readonly List<Signal> _signals;

    /// <summary>Creates a recorder with room for <paramref name="capacity"/> signals before it grows.</summary>
    public SignalRecorder(int capacity = 1024) => _signals = new List<Signal>(capacity);

    /// <summary>The signals so far.</summary>
    public IReadOnlyList<Signal> Signals => _signals;

    /// <inheritdoc />
    public void OnSignal(in Signal signal) => _signals.Add(signal);

    /// <summary>Forgets the signals (keeps the storage).</summary>
    public void Clear() => _signals.Clear();
}
