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
        w.WriteBoolean("pinThreads", c.Ring.PinThreads);
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

        WritePressure(w, c.Pressure);
        WriteIfd(w, c.Ifd);

        w.WriteStartObject("baseline");
        w.WriteString("snapshot", c.Baseline.Snapshot);
        w.WriteBoolean("update", c.Baseline.Update);
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

    private static void WritePressure(Utf8JsonWriter w, PressureConfig p)
    {
        w.WriteStartObject("pressure");
        WriteList(w, "windowsMs", p.WindowsMs);
        w.WriteNumber("ofiLevels", p.OfiLevels);
        w.WriteNumber("icebergRefillWindowUs", p.IcebergRefillWindowUs);
        w.WriteNumber("icebergDisplayPercentile", p.IcebergDisplayPercentile);
        w.WriteNumber("icebergChainMs", p.IcebergChainMs);
        w.WriteNumber("replenishWindowUs", p.ReplenishWindowUs);
        w.WriteNumber("fleetingMs", p.FleetingMs);
        w.WriteNumber("largeOrderPercentile", p.LargeOrderPercentile);
        w.WriteNumber("largeOrderHistory", p.LargeOrderHistory);
        w.WriteNumber("largeOrderMinSamples", p.LargeOrderMinSamples);
        w.WriteNumber("pairToleranceUs", p.PairToleranceUs);
        w.WriteNumber("quotePairToleranceUs", p.QuotePairToleranceUs);
        w.WriteNumber("ratioCap", p.RatioCap);
        w.WriteEndObject();
    }

    private static void WriteIfd(Utf8JsonWriter w, IfdConfig i)
    {
        w.WriteStartObject("ifd");
        w.WriteBoolean("enabled", i.Enabled);
        WriteList(w, "signalWindowsMs", i.SignalWindowsMs);
        w.WriteNumber("eventBaselineWindowMs", i.EventBaselineWindowMs);
        w.WriteStartObject("weights");
        w.WriteNumber("pressure", i.Weights.Pressure);
        w.WriteNumber("baseline", i.Weights.Baseline);
        w.WriteNumber("marketMaking", i.Weights.MarketMaking);
        w.WriteNumber("coordination", i.Weights.Coordination);
        w.WriteEndObject();
        w.WriteNumber("zBar", i.ZBar);
        w.WriteNumber("percentileBar", i.PercentileBar);
        w.WriteNumber("zCap", i.ZCap);
        w.WriteStartObject("grades");
        w.WriteNumber("extreme", i.Grades.Extreme);
        w.WriteNumber("veryHigh", i.Grades.VeryHigh);
        w.WriteNumber("high", i.Grades.High);
        w.WriteNumber("moderate", i.Grades.Moderate);
        w.WriteEndObject();
        w.WriteNumber("marketMakingCap", i.MarketMakingCap);
        w.WriteNumber("imbalanceZFloor", i.ImbalanceZFloor);
        w.WriteNumber("imbalanceZFull", i.ImbalanceZFull);
        w.WriteNumber("absorptionMin", i.AbsorptionMin);
        w.WriteNumber("absorptionFull", i.AbsorptionFull);
        w.WriteNumber("absorptionEventsFull", i.AbsorptionEventsFull);
        w.WriteNumber("minTrades", i.MinTrades);
        w.WriteNumber("sweepLevelsFull", i.SweepLevelsFull);
        w.WriteNumber("icebergRefillsFull", i.IcebergRefillsFull);
        w.WriteNumber("icebergUnmatchedFactor", i.IcebergUnmatchedFactor);
        w.WriteNumber("coordinationZ", i.CoordinationZ);
        w.WriteNumber("cooldownMs", i.CooldownMs);
        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteNumberValue(v);
        w.WriteEndArray();
    }
}
