using System.Reflection;
using System.Text;

namespace FlowEngine.Journal;

/// <summary>
/// Everything a <see cref="JournalWriter"/> needs to know, fixed when the run starts and recorded in every
/// segment header so a journal describes how it was written.
/// </summary>
public sealed record JournalOptions
{
    /// <summary>Folder that holds run directories (the CLI's <c>--journal DIR</c>); default <c>journal</c>.</summary>
    public string Root { get; init; } = "journal";

    /// <summary>Run identifier and directory name: 1–63 characters from [A-Za-z0-9._-].</summary>
    public required string RunId { get; init; }

    /// <summary>
    /// One stream of a run that writes several journals side by side (the engine's <c>inputs</c> and
    /// <c>outputs</c>): a sub-directory of the run directory, so every stream's header still carries the run id.
    /// Null writes straight into the run directory.
    /// </summary>
    public string? Stream { get; init; }

    /// <summary>Engine version recorded in the header (at most 63 UTF-8 bytes); defaults to this library's version.</summary>
    public string EngineVersion { get; init; } = DefaultEngineVersion();

    /// <summary>Hash of the configuration the run uses (see <see cref="JournalConfigHash"/>), so replay can detect a change.</summary>
    public ulong ConfigHash { get; init; }

    /// <summary>Block compression; LZ4 by default.</summary>
    public JournalCompression Compression { get; init; } = JournalCompression.Lz4;

    /// <summary>When blocks are fsynced; <see cref="DurabilityPolicy.Batch"/> by default.</summary>
    public DurabilityPolicy Durability { get; init; } = DurabilityPolicy.Batch;

    /// <summary>For <see cref="DurabilityPolicy.Batch"/>: the shortest time between two fsyncs, and so the most a power loss can cost.</summary>
    public TimeSpan BatchSyncInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Raw bytes per block (64 KiB by default: LZ4's window, ~800 events). Bigger compresses better; a torn tail loses at most one block.</summary>
    public int BlockSize { get; init; } = 64 * 1024;

    /// <summary>Roll to a new segment once a segment would grow past this many bytes (64 MiB by default).</summary>
    public long SegmentSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest output payload accepted by <see cref="JournalWriter.AppendOutput"/>, in bytes.</summary>
    public int MaxOutputPayload { get; init; } = 1024;

    /// <summary>Pre-allocated block buffers shared between the appending thread and the disk thread.</summary>
    public int BlockBuffers { get; init; } = 16;

    /// <summary>Creation time in ns since the epoch; null reads the wall clock once (tests pin it).</summary>
    public long? CreatedUnixNanos { get; init; }

    /// <summary>Tests replace the liblz4 loader to exercise the missing-library fallback.</summary>
    internal Func<(IBlockCodec? Codec, string? Error)>? Lz4Loader { get; init; }

    /// <summary>Tests write with a given codec (plain LZ4, as journals were first written) to prove older journals still read.</summary>
    internal IBlockCodec? CodecOverride { get; init; }

    /// <summary>The directory this journal writes to: <see cref="Root"/>/<see cref="RunId"/>[/<see cref="Stream"/>].</summary>
    public string RunDirectory => Stream is null ? Path.Combine(Root, RunId) : Path.Combine(Root, RunId, Stream);

    internal void Validate()
    {
        if (!IsPortableName(RunId))
            throw new ArgumentException($"journal run id '{RunId}' must be 1-63 characters from [A-Za-z0-9._-]", nameof(RunId));
        if (Stream is not null && !IsPortableName(Stream))
            throw new ArgumentException($"journal stream name '{Stream}' must be 1-63 characters from [A-Za-z0-9._-]", nameof(Stream));
        if (Encoding.UTF8.GetByteCount(EngineVersion) > JournalFormat.MaxTextLength)
            throw new ArgumentException($"journal engine version '{EngineVersion}' is longer than 63 UTF-8 bytes", nameof(EngineVersion));
        if (string.IsNullOrWhiteSpace(Root))
            throw new ArgumentException("journal root directory is empty", nameof(Root));
        if (BlockSize is < JournalFormat.MinBlockSize or > JournalFormat.MaxBlockSize)
            throw new ArgumentException($"journal block size {BlockSize} must be {JournalFormat.MinBlockSize}..{JournalFormat.MaxBlockSize} bytes", nameof(BlockSize));
        if (MaxOutputPayload < 0 || JournalFormat.RecordSize(MaxOutputPayload) > BlockSize)
            throw new ArgumentException($"journal max output payload {MaxOutputPayload} must be >= 0 and fit one block ({BlockSize - JournalFormat.RecordHeaderSize} bytes)", nameof(MaxOutputPayload));
        if (SegmentSize < JournalFormat.MinSegmentSize)
            throw new ArgumentException($"journal segment size {SegmentSize} must be at least {JournalFormat.MinSegmentSize} bytes", nameof(SegmentSize));
        if (BlockBuffers is < 2 or > 1024)
            throw new ArgumentException($"journal block buffers {BlockBuffers} must be 2..1024", nameof(BlockBuffers));
        if (BatchSyncInterval <= TimeSpan.Zero || BatchSyncInterval > TimeSpan.FromMinutes(10))
            throw new ArgumentException($"journal batch sync interval {BatchSyncInterval} must be positive and at most 10 minutes", nameof(BatchSyncInterval));
        if (!Enum.IsDefined(Compression))
            throw new ArgumentException($"unknown journal compression {Compression}", nameof(Compression));
        if (!Enum.IsDefined(Durability))
            throw new ArgumentException($"unknown journal durability policy {Durability}", nameof(Durability));
    }

    private static string DefaultEngineVersion()
    {
        var version = typeof(JournalOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return version.Length > JournalFormat.MaxTextLength ? version[..JournalFormat.MaxTextLength] : version;
    }

    private static bool IsPortableName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= JournalFormat.MaxTextLength && name is not ("." or "..") &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
