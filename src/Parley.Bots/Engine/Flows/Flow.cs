using Parley.Bots.Engine.Sessions;

namespace Parley.Bots.Engine.Flows;

/// <summary>
/// A multi-step conversation (ask, check, ask again, finish) whose state lives in the session, so it
/// survives restarts and continues on whichever instance gets the next message. A skill starts it with
/// <see cref="BotContext.StartFlow"/>; while it is active, every message goes to <see cref="ContinueAsync"/>
/// first. <c>reset</c> always ends it; so does the session's idle timeout.
/// </summary>
public abstract class Flow
{
    /// <summary>Unique within the bot; stored in the session.</summary>
    public abstract string Name { get; }

    /// <summary>Handles the contact's answer at <see cref="FlowState.Step"/>.</summary>
    public abstract Task<FlowResult> ContinueAsync(BotContext context, FlowState state, CancellationToken ct);
}

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

public enum FlowResultKind
{
    Next,
    Stay,
    Done,
    Pass,
}
