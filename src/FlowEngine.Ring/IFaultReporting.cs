namespace FlowEngine.Ring;

/// <summary>Lets the pipeline hear about a processor's halting failure whatever the processor's handler type.</summary>
internal interface IFaultReporting
{
    /// <summary>Called on the processor's thread when a handler failure halts it.</summary>
    Action<HandlerFault>? FaultObserver { get; set; }
}
