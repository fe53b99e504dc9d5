namespace FlowEngine.Engine.Configuration;

/// <summary>
/// A named set of built-in defaults. A profile says what the run is for, so one config file can serve
/// development, paper trading and live trading with only the differences spelled out.
/// </summary>
public enum EngineProfile
{
    /// <summary>Development: simulator flat out for a bounded number of events, no fsync, debug logs.</summary>
    Dev,
    /// <summary>Paper trading: a paced, live-like feed that runs until stopped; journal fsynced in batches.</summary>
    Paper,
    /// <summary>Live: like paper, with a tighter fsync interval so a crash loses less journal.</summary>
    Live,
}
