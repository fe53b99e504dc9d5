using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowEngine.Engine.Status;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// Turns the merged JSON tree into typed records, checking every value's type and range. A bad value is
/// recorded as a problem and replaced by the profile default so binding continues and every problem is
/// reported in one go.
/// </summary>
internal sealed class ConfigBinder(List<ConfigProblem> problems, IReadOnlyDictionary<string, string> origins)
{
    /// <summary>Environment variables holding the Databento key, in precedence order.</summary>
    public static readonly string[] ApiKeyVariables = ["FLOWENGINE_DATABENTO_API_KEY", "DATABENTO_API_KEY"];

    public EngineConfig Bind(JsonObject root, EngineProfile profile, IReadOnlyDictionary<string, string> env)
    {
        var d = ConfigDefaults.For(profile);
        var pressure = BindPressure(Section(root, "pressure"), d.Pressure);
        return new EngineConfig
        {
            Profile = profile,
            Ring = BindRing(Section(root, "ring"), d.Ring),
            Source = BindSource(Section(root, "source"), d.Source),
            Timer = new TimerConfig
            {
                TickIntervalMs = (int)Integer(Section(root, "timer"), "timer", "tickIntervalMs", 1, TimerConfig.MaxTickIntervalMs, d.Timer.TickIntervalMs),
            },
            Pressure = pressure,
            Ifd = BindIfd(Section(root, "ifd"), d.Ifd, pressure),
            Baseline = new BaselineConfig
            {
                Snapshot = Text(Section(root, "baseline"), "baseline", "snapshot", d.Baseline.Snapshot),
                Update = Boolean(Section(root, "baseline"), "baseline", "update", d.Baseline.Update),
            },
            Journal = BindJournal(Section(root, "journal"), d.Journal),
            Status = BindStatus(Section(root, "status"), d.Status),
            Logging = BindLogging(Section(root, "logging"), d.Logging),
            Databento = BindDatabento(Section(root, "databento"), env),
        };
    }

    private RingConfig BindRing(JsonObject s, RingConfig d)
    {
        var size = Integer(s, "ring", "size", RingConfig.MinSize, RingConfig.MaxSize, d.Size);
        if ((size & (size - 1)) != 0)
        {
            Add("ring.size", $"must be a power of two between {RingConfig.MinSize} and {RingConfig.MaxSize} (e.g. 65536), got {size}");
            size = d.Size;
        }
        return new RingConfig
        {
            Size = (int)size,
            WaitStrategy = Choice(s, "ring", "waitStrategy", ConfigNames.WaitStrategies, d.WaitStrategy),
            ThreadLayout = Choice(s, "ring", "threadLayout", ConfigNames.ThreadLayouts, d.ThreadLayout),
            PinThreads = Boolean(s, "ring", "pinThreads", d.PinThreads),
        };
    }

    private SourceConfig BindSource(JsonObject s, SourceConfig d)
    {
        var kind = Choice(s, "source", "kind", ConfigNames.SourceKinds, d.Kind);
        var paths = StringList(s, "source", "paths");
        var kindName = ConfigNames.NameOf(ConfigNames.SourceKinds, kind);
        switch (kind)
        {
            case SourceKind.Simulator when paths.Count > 0:
                Add("source.paths", $"must be empty for kind {kindName} (it generates its own events), got {paths.Count} path(s)");
                break;
            case SourceKind.Dbn when paths.Count == 0:
                Add("source.paths", $"kind {kindName} needs at least one DBN file path, got none");
                break;
            case SourceKind.Replay when paths.Count != 1:
                Add("source.paths", $"kind {kindName} needs exactly one run directory, got {paths.Count}");
                break;
        }

        var speed = d.Speed;
        var speedNode = s["speed"];
        if (speedNode is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && SourceSpeed.TryParse(sv.GetValue<string>(), out var parsed))
            speed = parsed;
        else
            Add("source.speed", $"must be \"max\" or a multiple of event time \"Nx\" with N between {SourceSpeed.MinMultiplier} and {SourceSpeed.MaxMultiplier} (e.g. \"1x\", \"10x\"); got {Describe(speedNode)}");

        var sim = Section(s, "simulator");
        return new SourceConfig
        {
            Kind = kind,
            Paths = paths,
            Speed = speed,
            Simulator = new SimulatorConfig
            {
                Seed = Integer(sim, "source.simulator", "seed", long.MinValue, long.MaxValue, d.Simulator.Seed),
                Events = Integer(sim, "source.simulator", "events", 0, SimulatorConfig.MaxEvents, d.Simulator.Events),
                DurationSeconds = Integer(sim, "source.simulator", "durationSeconds", 0, SimulatorConfig.MaxDurationSeconds, d.Simulator.DurationSeconds),
            },
        };
    }

