namespace FlowEngine.Flow.Scoring;

/// <summary>The names users see for grades, actions, kinds and directions (upper-case, as in the IFD design).</summary>
public static class SignalNames
{
    /// <summary>EXTREME, VERY_HIGH, HIGH, MODERATE or NONE.</summary>
    public static string Grade(SignalGrade grade) => grade switch
    {
        SignalGrade.Extreme => "EXTREME",
        SignalGrade.VeryHigh => "VERY_HIGH",
        SignalGrade.High => "HIGH",
        SignalGrade.Moderate => "MODERATE",
        _ => "NONE",
    };

    /// <summary>STRONG_BUY, BUY, MONITOR, IGNORE, SELL or STRONG_SELL.</summary>
    public static string Action(SignalAction action) => action switch
    {
        SignalAction.StrongBuy => "STRONG_BUY",
        SignalAction.Buy => "BUY",
        SignalAction.Monitor => "MONITOR",
        SignalAction.Sell => "SELL",
        SignalAction.StrongSell => "STRONG_SELL",
        _ => "IGNORE",
    };

    /// <summary>SWEEP, ICEBERG, ABSORPTION or AGGRESSIVE.</summary>
    public static string Kind(SignalKind kind) => kind switch
    {
        SignalKind.Sweep => "SWEEP",
        SignalKind.Iceberg => "ICEBERG",
        SignalKind.Absorption => "ABSORPTION",
        SignalKind.Aggressive => "AGGRESSIVE",
        _ => "UNKNOWN",
    };

    /// <summary>BUY or SELL.</summary>
    public static string Direction(SignalDirection direction) => direction == SignalDirection.Buy ? "BUY" : "SELL";

    /// <summary>The action for a grade and direction: EXTREME/VERY_HIGH strong, HIGH plain, MODERATE monitor.</summary>
    public static SignalAction ActionFor(SignalGrade grade, SignalDirection direction) => grade switch
    {
        SignalGrade.Extreme or SignalGrade.VeryHigh => direction == SignalDirection.Buy ? SignalAction.StrongBuy : SignalAction.StrongSell,
        SignalGrade.High => direction == SignalDirection.Buy ? SignalAction.Buy : SignalAction.Sell,
        SignalGrade.Moderate => SignalAction.Monitor,
        _ => SignalAction.Ignore,
    };
}
