namespace FlowEngine.Engine.Status;

/// <summary>Outcome of <see cref="LineReader.ReadAsync"/>.</summary>
internal enum LineStatus
{
    Line,
    TooLong,
    End,
}
