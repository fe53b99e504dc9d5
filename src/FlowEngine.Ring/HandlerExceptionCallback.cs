namespace FlowEngine.Ring;

/// <summary>
/// Reports a handler failure, on the handler's own thread, before the policy is applied. This is the logging
/// hook: the ring itself has no logging dependency. An exception thrown by the callback halts the pipeline.
/// </summary>
/// <param name="handlerName">Name of the handler that threw.</param>
/// <param name="sequence">Sequence of the event being handled, or the last processed one for start/shutdown failures.</param>
/// <param name="exception">What the handler threw.</param>
public delegate void HandlerExceptionCallback(string handlerName, long sequence, Exception exception);
