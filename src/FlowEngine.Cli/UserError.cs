namespace FlowEngine.Cli;

/// <summary>
/// Decides which exceptions are the user's problem (a missing file, corrupt input, a bad flag) and how to
/// say it in one line. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class UserError
{
    public static string? Describe(Exception ex) => ex switch
    {
        FileNotFoundException f => $"file not found: {f.FileName ?? f.Message}",
        DirectoryNotFoundException d => d.Message,
        UnauthorizedAccessException u => u.Message,
        InvalidDataException i => i.Message,
        IOException io => io.Message,
        ArgumentException a => a.Message,
        FormatException fe => fe.Message,
        _ => null,
    };
}
