namespace Parley.Bots.Engine.Sessions;

/// <summary>Where a flow is: its name, its current step, what it collected so far.</summary>
public sealed class FlowState
{
    public string Name { get; set; } = "";
    public string Step { get; set; } = "";
    public long StartedAt { get; set; }

    /// <summary>How many answers the current step has received (for "three tries" rules).</summary>
    public int Attempts { get; set; }

    public Dictionary<string, string> Data { get; set; } = new(StringComparer.Ordinal);
}
