using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Runs;
using FlowEngine.Tests;

namespace FlowEngine.Engine.Tests.Runs;

/// <summary>
/// CPU pinning, checked against what the kernel reports for each thread (<c>/proc/thread-self/status</c>), not
/// against our own bookkeeping. On a machine with one usable CPU the same tests check that nothing is pinned and
/// the reason is given.
/// </summary>
public sealed class CpuPinningTests
{
    [Fact]
    public void The_business_thread_gets_its_cpu_every_other_thread_moves_off_it_and_dispose_restores_them()
    {
        RunOnOwnThread(() =>
        {
            var before = AllowedCpus();
            using var pinning = CpuPinning.Apply();
            if (!CanPin(before))
            {
                Assert.False(pinning.IsActive);
                Assert.NotNull(pinning.Problem);
                Assert.Contains("not pinned", pinning.Describe(), StringComparison.Ordinal);
                return;
            }
            Assert.True(pinning.IsActive, pinning.Problem);
            Assert.Equal(before[^1], pinning.BusinessCpu);
            Assert.Equal(before.Take(before.Count - 1), pinning.OtherCpus);
            Assert.Equal(before, AllowedCpus()); // reserving pins nothing yet

            // A thread that already exists (like a journal disk thread) must be moved off too.
            using var release = new ManualResetEventSlim();
            using var asked = new ManualResetEventSlim();
            List<int>? bystander = null;
            var other = new Thread(() =>
            {
                asked.Wait();
                bystander = AllowedCpus();
                release.Set();
            });
            other.Start();
            List<int>? business = null;
            RunOnOwnThread(() =>
            {
                pinning.PinBusinessThread();
                business = AllowedCpus();
            });
            asked.Set();
            Assert.True(release.Wait(TestRuns.Timeout));
            Assert.Equal([pinning.BusinessCpu], business);
            Assert.Equal(pinning.OtherCpus, bystander);
            Assert.Equal(pinning.OtherCpus, AllowedCpus());
            Assert.Contains($"CPU {pinning.BusinessCpu}", pinning.Describe(), StringComparison.Ordinal);

            pinning.Dispose();
            Assert.Equal(before, AllowedCpus());
        });
    }

    [Fact]
    public void A_pinned_run_applies_the_book_on_the_business_cpu_and_publishes_from_the_others()
    {
        using var dir = new TempDir();
        var tap = new ThreadCpuTap();
        var config = TestRuns.Config(dir.Path, ("source.simulator.events", "20000"),
            ("source.speed", "max"), ("ring.threadLayout", "single"), ("ring.pinThreads", "true"));
        List<int>? source = null;
        var result = TestRuns.Bounded(() =>
        {
            var before = AllowedCpus();
            var r = EngineRun.Execute(new EngineRunOptions
            {
                Config = config,
                RunId = "pinned",
                OutputTap = tap,
                OnStarted = _ => source = AllowedCpus(),
            });
            Assert.Equal(before, AllowedCpus()); // the calling thread got its mask back
            return r;
        });

        Assert.True(result.Succeeded);
        Assert.NotNull(tap.Cpus);
        var all = AllowedCpus();
        if (CanPin(all))
        {
            Assert.Equal([all[^1]], tap.Cpus);
            Assert.Equal(all.Take(all.Count - 1), source);
        }
        else
        {
            Assert.Equal(all, tap.Cpus);
        }
    }

    private static bool CanPin(List<int> allowed) => OperatingSystem.IsLinux() && allowed.Count >= 2;

    /// <summary>The CPUs the calling thread may run on, as the kernel reports them.</summary>
    private static List<int> AllowedCpus()
    {
        var line = File.ReadLines("/proc/thread-self/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var cpus = new List<int>();
        foreach (var part in line["Cpus_allowed_list:".Length..].Trim().Split(','))
        {
            var range = part.Split('-');
            var lo = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
            var hi = range.Length > 1 ? int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture) : lo;
            for (var c = lo; c <= hi; c++)
                cpus.Add(c);
        }
        return cpus;
    }

    /// <summary>A fresh thread, so pinning never leaks into the test runner's pool threads.</summary>
    private static void RunOnOwnThread(Action body)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TestRuns.Timeout), "the test thread did not finish");
        if (error is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>Records, on the first output, which CPUs the thread emitting outputs (the business thread) may use.</summary>
    private sealed class ThreadCpuTap : IOutputSink
    {
        public List<int>? Cpus { get; private set; }

        public void Emit(ushort kind, long inputSequence, ReadOnlySpan<byte> payload) => Cpus ??= AllowedCpus();

        public void EndOfBatch(bool sourceIdle, long nowTicks)
        {
        }

        public void Flush()
        {
        }
    }
}
