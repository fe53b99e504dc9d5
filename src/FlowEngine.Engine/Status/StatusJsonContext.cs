using System.Text.Json.Serialization;
using FlowEngine.Engine.Reporting;

namespace FlowEngine.Engine.Status;

/// <summary>Source-generated compact snake_case serializer for status socket lines (one JSON object per line).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
