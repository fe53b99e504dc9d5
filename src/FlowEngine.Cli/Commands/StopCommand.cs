using System.CommandLine;
using FlowEngine.Engine.Status;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine stop</c>: asks a running engine to stop cleanly (drain, flush the journal, write the
/// report), proving with the token from its run directory that the caller may do so.
/// </summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var host = StatusCommand.HostOption();
        var port = StatusCommand.PortOption();
        var run = new Option<string?>("--run") { Description = "The engine's run directory (holds status.token)" };
        var tokenFile = new Option<string?>("--token-file") { Description = "The engine's token file (instead of --run)" };
        var command = new Command("stop", "Stop a running engine cleanly through its status socket");
        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(run);
        command.Options.Add(tokenFile);
        command.SetAction(async (parse, ct) =>
        {
            var token = StatusTokenFile.Read(TokenPath(parse.GetValue(run), parse.GetValue(tokenFile)));
            using var client = await StatusClient.ConnectAsync(parse.GetValue(host)!, parse.GetValue(port), StatusCommand.Timeout, ct);
            StatusCommand.Check(await client.RequestAsync(StatusProtocol.Request(StatusProtocol.StopCmd, token), StatusCommand.Timeout, ct));
            parse.InvocationConfiguration.Output.WriteLine($"stop requested: the engine on {client.Endpoint} is shutting down");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string TokenPath(string? runDirectory, string? tokenFile) => (runDirectory, tokenFile) switch
    {
        (null, null) => throw new ArgumentException("stop needs the engine's token: pass --run <run directory> or --token-file <file>"),
        (not null, not null) => throw new ArgumentException("pass either --run or --token-file, not both"),
        (not null, null) => StatusTokenFile.PathIn(runDirectory),
        _ => tokenFile!,
    };
}
