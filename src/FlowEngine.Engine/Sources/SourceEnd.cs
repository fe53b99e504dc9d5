namespace FlowEngine.Engine.Sources;

/// <summary>Why a source stopped publishing.</summary>
public enum SourceEnd
{
    /// <summary>The source had no more events.</summary>
    EndOfStream,
    /// <summary>A stop was requested (signal, status socket, parity difference) before the end.</summary>
    Stopped,
}
