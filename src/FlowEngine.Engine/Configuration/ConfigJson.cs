using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// Writes an <see cref="EngineConfig"/> as JSON in the same shape the config file uses, with keys in a
/// fixed order. The display form can be saved and loaded back as a config file; the canonical form is the
/// input of <see cref="ConfigHash"/>.
/// </summary>
public static class ConfigJson
{
    /// <summary>Indented JSON for people (<c>flowengine config show</c>); the API key prints as <c>***</c>.</summary>
    public static string ToDisplayJson(EngineConfig config)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, config, includeRedactedSecrets: true);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Compact JSON with secrets left out entirely: stable bytes for hashing and journal headers.</summary>
    public static byte[] ToCanonicalJson(EngineConfig config)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            Write(w, config, includeRedactedSecrets: false);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter w, EngineConfig c, bool includeRedactedSecrets)
    {
        w.WriteStartObject();
        w.WriteString("profile", ConfigNames.NameOf(ConfigNames.Profiles, c.Profile));

        w.WriteStartObject("ring");
        w.WriteNumber("size", c.Ring.Size);
        w.WriteString("waitStrategy", ConfigNames.NameOf(ConfigNames.WaitStrategies, c.Ring.WaitStrategy));
        w.WriteString("threadLayout", ConfigNames.NameOf(ConfigNames.ThreadLayouts, c.Ring.ThreadLayout));
        w.WriteEndObject();

        w.WriteStartObject("source");
        w.WriteString("kind", ConfigNames.NameOf(ConfigNames.SourceKinds, c.Source.Kind));
        w.WriteStartArray("paths");
        foreach (var p in c.Source.Paths)
            w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteString("speed", c.Source.Speed.ToString());
        w.WriteStartObject("simulator");
        w.WriteNumber("seed", c.Source.Simulator.Seed);
        w.WriteNumber("events", c.Source.Simulator.Events);
        w.WriteNumber("durationSeconds", c.Source.Simulator.DurationSeconds);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("timer");
        w.WriteNumber("tickIntervalMs", c.Timer.TickIntervalMs);
        w.WriteEndObject();

        w.WriteStartObject("journal");
        w.WriteString("root", c.Journal.Root);
        w.WriteBoolean("enabled", c.Journal.Enabled);
        w.WriteString("compression", ConfigNames.NameOf(ConfigNames.Compressions, c.Journal.Compression));
        w.WriteString("durability", ConfigNames.NameOf(ConfigNames.Durabilities, c.Journal.Durability));
        w.WriteNumber("batchFsyncMs", c.Journal.BatchFsyncMs);
        w.WriteNumber("segmentBytes", c.Journal.SegmentBytes);
        w.WriteEndObject();

        w.WriteStartObject("status");
        w.WriteBoolean("enabled", c.Status.Enabled);
        w.WriteString("host", c.Status.Host);
        w.WriteNumber("port", c.Status.Port);
        w.WriteBoolean("allowRemote", c.Status.AllowRemote);
        w.WriteEndObject();

        w.WriteStartObject("logging");
        w.WriteString("level", ConfigNames.NameOf(ConfigNames.LogLevels, c.Logging.Level));
        w.WriteString("file", c.Logging.File);
        w.WriteBoolean("console", c.Logging.Console);
        w.WriteEndObject();

        w.WriteStartObject("databento");
        if (includeRedactedSecrets)
        {
            if (c.Databento.ApiKey is null)
                w.WriteNull("apiKey");
            else
                w.WriteString("apiKey", Secret.Redacted);
        }
        w.WriteString("apiKeyFile", c.Databento.ApiKeyFile);
        w.WriteEndObject();

        w.WriteEndObject();
    }
}
