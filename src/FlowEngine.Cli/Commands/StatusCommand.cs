using System.CommandLine;
using System.Globalization;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Status;

namespace FlowEngine.Cli.Commands;

/// <summary>
/// <c>flowengine status</c>: asks a running engine for its status over the status socket, once or every
/// second (<c>--subscribe</c>), as readable text or raw JSON lines (<c>--json</c>).
/// </summary>
internal static class StatusCommand
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var host = HostOption();
        var port = PortOption();
        var subscribe = new Option<bool>("--subscribe") { Description = "Print a status line every second until interrupted or the engine stops" };
        var metrics = new Option<bool>("--metrics") { Description = "Print the full run report so far (latency percentiles per handler, allocation, GC) instead of the status" };
        var json = new Option<bool>("--json") { Description = "Print the engine's JSON lines as they arrive" };
        var command = new Command("status", "Show the status of a running engine (through its status socket)");
        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(subscribe);
        command.Options.Add(metrics);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            using var client = await StatusClient.ConnectAsync(parse.GetValue(host)!, parse.GetValue(port), Timeout, ct);
            var raw = parse.GetValue(json);
            if (parse.GetValue(metrics))
            {
                if (parse.GetValue(subscribe))
                    throw new ArgumentException("--metrics and --subscribe cannot be combined");
                var reply = Check(await client.RequestAsync(StatusProtocol.Request(StatusProtocol.MetricsCmd), Timeout, ct));
                if (raw)
                    output.WriteLine(reply.Raw);
                else
                    RunReportTable.Write(reply.Metrics!, output);
                return ExitCodes.Ok;
            }
            if (!parse.GetValue(subscribe))
            {
                var reply = Check(await client.RequestAsync(StatusProtocol.Request(StatusProtocol.StatusCmd), Timeout, ct));
                output.WriteLine(raw ? reply.Raw : Describe(reply.Status!));
                return ExitCodes.Ok;
            }
            await client.SendAsync(StatusProtocol.Request(StatusProtocol.SubscribeCmd), Timeout, ct);
            try
            {
                while (true)
                {
                    // Lines come every second; allow a few missed ones before calling the engine stuck.
                    var line = await client.ReadLineAsync(Timeout, ct);
                    if (line is null)
                    {
                        if (!raw)
                            output.WriteLine("engine closed the connection");
                        return ExitCodes.Ok;
                    }
                    var reply = Check(StatusProtocol.ParseReply(line));
                    if (raw)
                        output.WriteLine(line);
                    else if (reply.Status is { } s)
                        output.WriteLine(OneLine(s));
                    output.Flush();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    internal static Option<string> HostOption() => new("--host")
    {
        Description = "Address of the engine's status socket",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    internal static Option<int> PortOption() => new("--port")
    {
        Description = "Port of the engine's status socket (config key status.port)",
        DefaultValueFactory = _ => StatusConfig.DefaultPort,
    };

    /// <summary>Turns an error line from the engine into a user-facing error.</summary>
    internal static StatusReply Check(StatusReply reply) =>
        reply.Error is { } error ? throw new InvalidDataException("the engine refused: " + error) : reply;

    internal static string Describe(StatusSnapshot s)
    {
        var lines = new List<string>
        {
            $"engine     {s.State}   run {s.RunId}   profile {s.Profile}   source {s.Source}",
            $"uptime     {s.UptimeSeconds.ToString("0.0", Inv)} s",
            $"events     {N(s.EventsIn)} in   {Rate(s.EventsPerSecond)} now   {Rate(s.EventsPerSecondAverage)} average   {N(s.TimerTicks)} timer ticks",
            $"ring       {N(s.RingOccupancy)} / {N(s.RingSize)} slots in use   max handler lag {N(s.MaxHandlerLag)}",
        };
        if (s.Handlers.Count > 0)
            lines.Add("handlers   " + string.Join("   ", s.Handlers.Select(h => $"{h.Name} {N(h.Events)} (lag {N(h.Lag)})")));
        lines.Add($"anomalies  {N(s.AnomaliesTotal)}   outputs {N(s.OutputsTotal)}");
        return string.Join(Environment.NewLine, lines);
    }

    internal static string OneLine(StatusSnapshot s) =>
        $"{s.UptimeSeconds.ToString("0.0", Inv),8} s  {s.State,-8}  events {N(s.EventsIn)}  {Rate(s.EventsPerSecond)}  ring {N(s.RingOccupancy)}/{N(s.RingSize)}  lag {N(s.MaxHandlerLag)}  anomalies {N(s.AnomaliesTotal)}  outputs {N(s.OutputsTotal)}";

    private static string N(long v) => v.ToString("N0", Inv);

    private static string Rate(double perSecond) => perSecond >= 1e6
        ? (perSecond / 1e6).ToString("0.00", Inv) + " M/s"
        : perSecond >= 1e3 ? (perSecond / 1e3).ToString("0.0", Inv) + " k/s" : perSecond.ToString("0", Inv) + " /s";
}
