namespace FlowEngine.Market.Dbn;

/// <summary>Text renderings of MBO records that match Databento's tools byte for byte.</summary>
public enum DbnTextFormat
{
    /// <summary>CSV with a header row, like databento-python's <c>to_csv</c> / the dbn CLI <c>--csv</c>.</summary>
    Csv,
    /// <summary>One JSON object per line, like <c>to_json</c> / the dbn CLI <c>--json</c>.</summary>
    Json,
}
