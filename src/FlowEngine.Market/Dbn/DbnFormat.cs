namespace FlowEngine.Market.Dbn;

/// <summary>
/// Sizes and sentinels of the DBN encoding (versions 1–3), in one place so the reader, the writer and the
/// tests agree on them. Values follow Databento's dbn crate.
/// </summary>
public static class DbnFormat
{
    /// <summary>Highest DBN version this library reads.</summary>
    public const byte MaxVersion = 3;

    /// <summary>Version <see cref="DbnWriter"/> writes unless the metadata asks for another.</summary>
    public const byte WriteVersion = 3;

    /// <summary>"DBN", version byte and u32 metadata length.</summary>
    public const int PreludeLength = 8;

    /// <summary>Smallest legal metadata length (the fixed part, before the variable symbol lists).</summary>
    public const int MetadataFixedLength = 100;

    /// <summary>Width of symbol strings in DBN v1.</summary>
    public const int SymbolCstrLenV1 = 22;

    /// <summary>Width of symbol strings in DBN v2 and v3.</summary>
    public const int SymbolCstrLenV2 = 71;

    /// <summary>Every record starts with this 16-byte header.</summary>
    public const int RecordHeaderLength = 16;

    /// <summary>Size of an MBO record without ts_out.</summary>
    public const int MboRecordLength = 56;

    /// <summary>Extra bytes per record when the metadata sets ts_out.</summary>
    public const int TsOutLength = 8;

    /// <summary>Largest possible record: the length byte counts 4-byte words.</summary>
    public const int MaxRecordLength = 255 * 4;

    /// <summary>DBN's undefined timestamp (u64::MAX).</summary>
    public const ulong UndefinedTimestamp = ulong.MaxValue;

    /// <summary>Size of an instrument definition record (without ts_out) in the given DBN version.</summary>
    public static int DefinitionRecordLength(byte version) => version switch
    {
        1 => 360,
        2 => 400,
        _ => 520,
    };

    /// <summary>Width of symbol strings in the given DBN version.</summary>
    public static int SymbolCstrLen(byte version) => version < 2 ? SymbolCstrLenV1 : SymbolCstrLenV2;
}
