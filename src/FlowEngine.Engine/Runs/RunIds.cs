using System.Globalization;
using System.Security.Cryptography;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// Run ids: <c>yyyyMMdd-HHmmss-xxxx</c> (UTC start time and four random hex digits), so runs sort by start
/// time and two runs started in the same second still differ. Cold side: the wall clock is read once, here.
/// </summary>
public static class RunIds
{
    /// <summary>A new run id, optionally prefixed (e.g. <c>replay-</c>).</summary>
    public static string New(string prefix = "") =>
        prefix + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetHexString(4, lowercase: true);

    /// <summary>Checks a user-chosen run id: 1–63 characters from [A-Za-z0-9._-], not "." or "..".</summary>
    /// <exception cref="ArgumentException">The id is not usable as a directory name and journal header field.</exception>
    public static string Validate(string runId)
    {
        if (string.IsNullOrEmpty(runId) || runId.Length > 63 || runId is "." or ".." ||
            !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"run id '{runId}' must be 1-63 characters from A-Z a-z 0-9 . _ -");
        return runId;
    }
}
