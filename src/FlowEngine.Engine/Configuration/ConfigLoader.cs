using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowEngine.Engine.Configuration;

/// <summary>
/// Builds the effective <see cref="EngineConfig"/>: profile defaults, then the JSON file, then environment
/// variables, then command-line overrides; then validates everything and throws one
/// <see cref="ConfigException"/> listing every problem.
/// </summary>
/// <remarks>
/// Environment scheme: <c>FLOWENGINE__&lt;Section&gt;__&lt;Key&gt;=value</c>, one <c>__</c> per level,
/// section and key names matched case-insensitively (<c>FLOWENGINE__RING__SIZE=4096</c>,
/// <c>FLOWENGINE__Source__Simulator__Seed=7</c>). <c>FLOWENGINE__PROFILE</c> selects the profile. Values
/// are text converted to the key's type: integers, <c>true</c>/<c>false</c>, and comma-separated lists
/// for <c>source.paths</c>. An unknown key under the prefix is an error, so a typo is never silently ignored.
/// The Databento key has its own variables (<c>FLOWENGINE_DATABENTO_API_KEY</c>, <c>DATABENTO_API_KEY</c>, single
/// underscores) and is never set through this scheme.
/// </remarks>
public static class ConfigLoader
{
    /// <summary>Prefix of environment variables that override configuration keys.</summary>
    public const string EnvironmentPrefix = "FLOWENGINE__";

    /// <summary>Environment variable that selects the profile.</summary>
    public const string ProfileVariable = "FLOWENGINE__PROFILE";

    /// <summary>Profile used when none is named anywhere.</summary>
    public const EngineProfile DefaultProfile = EngineProfile.Dev;

    /// <summary>Loads and validates; see the type remarks for precedence and the environment scheme.</summary>
    /// <exception cref="ConfigException">Any key is unknown, mistyped or out of range; lists all of them.</exception>
    /// <exception cref="FileNotFoundException">The config file does not exist.</exception>
    public static EngineConfig Load(ConfigLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var env = options.Environment ?? ReadProcessEnvironment();
        var problems = new List<ConfigProblem>();
        var file = options.FileContent is { } content
            ? ParseFile(System.Text.Encoding.UTF8.GetBytes(content), options.FilePath ?? "inline configuration")
            : options.FilePath is null ? null : ReadFile(options.FilePath);

        var profile = ResolveProfile(options.Profile, env, file, problems);
        var tree = (JsonObject)JsonNode.Parse(ConfigJson.ToDisplayJson(ConfigDefaults.For(profile)))!;
        tree.Remove("profile");
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);

        if (file is not null)
            MergeFile(tree, file, "", problems);

        var envKeys = new List<string>();
        foreach (var key in env.Keys)
        {
            if (key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && !key.Equals(ProfileVariable, StringComparison.OrdinalIgnoreCase))
                envKeys.Add(key);
        }
        envKeys.Sort(StringComparer.Ordinal);
        foreach (var key in envKeys)
        {
            var segments = key[EnvironmentPrefix.Length..].Split("__");
            ApplyOverride(tree, segments, env[key], "env " + key, problems, origins);
        }
        foreach (var o in options.Overrides)
            ApplyOverride(tree, o.Key.Split('.'), o.Value, o.Origin, problems, origins);

