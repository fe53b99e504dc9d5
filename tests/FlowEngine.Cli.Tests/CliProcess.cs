using System.Diagnostics;
using System.Text;

namespace FlowEngine.Cli.Tests;

/// <summary>
/// Runs the built <c>flowengine</c> executable in a child process, as a user would, so exit codes and the
/// one-line <c>error:</c> messages are checked end to end without sharing the test process's console.
/// Standard output is kept as bytes too, for the byte-for-byte format checks.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, byte[] OutBytes, string Err)
    {
        public string Out => Encoding.UTF8.GetString(OutBytes);
    }

    public static Result Run(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "flowengine.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("flowengine " + string.Join(' ', args) + $" did not finish in {Timeout.TotalSeconds:0} s");
        }
        // The exit can come before the last bytes were read: wait for both streams to end.
        if (!copy.Wait(Timeout) || !stderr.Wait(Timeout))
            throw new TimeoutException("flowengine " + string.Join(' ', args) + $" exited but its output streams stayed open for {Timeout.TotalSeconds:0} s");
        return new Result(process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
