namespace FlowEngine.Engine.Configuration;

/// <summary>
/// A single key set from outside the config file (a command-line flag), applied after environment
/// variables and validated like everything else.
/// </summary>
public sealed record ConfigOverride
{
    /// <summary>Dotted key path, matched case-insensitively, e.g. <c>source.speed</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The value as text; converted to the key's type (numbers, booleans, comma-separated lists).</summary>
    public required string Value { get; init; }

    /// <summary>Named in error messages, e.g. <c>--speed</c>.</summary>
    public required string Origin { get; init; }
}
