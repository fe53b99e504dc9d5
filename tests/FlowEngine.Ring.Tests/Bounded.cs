using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace FlowEngine.Ring.Tests;

/// <summary>
/// Runs test bodies and waits with a deadline, so a hang (a lost wake-up, a halt that never returns) fails
/// the test instead of blocking the run. xunit 2's Timeout only applies to async tests, hence this.
/// </summary>
internal static class Bounded
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static void Run(Action body) => Run(Default, body);

    public static void Run(TimeSpan timeout, Action body)
    {
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                error = ExceptionDispatchInfo.Capture(ex);
            }
        })
        { IsBackground = true, Name = "test-body" };
        thread.Start();
        if (!thread.Join(timeout))
            throw new TimeoutException($"test body did not finish within {timeout.TotalSeconds:0} s: something hung");
        error?.Throw();
    }

    public static void WaitUntil(Func<bool> condition, string what) => WaitUntil(condition, Default, what);

    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (sw.Elapsed > timeout)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}");
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
