namespace FlowEngine.Market.Dbn;

/// <summary>
/// The metadata header of a DBN file or stream: what was requested (dataset, schema, time range, symbols)
/// and how symbols resolved. The reader fills it from the file; the writer encodes it. Times are ns since
/// the UNIX epoch, like every timestamp in FlowEngine.
/// </summary>
public sealed class DbnMetadata
{
    /// <summary>DBN version of the encoding (1, 2 or 3).</summary>
    public byte Version { get; init; } = DbnFormat.WriteVersion;

    /// <summary>Databento dataset, e.g. "GLBX.MDP3".</summary>
    public string Dataset { get; init; } = "";

    /// <summary>The schema of every record, or null when the file mixes schemas.</summary>
    public DbnSchema? Schema { get; init; } = DbnSchema.Mbo;

    /// <summary>Start of the requested range, ns since the UNIX epoch.</summary>
    public long Start { get; init; }

    /// <summary>End of the requested range (exclusive), or null when open-ended.</summary>
    public long? End { get; init; }

    /// <summary>Requested record limit, 0 when none.</summary>
    public ulong Limit { get; init; }

    /// <summary>DBN v1 only: the record count written by the encoder, null when absent or undefined.</summary>
    public ulong? RecordCount { get; init; }

    /// <summary>Input symbology of <see cref="Symbols"/>, or null when not given.</summary>
    public DbnSType? StypeIn { get; init; } = DbnSType.RawSymbol;

    /// <summary>Output symbology of the mapped symbols (normally instrument ids).</summary>
    public DbnSType StypeOut { get; init; } = DbnSType.InstrumentId;

    /// <summary>True when every record carries 8 more bytes: the gateway's send time (ts_out).</summary>
    public bool TsOut { get; init; }

    /// <summary>Fixed width of symbol strings in bytes: 22 in v1, 71 in v2 and v3.</summary>
    public int SymbolCstrLen { get; init; } = DbnFormat.SymbolCstrLenV2;

    /// <summary>Requested symbols.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Symbols that resolved for only part of the range.</summary>
    public IReadOnlyList<string> Partial { get; init; } = [];

    /// <summary>Symbols that did not resolve at all.</summary>
    public IReadOnlyList<string> NotFound { get; init; } = [];

    /// <summary>How each symbol resolved over time.</summary>
    public IReadOnlyList<DbnSymbolMapping> Mappings { get; init; } = [];

    /// <summary>Bytes taken by prelude and metadata together: the file offset of the first record.</summary>
    public int HeaderLength { get; init; }

    /// <summary>Databento's name of <see cref="Schema"/>, e.g. "mbo", "mbp-10", "mixed".</summary>
    public string SchemaName => DbnSchemaNames.Name(Schema);
}