    private PressureConfig BindPressure(JsonObject s, PressureConfig d)
    {
        const string P = "pressure";
        var before = problems.Count;
        var windows = IntegerList(s, P, "windowsMs", 1, PressureConfig.MaxWindowMs, 1, PressureConfig.MaxWindows, d.WindowsMs);
        for (var i = 1; i < windows.Count; i++)
        {
            if (windows[i] <= windows[i - 1] || windows[i] % windows[0] != 0 || windows[i] / windows[0] > 1_000_000)
            {
                Add("pressure.windowsMs", $"must ascend, each a whole multiple of the first ({windows[0]} ms) and at most 1,000,000 times it; got {windows[i]} at position {i} after {windows[i - 1]}");
                windows = d.WindowsMs;
                break;
            }
        }
        var history = (int)Integer(s, P, "largeOrderHistory", 16, 1 << 20, d.LargeOrderHistory);
        var minSamples = (int)Integer(s, P, "largeOrderMinSamples", 1, 1 << 20, d.LargeOrderMinSamples);
        if (minSamples > history)
        {
            Add("pressure.largeOrderMinSamples", $"must be at most pressure.largeOrderHistory ({history}), got {minSamples}");
            minSamples = Math.Min(d.LargeOrderMinSamples, history);
        }
        var config = new PressureConfig
        {
            WindowsMs = windows,
            OfiLevels = (int)Integer(s, P, "ofiLevels", 1, 50, d.OfiLevels),
            IcebergRefillWindowUs = Integer(s, P, "icebergRefillWindowUs", 0, 60_000_000, d.IcebergRefillWindowUs),
            IcebergDisplayPercentile = Number(s, P, "icebergDisplayPercentile", d.IcebergDisplayPercentile, v => v is >= 0 and < 100, "in [0, 100)"),
            IcebergChainMs = Integer(s, P, "icebergChainMs", 0, 3_600_000, d.IcebergChainMs),
            ReplenishWindowUs = Integer(s, P, "replenishWindowUs", 0, 60_000_000, d.ReplenishWindowUs),
            FleetingMs = Integer(s, P, "fleetingMs", 0, 3_600_000, d.FleetingMs),
            LargeOrderPercentile = Number(s, P, "largeOrderPercentile", d.LargeOrderPercentile, v => v is > 50 and < 100, "in (50, 100)"),
            LargeOrderHistory = history,
            LargeOrderMinSamples = minSamples,
            PairToleranceUs = Integer(s, P, "pairToleranceUs", 0, 1_000_000, d.PairToleranceUs),
            QuotePairToleranceUs = Integer(s, P, "quotePairToleranceUs", 0, 1_000_000, d.QuotePairToleranceUs),
            RatioCap = Number(s, P, "ratioCap", d.RatioCap, v => v is >= 1 and <= 1e6, "between 1 and 1000000"),
        };
        if (problems.Count == before)
            LibraryCheck("pressure", () => config.ToOptions().Validate());
        return config;
    }

