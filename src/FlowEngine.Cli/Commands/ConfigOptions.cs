using System.CommandLine;
using FlowEngine.Engine.Configuration;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// The <c>--config</c> and <c>--profile</c> options every command that needs the effective configuration
/// shares (<c>config show</c>, <c>config validate</c>, <c>run</c>), and the one way to load it from them.
/// </summary>
internal sealed class ConfigOptions
{
    public Option<string?> File { get; } = new("--config")
    {
        Description = "JSON configuration file; keys not in it keep the profile's defaults",
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Built-in defaults to start from: dev, paper or live (default: the file's \"profile\", else FLOWENGINE__PROFILE, else dev)",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Profile);
    }

    /// <summary>
    /// Loads the effective configuration: profile defaults, the file, <c>FLOWENGINE__*</c> environment
    /// variables, then <paramref name="overrides"/> (command-line flags). Throws <see cref="ConfigException"/>
    /// listing every problem.
    /// </summary>
    public EngineConfig Load(ParseResult parse, IReadOnlyList<ConfigOverride>? overrides = null) =>
        ConfigLoader.Load(new ConfigLoadOptions
        {
            FilePath = parse.GetValue(File),
            Profile = parse.GetValue(Profile),
            Overrides = overrides ?? [],
        });
}
