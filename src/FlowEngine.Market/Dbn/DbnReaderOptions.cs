using FlowEngine.Market.Instruments;

namespace FlowEngine.Market.Dbn;

/// <summary>Choices a caller can make when opening a DBN reader; the defaults suit the engine.</summary>
public sealed class DbnReaderOptions
{
    /// <summary>Defaults: MBO, definition and mixed files only; a fresh registry per reader.</summary>
    public static DbnReaderOptions Default { get; } = new();

    /// <summary>
    /// Accept files of any schema (skipping and counting every non-MBO record) instead of rejecting files
    /// whose metadata names a schema other than mbo, definition or mixed. For inspection tools such as
    /// <c>flowengine dbn info</c>; the engine leaves it off so a wrong download fails loudly.
    /// </summary>
    public bool AcceptAnySchema { get; init; }

    /// <summary>
    /// Registry that decoded definitions go into; share one across the files of a replay so instruments
    /// defined in an earlier file stay known. Null: the reader creates its own.
    /// </summary>
    public InstrumentRegistry? Registry { get; init; }

    /// <summary>Size of the read buffer in bytes for file and stream input (at least 4 KiB).</summary>
    public int BufferSize { get; init; } = 256 * 1024;
}
