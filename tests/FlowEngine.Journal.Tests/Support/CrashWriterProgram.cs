using System.Globalization;

namespace FlowEngine.Journal.Tests.Support;

/// <summary>
/// Entry point of the test assembly. Run as <c>FlowEngine.Journal.Tests crash-writer ROOT RUN POLICY</c> it
/// journals synthetic events forever, printing "durable N" whenever the writer's durable sequence advances,
/// so the kill -9 test can kill it mid-write and check that nothing it reported as durable is lost.
/// Without arguments it does nothing (the test runner loads the assembly, it does not run Main).
/// </summary>
public static class CrashWriterProgram
{
    public static int Main(string[] args)
    {
        if (args.Length != 4 || args[0] != "crash-writer")
            return 0;
        var policy = Enum.Parse<DurabilityPolicy>(args[3], ignoreCase: true);
        var options = Journals.Options(args[1], args[2]) with
        {
            Durability = policy,
            BlockSize = 16 * 1024,
            SegmentSize = 256 * 1024,
            BatchSyncInterval = TimeSpan.FromMilliseconds(5),
        };
        using var writer = new JournalWriter(options);
        var reported = -1L;
        // A safety net if the parent dies without killing us; longer than the parent's own deadline, so a slow
        // (loaded) machine fails the test with the parent's message rather than with "exited early".
        var stop = DateTime.UtcNow.AddSeconds(180);
        for (var i = 0L; DateTime.UtcNow < stop; i++)
        {
            var e = Journals.Event(i);
            writer.AppendInput(in e, i);
            if (i % 3 == 0)
                writer.AppendOutput(JournalOutputKinds.TopOfBook, i, Journals.Payload(i, 24));
            if (i % 97 == 96)
            {
                writer.EndOfBatch();
                var durable = policy == DurabilityPolicy.None ? writer.WrittenSequence : writer.DurableSequence;
                if (durable != reported)
                {
                    reported = durable;
                    Console.Out.WriteLine("durable " + durable.ToString(CultureInfo.InvariantCulture));
                    Console.Out.Flush();
                }
            }
        }
        return 0;
    }
}
