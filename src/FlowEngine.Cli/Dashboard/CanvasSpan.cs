using Spectre.Console;

namespace FlowEngine.Cli.Dashboard;

/// <summary>A run of text in one style on a <see cref="CanvasLine"/>.</summary>
/// <param name="Text">The text (single-width characters: one character is one terminal column).</param>
/// <param name="Style">Its style.</param>
internal readonly record struct CanvasSpan(string Text, Style Style);
