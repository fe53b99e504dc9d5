using System.Text.Json;

namespace FlowEngine.Engine.Reporting;

/// <summary>Reads and writes <see cref="RunReport"/> as snake_case JSON (the <c>--report FILE.json</c> format).</summary>
public static class RunReportJson
{
    /// <summary>The report as indented JSON.</summary>
    public static string ToJson(RunReport report) =>
        JsonSerializer.Serialize(report, RunReportJsonContext.Default.RunReport);

    /// <summary>
    /// Writes the report to <paramref name="path"/> through a temporary file and a rename, so a reader never
    /// sees half a report (e.g. a script polling for it).
    /// </summary>
    public static void WriteFile(RunReport report, string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".tmp");
        File.WriteAllText(temp, ToJson(report) + "\n");
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Parses a report written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a report; the message says where.</exception>
    public static RunReport Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, RunReportJsonContext.Default.RunReport)
                ?? throw new InvalidDataException("run report: the JSON is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"run report: {ex.Message}", ex);
        }
    }
}
