using System.CommandLine;
using FlowEngine.Engine.Configuration;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine config show|validate</c>: prints the effective configuration (secrets as <c>***</c>) or
/// just checks it, so a config mistake is found before a run, not at market open.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Show or check the effective configuration (defaults + file + FLOWENGINE__* environment)");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Validate());
        return command;
    }

    private static Command Show()
    {
        var options = new ConfigOptions();
        var show = new Command("show", "Print the effective configuration as JSON (secrets redacted as \"***\"); the output is itself a valid config file");
        options.AddTo(show);
        show.SetAction(parse =>
        {
            var config = options.Load(parse);
            parse.InvocationConfiguration.Output.WriteLine(ConfigJson.ToDisplayJson(config));
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command Validate()
    {
        var options = new ConfigOptions();
        var validate = new Command("validate", "Check the configuration and print its hash; exit code 2 with every problem listed when it is invalid");
        options.AddTo(validate);
        validate.SetAction(parse =>
        {
            var config = options.Load(parse);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"configuration OK: profile {ConfigNames.NameOf(ConfigNames.Profiles, config.Profile)}, hash {ConfigHash.Compute(config)}");
            output.WriteLine($"databento api key: {config.Databento.ApiKeySource}");
            return ExitCodes.Ok;
        });
        return validate;
    }
}
