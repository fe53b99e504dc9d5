using System.Diagnostics;
using System.Globalization;
using FlowEngine.Journal.Tests.Support;

namespace FlowEngine.Journal.Tests;

public class CrashTests
{
    [Fact]
    public async Task Kill_9_mid_write_loses_nothing_reported_durable_under_always()
    {
        using var dir = new TempDir();
        var dll = typeof(CrashWriterProgram).Assembly.Location;
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", dll, "crash-writer", dir.Path, "crash-run", "always" })
            psi.ArgumentList.Add(arg);
        using var child = Process.Start(psi)!;
        var lastDurable = -1L;
        var reports = 0;
        try
        {
            var deadline = Stopwatch.StartNew();
            // Let it write a few segments' worth, then kill it without warning (SIGKILL).
            while (reports < 40 || lastDurable < 30_000)
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null)
                    Assert.Fail("crash writer exited early: " + await child.StandardError.ReadToEndAsync());
                lastDurable = long.Parse(line!.AsSpan("durable ".Length), CultureInfo.InvariantCulture);
                reports++;
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), "crash writer too slow");
            }
        }
        finally
        {
            child.Kill(); // SIGKILL on Unix: no finalizers, no Close, no footer
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        // Lines already in the pipe were printed before the kill: they are reports too.
        while (await child.StandardOutput.ReadLineAsync() is { } late)
            lastDurable = long.Parse(late.AsSpan("durable ".Length), CultureInfo.InvariantCulture);

        var run = Path.Combine(dir.Path, "crash-run");
        var before = JournalVerifier.Verify(run);
        Assert.False(before.Closed);
        Assert.True(before.IsClean || before.Problems is [{ Kind: JournalProblemKind.TornTail }], string.Join("; ", before.Problems));
        var plan = JournalRecovery.Plan(run);
        Assert.NotEqual(RecoveryAction.Refuse, plan.Action);
        var after = JournalRecovery.Apply(plan);
        Assert.True(after.IsClean, string.Join("; ", after.Problems));

        // Replay: every input up to the last durable report is there, in order, bit for bit, with its outputs.
        using var reader = JournalReader.Open(run);
        var next = 0L;
        while (reader.TryRead(out var r))
        {
            if (!r.IsInput)
            {
                Assert.Equal(next - 1, r.Sequence);
                Assert.Equal(Journals.Payload(r.Sequence, 24), r.Payload.ToArray());
                continue;
            }
            Assert.Equal(next, r.Sequence);
            Assert.Equal(Journals.Event(next), r.Input);
            next++;
        }
        Assert.True(next - 1 >= lastDurable, $"durable up to {lastDurable} was reported, but the journal ends at {next - 1}");
    }
}
