using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowEngine.Cli.Dashboard;

/// <summary>
/// A block of <see cref="CanvasLine"/>s that Spectre.Console draws as it is (one segment per span), plus the
/// two layout moves the dashboard needs: a titled box and two blocks side by side.
/// </summary>
internal sealed class Canvas : IRenderable
{
    private static readonly Style Border = new(Color.Grey);

    public Canvas(IReadOnlyList<CanvasLine> lines) => Lines = lines;

    public IReadOnlyList<CanvasLine> Lines { get; }

    /// <inheritdoc />
    public Measurement Measure(RenderOptions options, int maxWidth)
    {
        var width = 0;
        foreach (var line in Lines)
            width = Math.Max(width, line.Width);
        width = Math.Min(width, maxWidth);
        return new Measurement(width, width);
    }

    /// <inheritdoc />
    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        foreach (var line in Lines)
        {
            var left = maxWidth;
            foreach (var span in line.Spans)
            {
                if (left <= 0)
                    break;
                var text = span.Text.Length <= left ? span.Text : span.Text[..left];
                left -= text.Length;
                yield return new Segment(text, span.Style);
            }
            yield return Segment.LineBreak;
        }
    }

    /// <summary><paramref name="content"/> in a rounded box <paramref name="width"/> columns wide, <paramref name="title"/> on its top edge.</summary>
    public static List<CanvasLine> Box(string title, IReadOnlyList<CanvasLine> content, int width)
    {
        width = Math.Max(width, 6);
        var inner = width - 4;
        var caption = title.Length > width - 4 ? title[..Math.Max(0, width - 5)] + "…" : title;
        var lines = new List<CanvasLine>(content.Count + 2)
        {
            new CanvasLine().Add("╭─", Border).Add(caption).Add(new string('─', width - 3 - caption.Length) + "╮", Border),
        };
        foreach (var line in content)
            lines.Add(new CanvasLine().Add("│ ", Border).Add(line.Fit(inner)).Add(" │", Border));
        lines.Add(new CanvasLine().Add("╰" + new string('─', width - 2) + "╯", Border));
        return lines;
    }

    /// <summary>Two blocks next to each other, one column apart, the shorter one padded with blank lines.</summary>
    public static List<CanvasLine> SideBySide(IReadOnlyList<CanvasLine> left, int leftWidth, IReadOnlyList<CanvasLine> right)
    {
        var lines = new List<CanvasLine>(Math.Max(left.Count, right.Count));
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var line = new CanvasLine();
            if (i < left.Count)
                line.Add(left[i]);
            line.Fit(leftWidth).Space(1);
            if (i < right.Count)
                line.Add(right[i]);
            lines.Add(line);
        }
        return lines;
    }
}
