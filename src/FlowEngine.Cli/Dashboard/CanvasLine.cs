using Spectre.Console;

namespace FlowEngine.Cli.Dashboard;

/// <summary>
/// One terminal line of the dashboard as styled spans. The dashboard lays its lines out itself, one character
/// per column, instead of nesting Spectre grids and tables: drawn once a second on a 2-core machine that also
/// runs the pipeline, the nested layout allocated about 3.6 MB per frame (a gen0 collection, which pauses the
/// pipeline threads, every few seconds); these lines cost about a tenth of that.
/// </summary>
internal sealed class CanvasLine
{
    private readonly List<CanvasSpan> _spans = new(6);

    /// <summary>Columns the line takes.</summary>
    public int Width { get; private set; }

    /// <summary>The spans, left to right.</summary>
    public IReadOnlyList<CanvasSpan> Spans => _spans;

    /// <summary>Appends <paramref name="text"/> in <paramref name="style"/> (plain when null).</summary>
    public CanvasLine Add(string text, Style? style = null)
    {
        if (text.Length == 0)
            return this;
        var s = style ?? Style.Plain;
        // One span per run of a style: Spectre's live renderer pays per segment (line splitting, escape codes),
        // so merging neighbours is what keeps a frame cheap.
        if (_spans.Count > 0 && _spans[^1].Style.Equals(s))
            _spans[^1] = new CanvasSpan(_spans[^1].Text + text, s);
        else
            _spans.Add(new CanvasSpan(text, s));
        Width += text.Length;
        return this;
    }

    /// <summary>Appends every span of <paramref name="other"/>.</summary>
    public CanvasLine Add(CanvasLine other)
    {
        foreach (var span in other._spans)
            Add(span.Text, span.Style);
        return this;
    }

    /// <summary>Appends <paramref name="count"/> spaces.</summary>
    public CanvasLine Space(int count) => count > 0 ? Add(new string(' ', count)) : this;

    /// <summary>Pads with spaces, or crops with a trailing <c>…</c>, to exactly <paramref name="width"/> columns.</summary>
    public CanvasLine Fit(int width)
    {
        if (Width <= width)
            return Space(width - Width);
        var keep = Math.Max(0, width - 1);
        var kept = 0;
        for (var i = 0; i < _spans.Count; i++)
        {
            var span = _spans[i];
            if (kept + span.Text.Length <= keep)
            {
                kept += span.Text.Length;
                continue;
            }
            _spans[i] = span with { Text = span.Text[..(keep - kept)] };
            _spans.RemoveRange(i + 1, _spans.Count - i - 1);
            kept = keep;
            break;
        }
        Width = kept;
        return width > 0 ? Add("…", Style.Plain) : this;
    }
}
