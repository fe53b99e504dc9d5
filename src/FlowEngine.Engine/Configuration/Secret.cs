namespace FlowEngine.Engine.Configuration;

/// <summary>
/// A secret value (an API key). <see cref="ToString"/> prints <c>***</c> so a secret that reaches a log,
/// an exception message or a record's generated <c>ToString</c> is never disclosed; read it with
/// <see cref="Reveal"/> only where it is sent to its service.
/// </summary>
public sealed class Secret
{
    /// <summary>What every secret prints as.</summary>
    public const string Redacted = "***";

    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>; it must not be empty.</summary>
    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The secret itself. Call it only at the point of use.</summary>
    public string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => Redacted;
}
