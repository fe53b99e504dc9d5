namespace FlowEngine.Engine.Pipeline;

/// <summary>The names stages and their threads carry in reports, status lines and thread names.</summary>
public static class StageNames
{
    /// <summary>The input journal stage (runs in parallel with the business chain).</summary>
    public const string Journal = "journal";

    /// <summary>The L3 book stage.</summary>
    public const string Book = "book";

    /// <summary>The tail stage that records every output (journal, parity comparison, or digest).</summary>
    public const string Outputs = "outputs";

    /// <summary>The source thread (publisher).</summary>
    public const string Source = "source";
}
