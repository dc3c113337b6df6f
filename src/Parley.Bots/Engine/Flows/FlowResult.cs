namespace Parley.Bots.Engine.Flows;

/// <summary>What a flow step decided.</summary>
public sealed record FlowResult
{
    private FlowResult(FlowResultKind kind, string? step)
    {
        Kind = kind;
        Step = step;
    }

    public FlowResultKind Kind { get; }

    /// <summary>The next step, for <see cref="FlowResultKind.Next"/>.</summary>
    public string? Step { get; }

    /// <summary>Go on to <paramref name="step"/> (its attempts start at zero).</summary>
    public static FlowResult Next(string step) => new(FlowResultKind.Next, step);

    /// <summary>Stay at this step (an answer that did not fit; attempts are counted).</summary>
    public static readonly FlowResult Stay = new(FlowResultKind.Stay, null);

    /// <summary>The flow is finished.</summary>
    public static readonly FlowResult Done = new(FlowResultKind.Done, null);

    /// <summary>Not for this flow: the router goes on to commands, intents and the fallback; the flow stays active.</summary>
    public static readonly FlowResult Pass = new(FlowResultKind.Pass, null);
}
