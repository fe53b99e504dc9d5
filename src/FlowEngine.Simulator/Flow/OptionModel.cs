using FlowEngine.Simulator.Randomness;

namespace FlowEngine.Simulator.Flow;

/// <summary>
/// Prices the chain from the future with the normal (Bachelier) model, which needs no logarithms and is
/// what desks use for short-dated index options: call = (F−K)·Φ(d) + s·φ(d), put = call − (F−K), with
/// d = (F−K)/s and s = σ·F₀·√(T) the price-unit standard deviation to expiry. The volatility is fixed
/// for the session; the simulator only needs options to move with the future by their delta.
/// </summary>
internal sealed class OptionModel
{
    private readonly double _sigmaPoints;

    /// <summary>Sets the price-unit standard deviation from the opening future price.</summary>
    public OptionModel(double futurePoints, double volatility, double daysToExpiry)
    {
        _sigmaPoints = volatility * futurePoints * Math.Sqrt(daysToExpiry / 365.0);
    }

    /// <summary>Standard deviation of the future to expiry, in price points.</summary>
    public double SigmaPoints => _sigmaPoints;

    /// <summary>Theoretical premium in price points.</summary>
    public double Premium(double futurePoints, double strikePoints, bool isCall)
    {
        var x = futurePoints - strikePoints;
        var d = x / _sigmaPoints;
        var call = x * DeterministicMath.NormalCdf(d) + _sigmaPoints * DeterministicMath.NormalPdf(d);
        return isCall ? call : call - x;
    }
}
