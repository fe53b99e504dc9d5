using System.Buffers.Binary;
using FlowEngine.Journal.Tests.Support;

namespace FlowEngine.Journal.Tests;

public class DamageTests
{
    private static (JournalOptions Options, List<Rec> Expected) Small(TempDir dir, long segmentSize = 1024 * 1024, int count = 30, int blockSize = 512)
    {
        var options = Journals.Options(dir.Path) with { BlockSize = blockSize, SegmentSize = segmentSize, MaxOutputPayload = 64 };
        return (options, Journals.Write(options, count, batch: 7));
    }

    private static bool IsOrderedSubsequence(List<Rec> part, List<Rec> whole)
    {
        var j = 0;
        foreach (var r in part)
        {
            while (j < whole.Count && !whole[j].Equals(r))
                j++;
            if (j == whole.Count)
                return false;
            j++;
        }
        return true;
    }

    [Fact]
    public void Every_single_bit_flip_is_detected_and_named()
    {
        using var dir = new TempDir();
        var (options, expected) = Small(dir, segmentSize: 700, count: 18, blockSize: 256);
        var files = Journals.SegmentFiles(options.RunDirectory);
        Assert.True(files.Length >= 2);
        var flips = 0;
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(file);
            var name = Path.GetFileName(file);
            for (var offset = 0; offset < original.Length; offset++)
            {
                var damaged = (byte[])original.Clone();
                damaged[offset] ^= (byte)(1 << (offset % 8));
                File.WriteAllBytes(file, damaged);
                var where = $"{name} byte {offset}";

                // Verify finds it.
                var summary = JournalVerifier.Verify(options.RunDirectory);
                Assert.False(summary.IsClean, $"flip at {where} went unnoticed");
                Assert.Contains(summary.Problems, p => p.Segment == name || p.Kind == JournalProblemKind.MissingBlocks);

                // A strict reader stops with a JournalCorruptException (never another exception) after a prefix.
                var (records, error) = Journals.ReadUntilError(options.RunDirectory);
                Assert.True(error is JournalCorruptException, $"flip at {where}: {error?.GetType().Name}: {error?.Message}");
                Assert.Equal(expected.Take(records.Count), records);

                // A skipping reader returns good records only, in order (a future version is never skipped).
                if (offset % 4 == 0)
                {
                    var (skipped, skipError) = Journals.ReadUntilError(options.RunDirectory, new JournalReadOptions { SkipBadBlocks = true });
                    Assert.True(skipError is null || skipError is JournalCorruptException { Problem.Kind: JournalProblemKind.FutureVersion },
                        $"flip at {where} with skip: {skipError?.Message}");
                    Assert.True(IsOrderedSubsequence(skipped, expected), $"flip at {where}: skipping reader returned records that were never written");
                }
                flips++;
            }
            File.WriteAllBytes(file, original);
        }
        Assert.True(JournalVerifier.Verify(options.RunDirectory).IsClean);
        Assert.True(flips > 1500, $"only {flips} offsets");
    }

    [Fact]
    public void Truncation_at_every_offset_is_a_torn_tail_that_recovery_cuts_back_to_whole_blocks()
    {
        using var dir = new TempDir();
        var (options, expected) = Small(dir, count: 14, blockSize: 256);
        var file = Assert.Single(Journals.SegmentFiles(options.RunDirectory));
        var original = File.ReadAllBytes(file);
        var blocks = BlockMap.Of(options.RunDirectory).Blocks;
        Assert.True(blocks.Count >= 4);
        using var work = new TempDir();
        var run = work.Combine("run");
        for (var length = 0; length < original.Length; length++)
        {
            Directory.CreateDirectory(run);
            File.WriteAllBytes(Path.Combine(run, Path.GetFileName(file)), original[..length]);
            var whole = blocks.Where(b => b.End <= length).Sum(b => b.Records);
            var atBoundary = length == JournalFormat.HeaderSize || blocks.Any(b => b.End == length);

            var (records, error) = Journals.ReadUntilError(run);
            if (atBoundary)
            {
                Assert.True(error is null, $"length {length}: {error?.Message}");
            }
            else
            {
                var corrupt = Assert.IsType<JournalCorruptException>(error);
                Assert.True(corrupt.Problem.Kind == JournalProblemKind.TornTail, $"length {length}: {corrupt.Message}");
                Assert.Contains("torn tail: segment-000000.fej at byte offset", corrupt.Message);
                Assert.Contains("`flowengine journal recover` truncates it", corrupt.Message);
            }
            Assert.Equal(expected.Take(whole), records);

            var plan = JournalRecovery.Plan(run);
            var expectedAction = atBoundary ? RecoveryAction.None
                : length < JournalFormat.HeaderSize ? RecoveryAction.DeleteSegment
                : RecoveryAction.Truncate;
            Assert.Equal(expectedAction, plan.Action);
            if (plan.Action == RecoveryAction.Truncate)
                Assert.Equal(blocks.Where(b => b.End <= length).Select(b => b.End).DefaultIfEmpty(JournalFormat.HeaderSize).Max(), plan.TruncateTo);
            var after = JournalRecovery.Apply(plan, sync: false);
            Assert.True(after.IsClean, $"length {length}: still damaged after recovery: {string.Join("; ", after.Problems)}");
            Assert.Equal(whole, after.Records);
            if (whole > 0)
                Assert.Equal(expected.Take(whole), Journals.ReadAll(run));
            Directory.Delete(run, recursive: true);
        }
    }

    [Fact]
    public void A_cut_inside_an_earlier_segment_is_damage_not_a_torn_tail_and_recovery_refuses_it()
    {
        using var dir = new TempDir();
        var (options, expected) = Small(dir, segmentSize: 1024, count: 60);
        var blocks = BlockMap.Of(options.RunDirectory).Blocks;
        var first = Journals.SegmentFiles(options.RunDirectory)[0];
        var original = File.ReadAllBytes(first);
        var firstBlocks = blocks.Where(b => b.Segment == Path.GetFileName(first)).ToList();
        Assert.True(firstBlocks.Count >= 2);
        var cuts = new[]
        {
            (Length: firstBlocks[0].End, Kind: JournalProblemKind.MissingBlocks),      // whole blocks gone
            (Length: firstBlocks[1].Offset + 10, Kind: JournalProblemKind.Truncated),  // inside a block header
            (Length: firstBlocks[1].End - 1, Kind: JournalProblemKind.Truncated),      // inside a payload
        };
        foreach (var (length, kind) in cuts)
        {
            File.WriteAllBytes(first, original[..(int)length]);
            var error = Assert.IsType<JournalCorruptException>(Journals.ReadUntilError(options.RunDirectory).Error);
            Assert.Equal(kind, error.Problem.Kind);
            var plan = JournalRecovery.Plan(options.RunDirectory);
            Assert.Equal(RecoveryAction.Refuse, plan.Action);
            Assert.StartsWith("refusing to recover: the journal has damage that is not a torn tail", plan.Describe());
            var refused = Assert.Throws<InvalidOperationException>(() => JournalRecovery.Apply(plan));
            Assert.StartsWith("refusing to recover", refused.Message);
            Assert.Equal(length, new FileInfo(first).Length);
        }
        File.WriteAllBytes(first, original);
        Assert.Equal(expected, Journals.ReadAll(options.RunDirectory));
    }

    [Fact]
    public void Bad_crc_names_segment_offset_block_and_skip_reports_exactly_what_was_skipped()
    {
        using var dir = new TempDir();
        var (options, expected) = Small(dir);
        var blocks = BlockMap.Of(options.RunDirectory).Blocks;
        var victim = blocks[2];
        var file = Path.Combine(options.RunDirectory, victim.Segment);
        var bytes = File.ReadAllBytes(file);
        bytes[victim.End - 3] ^= 0x10; // inside the stored payload
        File.WriteAllBytes(file, bytes);

        var error = Assert.IsType<JournalCorruptException>(Journals.ReadUntilError(options.RunDirectory).Error);
        Assert.Equal(JournalProblemKind.BadCrc, error.Problem.Kind);
        Assert.Matches(
            $"^journal: bad CRC: segment-000000\\.fej at byte offset {victim.Offset} \\(block 2\\): payload CRC32C 0x[0-9A-F]{{8}}, header says 0x[0-9A-F]{{8}}; {victim.End - victim.Offset} bytes, 1 block\\(s\\), {victim.Records} record\\(s\\) \\(read with --skip-bad-blocks",
            error.Message);

        using var reader = JournalReader.Open(options.RunDirectory, new JournalReadOptions { SkipBadBlocks = true });
        var records = Journals.Drain(reader);
        var problem = Assert.Single(reader.Problems);
        Assert.Equal(new JournalProblem(JournalProblemKind.BadCrc, victim.Segment, victim.Offset, 2, problem.Detail,
            victim.End - victim.Offset, 1, victim.Records), problem);
        var before = blocks.Take(2).Sum(b => b.Records);
        Assert.Equal(expected.Take(before).Concat(expected.Skip(before + victim.Records)), records);

        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.Equal(problem, Assert.Single(summary.Problems));
        Assert.Equal(expected.Count - victim.Records, summary.Records);
        Assert.Equal(RecoveryAction.Refuse, JournalRecovery.Plan(options.RunDirectory).Action);
    }

    [Fact]
    public void A_damaged_block_header_is_skipped_by_resyncing_on_the_next_valid_block()
    {
        using var dir = new TempDir();
        var (options, expected) = Small(dir);
        var blocks = BlockMap.Of(options.RunDirectory).Blocks;
        var victim = blocks[1];
        var file = Path.Combine(options.RunDirectory, victim.Segment);
        var bytes = File.ReadAllBytes(file);
        bytes[victim.Offset + 24] ^= 0xFF; // the stored length: the header CRC catches it before it is used
        File.WriteAllBytes(file, bytes);

        var error = Assert.IsType<JournalCorruptException>(Journals.ReadUntilError(options.RunDirectory).Error);
        Assert.Equal(JournalProblemKind.BadHeader, error.Problem.Kind);
        Assert.Contains($"bad header: segment-000000.fej at byte offset {victim.Offset} (block 1): block header: block header CRC32C mismatch", error.Message);

        using var reader = JournalReader.Open(options.RunDirectory, new JournalReadOptions { SkipBadBlocks = true });
        var records = Journals.Drain(reader);
        var problem = Assert.Single(reader.Problems);
        Assert.Equal(victim.End - victim.Offset, problem.BytesAffected);
        Assert.Equal(1, problem.BlocksAffected);
        Assert.Equal(-1, problem.RecordsAffected); // a damaged header cannot say how many records it held
        Assert.Equal(expected.Take(blocks[0].Records).Concat(expected.Skip(blocks[0].Records + victim.Records)), records);
    }

    [Fact]
    public void A_missing_segment_is_named_and_can_be_skipped()
    {
        using var dir = new TempDir();
        var (options, expected) = Small(dir, segmentSize: 1024, count: 60);
        var files = Journals.SegmentFiles(options.RunDirectory);
        Assert.True(files.Length >= 3);
        var blocks = BlockMap.Of(options.RunDirectory).Blocks;
        File.Delete(files[1]);

        var (records, error) = Journals.ReadUntilError(options.RunDirectory);
        var corrupt = Assert.IsType<JournalCorruptException>(error);
        Assert.Equal(JournalProblemKind.MissingSegment, corrupt.Problem.Kind);
        Assert.Equal("journal: missing segment: segment-000001.fej at byte offset 0: segment 1 is missing from the run (found segment-000002.fej after it) (read with --skip-bad-blocks to skip it and report what was skipped)",
            corrupt.Message);
        var inFirst = blocks.Where(b => b.Segment == "segment-000000.fej").Sum(b => b.Records);
        Assert.Equal(expected.Take(inFirst), records);

        using var reader = JournalReader.Open(options.RunDirectory, new JournalReadOptions { SkipBadBlocks = true });
        var all = Journals.Drain(reader);
        var inSecond = blocks.Where(b => b.Segment == "segment-000001.fej").Sum(b => b.Records);
        Assert.Equal(expected.Take(inFirst).Concat(expected.Skip(inFirst + inSecond)), all);
        Assert.Equal(JournalProblemKind.MissingSegment, reader.Problems[0].Kind);
        Assert.Equal(RecoveryAction.Refuse, JournalRecovery.Plan(options.RunDirectory).Action);
    }

    [Fact]
    public void A_missing_last_segment_is_detected_from_the_roll_marker()
    {
        using var dir = new TempDir();
        var (options, _) = Small(dir, segmentSize: 1024, count: 60);
        var files = Journals.SegmentFiles(options.RunDirectory);
        File.Delete(files[^1]);
        var error = Assert.IsType<JournalCorruptException>(Journals.ReadUntilError(options.RunDirectory).Error);
        Assert.Equal(JournalProblemKind.MissingSegment, error.Problem.Kind);
        Assert.Contains($"was closed by rolling over to {Path.GetFileName(files[^1])}, which is missing", error.Message);
    }

    [Fact]
    public void A_missing_first_segment_is_detected()
    {
        using var dir = new TempDir();
        var (options, _) = Small(dir, segmentSize: 1024, count: 60);
        File.Delete(Journals.SegmentFiles(options.RunDirectory)[0]);
        var error = Assert.IsType<JournalCorruptException>(Journals.ReadUntilError(options.RunDirectory).Error);
        Assert.Equal(JournalProblemKind.MissingSegment, error.Problem.Kind);
        Assert.Equal("segment-000000.fej", error.Problem.Segment);
    }

    [Fact]
    public void A_future_format_version_is_a_clear_error_even_when_skipping()
    {
        using var dir = new TempDir();
        var (options, _) = Small(dir);
        var file = Journals.SegmentFiles(options.RunDirectory)[0];
        var bytes = File.ReadAllBytes(file);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2);
        JournalFormat.SealCrc(bytes.AsSpan(0, JournalFormat.HeaderSize), JournalFormat.HeaderCrcOffset);
        File.WriteAllBytes(file, bytes);
        foreach (var skip in new[] { false, true })
        {
            var error = Assert.IsType<JournalCorruptException>(
                Journals.ReadUntilError(options.RunDirectory, new JournalReadOptions { SkipBadBlocks = skip }).Error);
            Assert.Equal(JournalProblemKind.FutureVersion, error.Problem.Kind);
            Assert.Equal("journal: future format version: segment-000000.fej at byte offset 8: format version 2 is newer than this build reads (up to 1); use a newer flowengine",
                error.Message);
        }
        var summary = JournalVerifier.Verify(options.RunDirectory);
        Assert.Equal(JournalProblemKind.FutureVersion, Assert.Single(summary.Problems).Kind);
    }

    [Fact]
    public void A_segment_from_another_run_is_a_bad_header()
    {
        using var dir = new TempDir();
        var (options, _) = Small(dir, segmentSize: 1024, count: 60);
        var other = options with { RunId = "run-2", ConfigHash = 7 };
        Journals.Write(other, 60, batch: 7);
        File.Copy(Journals.SegmentFiles(other.RunDirectory)[1], Journals.SegmentFiles(options.RunDirectory)[1], overwrite: true);
        var error = Assert.IsType<JournalCorruptException>(Journals.ReadUntilError(options.RunDirectory).Error);
        Assert.Equal(JournalProblemKind.BadHeader, error.Problem.Kind);
        Assert.Contains("segment belongs to run 'run-2'", error.Message);
    }

    [Fact]
    public async Task Garbage_files_never_crash_or_hang_the_reader()
    {
        using var dir = new TempDir();
        var run = dir.Combine("garbage");
        Directory.CreateDirectory(run);
        var rnd = new Random(42);
        var (options, _) = Small(dir);
        var real = File.ReadAllBytes(Journals.SegmentFiles(options.RunDirectory)[0]);
        for (var i = 0; i < 300; i++)
        {
            // Pure noise, noise behind a valid header, and a real journal with a random run of bytes overwritten.
            byte[] bytes;
            switch (i % 3)
            {
                case 0:
                    bytes = new byte[rnd.Next(0, 3000)];
                    rnd.NextBytes(bytes);
                    break;
                case 1:
                    bytes = new byte[rnd.Next(256, 3000)];
                    rnd.NextBytes(bytes);
                    real.AsSpan(0, JournalFormat.HeaderSize).CopyTo(bytes);
                    break;
                default:
                    bytes = (byte[])real.Clone();
                    var at = rnd.Next(0, bytes.Length);
                    rnd.NextBytes(bytes.AsSpan(at, Math.Min(bytes.Length - at, rnd.Next(1, 200))));
                    break;
            }
            File.WriteAllBytes(Path.Combine(run, "segment-000000.fej"), bytes);
            var task = Task.Run(() =>
            {
                var (_, error) = Journals.ReadUntilError(run);
                Assert.True(error is null or JournalCorruptException, $"case {i}: {error}");
                var (_, skipError) = Journals.ReadUntilError(run, new JournalReadOptions { SkipBadBlocks = true });
                Assert.True(skipError is null or JournalCorruptException { Problem.Kind: JournalProblemKind.FutureVersion }, $"case {i}: {skipError}");
                JournalVerifier.Verify(run);
            });
            // WaitAsync throws a TimeoutException if the reader hangs on this input.
            await task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void Directories_without_segments_get_a_clear_message()
    {
        using var dir = new TempDir();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => JournalReader.Open(dir.Combine("nope")));
        Assert.Equal($"journal directory not found: {dir.Combine("nope")}", missing.Message);
        var empty = Assert.Throws<InvalidDataException>(() => JournalReader.Open(dir.Path));
        Assert.Equal($"{dir.Path} holds no journal segments (segment-NNNNNN.fej)", empty.Message);
        Journals.Write(Journals.Options(dir.Path, "run-b"), 1);
        Journals.Write(Journals.Options(dir.Path, "run-a"), 1);
        var root = Assert.Throws<InvalidDataException>(() => JournalReader.Open(dir.Path));
        Assert.Equal($"{dir.Path} holds no journal segments; it looks like a journal root with runs: run-a, run-b (pass one run's directory)", root.Message);
    }
}
