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
        return new EngineConfig
        {
            Profile = profile,
            Ring = BindRing(Section(root, "ring"), d.Ring),
            Source = BindSource(Section(root, "source"), d.Source),
            Timer = new TimerConfig
            {
                TickIntervalMs = (int)Integer(Section(root, "timer"), "timer", "tickIntervalMs", 1, TimerConfig.MaxTickIntervalMs, d.Timer.TickIntervalMs),
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
        problems.Add(new ConfigProblem { Path = path, Message = message, Origin = origins.TryGetValue(path, out var o) ? o : null });

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
