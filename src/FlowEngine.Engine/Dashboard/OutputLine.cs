namespace FlowEngine.Engine.Dashboard;

/// <summary>One of the latest outputs, rendered for people.</summary>
/// <param name="InputSequence">Sequence of the input that caused it.</param>
/// <param name="Kind">Output kind name (e.g. <c>top-of-book</c>).</param>
/// <param name="Text">What it says.</param>
public sealed record OutputLine(long InputSequence, string Kind, string Text);
