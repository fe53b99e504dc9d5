using System.Text.Json.Serialization;

namespace FlowEngine.Engine.Reporting;

/// <summary>Source-generated (reflection-free, trimming-safe) snake_case serializer for the run report file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class RunReportJsonContext : JsonSerializerContext;
