using System.Text.Encodings.Web;
using System.Text.Json;
using FlowEngine.Engine.Configuration;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// <c>run.json</c>: what a run is, written when it starts so even a killed run describes itself. It holds
/// the effective configuration (secrets redacted, loadable again), which <c>replay</c> and <c>parity</c>
/// reuse so a replay runs the recorded configuration unless told otherwise.
/// </summary>
public sealed record RunManifest
{
    /// <summary>Version of this file's layout.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The run id (the directory name).</summary>
    public required string RunId { get; init; }

    /// <summary>Engine version that ran it.</summary>
    public required string EngineVersion { get; init; }

    /// <summary>Wall-clock start, for people.</summary>
    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Source description, e.g. <c>simulator seed 42</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The run directory this run replayed, or null.</summary>
    public string? ReplayOf { get; init; }

    /// <summary>SHA-256 of the canonical configuration (see <see cref="ConfigHash"/>).</summary>
    public required string ConfigHash { get; init; }

    /// <summary>The 64-bit configuration hash written in the journal headers, in hex.</summary>
    public required string JournalConfigHash { get; init; }

    /// <summary>The effective configuration as indented JSON (the <c>config show</c> form: secrets print as <c>***</c>).</summary>
    public required string ConfigJson { get; init; }

    /// <summary>Writes the manifest to <paramref name="path"/> (through a temporary file and a rename).</summary>
    public void Write(string path)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", CurrentFormat);
            w.WriteString("run_id", RunId);
            w.WriteString("engine_version", EngineVersion);
            w.WriteString("created_utc", CreatedUtc);
            w.WriteString("source", Source);
            if (ReplayOf is null)
                w.WriteNull("replay_of");
            else
                w.WriteString("replay_of", ReplayOf);
            w.WriteString("config_hash", ConfigHash);
            w.WriteString("journal_config_hash", JournalConfigHash);
            w.WritePropertyName("config");
            using (var config = JsonDocument.Parse(ConfigJson))
                config.WriteTo(w); // re-indented to sit inside this document

            w.WriteEndObject();
        }
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, [.. buffer.ToArray(), (byte)'\n']);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads <c>run.json</c>; a missing or malformed file is an error naming the file and the problem.</summary>
    /// <exception cref="FileNotFoundException">No manifest.</exception>
    /// <exception cref="InvalidDataException">The file is not a run manifest.</exception>
    public static RunManifest Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"run manifest not found: {path}", path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: not a run manifest (the top level is not an object)");
            var format = Required(root, "format", path).GetInt32();
            if (format > CurrentFormat)
                throw new InvalidDataException($"{path}: manifest format {format} is newer than this engine reads ({CurrentFormat})");
            var config = Required(root, "config", path);
            if (config.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: \"config\" must be an object");
            return new RunManifest
            {
                RunId = Text(root, "run_id", path),
                EngineVersion = Text(root, "engine_version", path),
                CreatedUtc = Required(root, "created_utc", path).GetDateTimeOffset(),
                Source = Text(root, "source", path),
                ReplayOf = root.TryGetProperty("replay_of", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
                ConfigHash = Text(root, "config_hash", path),
                JournalConfigHash = Text(root, "journal_config_hash", path),
                ConfigJson = config.GetRawText(),
            };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: malformed JSON: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }

    private static JsonElement Required(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"{path}: missing \"{name}\"");

    private static string Text(JsonElement root, string name, string path)
    {
        var value = Required(root, name, path);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{path}: \"{name}\" must be a string");
    }
}