    private IfdConfig BindIfd(JsonObject s, IfdConfig d, PressureConfig pressure)
    {
        const string I = "ifd";
        var before = problems.Count;
        var windowList = string.Join(", ", pressure.WindowsMs);
        var signalWindows = IntegerList(s, I, "signalWindowsMs", 1, PressureConfig.MaxWindowMs, 1, PressureConfig.MaxWindows, d.SignalWindowsMs);
        for (var i = 0; i < signalWindows.Count; i++)
        {
            if (!pressure.WindowsMs.Contains(signalWindows[i]))
                Add($"ifd.signalWindowsMs[{i}]", $"must be one of pressure.windowsMs ({windowList}), got {signalWindows[i]}");
        }
        var eventWindow = Integer(s, I, "eventBaselineWindowMs", 1, PressureConfig.MaxWindowMs, d.EventBaselineWindowMs);
        if (!pressure.WindowsMs.Contains(eventWindow))
            Add("ifd.eventBaselineWindowMs", $"must be one of pressure.windowsMs ({windowList}), got {eventWindow}");

        var w = Section(s, "weights");
        var weights = new IfdWeightsConfig
        {
            Pressure = Unit(w, "ifd.weights", "pressure", d.Weights.Pressure),
            Baseline = Unit(w, "ifd.weights", "baseline", d.Weights.Baseline),
            MarketMaking = Unit(w, "ifd.weights", "marketMaking", d.Weights.MarketMaking),
            Coordination = Unit(w, "ifd.weights", "coordination", d.Weights.Coordination),
        };
        var sum = weights.Pressure + weights.Baseline + weights.MarketMaking + weights.Coordination;
        if (Math.Abs(sum - 1) > 1e-6)
            Add("ifd.weights", $"pressure + baseline + marketMaking + coordination must sum to 1 so confidence stays in [0, 1], got {F(sum)}");

        var g = Section(s, "grades");
        var grades = new IfdGradesConfig
        {
            Extreme = Number(g, "ifd.grades", "extreme", d.Grades.Extreme, v => v is > 0 and <= 1, "in (0, 1]"),
            VeryHigh = Number(g, "ifd.grades", "veryHigh", d.Grades.VeryHigh, v => v is > 0 and <= 1, "in (0, 1]"),
            High = Number(g, "ifd.grades", "high", d.Grades.High, v => v is > 0 and <= 1, "in (0, 1]"),
            Moderate = Number(g, "ifd.grades", "moderate", d.Grades.Moderate, v => v is > 0 and <= 1, "in (0, 1]"),
        };
        if (!(grades.Moderate <= grades.High && grades.High <= grades.VeryHigh && grades.VeryHigh <= grades.Extreme))
            Add("ifd.grades", $"must satisfy moderate ≤ high ≤ veryHigh ≤ extreme, got {F(grades.Moderate)}, {F(grades.High)}, {F(grades.VeryHigh)}, {F(grades.Extreme)}");

        var zBar = Number(s, I, "zBar", d.ZBar, v => v is > 0 and <= 100, "in (0, 100]");
        var zCap = Number(s, I, "zCap", d.ZCap, v => v is > 0 and <= 1e6, "in (0, 1000000]");
        if (zCap < zBar)
            Add("ifd.zCap", $"must be at least ifd.zBar ({F(zBar)}), got {F(zCap)}");
        var zFloor = Number(s, I, "imbalanceZFloor", d.ImbalanceZFloor, v => v is >= 0 and <= 100, "in [0, 100]");
        var zFull = Number(s, I, "imbalanceZFull", d.ImbalanceZFull, v => v is > 0 and <= 1000, "in (0, 1000]");
        if (zFull <= zFloor)
            Add("ifd.imbalanceZFull", $"must exceed ifd.imbalanceZFloor ({F(zFloor)}), got {F(zFull)}");
        var absorptionMin = Number(s, I, "absorptionMin", d.AbsorptionMin, v => v is > 0 and <= 1, "in (0, 1]");
        var absorptionFull = Number(s, I, "absorptionFull", d.AbsorptionFull, v => v is > 0 and <= 1, "in (0, 1]");
        if (absorptionFull < absorptionMin)
            Add("ifd.absorptionFull", $"must be at least ifd.absorptionMin ({F(absorptionMin)}), got {F(absorptionFull)}");

        var config = new IfdConfig
        {
            Enabled = Boolean(s, I, "enabled", d.Enabled),
            SignalWindowsMs = signalWindows,
            EventBaselineWindowMs = eventWindow,
            Weights = weights,
            ZBar = zBar,
            PercentileBar = Number(s, I, "percentileBar", d.PercentileBar, v => v is >= 0 and <= 100, "in [0, 100]"),
            ZCap = zCap,
            Grades = grades,
            MarketMakingCap = Number(s, I, "marketMakingCap", d.MarketMakingCap, v => v is > 0 and <= 1, "in (0, 1]"),
            ImbalanceZFloor = zFloor,
            ImbalanceZFull = zFull,
            AbsorptionMin = absorptionMin,
            AbsorptionFull = absorptionFull,
            AbsorptionEventsFull = (int)Integer(s, I, "absorptionEventsFull", 1, 1_000_000, d.AbsorptionEventsFull),
            MinTrades = (int)Integer(s, I, "minTrades", 1, 1_000_000, d.MinTrades),
            SweepLevelsFull = (int)Integer(s, I, "sweepLevelsFull", 3, 32, d.SweepLevelsFull),
            IcebergRefillsFull = (int)Integer(s, I, "icebergRefillsFull", 1, 1000, d.IcebergRefillsFull),
            IcebergUnmatchedFactor = Unit(s, I, "icebergUnmatchedFactor", d.IcebergUnmatchedFactor),
            CoordinationZ = Number(s, I, "coordinationZ", d.CoordinationZ, v => v is > 0 and <= 100, "in (0, 100]"),
            CooldownMs = Integer(s, I, "cooldownMs", 0, IfdConfig.MaxCooldownMs, d.CooldownMs),
        };
        if (problems.Count == before)
            LibraryCheck("ifd", () => config.ToOptions().Validate());
        return config;
    }

