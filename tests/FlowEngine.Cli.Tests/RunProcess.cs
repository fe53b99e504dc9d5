using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace FlowEngine.Cli.Tests;

/// <summary>
/// A long-running <c>flowengine</c> child process (<c>dotnet exec flowengine.dll …</c>) whose output is read
/// line by line while it runs, so a test can wait for a line, send it signals or kill it, with every wait bounded.
/// </summary>
internal sealed partial class RunProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _out = new();
    private readonly ConcurrentQueue<string> _err = new();
    private readonly TaskCompletionSource _outClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunProcess(Process process) => _process = process;

    public static RunProcess Start(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "flowengine.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(SigIntIgnored ? "env" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (SigIntIgnored)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(dotnet);
        }
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        var process = new Process { StartInfo = start };
        var run = new RunProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is null) run._outClosed.TrySetResult(); else run._out.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is null) run._errClosed.TrySetResult(); else run._err.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    public int Id => _process.Id;

    /// <summary>
    /// True when this process ignores SIGINT, which a child inherits: test runs started as a background job
    /// (<c>cmd &amp;</c> in a script, nohup) get it from the shell, and the runtime then leaves SIGINT ignored in
    /// flowengine too, as Unix programs do, so a SIGINT test could never stop it (seen in a stress run: the
    /// engine ran on for 60 s). Such children are started through <c>env --default-signal=INT</c> (GNU
    /// coreutils 8.31+), which gives them the default disposition back; otherwise the command is unchanged.
    /// </summary>
    private static bool SigIntIgnored { get; } = ReadSigIntIgnored();

    private static bool ReadSigIntIgnored()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
            return false;
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                return (ulong.Parse(line.AsSpan("SigIgn:".Length).Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << (SigInt - 1))) != 0;
        }
        return false;
    }

    public string Out => string.Join('\n', _out);

    public string Err => string.Join('\n', _err);

    /// <summary>Waits for a standard-error line matching <paramref name="pattern"/>; returns its match.</summary>
    public Match WaitForErrLine(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            foreach (var line in _err)
            {
                var m = regex.Match(line);
                if (m.Success)
                    return m;
            }
            if (_process.HasExited && _errClosed.Task.IsCompleted)
                throw new InvalidOperationException($"flowengine exited with {_process.ExitCode} before printing /{pattern}/:\n{Err}\n{Out}");
            Thread.Sleep(20);
        }
        throw new TimeoutException($"no line /{pattern}/ on stderr within {timeout.TotalSeconds} s:\n{Err}");
    }

    /// <summary>Runs <c>flowengine</c> to its end in <paramref name="workingDirectory"/>: exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var p = Start(workingDirectory, args);
        var code = p.WaitForExit(timeout);
        return (code, p.Out, p.Err);
    }

    /// <summary>Waits for the exit (and the end of both output streams); returns the exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"flowengine did not exit within {timeout.TotalSeconds} s:\n{Err}");
        }
        // The exit can come before the last lines were read: Out and Err are complete only once both streams closed.
        if (!Task.WaitAll([_outClosed.Task, _errClosed.Task], TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"flowengine exited but its output streams stayed open for 60 s:\n{Err}");
        return _process.ExitCode;
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGKILL: the process gets no chance to flush or close anything.</summary>
    public void KillHard()
    {
        Signal(SigKill);
        _process.WaitForExit(TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
