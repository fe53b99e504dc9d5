namespace FlowEngine.Engine.Status;

/// <summary>One parsed request line: <c>{"cmd":"...","token":"..."}</c>.</summary>
internal readonly record struct StatusRequest(string Cmd, string? Token);