    /// <summary>
    /// The library validates its options too; the checks above should leave it nothing to find, but if they
    /// ever drift apart the library's message still comes out as a configuration problem, not a crash at start.
    /// </summary>
    private void LibraryCheck(string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            Add(section, ex.Message);
        }
    }

    private JournalConfig BindJournal(JsonObject s, JournalConfig d)
    {
        var root = Text(s, "journal", "root", d.Root);
        if (root.Trim().Length == 0)
        {
            Add("journal.root", "must name a folder, got an empty string");
            root = d.Root;
        }
        return new JournalConfig
        {
            Root = root,
            Enabled = Boolean(s, "journal", "enabled", d.Enabled),
            Compression = Choice(s, "journal", "compression", ConfigNames.Compressions, d.Compression),
            Durability = Choice(s, "journal", "durability", ConfigNames.Durabilities, d.Durability),
            BatchFsyncMs = (int)Integer(s, "journal", "batchFsyncMs", 1, JournalConfig.MaxBatchFsyncMs, d.BatchFsyncMs),
            SegmentBytes = Integer(s, "journal", "segmentBytes", JournalConfig.MinSegmentBytes, JournalConfig.MaxSegmentBytes, d.SegmentBytes),
        };
    }

    private StatusConfig BindStatus(JsonObject s, StatusConfig d)
    {
        var host = Text(s, "status", "host", d.Host);
        var allowRemote = Boolean(s, "status", "allowRemote", d.AllowRemote);
        if (!StatusAddress.TryParse(host, out var address))
        {
            Add("status.host", $"must be an IP address or \"localhost\", got \"{host}\"");
            host = d.Host;
        }
        else if (!IPAddress.IsLoopback(address) && !allowRemote)
        {
            Add("status.host", $"{host} is not a loopback address; the status socket listens on loopback only unless status.allowRemote is true");
        }
        return new StatusConfig
        {
            Enabled = Boolean(s, "status", "enabled", d.Enabled),
            Host = host,
            Port = (int)Integer(s, "status", "port", 0, 65_535, d.Port),
            AllowRemote = allowRemote,
        };
    }

    private LoggingConfig BindLogging(JsonObject s, LoggingConfig d) => new()
    {
        Level = Choice(s, "logging", "level", ConfigNames.LogLevels, d.Level),
        File = Text(s, "logging", "file", d.File),
        Console = Boolean(s, "logging", "console", d.Console),
    };

    private DatabentoConfig BindDatabento(JsonObject s, IReadOnlyDictionary<string, string> env)
    {
        // The key itself may appear only as the redacted placeholder, so `config show` output loads back.
        var keyNode = s["apiKey"];
        var inline = keyNode is JsonValue kv && kv.GetValueKind() == JsonValueKind.String && kv.GetValue<string>() == Secret.Redacted;
        if (keyNode is not null && !inline)
            Add("databento.apiKey", $"must not be written in configuration; set {ApiKeyVariables[0]} or {ApiKeyVariables[1]}, or put it in a file only you can read (chmod 600) and name that file in databento.apiKeyFile");

        var file = Text(s, "databento", "apiKeyFile", "");
        var fromFile = file.Length == 0 ? null : ReadKeyFile(file);

        foreach (var name in ApiKeyVariables)
        {
            if (env.TryGetValue(name, out var value) && value.Trim().Length > 0)
                return new DatabentoConfig { ApiKeyFile = file, ApiKey = new Secret(value.Trim()), ApiKeySource = "env " + name };
        }
        return fromFile is null
            ? new DatabentoConfig { ApiKeyFile = file }
            : new DatabentoConfig { ApiKeyFile = file, ApiKey = fromFile, ApiKeySource = "file " + file };
    }

    private Secret? ReadKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Add("databento.apiKeyFile", $"{path} does not exist");
            return null;
        }
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode groupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(path);
            if ((mode & groupOrOther) != 0)
            {
                Add("databento.apiKeyFile", $"{path} has permissions {Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0')}; a key file must be readable by its owner only (0600): chmod 600 {path}");
                return null;
            }
        }
        var text = File.ReadAllText(path).Trim();
        if (text.Length == 0)
        {
            Add("databento.apiKeyFile", $"{path} is empty");
            return null;
        }
        return new Secret(text);
    }

    private static JsonObject Section(JsonObject parent, string key) => (JsonObject)parent[key]!;

    private long Integer(JsonObject s, string section, string key, long min, long max, long fallback)
    {
        var node = s[key];
        var path = section + "." + key;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && TryInteger(v, out var value))
        {
            if (value >= min && value <= max)
                return value;
            Add(path, $"must be between {min} and {max}, got {value}");
            return fallback;
        }
        Add(path, min == long.MinValue ? $"expected an integer, got {Describe(node)}" : $"expected an integer between {min} and {max}, got {Describe(node)}");
        return fallback;
    }

    private double Number(JsonObject s, string section, string key, double fallback, Func<double, bool> ok, string range)
    {
        var node = s[key];
        var path = section + "." + key;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && TryDouble(v, out var value))
        {
            if (ok(value))
                return value;
            Add(path, $"must be {range}, got {F(value)}");
            return fallback;
        }
        Add(path, $"expected a number {range}, got {Describe(node)}");
        return fallback;
    }

    private double Unit(JsonObject s, string section, string key, double fallback) =>
        Number(s, section, key, fallback, v => v is >= 0 and <= 1, "between 0 and 1");

    private IReadOnlyList<long> IntegerList(JsonObject s, string section, string key, long min, long max, int minCount, int maxCount, IReadOnlyList<long> fallback)
    {
        var path = section + "." + key;
        if (s[key] is not JsonArray array)
        {
            Add(path, $"expected an array of {minCount} to {maxCount} integers between {min} and {max}, got {Describe(s[key])}");
            return fallback;
        }
        if (array.Count < minCount || array.Count > maxCount)
        {
            Add(path, $"must list {minCount} to {maxCount} values, got {array.Count}");
            return fallback;
        }
        var result = new long[array.Count];
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && TryInteger(v, out var value) && value >= min && value <= max)
            {
                result[i] = value;
            }
            else
            {
                Add($"{path}[{i}]", $"expected an integer between {min} and {max}, got {Describe(array[i])}");
                ok = false;
            }
        }
        return ok ? result : fallback;
    }

    // Values parsed from text are JSON elements; values converted from overrides are boxed longs or doubles.
    private static bool TryDouble(JsonValue v, out double value)
    {
        if (v.TryGetValue(out value))
            return true;
        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }
        if (v.TryGetValue(out JsonElement e) && e.TryGetDouble(out value))
            return true;
        value = 0;
        return false;
    }

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static bool TryInteger(JsonValue v, out long value)
    {
        if (v.TryGetValue(out value))
            return true;
        if (v.TryGetValue(out double d) && Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }
        if (v.TryGetValue(out JsonElement e) && e.TryGetInt64(out value))
            return true;
        return false;
    }

    private bool Boolean(JsonObject s, string section, string key, bool fallback)
    {
        var node = s[key];
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return v.GetValueKind() == JsonValueKind.True;
        Add(section + "." + key, $"expected true or false, got {Describe(node)}");
        return fallback;
    }

    private string Text(JsonObject s, string section, string key, string fallback)
    {
        var node = s[key];
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            return v.GetValue<string>();
        Add(section + "." + key, $"expected a string, got {Describe(node)}");
        return fallback;
    }

    private T Choice<T>(JsonObject s, string section, string key, IReadOnlyList<(string Name, T Value)> table, T fallback) where T : struct, Enum
    {
        var node = s[key];
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && ConfigNames.TryParse(table, v.GetValue<string>(), out var value))
            return value;
        Add(section + "." + key, $"must be one of {ConfigNames.Choices(table)}; got {Describe(node)}");
        return fallback;
    }

    private IReadOnlyList<string> StringList(JsonObject s, string section, string key)
    {
        var path = section + "." + key;
        if (s[key] is not JsonArray array)
        {
            Add(path, $"expected an array of strings, got {Describe(s[key])}");
            return [];
        }
        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length > 0)
                result.Add(v.GetValue<string>());
            else
                Add($"{path}[{i}]", $"expected a non-empty string, got {Describe(array[i])}");
        }
        return result;
    }

    private void Add(string path, string message) =>
        problems.Add(new ConfigProblem { Path = path, Message = message, Origin = OriginOf(path) });

    /// <summary>
    /// Where the value at <paramref name="path"/> came from: its own origin, else its list's (<c>a.b[2]</c> → <c>a.b</c>),
    /// else the first key set below it (a section-wide problem such as <c>ifd.weights</c> comes from its keys).
    /// </summary>
    private string? OriginOf(string path)
    {
        if (origins.TryGetValue(path, out var origin))
            return origin;
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && origins.TryGetValue(path[..bracket], out origin))
            return origin;
        foreach (var (key, value) in origins)
        {
            if (key.StartsWith(path + ".", StringComparison.Ordinal))
                return value;
        }
        return null;
    }

    /// <summary>A short description of a JSON value for error messages.</summary>
    public static string Describe(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "an object";
            case JsonArray:
                return "an array";
            case JsonValue v:
                var kind = v.GetValueKind();
                if (kind == JsonValueKind.String)
                {
                    var text = v.GetValue<string>();
                    return text.Length > 40 ? $"\"{text[..40]}...\"" : $"\"{text}\"";
                }
                var raw = v.ToJsonString();
                return kind == JsonValueKind.Number ? raw.ToString(CultureInfo.InvariantCulture) : raw;
            default:
                return node.ToJsonString();
        }
    }
}
