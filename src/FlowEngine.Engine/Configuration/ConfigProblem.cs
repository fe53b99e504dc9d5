namespace FlowEngine.Engine.Configuration;

/// <summary>One thing wrong with a configuration, named by its JSON key path.</summary>
public sealed record ConfigProblem
{
    /// <summary>Dotted JSON key path, e.g. <c>ring.size</c>; empty for the file as a whole.</summary>
    public required string Path { get; init; }

    /// <summary>What is wrong and what is allowed, e.g. <c>must be a power of two between 16 and 16777216, got 1000</c>.</summary>
    public required string Message { get; init; }

    /// <summary>Where the value came from when not the config file, e.g. <c>env FLOWENGINE__RING__SIZE</c> or <c>--speed</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>One line: <c>path (from origin): message</c>.</summary>
    public override string ToString()
    {
        var where = Path.Length == 0 ? "(file)" : Path;
        return Origin is null ? $"{where}: {Message}" : $"{where} (from {Origin}): {Message}";
    }
}
