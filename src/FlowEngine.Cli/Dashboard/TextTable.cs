using Spectre.Console;

namespace FlowEngine.Cli.Dashboard;

/// <summary>Columns of text aligned by padding, with a header line: the dashboard's tables, drawn as <see cref="CanvasLine"/>s.</summary>
internal sealed class TextTable
{
    private const int Gap = 2;
    private static readonly Style HeaderStyle = new(Color.Grey, decoration: Decoration.Bold);

    private readonly List<(string Header, bool Right)> _columns = [];
    private readonly List<CanvasSpan[]> _rows = [];

    /// <summary>Adds a column; numbers are right-aligned.</summary>
    public TextTable Column(string header, bool right = false)
    {
        _columns.Add((header, right));
        return this;
    }

    /// <summary>Adds a row of plain cells.</summary>
    public TextTable Row(params string[] cells) => Row(Array.ConvertAll(cells, c => new CanvasSpan(c, Style.Plain)));

    /// <summary>Adds a row of styled cells (one per column).</summary>
    public TextTable Row(params CanvasSpan[] cells)
    {
        if (cells.Length != _columns.Count)
            throw new ArgumentException($"a row needs {_columns.Count} cells, got {cells.Length}", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>The header line and one line per row.</summary>
    public List<CanvasLine> Lines()
    {
        var widths = new int[_columns.Count];
        for (var c = 0; c < _columns.Count; c++)
        {
            widths[c] = _columns[c].Header.Length;
            foreach (var row in _rows)
                widths[c] = Math.Max(widths[c], row[c].Text.Length);
        }
        var lines = new List<CanvasLine>(_rows.Count + 1);
        var header = new CanvasLine();
        for (var c = 0; c < _columns.Count; c++)
            Cell(header, new CanvasSpan(_columns[c].Header, HeaderStyle), widths[c], _columns[c].Right, c == _columns.Count - 1);
        lines.Add(header);
        foreach (var row in _rows)
        {
            var line = new CanvasLine();
            for (var c = 0; c < _columns.Count; c++)
                Cell(line, row[c], widths[c], _columns[c].Right, c == _columns.Count - 1);
            lines.Add(line);
        }
        return lines;
    }

    private static void Cell(CanvasLine line, CanvasSpan cell, int width, bool right, bool last)
    {
        var pad = width - cell.Text.Length;
        if (right)
            line.Space(pad);
        line.Add(cell.Text, cell.Style);
        if (!right && !last)
            line.Space(pad);
        if (!last)
            line.Space(Gap);
    }
}
