using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowEngine.Engine.Reporting;

namespace FlowEngine.Engine.Status;

/// <summary>
/// The status socket's wire format: one JSON object per line (UTF-8, <c>\n</c>-terminated) each way.
/// Requests: <c>{"cmd":"status"}</c>, <c>{"cmd":"metrics"}</c>, <c>{"cmd":"subscribe"}</c>,
/// <c>{"cmd":"stop","token":"..."}</c>. Replies: <c>{"type":"status","status":{...}}</c>,
/// <c>{"type":"metrics","metrics":{...}}</c>, <c>{"type":"subscribed","interval_ms":1000}</c>,
/// <c>{"type":"stopping"}</c>, or <c>{"error":"..."}</c>. Field names are snake_case.
/// </summary>
public static class StatusProtocol
{
    /// <summary>Request: the current status.</summary>
    public const string StatusCmd = "status";

    /// <summary>Request: the full run report so far.</summary>
    public const string MetricsCmd = "metrics";

    /// <summary>Request: a status line now and then every interval until the client leaves.</summary>
    public const string SubscribeCmd = "subscribe";

    /// <summary>Request: stop the engine cleanly; needs the token.</summary>
    public const string StopCmd = "stop";

    /// <summary>Every command the server understands.</summary>
    public static IReadOnlyList<string> Commands { get; } = [StatusCmd, MetricsCmd, SubscribeCmd, StopCmd];

    /// <summary>A request line (without the newline), e.g. <c>{"cmd":"stop","token":"ab12..."}</c>.</summary>
    public static string Request(string cmd, string? token = null)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("cmd", cmd);
            if (token is not null)
                w.WriteString("token", token);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses a reply line.</summary>
    /// <exception cref="InvalidDataException">The line is not a reply object.</exception>
    public static StatusReply ParseReply(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"status reply is not a JSON object: {Truncate(line)}");
            if (root.TryGetProperty("error", out var error))
                return new StatusReply { Error = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText(), Raw = line };
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return type switch
            {
                StatusCmd when root.TryGetProperty("status", out var s) =>
                    new StatusReply { Type = type, Status = s.Deserialize(StatusJsonContext.Default.StatusSnapshot), Raw = line },
                MetricsCmd when root.TryGetProperty("metrics", out var m) =>
                    new StatusReply { Type = type, Metrics = m.Deserialize(StatusJsonContext.Default.RunReport), Raw = line },
                not null => new StatusReply { Type = type, Raw = line },
                null => throw new InvalidDataException($"status reply has neither \"type\" nor \"error\": {Truncate(line)}"),
            };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"status reply is not valid JSON ({ex.Message}): {Truncate(line)}", ex);
        }
    }

    internal static bool TryParseRequest(ReadOnlySpan<byte> line, out StatusRequest request, out string error)
    {
        request = default;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "request must be a JSON object like {\"cmd\":\"status\"}";
                return false;
            }
            if (!root.TryGetProperty("cmd", out var cmd) || cmd.ValueKind != JsonValueKind.String)
            {
                error = "request needs a string \"cmd\": one of " + string.Join(", ", Commands);
                return false;
            }
            string? token = null;
            if (root.TryGetProperty("token", out var tok))
            {
                if (tok.ValueKind != JsonValueKind.String)
                {
                    error = "\"token\" must be a string";
                    return false;
                }
                token = tok.GetString();
            }
            request = new StatusRequest(cmd.GetString()!, token);
            error = "";
            return true;
        }
        catch (JsonException ex)
        {
            error = "malformed JSON request: " + ex.Message;
            return false;
        }
    }

    internal static byte[] StatusLine(StatusSnapshot status) => Envelope("status", w =>
    {
        w.WritePropertyName("status");
        JsonSerializer.Serialize(w, status, StatusJsonContext.Default.StatusSnapshot);
    });

    internal static byte[] MetricsLine(RunReport report) => Envelope("metrics", w =>
    {
        w.WritePropertyName("metrics");
        JsonSerializer.Serialize(w, report, StatusJsonContext.Default.RunReport);
    });

    internal static byte[] SubscribedLine(TimeSpan interval) =>
        Envelope("subscribed", w => w.WriteNumber("interval_ms", (long)interval.TotalMilliseconds));

    internal static byte[] StoppingLine() => Envelope("stopping", _ => { });

    internal static byte[] ErrorLine(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }
        return WithNewline(buffer);
    }

    private static byte[] Envelope(string type, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            body(w);
            w.WriteEndObject();
        }
        return WithNewline(buffer);
    }

    private static byte[] WithNewline(ArrayBufferWriter<byte> buffer)
    {
        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        return line;
    }

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "..." : s;
}
