namespace FlowEngine.Cli;

/// <summary>Process exit codes, shared by every command so scripts can rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>The command ran and found a problem in the data (damaged journal, parity difference).</summary>
    public const int Problem = 1;
    /// <summary>The command could not run: bad flags, missing or malformed input, bad configuration.</summary>
    public const int UserError = 2;
    /// <summary>Forced exit after a second interrupt signal.</summary>
    public const int Forced = 130;
}
