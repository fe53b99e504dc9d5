using FlowEngine.Engine.Status;
using FlowEngine.Journal;

namespace FlowEngine.Cli.Tests;

/// <summary>
/// kill -9 under <c>--durability always</c>: the journal is at worst torn at its tail, recovery cuts the tail,
/// every input the engine reported durable (on its status socket) is still there, and the run replays.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task Everything_reported_durable_survives_kill_9_and_the_recovered_run_replays()
    {
        long durable;
        var runDir = Path.Combine(_tmp.Path, "journal", "crash");
        using (var engine = RunProcess.Start(_tmp.Path, "run", "--speed", "1x", "--status-port", "0", "--run-id", "crash", "--durability", "always"))
        {
            var port = int.Parse(engine.WaitForErrLine(@"status socket 127\.0\.0\.1:(\d+)", Timeout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            durable = await DurableSequence(port, atLeast: 20_000);
            engine.KillHard();
        }

        foreach (var stream in (string[])["inputs", "outputs"])
        {
            var summary = JournalVerifier.Verify(Path.Combine(runDir, stream));
            Assert.False(summary.Closed, "a killed writer cannot have closed its journal");
            Assert.True(summary.IsClean || summary.Problems is [{ Kind: JournalProblemKind.TornTail }],
                $"{stream}: only a torn tail is allowed after kill -9: " + string.Join("; ", summary.Problems.Select(p => p.Message)));
        }
        using (var verify = RunProcess.Start(_tmp.Path, "journal", "verify", runDir))
        {
            var code = verify.WaitForExit(Timeout);
            Assert.True(code is 0 or 1, verify.Out + verify.Err);
            Assert.Contains("== inputs/ ==", verify.Out);
            Assert.Contains("== outputs/ ==", verify.Out);
            Assert.True(code == 0 ? !verify.Out.Contains("damaged") : verify.Out.Contains("(a torn tail: `flowengine journal recover` truncates it)"), verify.Out);
        }
        using (var recover = RunProcess.Start(_tmp.Path, "journal", "recover", runDir, "--yes"))
            Assert.True(recover.WaitForExit(Timeout) == 0, recover.Out + recover.Err);
        using (var verify = RunProcess.Start(_tmp.Path, "journal", "verify", runDir))
            Assert.True(verify.WaitForExit(Timeout) == 0, verify.Out);

        using (var reader = JournalReader.Open(Path.Combine(runDir, "inputs")))
        {
            long expected = 0;
            while (reader.TryRead(out var record))
            {
                Assert.Equal(expected, record.Sequence);
                expected++;
            }
            Assert.True(expected - 1 >= durable, $"the engine reported input {durable} durable, the recovered journal ends at {expected - 1}");
        }

        using (var replay = RunProcess.Start(_tmp.Path, "replay", runDir, "--no-status", "--run-id", "crash-replay"))
        {
            Assert.True(replay.WaitForExit(Timeout) == 0, replay.Err);
            Assert.Contains("source replay crash", replay.Out);
        }
        using (var parity = RunProcess.Start(_tmp.Path, "parity", runDir))
        {
            Assert.True(parity.WaitForExit(Timeout) == 0, parity.Out + parity.Err);
            Assert.Contains(" 0 differences", parity.Out);
            Assert.Contains("note: the run did not close cleanly; outputs were compared up to input sequence", parity.Out);
        }
    }

    /// <summary>Polls the status socket until the journal reports at least <paramref name="atLeast"/> inputs fsynced.</summary>
    private static async Task<long> DurableSequence(int port, long atLeast)
    {
        using var client = await StatusClient.ConnectAsync("127.0.0.1", port, Timeout);
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var reply = await client.RequestAsync(StatusProtocol.Request(StatusProtocol.StatusCmd), Timeout);
            Assert.Contains("\"durable_sequence\":", reply.Raw);
            var durable = reply.Status!.DurableSequence;
            if (durable >= atLeast)
                return durable;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the journal did not report {atLeast} durable inputs within {Timeout.TotalSeconds} s");
    }
}