        var config = new ConfigBinder(problems, origins).Bind(tree, profile, env);
        if (problems.Count > 0)
        {
            // When the profile itself is wrong, naming the fallback profile in the header would mislead.
            var profileOk = !problems.Exists(p => p.Path == "profile");
            throw new ConfigException(problems, options.FilePath, profileOk ? ConfigNames.NameOf(ConfigNames.Profiles, profile) : null);
        }
        return config;
    }

    /// <summary>A snapshot of the process environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && e.Value is string v)
                result[k] = v;
        }
        return result;
    }

    private static JsonObject ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"config file not found: {path}", path);
        return ParseFile(File.ReadAllBytes(path), path);
    }

    private static JsonObject ParseFile(byte[] bytes, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = false,
            });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                var got = doc.RootElement.ValueKind switch
                {
                    JsonValueKind.Array => "an array",
                    JsonValueKind.String => "a string",
                    JsonValueKind.Number => "a number",
                    JsonValueKind.Null => "null",
                    _ => "true/false",
                };
                throw new ConfigException([new ConfigProblem { Path = "", Message = "the top level must be a JSON object { ... }, got " + got }], path, null);
            }
            return JsonObject.Create(doc.RootElement.Clone())!;
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $"line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: " : "";
            throw new ConfigException([new ConfigProblem { Path = "", Message = at + "malformed JSON: " + ShortJsonMessage(ex.Message) }], path, null);
        }
    }

    // System.Text.Json appends "Path: $ | LineNumber: ..." which we already say in our own words.
    private static string ShortJsonMessage(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static EngineProfile ResolveProfile(string? cli, IReadOnlyDictionary<string, string> env, JsonObject? file, List<ConfigProblem> problems)
    {
        string? text = null;
        string? origin = null;
        if (cli is not null)
            (text, origin) = (cli, "--profile");
        else
        {
            foreach (var (k, v) in env)
            {
                if (k.Equals(ProfileVariable, StringComparison.OrdinalIgnoreCase))
                    (text, origin) = (v, "env " + k);
            }
        }
        if (text is null && file is not null && file.TryGetPropertyValue("profile", out var node))
        {
            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                text = v.GetValue<string>();
            else
            {
                problems.Add(new ConfigProblem { Path = "profile", Message = $"expected a string, one of {ConfigNames.Choices(ConfigNames.Profiles)}; got {ConfigBinder.Describe(node)}" });
                return DefaultProfile;
            }
        }
        if (text is null)
            return DefaultProfile;
        if (ConfigNames.TryParse(ConfigNames.Profiles, text, out var profile))
            return profile;
        problems.Add(new ConfigProblem { Path = "profile", Origin = origin, Message = $"must be one of {ConfigNames.Choices(ConfigNames.Profiles)}; got \"{text}\"" });
        return DefaultProfile;
    }

    private static void MergeFile(JsonObject target, JsonObject source, string prefix, List<ConfigProblem> problems)
    {
        foreach (var (key, value) in source)
        {
            if (prefix.Length == 0 && key == "profile")
                continue;
            var path = prefix.Length == 0 ? key : prefix + "." + key;
            if (!target.TryGetPropertyValue(key, out var existing))
            {
                problems.Add(new ConfigProblem { Path = path, Message = UnknownKeyMessage(target, key, prefix) });
                continue;
            }
            if (existing is JsonObject section)
            {
                if (value is JsonObject sub)
                    MergeFile(section, sub, path, problems);
                else
                    problems.Add(new ConfigProblem { Path = path, Message = $"expected an object with keys {KeyList(section)}; got {ConfigBinder.Describe(value)}" });
                continue;
            }
            target[key] = value?.DeepClone();
        }
    }

    private static void ApplyOverride(JsonObject tree, string[] segments, string value, string origin, List<ConfigProblem> problems, Dictionary<string, string> origins)
    {
        var node = tree;
        var path = "";
        for (var i = 0; i < segments.Length; i++)
        {
            var key = FindKey(node, segments[i]);
            var asked = path.Length == 0 ? segments[i] : path + "." + segments[i];
            if (key is null)
            {
                problems.Add(new ConfigProblem { Path = asked.ToLowerInvariant(), Origin = origin, Message = UnknownKeyMessage(node, segments[i], path) });
                return;
            }
            path = path.Length == 0 ? key : path + "." + key;
            var child = node[key];
            if (i < segments.Length - 1)
            {
                if (child is not JsonObject next)
                {
                    problems.Add(new ConfigProblem { Path = path, Origin = origin, Message = "is a value, not a section; it has no keys below it" });
                    return;
                }
                node = next;
                continue;
            }
            if (child is JsonObject section)
            {
                problems.Add(new ConfigProblem { Path = path, Origin = origin, Message = $"is a section; set one of its keys instead ({KeyList(section)})" });
                return;
            }
            node[key] = ConvertText(child, value);
            origins[path] = origin;
        }
    }

    // Text from the environment or a flag takes the type of the default it replaces; text that does not
    // convert stays a string so the binder reports it with the expected type.
    private static JsonNode? ConvertText(JsonNode? existing, string text)
    {
        if (existing is JsonArray)
        {
            var list = new JsonArray();
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                list.Add(part);
            return list;
        }
        if (existing is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.Number when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                    return JsonValue.Create(l);
                case JsonValueKind.True or JsonValueKind.False when bool.TryParse(text.Trim(), out var b):
                    return JsonValue.Create(b);
            }
        }
        return JsonValue.Create(text);
    }

    private static string? FindKey(JsonObject obj, string name)
    {
        foreach (var (k, _) in obj)
        {
            if (k.Equals(name, StringComparison.OrdinalIgnoreCase))
                return k;
        }
        return null;
    }

    private static string UnknownKeyMessage(JsonObject section, string key, string sectionPath)
    {
        var where = sectionPath.Length == 0 ? "the top level" : sectionPath;
        var hint = FindKey(section, key) is { } close && close != key ? $" (did you mean \"{close}\"? keys are case-sensitive)" : "";
        var keys = sectionPath.Length == 0 ? "profile, " + KeyList(section) : KeyList(section);
        return $"unknown key{hint}; {where} accepts: {keys}";
    }

    private static string KeyList(JsonObject section)
    {
        var names = new List<string>();
        foreach (var (k, _) in section)
            names.Add(k);
        return string.Join(", ", names);
    }
}
