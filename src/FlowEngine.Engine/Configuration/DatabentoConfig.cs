namespace FlowEngine.Engine.Configuration;

/// <summary>
/// The <c>databento</c> section. The API key is never read from the config file: it comes from the
/// environment (<c>FLOWENGINE_DATABENTO_API_KEY</c>, then <c>DATABENTO_API_KEY</c>) or from
/// <see cref="ApiKeyFile"/>, a file only its owner may read (mode 0600).
/// </summary>
public sealed record DatabentoConfig
{
    /// <summary>Path of a file holding the API key; empty when none is configured.</summary>
    public string ApiKeyFile { get; init; } = "";

    /// <summary>The resolved key, or null when none was found (only live feeds need it).</summary>
    public Secret? ApiKey { get; init; }

    /// <summary>Where <see cref="ApiKey"/> came from (e.g. <c>env DATABENTO_API_KEY</c>, <c>file /path</c>, or <c>none</c>).</summary>
    public string ApiKeySource { get; init; } = "none";
}
