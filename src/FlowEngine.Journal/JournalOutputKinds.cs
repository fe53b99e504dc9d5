namespace FlowEngine.Journal;

/// <summary>
/// Registered output kinds. Outputs are (kind, cause, bytes) so later kinds — signals, orders, fills, risk
/// actions — need a number here, not a format change. 0 is reserved as "unassigned".
/// </summary>
public static class JournalOutputKinds
{
    /// <summary>A top-of-book change emitted by the book handler.</summary>
    public const ushort TopOfBook = 1;

    /// <summary>A readable name for reports (<c>journal inspect</c>).</summary>
    public static string Name(ushort kind) => kind switch
    {
        TopOfBook => "top-of-book",
        _ => $"kind-{kind}",
    };
}
