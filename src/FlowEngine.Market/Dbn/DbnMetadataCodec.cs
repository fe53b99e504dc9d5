using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FlowEngine.Market.Dbn;

/// <summary>
/// Decodes and encodes the DBN prelude and metadata (versions 1–3). Cold path: runs once per file, so it
/// favours bounds checks and precise messages over speed.
/// </summary>
internal static class DbnMetadataCodec
{
    private const int DatasetLength = 16;
    private const int ReservedLengthV1 = 47;
    private const int ReservedLengthV2 = 53;
    private const int MaxMetadataLength = 256 << 20;

    /// <summary>
    /// Checks the start of the input and returns the total header length (prelude + metadata), or 0 when more
    /// bytes are needed to decide. Throws for foreign containers, wrong magic, unknown versions and impossible
    /// lengths, and for a prelude cut short when <paramref name="endOfInput"/> is set.
    /// </summary>
    public static int ReadPrelude(ReadOnlySpan<byte> data, bool endOfInput, string source)
    {
        if (data.Length >= 4)
        {
            // Legacy DBZ files start with a zstd skippable frame (0x184D2A50..5F) holding "DBZ" metadata.
            if (data[0] >= 0x50 && data[0] <= 0x5F && data[1] == 0x2A && data[2] == 0x4D && data[3] == 0x18)
            {
                throw new DbnFormatException(source, 0, -1,
                    "legacy DBZ container, convert with `dbn` CLI to DBN first (e.g. `dbn FILE.dbz --dbn -o FILE.dbn`): "
                    + "FlowEngine reads uncompressed DBN v1-v3");
            }

            if (data[0] == 0x28 && data[1] == 0xB5 && data[2] == 0x2F && data[3] == 0xFD)
            {
                throw new DbnFormatException(source, 0, -1,
                    "zstd-compressed data (a .dbn.zst file), not plain DBN: decompress it first (`zstd -d FILE`)");
            }
        }

        var magicBytes = Math.Min(3, data.Length);
        if (!data[..magicBytes].SequenceEqual("DBN"u8[..magicBytes]))
        {
            throw new DbnFormatException(source, 0, -1,
                $"not a DBN file: expected the magic \"DBN\" at byte 0, found {Hex(data[..Math.Min(4, data.Length)])}");
        }

        if (data.Length < DbnFormat.PreludeLength)
        {
            if (!endOfInput)
                return 0;
            if (data.Length == 0)
                throw new DbnFormatException(source, 0, -1, "empty input: a DBN file starts with an 8-byte prelude (\"DBN\", version, metadata length)");
            throw new DbnFormatException(source, data.Length, -1,
                $"truncated metadata: the input ends after {data.Length} bytes, inside the 8-byte DBN prelude");
        }

        var version = data[3];
        if (version == 0 || version > DbnFormat.MaxVersion)
        {
            throw new DbnFormatException(source, 3, -1,
                $"unknown DBN version {version}: this reader understands DBN versions 1, 2 and 3");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (length < DbnFormat.MetadataFixedLength || length > MaxMetadataLength)
        {
            throw new DbnFormatException(source, 4, -1,
                $"bad metadata length {length}: DBN metadata is between {DbnFormat.MetadataFixedLength} and {MaxMetadataLength} bytes");
        }

        return DbnFormat.PreludeLength + (int)length;
    }

    /// <summary>The error for an input that ends inside the metadata announced by the prelude.</summary>
    public static DbnFormatException TruncatedMetadata(string source, int headerLength, long available) =>
        new(source, available, -1,
            $"truncated metadata: the prelude announces {headerLength - DbnFormat.PreludeLength} bytes of metadata "
            + $"(header ends at byte {headerLength}) but the input ends at byte {available}");

    /// <summary>Decodes the prelude and metadata held completely in <paramref name="header"/>.</summary>
    public static DbnMetadata Parse(ReadOnlySpan<byte> header, string source)
    {
        var reader = new FieldReader(header, source);
        var version = header[3];
        reader.Position = DbnFormat.PreludeLength;

        var dataset = reader.CString(DatasetLength, "dataset");
        var schemaOffset = reader.Position;
        var rawSchema = reader.U16();
        DbnSchema? schema = null;
        if (rawSchema != DbnSchemaNames.MixedSchemaValue)
        {
            schema = (DbnSchema)rawSchema;
            if (!DbnSchemaNames.IsKnown(schema.Value))
                throw new DbnFormatException(source, schemaOffset, -1, $"unknown schema value {rawSchema} in the metadata");
        }

        var start = (long)reader.U64();
        var rawEnd = reader.U64();
        var limit = reader.U64();
        ulong? recordCount = null;
        if (version == 1)
        {
            var rawCount = reader.U64();
            recordCount = rawCount == ulong.MaxValue ? null : rawCount;
        }

        var rawStypeIn = reader.U8();
        var stypeOut = (DbnSType)reader.U8();
        var tsOut = reader.U8() != 0;
        int symbolCstrLen;
        if (version == 1)
        {
            symbolCstrLen = DbnFormat.SymbolCstrLenV1;
        }
        else
        {
            var lenOffset = reader.Position;
            symbolCstrLen = reader.U16();
            if (symbolCstrLen == 0 || symbolCstrLen > DbnFormat.MaxRecordLength)
                throw new DbnFormatException(source, lenOffset, -1, $"bad symbol_cstr_len {symbolCstrLen} in the metadata");
        }

        reader.Skip(version == 1 ? ReservedLengthV1 : ReservedLengthV2, "reserved bytes");
        var schemaDefinitionLength = reader.U32();
        reader.Skip(checked((int)schemaDefinitionLength), "schema definition");

        var symbols = reader.SymbolList(symbolCstrLen, "symbols");
        var partial = reader.SymbolList(symbolCstrLen, "partial");
        var notFound = reader.SymbolList(symbolCstrLen, "not_found");
        var mappings = reader.Mappings(symbolCstrLen);

        return new DbnMetadata
        {
            Version = version,
            Dataset = dataset,
            Schema = schema,
            Start = start,
            End = rawEnd == DbnFormat.UndefinedTimestamp ? null : (long)rawEnd,
            Limit = limit,
            RecordCount = recordCount,
            StypeIn = rawStypeIn == DbnSchemaNames.NullSTypeValue ? null : (DbnSType)rawStypeIn,
            StypeOut = stypeOut,
            TsOut = tsOut,
            SymbolCstrLen = symbolCstrLen,
            Symbols = symbols,
            Partial = partial,
            NotFound = notFound,
            Mappings = mappings,
            HeaderLength = header.Length,
        };
    }

    /// <summary>Encodes prelude and metadata the way Databento's encoder does (v3 pads to 8 bytes).</summary>
    public static byte[] Encode(DbnMetadata metadata)
    {
        var version = metadata.Version;
        if (version is < 1 or > DbnFormat.MaxVersion)
            throw new ArgumentException($"cannot write DBN version {version}: versions 1, 2 and 3 are supported", nameof(metadata));
        var cstr = version == 1 ? DbnFormat.SymbolCstrLenV1 : metadata.SymbolCstrLen;
        if (cstr < 2 || cstr > DbnFormat.MaxRecordLength)
            throw new ArgumentException($"bad symbol_cstr_len {cstr}", nameof(metadata));

        var needed = DbnFormat.MetadataFixedLength + 5 * sizeof(uint)
            + (metadata.Symbols.Count + metadata.Partial.Count + metadata.NotFound.Count) * cstr;
        foreach (var mapping in metadata.Mappings)
            needed += cstr + sizeof(uint) + mapping.Intervals.Count * (2 * sizeof(uint) + cstr);
        var padding = version >= 3 && needed % 8 != 0 ? 8 - needed % 8 : 0;
        var length = needed + padding;

        var buffer = new byte[DbnFormat.PreludeLength + length];
        var span = buffer.AsSpan();
        "DBN"u8.CopyTo(span);
        span[3] = version;
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)length);
        var pos = DbnFormat.PreludeLength;
        WriteCString(span, ref pos, DatasetLength, metadata.Dataset, "dataset");
        BinaryPrimitives.WriteUInt16LittleEndian(span[pos..], metadata.Schema is { } s ? (ushort)s : DbnSchemaNames.MixedSchemaValue);
        pos += 2;
        BinaryPrimitives.WriteUInt64LittleEndian(span[pos..], (ulong)metadata.Start);
        pos += 8;
        BinaryPrimitives.WriteUInt64LittleEndian(span[pos..], metadata.End is { } end ? (ulong)end : DbnFormat.UndefinedTimestamp);
        pos += 8;
        BinaryPrimitives.WriteUInt64LittleEndian(span[pos..], metadata.Limit);
        pos += 8;
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[pos..], metadata.RecordCount ?? ulong.MaxValue);
            pos += 8;
        }

        span[pos++] = metadata.StypeIn is { } stypeIn ? (byte)stypeIn : DbnSchemaNames.NullSTypeValue;
        span[pos++] = (byte)metadata.StypeOut;
        span[pos++] = metadata.TsOut ? (byte)1 : (byte)0;
        if (version > 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[pos..], (ushort)cstr);
            pos += 2;
        }

        pos += version == 1 ? ReservedLengthV1 : ReservedLengthV2;
        pos += sizeof(uint); // schema_definition_length = 0
        WriteSymbolList(span, ref pos, cstr, metadata.Symbols, "symbols");
        WriteSymbolList(span, ref pos, cstr, metadata.Partial, "partial");
        WriteSymbolList(span, ref pos, cstr, metadata.NotFound, "not_found");
        BinaryPrimitives.WriteUInt32LittleEndian(span[pos..], (uint)metadata.Mappings.Count);
        pos += 4;
        foreach (var mapping in metadata.Mappings)
        {
            WriteCString(span, ref pos, cstr, mapping.RawSymbol, "mapping raw_symbol");
            BinaryPrimitives.WriteUInt32LittleEndian(span[pos..], (uint)mapping.Intervals.Count);
            pos += 4;
            foreach (var interval in mapping.Intervals)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[pos..], DateToInt(interval.StartDate));
                BinaryPrimitives.WriteUInt32LittleEndian(span[(pos + 4)..], DateToInt(interval.EndDate));
                pos += 8;
                WriteCString(span, ref pos, cstr, interval.Symbol, "mapping symbol");
            }
        }

        return buffer;
    }

    private static uint DateToInt(DateOnly date) => (uint)(date.Year * 10_000 + date.Month * 100 + date.Day);

    private static void WriteSymbolList(Span<byte> span, ref int pos, int width, IReadOnlyList<string> symbols, string field)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span[pos..], (uint)symbols.Count);
        pos += 4;
        foreach (var symbol in symbols)
            WriteCString(span, ref pos, width, symbol, field);
    }

    private static void WriteCString(Span<byte> span, ref int pos, int width, string value, string field)
    {
        // The last byte of a DBN c-string is reserved for the NUL terminator.
        if (value.Length > width - 1 || !Ascii.IsValid(value))
            throw new ArgumentException($"{field} \"{value}\" must be ASCII and at most {width - 1} characters to fit DBN");
        Encoding.ASCII.GetBytes(value, span.Slice(pos, width));
        pos += width;
    }

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return "nothing";
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            if (sb.Length > 0)
                sb.Append(' ');
            sb.Append("0x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Bounds-checked little-endian reads that turn overruns into offset-bearing errors.</summary>
    private ref struct FieldReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly string _source;

        public FieldReader(ReadOnlySpan<byte> data, string source)
        {
            _data = data;
            _source = source;
            Position = 0;
        }

        public int Position;

        public byte U8() => Take(1, "field")[0];

        public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "field"));

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "field"));

        public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "field"));

        public void Skip(int count, string what) => Take(count, what);

        public string CString(int width, string what)
        {
            var bytes = Take(width, what);
            var nul = bytes.IndexOf((byte)0);
            return Encoding.UTF8.GetString(nul >= 0 ? bytes[..nul] : bytes);
        }

        public IReadOnlyList<string> SymbolList(int width, string what)
        {
            var countOffset = Position;
            var count = U32();
            if ((ulong)count * (ulong)width > (ulong)(_data.Length - Position))
            {
                throw new DbnFormatException(_source, countOffset, -1,
                    $"truncated metadata: the {what} list claims {count} entries of {width} bytes but the metadata ends at byte {_data.Length}");
            }

            var list = new string[count];
            for (var i = 0; i < list.Length; i++)
                list[i] = CString(width, what);
            return list;
        }

        public IReadOnlyList<DbnSymbolMapping> Mappings(int width)
        {
            var countOffset = Position;
            var count = U32();
            if ((ulong)count * (ulong)(width + 4) > (ulong)(_data.Length - Position))
            {
                throw new DbnFormatException(_source, countOffset, -1,
                    $"truncated metadata: {count} symbol mappings do not fit before the metadata ends at byte {_data.Length}");
            }

            var mappings = new DbnSymbolMapping[count];
            for (var i = 0; i < mappings.Length; i++)
            {
                var rawSymbol = CString(width, "symbol mapping");
                var intervalsOffset = Position;
                var intervalCount = U32();
                if ((ulong)intervalCount * (ulong)(8 + width) > (ulong)(_data.Length - Position))
                {
                    throw new DbnFormatException(_source, intervalsOffset, -1,
                        $"truncated metadata: symbol mapping {i} ({rawSymbol}) claims {intervalCount} intervals but the metadata ends at byte {_data.Length}");
                }

                var intervals = new DbnMappingInterval[intervalCount];
                for (var j = 0; j < intervals.Length; j++)
                {
                    var startDate = Date(i, j, "start");
                    var endDate = Date(i, j, "end");
                    intervals[j] = new DbnMappingInterval(startDate, endDate, CString(width, "mapping symbol"));
                }

                mappings[i] = new DbnSymbolMapping(rawSymbol, intervals);
            }

            return mappings;
        }

        private DateOnly Date(int mapping, int interval, string which)
        {
            var offset = Position;
            var raw = U32();
            int year = (int)(raw / 10_000), month = (int)(raw / 100 % 100), day = (int)(raw % 100);
            if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                throw new DbnFormatException(_source, offset, -1,
                    $"bad {which} date {raw} in symbol mapping {mapping} interval {interval}: expected YYYYMMDD");
            }

            return new DateOnly(year, month, day);
        }

        private ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count < 0 || count > _data.Length - Position)
            {
                throw new DbnFormatException(_source, Position, -1,
                    $"truncated metadata: {what} needs {count} bytes but the metadata ends at byte {_data.Length}");
            }

            var slice = _data.Slice(Position, count);
            Position += count;
            return slice;
        }
    }
}
